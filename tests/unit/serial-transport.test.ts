import { describe, expect, it } from 'vitest';
import type { SerialBinding, SerialOpenOptions } from '../../hardware/transports/serial-binding.js';
import { SerialTransport } from '../../hardware/transports/serial-transport.js';

/**
 * A binding whose `open` fails with a bindings-cpp style message (no `code`, only text).
 */
function failingBinding(nativeMessage: string): SerialBinding & { readonly opened: SerialOpenOptions[] } {
  const opened: SerialOpenOptions[] = [];
  return {
    opened,
    list: () => Promise.resolve([]),
    open: (options) => {
      opened.push(options);
      return Promise.reject(new Error(nativeMessage));
    },
  };
}

function listingBinding(list: SerialBinding['list']): SerialBinding {
  return { list, open: () => Promise.reject(new Error('not used')) };
}

describe('SerialTransport.open() errors', () => {
  it.each([
    ['Error: No such file or directory, cannot open /dev/ttyUSB0', 'noHardware', 'no such port'],
    ['Error Resource temporarily unavailable Cannot lock port', 'busy', 'the port is in use by another program'],
    [
      'Error: Permission denied, cannot open /dev/ttyUSB0',
      'failure',
      'permission denied (is the kiosk user in the dialout group?)',
    ],
    ['Error: Inappropriate ioctl for device setting custom baud rate of 115200', 'failure', 'this is not a serial port'],
    ['Error: Input/output error, cannot open /dev/ttyUSB0', 'failure', 'Input/output error, cannot open /dev/ttyUSB0'],
  ])('turns "%s" into %s', async (native, code, words) => {
    const transport = new SerialTransport({ path: '/dev/ttyUSB0', binding: failingBinding(native) });

    await expect(transport.open()).rejects.toMatchObject({
      name: 'TransportError',
      code,
      message: `cannot open /dev/ttyUSB0: ${words}`,
    });
    expect(transport.isOpen).toBe(false);
  });

  it('opens with 115200 8N1, no flow control, unless told otherwise', async () => {
    const binding = failingBinding('Error: No such file or directory');
    await new SerialTransport({ path: '/dev/ttyS0', binding }).open().catch(() => undefined);
    await new SerialTransport({ path: '/dev/ttyS1', binding, baudRate: 9600, parity: 'even', xon: true })
      .open()
      .catch(() => undefined);

    expect(binding.opened[0]).toMatchObject({
      path: '/dev/ttyS0',
      baudRate: 115_200,
      dataBits: 8,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
    });
    expect(binding.opened[1]).toMatchObject({ baudRate: 9600, parity: 'even', xon: true, xoff: true });
  });

  it('describes itself by path and baud rate', () => {
    expect(new SerialTransport({ path: '/dev/ttyACM0', baudRate: 9600 }).description).toBe('/dev/ttyACM0@9600');
  });
});

describe('SerialTransport.listPorts()', () => {
  it('returns no ports and a reason when udevadm is missing', async () => {
    const missing = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });

    const listing = await SerialTransport.listPorts(listingBinding(() => Promise.reject(missing)));

    expect(listing).toEqual({
      ports: [],
      reason: 'cannot list serial ports: udevadm is missing (install udev, or name the port path in the configuration)',
    });
  });

  it('returns no ports and the error in words when listing fails otherwise', async () => {
    const failed = new Error('Error listing ports udevadm exited with error code: 1');

    const listing = await SerialTransport.listPorts(listingBinding(() => Promise.reject(failed)));

    expect(listing).toEqual({
      ports: [],
      reason: 'cannot list serial ports: Error listing ports udevadm exited with error code: 1',
    });
  });

  it('drops empty fields and lower-cases USB ids', async () => {
    const listing = await SerialTransport.listPorts(
      listingBinding(() =>
        Promise.resolve([
          { path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: '' },
          { path: '/dev/ttyACM0', vendorId: '1A86', productId: '7523', pnpId: undefined },
        ]),
      ),
    );

    expect(listing).toEqual({
      ports: [
        { path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' },
        { path: '/dev/ttyACM0', vendorId: '1a86', productId: '7523' },
      ],
    });
  });
});
