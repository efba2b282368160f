/**
 * The doctor's `test` and `status` commands (issue #8), against simulators over in-memory
 * links and a fake probe: the printer really gets a slip, the card is shown masked only
 * (R-P2), scans are described not shown, exit codes 0 / 1 / 2, and status's --json shape.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, type DoctorCommand, type DoctorIo, runDoctor } from '../../hardware/cli/doctor.js';
import type { SerialProbeOptions, SerialProbeResult } from '../../hardware/detect/probe-serial.js';
import { BarcodeScannerSimulator } from '../../hardware/simulators/barcode-scanner/barcode-scanner-simulator.js';
import { EvaluationPadSimulator } from '../../hardware/simulators/evaluation-pad/evaluation-pad-simulator.js';
import { IdCardReaderSimulator } from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { ReceiptPrinterSimulator } from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import { createMemoryPair } from '../../hardware/transports/memory-transport.js';
import type { Transport } from '../../hardware/transports/transport.js';
import { createDeviceTestCommand } from '../../electron/services/diagnostics/device-test-cli.js';
import { createStatusCommand, type StatusReport } from '../../electron/services/diagnostics/status-cli.js';
import { FakeHidBinding } from '../support/fake-hid.js';
import { makeTempDir } from '../support/temp-dir.js';

function capture(onOut?: (text: string) => void): { io: DoctorIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: DoctorIo = {
    stdout: (t) => {
      out += t;
      onOut?.(t);
    },
    stderr: (t) => (err += t),
    readStdin: () => Promise.resolve(''),
  };
  return { io, out: () => out, err: () => err };
}

const runWith = (command: DoctorCommand, name: string, argv: string[], io: DoctorIo) => runDoctor([name, ...argv], io, { ...COMMANDS, [name]: command });

/** A `test` command whose port is a memory link to `simulator` (or to nothing). */
function testCommand(simulator: { attach(transport: Transport): () => void } | null): { command: DoctorCommand; links: string[] } {
  const links: string[] = [];
  return {
    links,
    command: createDeviceTestCommand({
      openTransport: (portPath, baudRate) => {
        links.push(`${portPath}@${baudRate}`);
        const [host, device] = createMemoryPair({ names: [`${portPath}@${baudRate}`, 'device'] });
        void device.open();
        simulator?.attach(device);
        return host;
      },
      now: () => new Date(2026, 10, 24, 9, 5, 0),
    }),
  };
}

