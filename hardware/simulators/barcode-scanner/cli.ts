/**
 * Runs the barcode-scanner simulator on a serial port (serial / USB-CDC mode), so the
 * kiosk can take scans on a laptop:
 *
 *   socat -d -d pty,raw,echo=0,link=/tmp/scanner-host pty,raw,echo=0,link=/tmp/scanner-sim
 *   tsx hardware/simulators/barcode-scanner/cli.ts /tmp/scanner-sim --suffix crlf --charset gbk
 *
 * and point the kiosk's barcode scanner (mode `serial`) at `/tmp/scanner-host`. Every line
 * typed on stdin is scanned as one code. Lines starting with `/` change the simulator:
 *   /charset utf-8|gbk   /suffix cr|lf|crlf|none   /aim <id>|off   /double on|off
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { SerialTransport } from '../../transports/serial-transport.js';
import { parseBaudRate, serveOnPort, usageFailure } from '../serial-cli.js';
import { BarcodeScannerSimulator, type BarcodeScannerSimulatorOptions } from './barcode-scanner-simulator.js';
import type { PayloadCharset, SimulatedSuffix } from './symbol-encoding.js';

const DEFAULT_BAUD_RATE = 9_600;

const USAGE = 'usage: tsx hardware/simulators/barcode-scanner/cli.ts <serial-path> [--suffix cr|lf|crlf|none] [--charset utf-8|gbk] [--aim <id>] [--baud n]';
const SUFFIXES: readonly SimulatedSuffix[] = ['cr', 'lf', 'crlf', 'none'];
const CHARSETS: readonly PayloadCharset[] = ['utf-8', 'gbk'];

const fail = usageFailure(USAGE);

const isSuffix = (value: string): value is SimulatedSuffix => (SUFFIXES as readonly string[]).includes(value);
const isCharset = (value: string): value is PayloadCharset => (CHARSETS as readonly string[]).includes(value);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    suffix: { type: 'string', default: 'cr' },
    charset: { type: 'string', default: 'utf-8' },
    aim: { type: 'string' },
    baud: { type: 'string', default: String(DEFAULT_BAUD_RATE) },
  },
});

const portPath = positionals[0] ?? fail('missing <serial-path>');
const baudRate = parseBaudRate(values.baud, fail);
if (!isSuffix(values.suffix)) fail(`--suffix must be one of ${SUFFIXES.join(', ')}`);
if (!isCharset(values.charset)) fail(`--charset must be one of ${CHARSETS.join(', ')}`);

let settings: Omit<BarcodeScannerSimulatorOptions, 'mode'> = {
  suffix: isSuffix(values.suffix) ? values.suffix : 'cr',
  charset: isCharset(values.charset) ? values.charset : 'utf-8',
  aimId: values.aim ?? null,
};
const transport = new SerialTransport({ path: portPath, baudRate });
let simulator = new BarcodeScannerSimulator({ mode: 'serial', ...settings });
simulator.attach(transport);

/** Options are fixed per instance: a change builds a new simulator on the same port. */
function reconfigure(patch: Omit<BarcodeScannerSimulatorOptions, 'mode'>): void {
  const faults = simulator.faults;
  simulator.detach();
  settings = { ...settings, ...patch };
  simulator = new BarcodeScannerSimulator({ mode: 'serial', ...settings, faults });
  simulator.attach(transport);
}

const ready = serveOnPort({
  transport,
  portPath,
  banner: () => `barcode scanner simulator (serial) on ${transport.description}; type a line to scan it`,
  // Options are fixed per instance: drain the simulator of the moment.
  drain: () => simulator.whenIdle(),
});

function command(verb: string, argument: string): string {
  if (verb === '/charset' && isCharset(argument)) reconfigure({ charset: argument });
  else if (verb === '/suffix' && isSuffix(argument)) reconfigure({ suffix: argument });
  else if (verb === '/aim') reconfigure({ aimId: argument === 'off' || argument === '' ? null : argument });
  else if (verb === '/double') simulator.faults.doubleScan = argument === 'on';
  else return 'commands: /charset utf-8|gbk, /suffix cr|lf|crlf|none, /aim <id>|off, /double on|off';
  return `settings: ${JSON.stringify({ ...settings, doubleScan: simulator.faults.doubleScan === true })}`;
}

async function handleLine(line: string): Promise<void> {
  if (line.startsWith('/')) {
    const [verb = '', argument = ''] = line.trim().split(/\s+/u);
    console.log(command(verb, argument));
    return;
  }
  if (line === '') return;
  const before = simulator.symbolsSent;
  await simulator.scan(line);
  console.log(simulator.symbolsSent > before ? `scanned ${line.length} characters` : 'not sent: the port is not open');
}

// One line at a time, in order, once the port is open: piped input is not lost or reordered.
let lines = ready;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  lines = lines.then(() => handleLine(line));
});

await ready;
