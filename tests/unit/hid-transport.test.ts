import { afterEach, describe, expect, it } from 'vitest';
import type { HidBinding } from '../../hardware/transports/hid-binding.js';
import { HidUnavailableError } from '../../hardware/transports/hid-binding.js';
import { HidTransport } from '../../hardware/transports/hid-transport.js';
import type { CloseReason } from '../../hardware/transports/transport.js';
import { FAKE_HID_UNPLUG_ERROR, FakeHidBinding, FakeHidDeviceEnd, type FakeHidDeviceOptions } from '../support/fake-hid.js';
import { describeTransportContract, type TransportFixture } from '../support/transport-contract.js';
import { collectBytes, nextEvent } from '../support/wait.js';

const MIAXIS = { vendorId: 0x10c4, productId: 0x0007, product: 'Miaxis ID card reader', usagePage: 0xff00, usage: 1 } as const;

async function hidFixture(device: FakeHidDeviceOptions, transportOptions: { reportId?: number; reportSize?: number } = {}): Promise<TransportFixture> {
  const binding = new FakeHidBinding();
  const fake = binding.addDevice(device);
  const peer = new FakeHidDeviceEnd(fake);
  await peer.open();
  return {
    transport: new HidTransport({ vendorId: device.vendorId, productId: device.productId, binding, ...transportOptions }),
    peer,
    disconnect: () => {
      fake.unplug();
      return Promise.resolve();
    },
    dispose: () => peer.close(),
  };
}

describeTransportContract('HidTransport (unnumbered 64-byte reports)', () => hidFixture(MIAXIS), { reportBytes: 64 });
// HID POS style (protocols.md §3.2): 64-byte reports whose first byte is report ID 2.
describeTransportContract(
  'HidTransport (report ID 2, 63-byte payload)',
  () => hidFixture({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, reportId: 2, reportSize: 63 }, { reportId: 2, reportSize: 63 }),
  { reportBytes: 63 },
);