describe('doctor test', () => {
  it('printer: prints the test slip with the time and a cut', async () => {
    const printer = new ReceiptPrinterSimulator();
    const { command, links } = testCommand(printer);
    const { io, out } = capture();

    expect(await runWith(command, 'test', ['printer', '--port', '/dev/ttyUSB0', '--baud', '9600'], io)).toBe(0);

    expect(links).toEqual(['/dev/ttyUSB0@9600']);
    await printer.whenIdle();
    expect(printer.jobs).toHaveLength(1);
    const slip = printer.jobs[0]?.text ?? '';
    expect(slip).toContain('自助终端打印测试');
    expect(slip).toContain('2026-11-24 09:05:00');
    expect(slip.trimEnd().endsWith('[CUT]')).toBe(true);
    expect(out()).toContain('printer on /dev/ttyUSB0@9600: online, paper ok');
  });

  it('printer: out of paper is a device problem, nothing printed', async () => {
    const printer = new ReceiptPrinterSimulator({ model: { paper: 'empty' } });
    const { command } = testCommand(printer);
    const { io, err } = capture();
    expect(await runWith(command, 'test', ['printer', '--port', '/dev/ttyUSB0'], io)).toBe(1);
    expect(err()).toMatch(/^doctor: \/dev\/ttyUSB0@115200: the test slip was not printed: .*paperEmpty/);
    expect(printer.jobs).toEqual([]);
  });

  it('printer: no answer is a device problem', async () => {
    const { command } = testCommand(null);
    const { io, err } = capture();
    expect(await runWith(command, 'test', ['printer', '--port', '/dev/ttyUSB0'], io)).toBe(1);
    expect(err()).toMatch(/the printer does not answer status requests/);
  });

  it('id-reader: reads a card and shows it masked, nothing else of it', async () => {
    const reader = new IdCardReaderSimulator({ card: simulatedCard('resident') });
    const { command } = testCommand(reader);
    const { io, out, err } = capture();

    expect(await runWith(command, 'test', ['id-reader', '--port', '/dev/ttyUSB1', '--timeout', '5'], io)).toBe(0);

    const card = SPECIMEN_CARDS.resident;
    const shown = out() + err();
    expect(shown).toContain('居民身份证');
    expect(shown).toContain('name       测****');
    expect(shown).toContain(`ID number  ${card.idNumber.slice(0, 4)}**********${card.idNumber.slice(-4)}`);
    expect(shown).toContain('SAM ID 05.01-20261124-0000000001-0000065537');
    for (const secret of [card.name, card.idNumber, card.address ?? '', card.birthDate, card.idNumber.slice(6, 14)]) expect(shown).not.toContain(secret);
  });

  it('id-reader: no card within the wait, or no SAM answer, is a device problem', async () => {
    const empty = testCommand(new IdCardReaderSimulator());
    const waited = capture();
    expect(await runWith(empty.command, 'test', ['idreader', '--port', '/dev/ttyUSB1', '--timeout', '1'], waited.io)).toBe(1);
    expect(waited.err()).toBe('doctor: /dev/ttyUSB1@115200: no card read within 1 s\n');

    const silent = testCommand(null);
    const dead = capture();
    expect(await runWith(silent.command, 'test', ['id-reader', '--port', '/dev/ttyUSB1'], dead.io)).toBe(1);
    expect(dead.err()).toMatch(/^doctor: \/dev\/ttyUSB1@115200: the reader does not pass the SAM status check/);
  });

  it('scanner: says how long and what kind, the text only with --show', async () => {
    const scanner = new BarcodeScannerSimulator({ mode: 'serial', suffix: 'cr' });
    const scanWhenAsked = (text: string) => (printed: string) => {
      if (printed.includes('scan a code')) void scanner.scan(text);
    };
    const hidden = capture(scanWhenAsked('https://zwfw.example.gov.cn/q?c=SECRET-1'));
    expect(await runWith(testCommand(scanner).command, 'test', ['scanner', '--port', '/dev/ttyACM0', '--timeout', '5'], hidden.io)).toBe(0);
    expect(hidden.out()).toContain('scanned 40 characters (40 bytes): a web link, symbology not sent (no AIM prefix)');
    expect(hidden.out()).not.toContain('SECRET-1');

    scanner.detach();
    const shown = capture(scanWhenAsked('4006001234'));
    expect(await runWith(testCommand(scanner).command, 'test', ['scanner', '--port', '/dev/ttyACM0', '--show', '--timeout', '5'], shown.io)).toBe(0);
    expect(shown.out()).toContain('digits only');
    expect(shown.out()).toContain('text: 4006001234\n');
  });

  it('pad: shows the level pressed', async () => {
    const pad = new EvaluationPadSimulator({ kind: 'serial', autoPress: { level: 2, afterMs: 5 } });
    const { command, links } = testCommand(pad);
    const { io, out } = capture();
    expect(await runWith(command, 'test', ['pad', '--port', '/dev/ttyS2', '--timeout', '5'], io)).toBe(0);
    expect(links).toEqual(['/dev/ttyS2@9600']);
    expect(out()).toContain('pressed: level 2 不满意 (key code 0x32)');
  });

  it.each([
    [[], 'doctor: test: name a device (printer, id-reader, scanner, pad)\n'],
    [['camera', '--port', '/dev/x'], 'doctor: test: unknown device "camera" (known: printer, id-reader, scanner, pad)\n'],
    [['printer'], 'doctor: test printer: --port <path> is required (doctor ports lists them)\n'],
    [['printer', '--port', '/dev/x', '--baud', '4800'], 'doctor: test printer: baud rate 4800 is not one of 9600, 19200, 38400, 57600, 115200\n'],
    [['printer', '--port', '/dev/x', '--baud', '9600,115200'], 'doctor: test printer: --baud takes one rate\n'],
    [['scanner', '--port', '/dev/x', '--timeout', '0'], 'doctor: test scanner: --timeout must be 1–600 seconds, not 0\n'],
    [['pad', '--port', '/dev/x', '--address', '300'], 'doctor: test pad: --address must be 1–254, not 300\n'],
    [['pad', 'now', '--port', '/dev/x'], 'doctor: test pad: unexpected "now"\n'],
  ])('exits 2 on %j without opening anything', async (argv, message) => {
    const { command, links } = testCommand(null);
    const { io, err } = capture();
    expect(await runWith(command, 'test', argv, io)).toBe(2);
    expect(err()).toBe(message);
    expect(links).toEqual([]);
  });
});

