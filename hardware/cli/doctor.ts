/**
 * `npm run doctor -- <command> …`: the technician's command-line tool (glossary
 * "technician"). A small sub-command router over {@link COMMANDS}: the hardware commands
 * (decode, hid, ports, detect, simulate) live in hardware/cli; scripts/doctor.ts adds the
 * ones that need the services (catalog, platform, test, status).
 *
 * Exit codes: 0 done, 1 failure (a device problem, a port that cannot be probed, or the OS
 * cannot be asked), 2 usage error or bad input (one stderr line).
 */
import type { HidDeviceInfo } from '../transports/hid-binding.js';
import { HidTransport } from '../transports/hid-transport.js';
import { type DoctorCommand, type DoctorIo, UsageError } from './doctor-command.js';
import { runDecodeHidKeyboard, runDecodeHidPos } from './decode-barcode.js';
import { decodeEscPosStatus, parseStatusKind, type EscPosStatusKind } from './decode-escpos-status.js';
import { decodeSamCapture, parseHexInput } from './decode-sam.js';
import { DETECT_COMMAND } from './detect.js';
import { PORTS_COMMAND } from './ports.js';
import { SIMULATE_COMMAND } from './simulate.js';

export { type DoctorCommand, type DoctorIo, UsageError } from './doctor-command.js';

const DECODE_HELP = [
  'Decodes a hex capture with the kiosk\'s own decoders and prints JSON. Families:',
  '  sam <hex…|->            every GA 467 SAM frame (requests and responses): {offset, kind,',
  '                          command|status, checksumOk, decoded} plus discarded bytes.',
  '  hid-keyboard <report…|-> barcode scanner as keyboard wedge: one boot report per argument',
  '                          (or per stdin line); --alt-codes unicode|gbk, --report-id.',
  '                          Prints {symbols: [{text, terminator}], ignored, modes}.',
  '  hid-pos <report…|->     HID POS scanner (usage page 0x8C) scanned-data reports, one per',
  '                          argument; --report-id when the report ID byte is included.',
  '                          Prints {symbols: [{text, aimId, symbology, charset, …}], garbled}.',
  '  escpos-status <hex>     receipt-printer status: DLE EOT n replies or a 4-byte ASB block;',
  '                          --n 1|2|3|4|asb, else inferred from the bit patterns.',
  'Hex may contain spaces, colons, commas, newlines and 0x prefixes; "-" reads stdin.',
  'PRIVACY: card text (name, ID number, address) and scanned codes are printed UNMASKED —',
  'you are decoding your own capture. Do not paste the output into tickets or chats; the',
  'photo is summarised only.',
];

const DECODE_FAMILIES = ['sam', 'hid-keyboard', 'hid-pos', 'escpos-status'];

async function readHex(family: string, words: readonly string[], io: DoctorIo): Promise<Uint8Array> {
  if (words.length === 0) throw new UsageError(`decode ${family}: give hex bytes or - for stdin`);
  const text = words.length === 1 && words[0] === '-' ? await io.readStdin() : words.join(' ');
  const bytes = parseHexInput(text);
  if (!bytes.ok) throw new UsageError(`decode ${family}: ${bytes.error}`);
  return bytes.value;
}

/** `escpos-status [--n 1|2|3|4|asb] <hex…|->`. */
async function decodeEscPosStatusArgs(words: readonly string[], io: DoctorIo): Promise<unknown> {
  const nAt = words.indexOf('--n');
  let kind: EscPosStatusKind | undefined;
  if (nAt >= 0) {
    const parsed = parseStatusKind(words[nAt + 1]);
    if (!parsed.ok) throw new UsageError(`decode escpos-status: ${parsed.error}`);
    kind = parsed.value;
  }
  const hexWords = nAt >= 0 ? [...words.slice(0, nAt), ...words.slice(nAt + 2)] : words;
  const unknown = hexWords.find((word) => word.startsWith('--'));
  if (unknown !== undefined) throw new UsageError(`decode escpos-status: unknown option ${unknown}`);
  const decoded = decodeEscPosStatus(await readHex('escpos-status', hexWords, io), kind);
  if (!decoded.ok) throw new UsageError(`decode escpos-status: ${decoded.error}`);
  return decoded.value;
}

