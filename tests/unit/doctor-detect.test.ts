/**
 * The doctor's `ports`, `detect` and `simulate` commands (issue #8) with injected io and
 * fakes: exit codes 0 / 1 / 2, the --json shapes, and the human table with the fragment to
 * paste.
 */
import { describe, expect, it } from 'vitest';
import { createDetectCommand } from '../../hardware/cli/detect.js';
import { COMMANDS, type DoctorCommand, type DoctorIo, runDoctor } from '../../hardware/cli/doctor.js';
import { createSimulateCommand, type SimulatedDevice } from '../../hardware/cli/simulate.js';
import type { DetectOptions, DetectionReport } from '../../hardware/detect/detect-devices.js';
import type { SerialBinding } from '../../hardware/transports/serial-binding.js';

function capture(serialBinding?: SerialBinding): { io: DoctorIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: DoctorIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readStdin: () => Promise.resolve(''),
    ...(serialBinding === undefined ? {} : { serialBinding }),
  };
  return { io, out: () => out, err: () => err };
}

const listing = (list: SerialBinding['list']): SerialBinding => ({ list, open: () => Promise.reject(new Error('not used')) });

describe('doctor ports', () => {
  const twoPorts = listing(() =>
    Promise.resolve([
      { path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A10K3', pnpId: 'usb-FTDI_FT232R_A10K3-if00-port0' },
      { path: '/dev/ttyS0', manufacturer: '', vendorId: undefined },
    ]),
  );

  it('prints a table; missing fields as "-"', async () => {
    const { io, out } = capture(twoPorts);
    expect(await runDoctor(['ports'], io)).toBe(0);
    expect(out()).toBe(
      [
        'PATH          MANUFACTURER  VID:PID    SERIAL  BY-ID',
        '/dev/ttyUSB0  FTDI          0403:6001  A10K3   /dev/serial/by-id/usb-FTDI_FT232R_A10K3-if00-port0',
        '/dev/ttyS0    -             -          -       -',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json; an empty list is not an error', async () => {
    const json = capture(twoPorts);
    expect(await runDoctor(['ports', '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out())).toEqual([
      { path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A10K3', pnpId: 'usb-FTDI_FT232R_A10K3-if00-port0' },
      { path: '/dev/ttyS0' },
    ]);
    const empty = capture(listing(() => Promise.resolve([])));
    expect(await runDoctor(['ports'], empty.io)).toBe(0);
    expect(empty.out()).toMatch(/^no serial ports found/);
  });

  it('exits 1 in plain words that name udev when the list cannot be read', async () => {
    const missing = capture(listing(() => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' }))));
    expect(await runDoctor(['ports'], missing.io)).toBe(1);
    expect(missing.err()).toBe('doctor: cannot list serial ports: udevadm is missing (install udev, or name the port path in the configuration)\n');
    const other = capture(listing(() => Promise.reject(new Error('udevadm exited with code 1'))));
    expect(await runDoctor(['ports'], other.io)).toBe(1);
    expect(other.err()).toMatch(/udev/);
  });

  it('exits 2 on anything but --json', async () => {
    const { io, err } = capture(twoPorts);
    expect(await runDoctor(['ports', '--all'], io)).toBe(2);
    expect(err()).toBe('doctor: ports: unknown option --all (known: --json)\n');
  });
});

const REPORT: DetectionReport = {
  serial: {
    source: 'named',
    listError: null,
    ports: [{ path: '/tmp/a' }, { path: '/tmp/b' }, { path: '/tmp/c' }],
    skipped: [],
    probes: [
      { path: '/tmp/a', found: { device: 'idCardReader', baudRate: 115_200, evidence: 'SAM status 0x90 (operation OK)' }, tried: [], durationMs: 40 },
      { path: '/tmp/b', found: null, tried: [{ baudRate: 9600, query: 'printerStatus', reply: 'noise', bytes: 3 }], durationMs: 4000 },
      { path: '/tmp/c', found: null, tried: [], error: 'cannot open /tmp/c: the port is in use by another program', errorKind: 'busy', durationMs: 2 },
    ],
  },
  hid: { isIncluded: true, devices: [], listError: null },
  proposals: [
    {
      kind: 'identified',
      device: 'idCardReader',
      via: 'serial',
      location: '/tmp/a',
      evidence: 'SAM status 0x90 (operation OK)',
      fragment: { idCardReader: { transport: { type: 'serial', path: '/tmp/a', baudRate: 115_200 } } },
    },
  ],
};

function detectWith(report: DetectionReport): { command: DoctorCommand; calls: DetectOptions[] } {
  const calls: DetectOptions[] = [];
  return {
    calls,
    command: createDetectCommand((options) => {
      calls.push(options);
      return Promise.resolve(report);
    }),
  };
}

const runWith = (command: DoctorCommand, name: string, argv: string[], io: DoctorIo) => runDoctor([name, ...argv], io, { ...COMMANDS, [name]: command });

describe('doctor detect', () => {
  it('passes --ports, --baud, --pad-address and --no-hid to auto-detect', async () => {
    const { command, calls } = detectWith(REPORT);
    const { io } = capture();
    await runWith(command, 'detect', ['--ports', '/tmp/a, /tmp/b,/tmp/c', '--baud', '9600,115200', '--pad-address', '3', '--no-hid'], io);
    expect(calls).toEqual([{ ports: ['/tmp/a', '/tmp/b', '/tmp/c'], isHidIncluded: false, probe: { baudRates: [9600, 115_200], padAddress: 3 } }]);
  });

  it('prints a line per port and the fragment to paste; exits 1 when a port could not be probed', async () => {
    const { command } = detectWith(REPORT);
    const { io, out } = capture();
    expect(await runWith(command, 'detect', ['--ports', '/tmp/a,/tmp/b,/tmp/c'], io)).toBe(1);
    const text = out();
    expect(text).toContain('/tmp/a  ID-card reader at 115200 baud — SAM status 0x90 (operation OK)');
    expect(text).toContain('/tmp/b  nothing answered at 9600; bytes that answer nothing at 9600 (another device, or another baud rate)');
    expect(text).toContain('/tmp/c  not probed: cannot open /tmp/c: the port is in use by another program');
    expect(text).toContain('Proposed bindings: check them, then paste into config.json under "devices":');
    expect(text).toContain('"path": "/tmp/a"');
  });

  it('exits 0 when the probe ran, even with nothing found', async () => {
    const quiet: DetectionReport = { ...REPORT, serial: { ...REPORT.serial, probes: [REPORT.serial.probes[1] ?? REPORT.serial.probes[0]!] }, proposals: [] };
    const { command } = detectWith(quiet);
    const { io, out } = capture();
    expect(await runWith(command, 'detect', ['--ports', '/tmp/b'], io)).toBe(0);
    expect(out()).toContain('Nothing to propose.');
  });

  it('prints the report as JSON with --json', async () => {
    const { command } = detectWith(REPORT);
    const { io, out } = capture();
    expect(await runWith(command, 'detect', ['--json'], io)).toBe(1);
    expect(JSON.parse(out())).toEqual(REPORT);
  });

  it('exits 1 when the ports cannot be listed', async () => {
    const unlisted: DetectionReport = { ...REPORT, serial: { ...REPORT.serial, source: 'enumerated', listError: 'cannot list serial ports: udevadm is missing', probes: [] }, proposals: [] };
    const { command } = detectWith(unlisted);
    const { io, out } = capture();
    expect(await runWith(command, 'detect', [], io)).toBe(1);
    expect(out()).toContain('cannot list: cannot list serial ports: udevadm is missing; name ports with --ports');
  });

  it.each([
    [['/tmp/a'], 'doctor: detect: unexpected "/tmp/a"; name ports with --ports p1,p2\n'],
    [['--ports'], 'doctor: detect: --ports needs a value\n'],
    [['--ports', ','], 'doctor: detect: --ports needs at least one path\n'],
    [['--baud', '4800'], 'doctor: detect: baud rate 4800 is not one of 9600, 19200, 38400, 57600, 115200\n'],
    [['--pad-address', '0'], 'doctor: detect: --pad-address must be 1–254, not 0\n'],
    [['--fast'], 'doctor: detect: unknown option --fast (known: --ports, --baud, --pad-address, --json, --no-hid)\n'],
  ])('exits 2 on %j without probing', async (argv, message) => {
    const { command, calls } = detectWith(REPORT);
    const { io, err } = capture();
    expect(await runWith(command, 'detect', argv, io)).toBe(2);
    expect(err()).toBe(message);
    expect(calls).toEqual([]);
  });
});

describe('doctor simulate', () => {
  function simulateWith(): { command: DoctorCommand; launched: [SimulatedDevice, readonly string[]][] } {
    const launched: [SimulatedDevice, readonly string[]][] = [];
    return {
      launched,
      command: createSimulateCommand((device, argv) => {
        launched.push([device, argv]);
        return Promise.resolve();
      }),
    };
  }

  it('runs the named simulator with the port and its options', async () => {
    const { command, launched } = simulateWith();
    const { io, err } = capture();
    expect(await runWith(command, 'simulate', ['printer', '/tmp/p-sim', '--baud', '9600', '--paper', 'near'], io)).toBe(0);
    expect(await runWith(command, 'simulate', ['id-reader', '/tmp/r-sim', '--card', 'resident'], io)).toBe(0);
    expect(launched).toEqual([
      ['printer', ['/tmp/p-sim', '--baud', '9600', '--paper', 'near']],
      ['idreader', ['/tmp/r-sim', '--card', 'resident']],
    ]);
    expect(err()).toContain('doctor: hardware/simulators/receipt-printer/cli.ts on /tmp/p-sim; Ctrl-C stops it');
  });

  it.each([
    [[], 'doctor: simulate: name a device (idreader, printer, scanner, pad)\n'],
    [['camera', '/tmp/x'], 'doctor: simulate: unknown device "camera" (known: idreader, printer, scanner, pad)\n'],
    [['pad'], 'doctor: simulate pad: give the serial port to serve, e.g. /tmp/x-sim\n'],
    [['pad', '--baud', '9600'], 'doctor: simulate pad: give the serial port to serve, e.g. /tmp/x-sim\n'],
  ])('exits 2 on %j', async (argv, message) => {
    const { command, launched } = simulateWith();
    const { io, err } = capture();
    expect(await runWith(command, 'simulate', argv, io)).toBe(2);
    expect(err()).toBe(message);
    expect(launched).toEqual([]);
  });
});
