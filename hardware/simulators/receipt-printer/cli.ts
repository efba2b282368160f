/**
 * Runs the receipt-printer simulator on a serial port, so the kiosk can print on a laptop:
 *
 *   socat -d -d pty,raw,echo=0,link=/tmp/printer-host pty,raw,echo=0,link=/tmp/printer-sim
 *   npm run sim:printer -- /tmp/printer-sim --out .kiosk-data/printer --paper near
 *
 * and point the kiosk's printer at `/tmp/printer-host`. Every job lands in the output folder
 * as `<n>.bin`, `<n>.txt` and `<n>.svg`. Type `paper ok|near|empty`, `cover open|closed`,
 * `jam`, `unjam` or `mute`/`unmute` on stdin to change the model while it runs.
 */
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { SerialTransport } from '../../transports/serial-transport.js';
import { parseBaudRate, serveOnPort, usageFailure } from '../serial-cli.js';
import { ReceiptPrinterSimulator, type ReceiptPrinterModel } from './receipt-printer-simulator.js';

const DEFAULT_OUT_DIR = '.kiosk-data/printer';
const DEFAULT_BAUD_RATE = 115_200;

const USAGE = 'usage: tsx hardware/simulators/receipt-printer/cli.ts <serial-path> [--out dir] [--paper ok|near|empty] [--baud n] [--print-delay ms]';

const PAPER: Readonly<Record<string, ReceiptPrinterModel['paper']>> = { ok: 'ok', near: 'nearEnd', empty: 'empty' };

const fail = usageFailure(USAGE);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: DEFAULT_OUT_DIR },
    paper: { type: 'string', default: 'ok' },
    baud: { type: 'string', default: String(DEFAULT_BAUD_RATE) },
    'print-delay': { type: 'string', default: '0' },
  },
});

const portPath = positionals[0] ?? fail('missing <serial-path>');
const paper = PAPER[values.paper] ?? fail(`--paper must be ok, near or empty, not ${values.paper}`);
const baudRate = parseBaudRate(values.baud, fail);
const printDelayMs = Number(values['print-delay']);
if (!Number.isFinite(printDelayMs) || printDelayMs < 0) fail(`--print-delay must be ≥ 0, not ${values['print-delay']}`);

const outDir = path.resolve(values.out);
const transport = new SerialTransport({ path: portPath, baudRate });
const simulator = new ReceiptPrinterSimulator({ outDir, printDelayMs, model: { paper } });
simulator.attach(transport);
simulator.onJobCompleted((job) => {
  console.log(`job ${job.files?.index ?? job.sequence}: ${job.bytes.length} bytes → ${job.files?.txt ?? '(not saved)'}`);
  process.stdout.write(job.text);
});

const ready = serveOnPort({
  transport,
  portPath,
  banner: () => `receipt printer simulator on ${transport.description}, jobs in ${outDir}`,
  drain: async () => {
    simulator.flushJob();
    await simulator.whenIdle();
  },
});

const commands: Readonly<Record<string, Partial<ReceiptPrinterModel>>> = {
  'paper ok': { paper: 'ok' },
  'paper near': { paper: 'nearEnd' },
  'paper empty': { paper: 'empty' },
  'cover open': { coverOpen: true },
  'cover closed': { coverOpen: false },
  jam: { cutterJam: true },
  unjam: { cutterJam: false },
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  const patch = commands[command];
  if (patch !== undefined) simulator.setModel(patch);
  else if (command === 'mute' || command === 'unmute') simulator.faults.isMute = command === 'mute';
  else if (command !== '') console.error(`unknown command "${command}"; try: ${[...Object.keys(commands), 'mute', 'unmute'].join(', ')}`);
  console.log(`model: ${JSON.stringify(simulator.model)}`);
});

await ready;
