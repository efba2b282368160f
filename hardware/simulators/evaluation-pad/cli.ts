/**
 * Runs the serial evaluation-pad simulator on a serial port, so the kiosk can ask for
 * ratings on a laptop:
 *
 *   socat -d -d pty,raw,echo=0,link=/tmp/pad-host pty,raw,echo=0,link=/tmp/pad-sim
 *   tsx hardware/simulators/evaluation-pad/cli.ts /tmp/pad-sim [--address 1] [--table four-key]
 *
 * and point the kiosk's evaluation pad at `/tmp/pad-host`. Type on stdin:
 *   1 … 5                 press the button for that level (5 = 非常满意)
 *   code <hex>            press a button sending a raw code, e.g. `code 0x39`
 *   auto <level> <ms>     answer every prompt by itself; `auto off` stops
 *   fault <name>          no-answer | double-press | unplug | garbage | clear
 *   status                prompt state and command count
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import {
  DEFAULT_CODE_TABLE,
  EVALUATION_LEVEL_NAMES,
  FOUR_KEY_CODE_TABLE,
  type EvaluationLevel,
  type VendorCodeTable,
} from '../../protocols/evaluation-pad/code-table.js';
import { DEFAULT_PAD_ADDRESS, PAD_BAUD_RATE, isPadAddress } from '../../protocols/evaluation-pad/serial-pad-frame.js';
import { SerialTransport } from '../../transports/serial-transport.js';
import { parseBaudRate, serveOnPort, usageFailure } from '../serial-cli.js';
import { EvaluationPadSimulator } from './evaluation-pad-simulator.js';

const USAGE = 'usage: tsx hardware/simulators/evaluation-pad/cli.ts <serial-path> [--address n] [--baud n] [--table default|four-key] [--model name]';
const TABLES: Readonly<Record<string, VendorCodeTable>> = { default: DEFAULT_CODE_TABLE, 'four-key': FOUR_KEY_CODE_TABLE };
const FAULTS = ['no-answer', 'double-press', 'unplug', 'garbage', 'clear'];

const fail = usageFailure(USAGE);

function asLevel(text: string | undefined): EvaluationLevel | undefined {
  const level = Number(text);
  return level === 1 || level === 2 || level === 3 || level === 4 || level === 5 ? level : undefined;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    address: { type: 'string', default: String(DEFAULT_PAD_ADDRESS) },
    baud: { type: 'string', default: String(PAD_BAUD_RATE) },
    table: { type: 'string', default: 'default' },
    model: { type: 'string' },
  },
});

const portPath = positionals[0] ?? fail('missing <serial-path>');
const address = Number(values.address);
const codeTable = TABLES[values.table] ?? fail(`--table must be ${Object.keys(TABLES).join(' or ')}, not ${values.table}`);
if (!isPadAddress(address)) fail(`--address must be 1–254, not ${values.address}`);
const baudRate = parseBaudRate(values.baud, fail);

const transport = new SerialTransport({ path: portPath, baudRate });
const simulator = new EvaluationPadSimulator({
  kind: 'serial',
  address,
  codeTable,
  ...(values.model === undefined ? {} : { model: values.model }),
});
simulator.attach(transport);
simulator.onCommand((command) => {
  if (command.address === address) console.log(`← ${command.command}${command.promptId === null ? '' : ` (prompt ${command.promptId})`}`);
});
simulator.onPrompt(() => console.log('prompt shown: type 1–5 to rate'));

const ready = serveOnPort({
  transport,
  portPath,
  banner: () => `evaluation pad simulator on ${transport.description}, address ${address}, table ${values.table}`,
  drain: () => simulator.whenIdle(),
});

function applyFault(name: string): string | undefined {
  switch (name) {
    case 'no-answer':
      simulator.faults.noAnswer = true;
      return 'the pad is dead: no acks, no presses';
    case 'double-press':
      simulator.faults.doublePress = true;
      return 'every press is sent twice';
    case 'unplug':
      simulator.faults.unplugMidPrompt = true;
      return 'the port closes right after the next prompt is acked';
    case 'garbage':
      simulator.faults.garbage = true;
      return 'noise before every frame';
    case 'clear':
      for (const key of Object.keys(simulator.faults) as (keyof typeof simulator.faults)[]) delete simulator.faults[key];
      return 'faults cleared';
    default:
      return undefined;
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [verb = '', first, second] = line.trim().split(/\s+/u);
  const level = asLevel(verb);
  if (verb === '') return;
  if (level !== undefined) {
    const isSent = simulator.press(level);
    console.log(isSent ? `pressed ${level} ${EVALUATION_LEVEL_NAMES[level]}` : 'ignored: no prompt showing (or no such button)');
  } else if (verb === 'code' && first !== undefined) {
    console.log(simulator.press({ code: first }) ? `pressed code ${first}` : 'ignored: no prompt showing (or not a hex code)');
  } else if (verb === 'auto') {
    const autoLevel = asLevel(first);
    const afterMs = Number(second ?? '1000');
    simulator.autoPress = autoLevel === undefined || !Number.isFinite(afterMs) ? undefined : { level: autoLevel, afterMs };
    console.log(simulator.autoPress === undefined ? 'auto press off' : `auto press ${autoLevel} after ${afterMs} ms`);
  } else if (verb === 'fault') {
    console.log(applyFault(first ?? '') ?? `unknown fault; try: ${FAULTS.join(', ')}`);
  } else if (verb !== 'status') {
    console.error('commands: 1–5, code <hex>, auto <level> <ms> | auto off, fault <name>, status');
  }
  console.log(`prompt ${simulator.isPrompted ? 'showing' : 'not showing'}; ${simulator.received.length} commands received`);
});

await ready;
