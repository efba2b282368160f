/**
 * `npm run doctor -- test <printer|id-reader|scanner|pad> --port P [--baud N] …`: the
 * technician's hands-on check of one serial device, with the kiosk's own device classes:
 * - `printer` prints a short test slip (自助终端打印测试, the time, a cut) — on purpose;
 * - `id-reader` checks the SAM, reads one card and shows it masked (`张*`,
 *   `3201**********1234`, reliability.md R-P2): the one mask of privacy/mask.ts, which is
 *   why this command lives in the services and not in hardware/cli;
 * - `scanner` waits for one scan and shows its length and kind, the text only with --show;
 * - `pad` asks for a rating and shows the level pressed.
 *
 * Exit 0 the device did its part, 1 a device problem (in plain words on stderr), 2 usage.
 */
import { BarcodeScanner } from '../../../hardware/devices/barcode-scanner/barcode-scanner.js';
import type { ScanFailed, ScannedCode } from '../../../hardware/devices/barcode-scanner/events.js';
import { EvaluationPad } from '../../../hardware/devices/evaluation-pad/evaluation-pad.js';
import type { CardRead, ReadFailed } from '../../../hardware/devices/id-card-reader/events.js';
import { IdCardReader } from '../../../hardware/devices/id-card-reader/id-card-reader.js';
import { ReceiptPrinter } from '../../../hardware/devices/receipt-printer/receipt-printer.js';
import type { DeviceError } from '../../../hardware/device-error.js';
import { parseArgs, parseBaudRates, parseSeconds } from '../../../hardware/cli/cli-args.js';
import { type DoctorCommand, type DoctorIo, UsageError } from '../../../hardware/cli/doctor-command.js';
import type { PrinterStatus } from '../../../hardware/protocols/escpos/status.js';
import { EVALUATION_LEVEL_NAMES } from '../../../hardware/protocols/evaluation-pad/code-table.js';
import { DEFAULT_PAD_ADDRESS, isPadAddress } from '../../../hardware/protocols/evaluation-pad/serial-pad-frame.js';
import type { IdCardType } from '../../../hardware/protocols/sam/card-layout.js';
import { SerialTransport } from '../../../hardware/transports/serial-transport.js';
import type { Transport } from '../../../hardware/transports/transport.js';
import { maskIdNumber, maskName } from '../privacy/mask.js';
import { firstOf, testSlipMarkup } from '../console/device-tests.js';
import { renderEscPos } from '../printing/receipt-document.js';

/** Devices `test` knows, by the names the technician types. */
export type TestedDevice = 'printer' | 'id-reader' | 'scanner' | 'pad';

const DEVICE_ALIASES: Readonly<Record<string, TestedDevice>> = {
  printer: 'printer',
  'id-reader': 'id-reader',
  idreader: 'id-reader',
  scanner: 'scanner',
  pad: 'pad',
};

/** Default rates: config.json's defaults (terminal-config.ts). */
const DEFAULT_BAUD: Readonly<Record<TestedDevice, number>> = { printer: 115_200, 'id-reader': 115_200, scanner: 9_600, pad: 9_600 };

/** How long `id-reader`, `scanner` and `pad` wait for the technician by default. */
export const DEFAULT_TEST_WAIT_SECONDS = 30;

const CARD_TYPE_WORDS: Readonly<Record<IdCardType, string>> = {
  resident: '居民身份证 (resident ID card)',
  hkMacaoTaiwan: '港澳台居民居住证 (HK/Macao/Taiwan residence permit)',
  foreignPermanent2017: '外国人永久居留身份证 2017 (foreign permanent resident, 2017)',
  foreignPermanent2023: '外国人永久居留身份证 2023 (foreign permanent resident, 2023)',
};

const TEST_HELP = [
  'Tests one serial device with the kiosk\'s own drivers. Stop the kiosk first (it holds',
  'the ports). Options: --port <path> (required), --baud <rate> (default: the config',
  'default, 115200 printer and reader, 9600 scanner and pad), --timeout <s> (default 30).',
  '  printer    checks status, then PRINTS a test slip: 自助终端打印测试, the time, a cut',
  '  id-reader  checks the SAM (11 FF), shows the SAM ID, reads one card and shows it masked',
  '             (name 张*, ID number 3201**********1234; nothing else of the card)',
  '  scanner    waits for one scan; shows its length and kind; --show also prints the text',
  '  pad        asks for a rating (--address n, default 1) and shows the level pressed',
  'Exit 0 ok, 1 device problem (not answering, faulty, nothing within the wait), 2 usage.',
];

/** What the command needs from outside; tests pass links to simulators and a fixed time. */
export interface DeviceTestDeps {
  /** The link to the device; default a {@link SerialTransport} (with `io.serialBinding`). */
  readonly openTransport?: (path: string, baudRate: number, io: DoctorIo) => Transport;
  /** The time printed on the test slip. */
  readonly now?: () => Date;
}

interface TestContext {
  readonly io: DoctorIo;
  readonly transport: Transport;
  readonly where: string;
  readonly waitMs: number;
  readonly isTextShown: boolean;
  readonly padAddress: number;
  readonly now: () => Date;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** `2026-11-24 09:05:00` in the machine's time zone (the technician's wall clock). */