describe('doctor status', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  const writeConfig = (devices: object): void => writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1, devices }));

  /** A probe that answers for the paths in `answering`, and fails to open `/dev/gone`. */
  function fakeProbe(answering: Readonly<Record<string, SerialProbeResult['found']>>) {
    const calls: { path: string; options: SerialProbeOptions }[] = [];
    const probe = (portPath: string, options: SerialProbeOptions): Promise<SerialProbeResult> => {
      calls.push({ path: portPath, options });
      if (portPath === '/dev/gone') {
        return Promise.resolve({ path: portPath, found: null, tried: [], error: `cannot open ${portPath}: no such port`, errorKind: 'noHardware', durationMs: 1 });
      }
      return Promise.resolve({ path: portPath, found: answering[portPath] ?? null, tried: [], durationMs: 1 });
    };
    return { probe, calls };
  }

  it('asks each serial device its own question at its rate; exit 0 when all answer', async () => {
    writeConfig({
      idCardReader: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115_200 } },
      receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyUSB1', baudRate: 9600 } },
      barcodeScanner: { transport: { type: 'serial', path: '/dev/ttyACM0' } },
      evaluationPad: { transport: { type: 'serial', path: '/dev/ttyUSB2', address: 3 } },
    });
    const { probe, calls } = fakeProbe({
      '/dev/ttyUSB0': { device: 'idCardReader', baudRate: 115_200, evidence: 'SAM status 0x90 (operation OK)' },
      '/dev/ttyUSB1': { device: 'receiptPrinter', baudRate: 9600, evidence: 'DLE EOT 1 → 0x12 (online), DLE EOT 4 → 0x12 (paper ok)' },
      '/dev/ttyUSB2': { device: 'evaluationPad', baudRate: 9600, evidence: 'pad query → "P" at address 3', padAddress: 3 },
    });
    const { io, out } = capture();

    expect(await runWith(createStatusCommand({ probe }), 'status', ['--data-dir', dir.path], io)).toBe(0);

    expect(calls.map((c) => [c.path, c.options.baudRates, c.options.queries, c.options.padAddress])).toEqual([
      ['/dev/ttyUSB0', [115_200], ['samStatus'], undefined],
      ['/dev/ttyUSB1', [9600], ['printerStatus'], undefined],
      ['/dev/ttyACM0', [9600], [], undefined],
      ['/dev/ttyUSB2', [9600], ['padQuery'], 3],
    ]);
    const lines = out().split('\n');
    expect(lines[0]).toBe(`config: ${path.join(dir.path, 'config.json')}`);
    expect(lines[2]).toMatch(/^ID-card reader {3}\/dev\/ttyUSB0@115200 +answering +SAM status 0x90/);
    expect(out()).toMatch(/barcode scanner +\/dev\/ttyACM0@9600 +present +port opens/);
  });

  it('exits 1 when a device does not answer or is missing; --json says which', async () => {
    writeConfig({
      idCardReader: { transport: { type: 'serial', path: '/dev/gone', baudRate: 115_200 } },
      receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyUSB1', baudRate: 9600 } },
      barcodeScanner: { transport: { type: 'hid', vendorId: '0x0c2e', productId: '0x0b61', mode: 'hidPos' } },
      evaluationPad: { transport: { type: 'hid', vendorId: '0x1a86', productId: '0xe026' } },
    });
    const hid = new FakeHidBinding();
    hid.addDevice({ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw1', product: 'Scanner', usagePage: 0x8c, usage: 2 });
    const { probe } = fakeProbe({});
    const { io, out } = capture();

    expect(await runWith(createStatusCommand({ probe, hidBinding: hid }), 'status', ['--json', '--data-dir', dir.path], io)).toBe(1);

    const report = JSON.parse(out()) as StatusReport;
    expect(report).toMatchObject({ dataDir: dir.path, configSource: 'file', configProblems: [] });
    expect(report.devices.map((d) => [d.device, d.via, d.location, d.state, d.isProblem])).toEqual([
      ['idCardReader', 'serial', '/dev/gone@115200', 'notAnswering', true],
      ['receiptPrinter', 'serial', '/dev/ttyUSB1@9600', 'notAnswering', true],
      ['barcodeScanner', 'hid', 'hid 0c2e:0b61', 'present', false],
      ['evaluationPad', 'hid', 'hid 1a86:e026', 'missing', true],
    ]);
    expect(report.devices[0]?.detail).toBe('cannot open /dev/gone: no such port');
    expect(report.devices[1]?.detail).toBe('no answer to its status query');
  });

  it('without config.json: every device simulated, exit 0', async () => {
    const { probe, calls } = fakeProbe({});
    const { io, out } = capture();
    expect(await runWith(createStatusCommand({ probe }), 'status', ['--data-dir', dir.path], io)).toBe(0);
    expect(out()).toContain('config.json: defaults, every device simulated');
    expect(out()).toMatch(/evaluation pad +none +- +none configured/);
    expect(calls).toEqual([]);
  });

  it('an unusable config.json: exit 1 with the problems', async () => {
    writeFileSync(path.join(dir.path, 'config.json'), '{"version": 1, "devices": {"receiptPrinter": {"transport": {"type": "serial", "path": "COM3", "baudRate": "fast"}}}}');
    const { io, out } = capture();
    expect(await runWith(createStatusCommand({ probe: fakeProbe({}).probe }), 'status', ['--data-dir', dir.path], io)).toBe(1);
    expect(out()).toContain('is unusable and there is no good copy');
    expect(out()).toContain('devices.receiptPrinter.transport.baudRate');
  });

  it.each([
    [['now'], 'doctor: status: unexpected "now"\n'],
    [['--data-dir'], 'doctor: status: --data-dir needs a value\n'],
  ])('exits 2 on %j', async (argv, message) => {
    const { io, err } = capture();
    expect(await runWith(createStatusCommand({ probe: fakeProbe({}).probe }), 'status', argv, io)).toBe(2);
    expect(err()).toBe(message);
  });
});