describe('HidTransport', () => {
  const transports: HidTransport[] = [];

  function track(transport: HidTransport): HidTransport {
    transports.push(transport);
    return transport;
  }

  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
  });

  it('writes one whole report: report ID first, payload zero-padded to the report size', async () => {
    const binding = new FakeHidBinding();
    const device = binding.addDevice(MIAXIS);
    const reports = collectBytes((listener) => device.onOutputReport(listener));
    const written: Buffer[] = [];
    // Watch what node-hid would be handed, on top of the fake's own length check.
    const spying: HidBinding = {
      list: () => binding.list(),
      open: async (target) => {
        const handle = await binding.open(target);
        const write = handle.write.bind(handle);
        handle.write = (data) => {
          written.push(Buffer.from(data));
          return write(data);
        };
        return handle;
      },
    };
    const transport = track(new HidTransport({ ...MIAXIS, binding: spying }));
    await transport.open();

    await transport.write(Uint8Array.of(0x88, 0x00, 0x00, 0x0b));

    expect(written).toHaveLength(1);
    expect(written[0]).toHaveLength(65);
    expect([...(written[0] ?? [])].slice(0, 6)).toEqual([0x00, 0x88, 0x00, 0x00, 0x0b, 0x00]);
    expect(await reports.untilLength(64)).toEqual(Uint8Array.from([0x88, 0x00, 0x00, 0x0b, ...new Uint8Array(60)]));
  });

  it('refuses a write larger than one report, in plain words', async () => {
    const binding = new FakeHidBinding();
    binding.addDevice(MIAXIS);
    const transport = track(new HidTransport({ ...MIAXIS, binding }));
    await transport.open();

    await expect(transport.write(new Uint8Array(65))).rejects.toMatchObject({
      name: 'TransportError',
      code: 'failure',
      message:
        'cannot write 65 bytes to hid:10c4:0007: a HID transport sends one report of at most 64 bytes per write; ' +
        'the envelope codec cuts frames into reports',
    });
    expect(transport.isOpen).toBe(true);
  });

  it('strips the report ID of numbered input reports and drops reports with another ID', async () => {
    const binding = new FakeHidBinding();
    const device = binding.addDevice({ vendorId: 1, productId: 2, reportId: 2, reportSize: 7 });
    const transport = track(new HidTransport({ vendorId: 1, productId: 2, reportId: 2, reportSize: 7, binding }));
    const otherId = track(new HidTransport({ vendorId: 1, productId: 2, reportId: 4, reportSize: 7, binding }));
    await Promise.all([transport.open(), otherId.open()]);
    const received = collectBytes((listener) => transport.onData(listener));
    const receivedByOther = collectBytes((listener) => otherId.onData(listener));

    device.sendReport(Uint8Array.of(0x51, 0x52));

    expect(await received.untilLength(7)).toEqual(Uint8Array.of(0x51, 0x52, 0, 0, 0, 0, 0));
    expect(received.chunks).toHaveLength(1);
    expect(receivedByOther.bytes).toHaveLength(0);
  });

  it('opens by path when one is given, and names the device by path', async () => {
    const binding = new FakeHidBinding();
    binding.addDevice({ ...MIAXIS, path: '/dev/hidraw0' });
    const second = binding.addDevice({ ...MIAXIS, path: '/dev/hidraw1' });
    const transport = track(new HidTransport({ path: '/dev/hidraw1', ...MIAXIS, binding }));

    await transport.open();

    expect(binding.opened).toEqual([{ path: '/dev/hidraw1' }]);
    expect(second.openHandles).toBe(1);
    expect(transport.description).toBe('hid:/dev/hidraw1');
  });

  it.each([
    ['cannot open device with vendor id 0x10c4 and product id 0x7: No HID devices with requested VID/PID found in the system.', 'noHardware', 'not found'],
    [
      'cannot open device with vendor id 0x10c4 and product id 0x7: Device with requested VID/PID/(SerialNumber) not found',
      'noHardware',
      'not found',
    ],
    [
      "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied",
      'failure',
      'permission denied (udev rule? the kiosk user needs read/write access to /dev/hidraw*)',
    ],
    ["cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Device or resource busy", 'busy', 'the device is in use by another program'],
    ["ioctl(GRDESCSIZE) error for '/dev/ttyS0', not a HIDRAW device?: Inappropriate ioctl for device", 'failure', 'this is not a HID device'],
    ['Error: something odd', 'failure', 'something odd'],
  ])('turns the open error "%s" into %s', async (native, code, words) => {
    const binding: HidBinding = { list: () => Promise.resolve([]), open: () => Promise.reject(new Error(native)) };
    const transport = new HidTransport({ ...MIAXIS, binding });

    await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code, message: `cannot open HID device 10c4:0007: ${words}` });
    expect(transport.isOpen).toBe(false);
  });

  it('says "not found" and "permission denied" for the fake device, too', async () => {
    const binding = new FakeHidBinding();
    const device = binding.addDevice(MIAXIS);
    device.unplug();
    const transport = track(new HidTransport({ ...MIAXIS, binding }));
    await expect(transport.open()).rejects.toMatchObject({ code: 'noHardware', message: 'cannot open HID device 10c4:0007: not found' });
    device.plug();
    device.isAccessDenied = true;
    await expect(transport.open()).rejects.toMatchObject({ code: 'failure', message: expect.stringMatching(/: permission denied \(udev rule\?/u) as unknown });
    device.isAccessDenied = false;
    await transport.open();
    expect(transport.isOpen).toBe(true);
  });

  it('reports node-hid that cannot load as a failure to open', async () => {
    const binding: HidBinding = {
      list: () => Promise.reject(new HidUnavailableError('node-hid cannot load its native addon: libusb-1.0.so.0: cannot open shared object file')),
      open: () => Promise.reject(new HidUnavailableError('node-hid cannot load its native addon: libusb-1.0.so.0: cannot open shared object file')),
    };
    await expect(new HidTransport({ path: '/dev/hidraw0', binding }).open()).rejects.toMatchObject({
      code: 'failure',
      message: 'cannot open HID device /dev/hidraw0: node-hid cannot load its native addon: libusb-1.0.so.0: cannot open shared object file',
    });
  });

  it('reports an unplug as disconnected with node-hid’s words, fails writes queued behind it, and reopens after replug', async () => {
    const binding = new FakeHidBinding();
    const device = binding.addDevice(MIAXIS);
    const transport = track(new HidTransport({ ...MIAXIS, binding }));
    await transport.open();
    const closed = nextEvent<CloseReason>((listener) => transport.onClose(listener), 'close after unplug');
    const writes = [transport.write(Uint8Array.of(1)), transport.write(Uint8Array.of(2)), transport.write(Uint8Array.of(3))];

    device.unplug();

    expect(await closed).toEqual({ kind: 'disconnected', detail: `the device went away (${FAKE_HID_UNPLUG_ERROR})` });
    for (const write of writes) await expect(write).rejects.toMatchObject({ name: 'TransportError', code: 'offline' });
    expect(device.openHandles).toBe(0);
    await expect(transport.open()).rejects.toMatchObject({ code: 'noHardware' });

    device.plug();
    await transport.open();
    const received = collectBytes((listener) => device.onOutputReport(listener));
    await transport.write(Uint8Array.of(9));
    expect((await received.untilLength(64))[0]).toBe(9);
  });

  it('does not take a throwing data listener for an unplug', async () => {
    const binding = new FakeHidBinding();
    const device = binding.addDevice(MIAXIS);
    const transport = track(new HidTransport({ ...MIAXIS, binding }));
    await transport.open();
    const reasons: CloseReason[] = [];
    transport.onClose((reason) => reasons.push(reason));
    const kept = collectBytes((listener) => transport.onData(listener));
    const bug = new Error('listener bug');
    transport.onData(() => {
      throw bug;
    });
    // Catch the rethrow where it happens (a microtask), instead of as an uncaught error.
    const original = globalThis.queueMicrotask;
    const rethrown = new Promise<unknown>((resolve) => {
      globalThis.queueMicrotask = (callback) =>
        original(() => {
          try {
            callback();
          } catch (error) {
            resolve(error);
          }
        });
    });
    try {
      device.sendReport(Uint8Array.of(1));

      expect(await rethrown).toBe(bug);
      await kept.untilLength(64);
    } finally {
      globalThis.queueMicrotask = original;
    }
    expect(reasons).toEqual([]);
    expect(transport.isOpen).toBe(true);
  });

  it('refuses bad ids, report IDs and report sizes at construction', () => {
    expect(() => new HidTransport({ vendorId: 0x1_0000, productId: 1 })).toThrow(RangeError);
    expect(() => new HidTransport({ path: '/dev/hidraw0', reportId: 256 })).toThrow(RangeError);
    expect(() => new HidTransport({ path: '/dev/hidraw0', reportSize: 0 })).toThrow(RangeError);
    expect(new HidTransport({ vendorId: 0x10c4, productId: 7, serialNumber: 'A1' }).description).toBe('hid:10c4:0007 (serial A1)');
  });
});

describe('HidTransport.listHidDevices()', () => {
  it('lists the devices a binding reports', async () => {
    const binding = new FakeHidBinding();
    binding.addDevice({ ...MIAXIS, path: '/dev/hidraw2' });
    expect(await HidTransport.listHidDevices(binding)).toEqual({
      devices: [{ vendorId: 0x10c4, productId: 7, path: '/dev/hidraw2', product: 'Miaxis ID card reader', usagePage: 0xff00, usage: 1 }],
    });
  });

  it('returns no devices and a reason when node-hid cannot load', async () => {
    const binding: HidBinding = {
      list: () => Promise.reject(new HidUnavailableError('node-hid cannot load its native addon: No native build was found for platform=linux arch=riscv64')),
      open: () => Promise.reject(new Error('not used')),
    };
    expect(await HidTransport.listHidDevices(binding)).toEqual({
      devices: [],
      reason: 'cannot list HID devices: node-hid cannot load its native addon: No native build was found for platform=linux arch=riscv64',
    });
  });

  it('loads the real node-hid here and lists without throwing (the list may be empty)', async () => {
    const listing = await HidTransport.listHidDevices();
    expect(listing.reason).toBeUndefined();
    expect(Array.isArray(listing.devices)).toBe(true);
  });
});
