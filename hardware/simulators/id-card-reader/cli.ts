/**
 * Runs the ID-card reader simulator on a serial port, so the kiosk can read cards on a
 * laptop:
 *
 *   socat -d -d pty,raw,echo=0,link=/tmp/idcard-host pty,raw,echo=0,link=/tmp/idcard-sim
 *   tsx hardware/simulators/id-card-reader/cli.ts /tmp/idcard-sim --card resident
 *
 * and point the kiosk's ID-card reader at `/tmp/idcard-host`. Type on stdin:
 *   card <specimen-id> [preamble]   put a card on the reader (fresh)
 *   remove                          take it away
 *   fault <name> [ms]               garbage | split | bad-checksum | remove-41 |
 *                                   remove-truncate | sam-60 | sam-66 | sam-66-persistent |
 *                                   late <ms> | no-reply | mute | clear
 *   status                          card state and counts
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { SerialTransport } from '../../transports/serial-transport.js';
import { parseBaudRate, serveOnPort, usageFailure } from '../serial-cli.js';
import { DEFAULT_GARBAGE, DEFAULT_SPLIT } from './faults.js';
import { IdCardReaderSimulator } from './id-card-reader-simulator.js';
import { simulatedCard } from './simulated-cards.js';
import { SPECIMEN_IDS, type SpecimenId } from './specimens.js';

const DEFAULT_BAUD_RATE = 115_200;
/** RF read time by default, so the kiosk sees a realistic delay (§1.9: 0.5–1.5 s). */
const DEFAULT_READ_DELAY_MS = 600;

const USAGE = 'usage: tsx hardware/simulators/id-card-reader/cli.ts <serial-path> [--card <specimen-id>] [--baud n] [--read-delay ms]';
const FAULTS = ['garbage', 'split', 'bad-checksum', 'remove-41', 'remove-truncate', 'sam-60', 'sam-66', 'sam-66-persistent', 'late <ms>', 'no-reply', 'mute', 'clear'];

const fail = usageFailure(USAGE);

function isSpecimenId(value: string): value is SpecimenId {
  return (SPECIMEN_IDS as readonly string[]).includes(value);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    card: { type: 'string' },
    baud: { type: 'string', default: String(DEFAULT_BAUD_RATE) },
    'read-delay': { type: 'string', default: String(DEFAULT_READ_DELAY_MS) },
  },
});

const portPath = positionals[0] ?? fail('missing <serial-path>');
const baudRate = parseBaudRate(values.baud, fail);
const readDelayMs = Number(values['read-delay']);
if (!Number.isFinite(readDelayMs) || readDelayMs < 0) fail(`--read-delay must be ≥ 0, not ${values['read-delay']}`);
if (values.card !== undefined && !isSpecimenId(values.card)) fail(`--card must be one of ${SPECIMEN_IDS.join(', ')}`);

const transport = new SerialTransport({ path: portPath, baudRate });
const simulator = new IdCardReaderSimulator({ readDelayMs });
if (values.card !== undefined && isSpecimenId(values.card)) simulator.presentCard(simulatedCard(values.card));
simulator.attach(transport);
// Statuses only: the simulated cards are synthetic, but the habit matters (R-P2).
simulator.onReply((reply) => {
  if (reply.command !== 'findCard' && reply.command !== 'selectCard' && reply.command !== 'samStatus') {
    console.log(`${reply.command} → ${reply.sw3.toString(16)} (${reply.bytes} bytes${reply.isTruncated ? ', truncated' : ''})`);
  }
});

const ready = serveOnPort({
  transport,
  portPath,
  banner: () => `ID-card reader simulator on ${transport.description}; card: ${simulator.card?.id ?? 'none'}`,
  drain: () => simulator.whenIdle(),
});

function applyFault(name: string, argument: string | undefined): string | undefined {
  switch (name) {
    case 'garbage':
      simulator.faults.garbageBeforeReply = DEFAULT_GARBAGE;
      return 'garbage before every reply';
    case 'split':
      simulator.faults.split = DEFAULT_SPLIT;
      return 'replies split into 1–64 byte chunks, 0–50 ms apart';
    case 'bad-checksum':
      simulator.inject({ kind: 'badChecksum' });
      return 'next reply has a bad checksum';
    case 'remove-41':
    case 'remove-truncate':
      simulator.inject({ kind: 'removeMidRead', mode: name === 'remove-41' ? 'sw41' : 'truncate' });
      return 'the card will be pulled during the next READ';
    case 'sam-60':
      simulator.setSamFault(0x60);
      return 'SAM self-test failed (cleared by a reset)';
    case 'sam-66':
    case 'sam-66-persistent':
      simulator.setSamFault(0x66, name === 'sam-66-persistent');
      return `SAM not authorised${name === 'sam-66' ? ' (cleared by a reset)' : ' (persistent)'}`;
    case 'late': {
      const ms = Number(argument ?? '500');
      if (!Number.isFinite(ms) || ms < 0) return undefined;
      simulator.inject({ kind: 'delayReply', ms });
      return `next reply ${ms} ms late`;
    }
    case 'no-reply':
      simulator.inject({ kind: 'noReply' });
      return 'no reply to the next command';
    case 'mute':
      simulator.faults.isMute = true;
      return 'mute';
    case 'clear':
      simulator.clearFaults();
      return 'faults cleared';
    default:
      return undefined;
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [verb = '', first, second] = line.trim().split(/\s+/u);
  if (verb === '') return;
  if (verb === 'card' && first !== undefined && isSpecimenId(first)) {
    simulator.presentCard(simulatedCard(first, second === 'preamble' ? { photo: 'preamble' } : {}));
  } else if (verb === 'card') {
    console.error(`card <specimen-id> [preamble]; ids: ${SPECIMEN_IDS.join(', ')}`);
  } else if (verb === 'remove') {
    simulator.removeCard();
  } else if (verb === 'fault') {
    const said = applyFault(first ?? '', second);
    console.log(said ?? `unknown fault; try: ${FAULTS.join(', ')}`);
  } else if (verb !== 'status') {
    console.error('commands: card <specimen-id> [preamble], remove, fault <name>, status');
  }
  console.log(`card: ${simulator.card?.id ?? 'none'} (${simulator.cardState}); ${simulator.received.length} commands received`);
});

await ready;