function slipTime(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** `online, paper ok` / `offline, cover open, paper out`. */
export function printerStatusWords(status: PrinterStatus): string {
  const words = [status.online ? 'online' : 'offline'];
  if (status.coverOpen) words.push('cover open');
  words.push(status.paper === 'ok' ? 'paper ok' : status.paper === 'nearEnd' ? 'paper near end' : 'paper out');
  if (status.cutterError) words.push('autocutter error');
  if (status.unrecoverableError) words.push('unrecoverable error');
  if (status.recoverableError || status.autoRecoverableError) words.push('printer error');
  return words.join(', ');
}

function fail(context: TestContext, message: string): number {
  context.io.stderr(`doctor: ${context.where}: ${message}\n`);
  return 1;
}

const errorWords = (error: DeviceError): string => (error.detail === undefined ? error.message : `${error.message} (${error.detail})`);

/** The bytes of the test slip (the console's slip), saying which port it came through. */
export function testSlip(where: string, at: Date): Uint8Array {
  return renderEscPos(testSlipMarkup({ title: '设备测试', lines: [['端口', where], ['打印时间', slipTime(at)]] }), { charactersPerLine: 32 });
}

async function testPrinter(context: TestContext): Promise<number> {
  const printer = new ReceiptPrinter({ transport: context.transport });
  try {
    const opened = await printer.open();
    if (!opened.ok) return fail(context, errorWords(opened.error));
    printer.claim();
    const enabled = await printer.enable();
    if (!enabled.ok) return fail(context, `the printer does not answer status requests: ${errorWords(enabled.error)}`);
    context.io.stdout(`printer on ${context.where}: ${printerStatusWords(enabled.value)}\n`);
    context.io.stdout('printing the test slip (自助终端打印测试)…\n');
    const printed = await printer.print(testSlip(context.where, context.now()));
    if (!printed.ok) return fail(context, `the test slip was not printed: ${errorWords(printed.error)}`);
    context.io.stdout(`printed ${printed.value.bytes} bytes in ${Math.round(printed.value.durationMs)} ms; status after the job: ${printerStatusWords(printed.value.status)}\n`);
    return 0;
  } finally {
    await printer.close();
  }
}

async function testIdReader(context: TestContext): Promise<number> {
  const reader = new IdCardReader({ transport: context.transport });
  const offFailed = reader.onReadFailed((failed: ReadFailed) => {
    // Closed reasons and technician words only: never card data (R-P2).
    context.io.stderr(`read failed: ${failed.reason}${failed.sw3 === undefined ? '' : ` (SW3 0x${failed.sw3.toString(16)})`}: ${failed.detail}; waiting on\n`);
  });
  try {
    const opened = await reader.open();
    if (!opened.ok) return fail(context, errorWords(opened.error));
    reader.claim();
    const card = firstOf<CardRead>((listener) => reader.onCardRead(listener), context.waitMs);
    const enabled = await reader.enable();
    if (!enabled.ok) return fail(context, `the reader does not pass the SAM status check: ${errorWords(enabled.error)}`);
    const samId = await reader.readSamId();
    context.io.stdout(`ID-card reader on ${context.where}: SAM ok${samId.ok ? `, SAM ID ${samId.value.text}` : ''}\n`);
    context.io.stdout(`place a card on the reader (waiting ${Math.round(context.waitMs / 1000)} s)…\n`);
    const read = await card;
    if (read === undefined) return fail(context, `no card read within ${Math.round(context.waitMs / 1000)} s`);
    const { text } = read;
    context.io.stdout(
      [
        `card read in ${Math.round(read.durationMs)} ms: ${CARD_TYPE_WORDS[text.cardType]}`,
        `  name       ${maskName(text.name)}`,
        `  ID number  ${maskIdNumber(text.idNumber)}`,
        `  photo      ${read.photo.length} bytes${read.warnings.length === 0 ? '' : `\n  warnings   ${read.warnings.join('; ')}`}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    offFailed();
    await reader.close();
  }
}

/** A rough kind of a scanned code, for a technician who must not see the content. */
function scanKind(scan: ScannedCode): string {
  const symbology = scan.symbology === null ? 'symbology not sent (no AIM prefix)' : scan.symbology;
  const shape = /^https?:\/\//iu.test(scan.text) ? 'a web link' : /^\d+$/u.test(scan.text) ? 'digits only' : 'text';
  return `${shape}, ${symbology}, charset ${scan.charset}${scan.isCharsetUncertain ? ' (uncertain)' : ''}`;
}

async function testScanner(context: TestContext): Promise<number> {
  const scanner = new BarcodeScanner({ transport: context.transport, mode: 'serial' });
  const offFailed = scanner.onScanFailed((failed: ScanFailed) => context.io.stderr(`scan not read: ${failed.reason}: ${failed.detail}; waiting on\n`));
  try {
    const opened = await scanner.open();
    if (!opened.ok) return fail(context, errorWords(opened.error));
    scanner.claim();
    const scan = firstOf<ScannedCode>((listener) => scanner.onScan(listener), context.waitMs);
    const enabled = await scanner.enable();
    if (!enabled.ok) return fail(context, errorWords(enabled.error));
    context.io.stdout(`scanner on ${context.where}: port open; scan a code (waiting ${Math.round(context.waitMs / 1000)} s)…\n`);
    const scanned = await scan;
    if (scanned === undefined) {
      return fail(context, `no scan within ${Math.round(context.waitMs / 1000)} s (is the scanner in serial/USB-CDC mode, at this baud rate?)`);
    }
    context.io.stdout(`scanned ${[...scanned.text].length} characters (${scanned.bytes.length} bytes): ${scanKind(scanned)}\n`);
    if (context.isTextShown) context.io.stdout(`text: ${scanned.text}\n`);
    return 0;
  } finally {
    offFailed();
    await scanner.close();
  }
}

async function testPad(context: TestContext): Promise<number> {
  const pad = new EvaluationPad({ transport: context.transport, kind: 'serial', address: context.padAddress });
  try {
    const opened = await pad.open();
    if (!opened.ok) return fail(context, errorWords(opened.error));
    pad.claim();
    const identity = await (async () => {
      const enabled = await pad.enable();
      return enabled.ok ? pad.query() : enabled;
    })();
    if (!identity.ok) return fail(context, `the pad at address ${context.padAddress} does not answer: ${errorWords(identity.error)}`);
    context.io.stdout(`evaluation pad on ${context.where}: ${identity.value.model} ${identity.value.firmware}\n`);
    context.io.stdout(`press a button on the pad (waiting ${Math.round(context.waitMs / 1000)} s)…\n`);
    const rated = await pad.requestEvaluation({ caseNumber: null, windowId: null, staffId: null, timeoutMs: context.waitMs });
    if (!rated.ok) return fail(context, errorWords(rated.error));
    if (rated.value.outcome !== 'rated') return fail(context, `no button pressed within ${Math.round(context.waitMs / 1000)} s`);
    context.io.stdout(`pressed: level ${rated.value.level} ${EVALUATION_LEVEL_NAMES[rated.value.level]} (key code ${rated.value.keyCode})\n`);
    return 0;
  } finally {
    await pad.close();
  }
}

function defaultTransport(path: string, baudRate: number, io: DoctorIo): Transport {
  return new SerialTransport(io.serialBinding === undefined ? { path, baudRate } : { path, baudRate, binding: io.serialBinding });
}

/** The `test` command; `deps` lets tests run it against simulators. */
export function createDeviceTestCommand(deps: DeviceTestDeps = {}): DoctorCommand {
  return {
    usage: 'test <device> --port P [--baud N]',
    summary: 'test one device: print a slip, read a card (masked), scan, press',
    help: TEST_HELP,
    async run(args, io) {
      const parsed = parseArgs('test', args, { options: ['--port', '--baud', '--timeout', '--address'], switches: ['--show'] });
      const [name, ...extra] = parsed.positional;
      if (name === undefined) throw new UsageError('test: name a device (printer, id-reader, scanner, pad)');
      const device = Object.hasOwn(DEVICE_ALIASES, name) ? DEVICE_ALIASES[name] : undefined;
      if (device === undefined) throw new UsageError(`test: unknown device ${JSON.stringify(name)} (known: printer, id-reader, scanner, pad)`);
      if (extra.length > 0) throw new UsageError(`test ${name}: unexpected ${JSON.stringify(extra[0])}`);
      const port = parsed.options.get('--port');
      if (port === undefined) throw new UsageError(`test ${name}: --port <path> is required (doctor ports lists them)`);
      const baudText = parsed.options.get('--baud');
      const rates = baudText === undefined ? [DEFAULT_BAUD[device]] : parseBaudRates(`test ${name}`, baudText);
      if (rates.length !== 1) throw new UsageError(`test ${name}: --baud takes one rate`);
      const baudRate = rates[0] ?? DEFAULT_BAUD[device];
      const timeoutText = parsed.options.get('--timeout');
      const waitSeconds = timeoutText === undefined ? DEFAULT_TEST_WAIT_SECONDS : parseSeconds(`test ${name}`, '--timeout', timeoutText, 1, 600);
      const addressText = parsed.options.get('--address');
      const padAddress = addressText === undefined ? DEFAULT_PAD_ADDRESS : Number(addressText);
      if (!isPadAddress(padAddress)) throw new UsageError(`test ${name}: --address must be 1–254, not ${addressText}`);
      const context: TestContext = {
        io,
        transport: (deps.openTransport ?? defaultTransport)(port, baudRate, io),
        where: `${port}@${baudRate}`,
        waitMs: waitSeconds * 1000,
        isTextShown: parsed.switches.has('--show'),
        padAddress,
        now: deps.now ?? (() => new Date()),
      };
      switch (device) {
        case 'printer':
          return testPrinter(context);
        case 'id-reader':
          return testIdReader(context);
        case 'scanner':
          return testScanner(context);
        case 'pad':
          return testPad(context);
      }
    },
  };
}

export const DEVICE_TEST_COMMAND: DoctorCommand = createDeviceTestCommand();
