import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPair } from '../../hardware/transports/memory-transport.js';
import type { MemoryTransport } from '../../hardware/transports/memory-transport.js';
import type { CloseReason } from '../../hardware/transports/transport.js';
import { describeTransportContract } from '../support/transport-contract.js';
import type { TransportFixture } from '../support/transport-contract.js';
import { collectBytes, nextEvent } from '../support/wait.js';

/** A seeded chunk-size source, 1–7 bytes, so chunked runs are reproducible. */
function seededChunkSizes(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % 7);
  };
}

async function memoryFixture(chunkSizes?: () => number): Promise<TransportFixture> {
  const [device, simulator] = createMemoryPair(chunkSizes === undefined ? {} : { chunkSizes });
  await simulator.open();
  return {
    transport: device,
    peer: simulator,
    disconnect: () => {
      simulator.disconnect('cable pulled');
      return Promise.resolve();
    },
    dispose: () => simulator.close(),
  };
}

describeTransportContract('MemoryTransport', () => memoryFixture());
describeTransportContract('MemoryTransport in 1–7 byte chunks', () => memoryFixture(seededChunkSizes(42)));

describe('MemoryTransport', () => {
  const opened: MemoryTransport[] = [];

  async function openPair(chunkSizes?: () => number): Promise<[MemoryTransport, MemoryTransport]> {
    const pair = createMemoryPair(chunkSizes === undefined ? {} : { chunkSizes });
    opened.push(...pair);
    await Promise.all(pair.map((end) => end.open()));
    return pair;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((end) => end.close()));
  });

  it('delivers asynchronously, never inside write()', async () => {
    const [a, b] = await openPair();
    const received = collectBytes((listener) => b.onData(listener));

    const written = a.write(Uint8Array.of(1, 2, 3));
    expect(received.bytes).toHaveLength(0);
    await written;

    expect(received.bytes).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('splits writes into the chunk sizes asked for, without losing or reordering bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: -2, max: 12 }), { minLength: 1, maxLength: 20 }),
        async (writes, sizes) => {
          let next = 0;
          const asked: number[] = [];
          const chunkSizes = (): number => {
            const size = sizes[next % sizes.length] ?? 1;
            next += 1;
            asked.push(Math.max(1, size));
            return size;
          };
          const [a, b] = await openPair(chunkSizes);
          const received = collectBytes((listener) => b.onData(listener));

          await Promise.all(writes.map((bytes) => a.write(bytes)));
          await Promise.all([a.close(), b.close()]);

          const expected = Uint8Array.from(writes.flatMap((bytes) => [...bytes]));
          expect(received.bytes).toEqual(expected);
          // A chunk may be shorter than asked only where a write ends.
          received.chunks.forEach((chunk, index) => expect(chunk.length).toBeLessThanOrEqual(asked[index] ?? 0));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fails open() with noHardware while hasHardware is false', async () => {
    const [a] = createMemoryPair({ names: ['memory:reader', 'memory:reader-sim'] });
    a.hasHardware = false;

    await expect(a.open()).rejects.toMatchObject({
      name: 'TransportError',
      code: 'noHardware',
      message: 'cannot open memory:reader: no device attached',
    });
    expect(a.isOpen).toBe(false);

    a.hasHardware = true;
    await a.open();
    opened.push(a);
    expect(a.isOpen).toBe(true);
  });

  it('closes both ends on disconnect(), loses bytes in flight, and allows reopening', async () => {
    const [a, b] = await openPair(() => 1);
    const reasonsA: CloseReason[] = [];
    const reasonsB: CloseReason[] = [];
    a.onClose((reason) => reasonsA.push(reason));
    b.onClose((reason) => reasonsB.push(reason));
    const received = collectBytes((listener) => b.onData(listener));

    const inFlight = a.write(Uint8Array.of(1, 2, 3, 4));
    a.disconnect('USB cable pulled');

    await expect(inFlight).rejects.toMatchObject({ code: 'offline' });
    expect(reasonsA).toEqual([{ kind: 'disconnected', detail: 'USB cable pulled' }]);
    expect(reasonsB).toEqual([{ kind: 'disconnected', detail: 'USB cable pulled' }]);
    expect(received.bytes).toHaveLength(0);

    await Promise.all([a.open(), b.open()]);
    await a.write(Uint8Array.of(9));
    expect(await received.untilLength(1)).toEqual(Uint8Array.of(9));
  });

  it('keeps an unplugged device unplugged until hasHardware is set back', async () => {
    const [device, simulator] = await openPair();
    const closed = nextEvent<CloseReason>((listener) => device.onClose(listener), 'device close');

    device.hasHardware = false;
    simulator.disconnect();

    expect(await closed).toEqual({ kind: 'disconnected', detail: 'unplugged' });
    await expect(device.open()).rejects.toMatchObject({ code: 'noHardware' });
    device.hasHardware = true;
    await device.open();
    expect(device.isOpen).toBe(true);
  });

  it('drops bytes written while the far end is closed, like a line nobody listens to', async () => {
    const [a, b] = await openPair();
    const received = collectBytes((listener) => b.onData(listener));
    await b.close();

    await a.write(Uint8Array.of(1, 2));
    await b.open();
    await a.write(Uint8Array.of(3));

    expect(await received.untilLength(1)).toEqual(Uint8Array.of(3));
  });

  it('resolves an empty write without delivering anything', async () => {
    const [a, b] = await openPair();
    const received = collectBytes((listener) => b.onData(listener));

    await a.write(new Uint8Array(0));
    await a.write(Uint8Array.of(5));

    expect(await received.untilLength(1)).toEqual(Uint8Array.of(5));
    expect(received.chunks).toHaveLength(1);
  });
});
