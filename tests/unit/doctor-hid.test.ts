import { describe, expect, it } from 'vitest';
import { runDoctor, type DoctorIo } from '../../hardware/cli/doctor.js';
import { HidUnavailableError, type HidBinding } from '../../hardware/transports/hid-binding.js';
import { FakeHidBinding } from '../support/fake-hid.js';

function capture(hidBinding: HidBinding): { io: DoctorIo; out: string[]; errors: string[] } {
  const out: string[] = [];
  const errors: string[] = [];
  const io: DoctorIo = { stdout: (t) => out.push(t), stderr: (t) => errors.push(t), readStdin: () => Promise.resolve(''), hidBinding };
  return { io, out, errors };
}

function twoDevices(): FakeHidBinding {
  const binding = new FakeHidBinding();
  binding.addDevice({ vendorId: 0x10c4, productId: 0x0007, path: '/dev/hidraw0', product: 'Miaxis ID card reader', usagePage: 0xff00, usage: 1 });
  binding.addDevice({ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw1', usagePage: 0x8c, usage: 2 });
  return binding;
}

describe('doctor hid', () => {
  it('prints a table with ids in hex, missing fields as "-"', async () => {
    const { io, out, errors } = capture(twoDevices());

    expect(await runDoctor(['hid'], io)).toBe(0);

    expect(out.join('')).toBe(
      [
        'VID:PID    USAGE      PRODUCT                PATH',
        '10c4:0007  ff00:0001  Miaxis ID card reader  /dev/hidraw0',
        '0c2e:0b61  008c:0002  -                      /dev/hidraw1',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });

  it('prints JSON with --json', async () => {
    const { io, out } = capture(twoDevices());

    expect(await runDoctor(['hid', '--json'], io)).toBe(0);

    expect(JSON.parse(out.join(''))).toEqual([
      { vendorId: 0x10c4, productId: 7, path: '/dev/hidraw0', product: 'Miaxis ID card reader', usagePage: 0xff00, usage: 1 },
      { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw1', usagePage: 0x8c, usage: 2 },
    ]);
  });

  it('exits 0 with an empty list: nothing plugged in is not a failure', async () => {
    const table = capture(new FakeHidBinding());
    expect(await runDoctor(['hid'], table.io)).toBe(0);
    expect(table.out.join('')).toBe('no HID devices found\n');
    const json = capture(new FakeHidBinding());
    expect(await runDoctor(['hid', '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out.join(''))).toEqual([]);
  });

  it('exits 1 with one plain line when node-hid cannot load', async () => {
    const broken: HidBinding = {
      list: () => Promise.reject(new HidUnavailableError('node-hid cannot load its native addon: libusb-1.0.so.0: cannot open shared object file')),
      open: () => Promise.reject(new Error('not used')),
    };
    const { io, out, errors } = capture(broken);

    expect(await runDoctor(['hid', '--json'], io)).toBe(1);

    expect(out).toEqual([]);
    expect(errors.join('')).toBe(
      'doctor: cannot list HID devices: node-hid cannot load its native addon: libusb-1.0.so.0: cannot open shared object file\n',
    );
  });

  it('exits 2 on an unknown option, and shows help', async () => {
    const bad = capture(new FakeHidBinding());
    expect(await runDoctor(['hid', '--all'], bad.io)).toBe(2);
    expect(bad.errors.join('')).toBe('doctor: hid: unexpected "--all" (only --json)\n');
    const help = capture(new FakeHidBinding());
    expect(await runDoctor(['hid', '--help'], help.io)).toBe(0);
    expect(help.out.join('')).toMatch(/^usage: npm run doctor -- hid \[--json\]/u);
  });
});
