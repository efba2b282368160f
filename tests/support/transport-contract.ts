import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CloseReason, Transport } from '../../hardware/transports/transport.js';
import { TransportError } from '../../hardware/transports/transport-error.js';
import { type ByteCollector, collectBytes, nextEvent } from './wait.js';

/** The far end of the link, as the contract suite needs it: any `Transport` qualifies. */
export interface TransportPeer {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): () => void;
}

/** What one implementation provides to the contract suite, fresh for every test. */
export interface TransportFixture {
  /** The transport under test, not yet opened. */
  readonly transport: Transport;
  /** The far end, ready to send and receive (a second transport, a server socket, …). */
  readonly peer: TransportPeer;
  /**
   * Makes the far end vanish without touching `transport`: pull the cable, kill the pty
   * master, drop the TCP connection. Resolves once it is gone.
   */
  disconnect(): Promise<void>;
  /** Releases everything the fixture made (processes, servers, the peer). */
  dispose(): Promise<void>;
}

/**
 * Bytes 0–255 first (every value must cross intact: no XON/XOFF, CR/LF or ^C mangling),
 * then a seeded pseudo-random tail.
 */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i += 1) {
    if (i < 256) {
      bytes[i] = i;
      continue;
    }
    // xorshift32: cheap, deterministic, good enough to catch reordering and loss.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/**
 * Write sizes from 1 byte to a few KiB, so small frames and multi-read bursts both occur.
 */
const WRITE_SIZES = [1, 2, 3, 17, 255, 256, 1, 1024, 4096, 5, 700, 1, 3000, 64, 2];

function slicesOf(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const slices: Uint8Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    slices.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return slices;
}

const TOTAL = WRITE_SIZES.reduce((sum, size) => sum + size, 0);
const LARGE_TRANSFER_BYTES = 64 * 1024;

/** How an implementation differs from a byte stream; see {@link describeTransportContract}. */
export interface TransportContractOptions {
  /**
   * Set for report-level transports (HID): one `write` carries at most this many bytes
   * and arrives as one report, zero-padded to exactly this size, in each direction.
   */
  readonly reportBytes?: number;
}

/**
 * The write units and the arrival check of one implementation, so each test states what it
 * sends once and holds for byte streams and report links alike.
 */
interface Delivery {
  /** The writes that send `bytes` cut as `sizes`: as given, or further cut into reports. */
  units(bytes: Uint8Array, sizes?: readonly number[]): Uint8Array[];
  /** Waits until `units` have arrived at `collector` and checks them. */
  expectArrived(collector: ByteCollector, units: readonly Uint8Array[]): Promise<void>;
}

function streamDelivery(): Delivery {
  return {
    units: (bytes, sizes = [bytes.length]) => slicesOf(bytes, sizes),
    async expectArrived(collector, units) {
      const sent = concat(units);
      expect(await collector.untilLength(sent.length)).toEqual(sent);
    },
  };
}

/**
 * Report links keep write boundaries and pad every report, so a test's bytes arrive as
 * one padded report per unit; writes larger than a report are cut by the sender (the
 * envelope codec's job in the app). Order and completeness are checked report by report.
 */
function reportDelivery(reportBytes: number): Delivery {
  return {
    units: (bytes, sizes = [bytes.length]) =>
      slicesOf(bytes, sizes).flatMap((slice) => {
        const reports = Math.ceil(slice.length / reportBytes);
        return slicesOf(slice, Array.from({ length: reports }, () => reportBytes));
      }),
    async expectArrived(collector, units) {
      await collector.untilLength(units.length * reportBytes);
      const padded = units.map((unit) => {
        const report = new Uint8Array(reportBytes);
        report.set(unit);
        return report;
      });
      expect(collector.chunks).toEqual(padded);
    },
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/**
 * The behaviour every {@link Transport} promises, run against each implementation (as
 * node-serialport runs one suite against its mock and real bindings). `makeFixture` is
 * called before each test; the suite closes the transport and disposes the fixture after
 * it.
 *
 * With `options.reportBytes` (HID) the same tests run with one deviation, where report
 * semantics differ from a byte stream: data is sent in writes of at most one report and
 * checked report by report, padding included (see {@link reportDelivery}); the 64 KiB
 * transfer is 1024 reports each way. Everything else — life cycle, order, copying,
 * unsubscribing, disconnect — is held to the same rules.
 */
export function describeTransportContract(
  name: string,
  makeFixture: () => Promise<TransportFixture>,
  options: TransportContractOptions = {},
): void {
  const delivery = options.reportBytes === undefined ? streamDelivery() : reportDelivery(options.reportBytes);
  describe(`${name} (transport contract)`, { timeout: 20_000 }, () => {
    let fixture: TransportFixture;
    let transport: Transport;
    let peer: TransportPeer;

    beforeEach(async () => {
      fixture = await makeFixture();
      ({ transport, peer } = fixture);
    });

    afterEach(async () => {
      await transport.close();
      await fixture.dispose();
    });

    it('starts closed and rejects writes with a closed error before open()', async () => {
      expect(transport.isOpen).toBe(false);
      expect(transport.description).not.toBe('');
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'closed' });
    });

    it('opens idempotently: repeated and concurrent open() calls give one open link', async () => {
      await Promise.all([transport.open(), transport.open()]);
      await transport.open();
      expect(transport.isOpen).toBe(true);

      const received = collectBytes((listener) => transport.onData(listener));
      await peer.write(Uint8Array.of(0x10, 0x04, 0x01));
      await delivery.expectArrived(received, [Uint8Array.of(0x10, 0x04, 0x01)]);
    });

    it('closes idempotently and fires onClose requested exactly once', async () => {
      await transport.close(); // before open: nothing to report
      await transport.open();
      const reasons: CloseReason[] = [];
      transport.onClose((reason) => reasons.push(reason));

      await Promise.all([transport.close(), transport.close()]);
      await transport.close();

      expect(transport.isOpen).toBe(false);
      expect(reasons).toEqual([{ kind: 'requested' }]);
    });

    it('delivers sequential writes to the peer in order and complete', async () => {
      await transport.open();
      const received = collectBytes((listener) => peer.onData(listener));
      const units = delivery.units(patternBytes(TOTAL, 7), WRITE_SIZES);
      for (const unit of units) await transport.write(unit);

      await delivery.expectArrived(received, units);
    });

    it('keeps the order of writes issued without waiting, in both directions', async () => {
      await transport.open();
      const atPeer = collectBytes((listener) => peer.onData(listener));
      const atTransport = collectBytes((listener) => transport.onData(listener));
      const outbound = delivery.units(patternBytes(TOTAL, 11), WRITE_SIZES);
      const inbound = delivery.units(patternBytes(TOTAL, 13), WRITE_SIZES);

      await Promise.all([...outbound.map((unit) => transport.write(unit)), ...inbound.map((unit) => peer.write(unit))]);

      await delivery.expectArrived(atPeer, outbound);
      await delivery.expectArrived(atTransport, inbound);
      expect(atTransport.chunks.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
    });

    it('carries 64 KiB each way', async () => {
      await transport.open();
      const atPeer = collectBytes((listener) => peer.onData(listener));
      const atTransport = collectBytes((listener) => transport.onData(listener));
      const outbound = delivery.units(patternBytes(LARGE_TRANSFER_BYTES, 17));
      const inbound = delivery.units(patternBytes(LARGE_TRANSFER_BYTES, 19));

      await Promise.all(outbound.map((unit) => transport.write(unit)));
      await delivery.expectArrived(atPeer, outbound);
      await Promise.all(inbound.map((unit) => peer.write(unit)));
      await delivery.expectArrived(atTransport, inbound);
    });

    it('copies written bytes, so the caller may reuse its buffer at once', async () => {
      await transport.open();
      const received = collectBytes((listener) => peer.onData(listener));
      // A Buffer too: Buffer#slice makes a view, so a careless copy would still share
      // memory.
      const plain = Uint8Array.of(1, 2, 3, 4);
      const buffer = Buffer.from([5, 6, 7, 8]);
      const written = Promise.all([transport.write(plain), transport.write(buffer)]);
      plain.fill(0xee);
      buffer.fill(0xee);
      await written;

      await delivery.expectArrived(received, [Uint8Array.of(1, 2, 3, 4), Uint8Array.of(5, 6, 7, 8)]);
    });

    it('stops calling data and close listeners once unsubscribed', async () => {
      await transport.open();
      const kept = collectBytes((listener) => transport.onData(listener));
      const dropped = collectBytes((listener) => transport.onData(listener));
      dropped.stop();
      const closeReasons: CloseReason[] = [];
      const unsubscribeClose = transport.onClose((reason) => closeReasons.push(reason));
      unsubscribeClose();
      unsubscribeClose(); // idempotent

      const units = delivery.units(patternBytes(300, 23));
      for (const unit of units) await peer.write(unit);
      await delivery.expectArrived(kept, units);
      await transport.close();

      expect(dropped.bytes).toHaveLength(0);
      expect(closeReasons).toEqual([]);
    });

    it('rejects writes after close() with a closed error', async () => {
      await transport.open();
      await transport.close();

      const failure = transport.write(Uint8Array.of(0x1b, 0x40));
      await expect(failure).rejects.toBeInstanceOf(TransportError);
      await expect(failure).rejects.toMatchObject({ code: 'closed' });
    });

    it('opens again after close() and carries data', async () => {
      await transport.open();
      await transport.close();
      await transport.open();
      expect(transport.isOpen).toBe(true);

      const atPeer = collectBytes((listener) => peer.onData(listener));
      const atTransport = collectBytes((listener) => transport.onData(listener));
      await transport.write(Uint8Array.of(0xaa, 0x55));
      await delivery.expectArrived(atPeer, [Uint8Array.of(0xaa, 0x55)]);
      await peer.write(Uint8Array.of(0x06));
      await delivery.expectArrived(atTransport, [Uint8Array.of(0x06)]);
    });

    it('reports the far end vanishing as disconnected, once, and then behaves as closed', async () => {
      await transport.open();
      const reasons: CloseReason[] = [];
      transport.onClose((reason) => reasons.push(reason));
      const closed = nextEvent<CloseReason>((listener) => transport.onClose(listener), 'onClose after disconnect');

      await fixture.disconnect();
      const reason = await closed;

      expect(reason.kind).toBe('disconnected');
      expect(reason.kind !== 'requested' && reason.detail.length > 0).toBe(true);
      expect(transport.isOpen).toBe(false);
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'closed' });
      await transport.close(); // already closed: resolves, reports nothing more
      expect(reasons).toHaveLength(1);
    });
  });
}