async function runDecode(args: readonly string[], io: DoctorIo): Promise<number> {
  const [family = '', ...rest] = args;
  // `--json` is the default and only format for decode; accepted for scripts.
  const words = rest.filter((word) => word !== '--json');
  let output: unknown;
  switch (family) {
    case 'sam':
      output = decodeSamCapture(await readHex('sam', words, io));
      break;
    case 'hid-keyboard':
    case 'hid-pos': {
      const run = family === 'hid-keyboard' ? runDecodeHidKeyboard : runDecodeHidPos;
      const decoded = await run(words, io.readStdin);
      if (!decoded.ok) throw new UsageError(`decode ${family}: ${decoded.error}`);
      output = decoded.value;
      break;
    }
    case 'escpos-status':
      output = await decodeEscPosStatusArgs(words, io);
      break;
    default:
      throw new UsageError(`decode: unknown protocol ${JSON.stringify(family)} (known: ${DECODE_FAMILIES.join(', ')})`);
  }
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

const HID_HELP = [
  'Lists the HID interfaces the OS knows about (node-hid): USB ids, usage page and usage,',
  'product name and the device path to put in config.json (devices.idCardReader.transport).',
  'A Miaxis HID ID-card reader shows as 10c4:0007 (shared/protocols.md §1.1).',
  'An empty list is not an error: nothing is plugged in, or the kiosk user cannot see',
  '/dev/hidraw* (check the udev rule). Exit 1 when node-hid itself cannot load.',
  '--json prints the list as a JSON array instead of a table.',
];

const hex4 = (value: number): string => value.toString(16).padStart(4, '0');

/** A table a technician can read on an 80-column console; missing fields show as "-". */
function hidTable(devices: readonly HidDeviceInfo[]): string {
  const rows = devices.map((device) => [
    `${hex4(device.vendorId)}:${hex4(device.productId)}`,
    device.usagePage === undefined ? '-' : `${hex4(device.usagePage)}:${hex4(device.usage ?? 0)}`,
    device.product ?? '-',
    device.path ?? '-',
  ]);
  const header = ['VID:PID', 'USAGE', 'PRODUCT', 'PATH'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

async function runHid(args: readonly string[], io: DoctorIo): Promise<number> {
  const unknown = args.filter((word) => word !== '--json');
  if (unknown.length > 0) throw new UsageError(`hid: unexpected ${JSON.stringify(unknown[0])} (only --json)`);
  const listing = await HidTransport.listHidDevices(io.hidBinding);
  if (listing.reason !== undefined) {
    io.stderr(`doctor: ${listing.reason}\n`);
    return 1;
  }
  if (args.includes('--json')) io.stdout(`${JSON.stringify(listing.devices, null, 2)}\n`);
  else if (listing.devices.length === 0) io.stdout('no HID devices found\n');
  else io.stdout(hidTable(listing.devices));
  return 0;
}

/** Registered sub-commands. */
export const COMMANDS: Readonly<Record<string, DoctorCommand>> = {
  decode: {
    usage: 'decode <family> <hex…|-> [--json]',
    summary: 'decode sam | hid-keyboard | hid-pos | escpos-status captures (JSON, unmasked)',
    help: DECODE_HELP,
    run: runDecode,
  },
  hid: {
    usage: 'hid [--json]',
    summary: 'list HID devices (USB ids, usage, product, path)',
    help: HID_HELP,
    run: runHid,
  },
  ports: PORTS_COMMAND,
  detect: DETECT_COMMAND,
  simulate: SIMULATE_COMMAND,
};

function helpText(commands: Readonly<Record<string, DoctorCommand>>): string {
  const lines = ['usage: npm run doctor -- <command> [options]', '', 'commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.padEnd(34)} ${command.summary}`);
  lines.push('', 'Run "doctor <command> --help" for details. Exit codes: 0 ok, 1 failure, 2 usage or bad input.');
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the doctor with `argv` (without node and script); resolves to the exit code. The
 * entry point (scripts/doctor.ts) adds the commands that need the services (e.g. catalog).
 */
export async function runDoctor(argv: readonly string[], io: DoctorIo, commands: Readonly<Record<string, DoctorCommand>> = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(helpText(commands));
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(helpText(commands));
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.stderr(`doctor: unknown command ${JSON.stringify(name)}; try --help\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`usage: npm run doctor -- ${command.usage}\n\n${command.help.join('\n')}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`doctor: ${error.message}\n`);
      return 2;
    }
    io.stderr(`doctor: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
