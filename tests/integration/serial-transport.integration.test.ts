import { afterEach, describe, expect, it } from 'vitest';
import { createSerialBinding } from '../../hardware/transports/serial-binding.js';
import { SerialTransport } from '../../hardware/transports/serial-transport.js';
import type { CloseReason } from '../../hardware/transports/transport.js';
import { startPtyPair } from '../support/pty.js';
import type { PtyPair } from '../support/pty.js';
import { describeTransportContract } from '../support/transport-contract.js';
import type { TransportFixture } from '../support/transport-contract.js';
import { collectBytes, nextEvent, withTimeout } from '../support/wait.js';

async function serialFixture(): Promise<TransportFixture> {
  const pty = await startPtyPair();
  const transport = new SerialTransport({ path: pty.pathA });
  const peer = new SerialTransport({ path: pty.pathB });
  try {
    await peer.open();
  } catch (error) {
    await pty.stop();
    throw error;
  }
  return {
    transport,
    peer,
    disconnect: () => pty.kill(),
    async dispose() {
      await peer.close();
      await pty.stop();
    },
  };
}

describeTransportContract('SerialTransport over a socat pty pair', serialFixture);

describe('SerialTransport', () => {
  let pty: PtyPair | undefined;
  const transports: SerialTransport[] = [];

  function serial(path: string): SerialTransport {
    const transport = new SerialTransport({ path });
    transports.push(transport);
    return transport;
  }

  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    await pty?.stop();
    pty = undefined;
  });

  it('reports unplug as disconnected and reopens by the same path after replug', async () => {
    pty = await startPtyPair();
    const device = serial(pty.pathA);
    const simulator = serial(pty.pathB);
    await Promise.all([device.open(), simulator.open()]);
    const closed = nextEvent<CloseReason>((listener) => device.onClose(listener), 'device onClose after unplug');

    // No traffic before the unplug on purpose: an idle hung-up tty returns end-of-file,
    // which stock bindings-cpp 13 retries forever instead of reporting
    // (bindings-cpp#162).
    await pty.kill();

    expect(await closed).toMatchObject({ kind: 'disconnected' });
    expect(device.isOpen).toBe(false);
    await expect(device.open()).rejects.toMatchObject({ code: 'noHardware' });

    await pty.restart();
    await Promise.all([device.open(), simulator.open()]);
    const received = collectBytes((listener) => simulator.onData(listener));
    await device.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
    expect(await received.untilLength(5)).toEqual(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
  });

  it('rejects open() of a missing port with noHardware in plain words', async () => {
    const missing = serial('/dev/ttyKIOSK-MISSING');

    await expect(missing.open()).rejects.toMatchObject({
      name: 'TransportError',
      code: 'noHardware',
      message: 'cannot open /dev/ttyKIOSK-MISSING: no such port',
    });
    expect(missing.isOpen).toBe(false);
  });

  it('rejects open() of a port another program holds with busy', async () => {
    pty = await startPtyPair();
    await serial(pty.pathA).open();

    await expect(serial(pty.pathA).open()).rejects.toMatchObject({
      code: 'busy',
      message: `cannot open ${pty.pathA}: the port is in use by another program`,
    });
  });

  it('lists ports without throwing', async () => {
    const listing = await SerialTransport.listPorts();

    expect(Array.isArray(listing.ports)).toBe(true);
    for (const port of listing.ports) expect(port.path).not.toBe('');
  });
});

describe('createSerialBinding', () => {
  let pty: PtyPair | undefined;

  afterEach(async () => {
    await pty?.stop();
    pty = undefined;
  });

  it('rejects a read from a hung-up line instead of retrying end-of-file forever', async () => {
    // Reading only after the hang-up is the window where stock bindings-cpp 13 spins
    // (bindings-cpp#162): read(2) returns 0 at once and it never waits on the poller.
    pty = await startPtyPair();
    const port = await createSerialBinding().open({ path: pty.pathA, baudRate: 115_200 });
    try {
      await pty.kill();

      const read = withTimeout(port.read(Buffer.alloc(64), 0, 64), 'the read to fail');

      // Linux answers end-of-file here; EIO would be an acceptable answer too.
      await expect(read).rejects.toThrow(/hung up|EIO/);
      await expect(read).rejects.not.toMatchObject({ canceled: true });
    } finally {
      await port.close();
    }
  });
});
