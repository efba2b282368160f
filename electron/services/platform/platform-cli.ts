/**
 * `npm run platform -- …` (= `npm run doctor -- platform …`): hall staff and technicians
 * work the local platform from a shell — file a case, move it (受理 / 补正 / 办结), book an
 * appointment, list what exists with the QR texts to print or scan — and see the outbox.
 * Works on `KIOSK_DATA_DIR` (the kiosk may be running: SQLite WAL lets both write).
 *
 * ID numbers are never taken from the command line (shell history): a real applicant's
 * number is read from stdin (`--id-number -`); `--specimen <id>` uses a synthetic test card.
 */
import path from 'node:path';
import { type DoctorCommand, type DoctorIo, UsageError } from '../../../hardware/cli/doctor.js';
import { SPECIMEN_CARDS } from '../../../hardware/simulators/id-card-reader/specimens.js';
import { isSpecimenId } from '../../../hardware/registry.js';
import type { CaseStatus, GuideView } from '../../ipc/contract.js';
import { CatalogueService, loadCatalogue } from '../catalogue/catalogue-service.js';
import { loadTerminalConfig } from '../config/terminal-config.js';
import { defaultDataDir } from '../data-dir.js';
import { loadQueueCategories } from '../queue/categories.js';
import { appointmentQrText, receiptQrText } from '../scan/scan-payload.js';
import { openDatabase } from '../storage/database.js';
import { openVault } from '../storage/vault.js';
import { Outbox } from '../sync/outbox.js';
import { isLocalPlatformEmpty, seedDemoData } from './demo-data.js';
import { LocalPlatform } from './local-platform.js';

const ASSETS_DIR = path.resolve(import.meta.dirname, '../../../assets');

const STATUS_WORDS: Readonly<Record<string, CaseStatus>> = {
  accepted: 'accepted',
  correction: 'correctionRequired',
  completed: 'completed',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

const HELP = [
  'case add --item <code> (--specimen <id> | --name <姓名> --id-number -)   file a case; prints number, 查询码, QR text',
  'case status <number> accepted|correction|completed|rejected|withdrawn [--note <text>]',
  '            [--missing "<material>:<reason>" …] (correction needs at least one)',
  'appointment add --category <id> --at <HH:mm> [--day YYYY-MM-DD] [--minutes 30] [--priority]',
  '            (--specimen <id> | --name <姓名> --id-number -) [--item <name>]',
  'list [--json]            the newest cases and appointments with their QR texts',
  'demo                     sample cases and appointments for the specimen cards (empty platform only)',
  'outbox [--json]          pending / delivered / quarantined records; outbox release <id> retries one',
  'Data folder: KIOSK_DATA_DIR (as the kiosk). Exit 0 done, 1 refused, 2 usage.',
];

/** `--name value` pairs and repeated flags; bare words stay positional. */
function parseFlags(args: readonly string[]): { positional: string[]; flags: Map<string, string[]>; switches: Set<string> } {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  const SWITCHES = new Set(['--priority', '--json']);
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index] ?? '';
    if (SWITCHES.has(word)) switches.add(word);
    else if (word.startsWith('--')) {
      const value = args[index + 1];
      if (value === undefined) throw new UsageError(`${word} needs a value`);
      flags.set(word, [...(flags.get(word) ?? []), value]);
      index += 1;
    } else positional.push(word);
  }
  return { positional, flags, switches };
}

const one = (flags: Map<string, string[]>, name: string): string | undefined => flags.get(name)?.at(-1);
const required = (flags: Map<string, string[]>, name: string): string => {
  const value = one(flags, name);
  if (value === undefined) throw new UsageError(`${name} is required`);
  return value;
};

async function applicant(flags: Map<string, string[]>, io: DoctorIo): Promise<{ name: string; idNumber: string }> {
  const specimen = one(flags, '--specimen');
  if (specimen !== undefined) {
    if (!isSpecimenId(specimen)) throw new UsageError(`no specimen card "${specimen}" (known: ${Object.keys(SPECIMEN_CARDS).join(', ')})`);
    const card = SPECIMEN_CARDS[specimen];
    return { name: card.name, idNumber: card.idNumber };
  }
  const name = required(flags, '--name');
  if (one(flags, '--id-number') !== '-') throw new UsageError('give --id-number - and type the number on stdin (never on the command line)');
  const idNumber = (await io.readStdin()).trim().toUpperCase();
  if (!/^(\d{17}[\dX]|[A-Z]{3}\d{12})$/u.test(idNumber)) throw new UsageError('the ID number read from stdin is not 18 characters (or a 15-character foreigner number)');
  return { name, idNumber };
}

export const PLATFORM_COMMAND: DoctorCommand = {
  usage: 'platform <case|appointment|list|demo|outbox> …',
  summary: 'work the local platform: cases, statuses, appointments, outbox',
  help: HELP,
  async run(args, io) {
    const dataDir = defaultDataDir();
    const loaded = loadTerminalConfig(dataDir);
    if (!loaded.ok) throw new UsageError(`platform: the terminal configuration is unusable: ${loaded.error.join('; ')}`);
    const { config } = loaded.value;
    const opened = openDatabase(dataDir);
    if (!opened.ok) throw new UsageError(`platform: ${opened.error.message}`);
    const db = opened.value;
    try {
      // R-P5: the same data key as the kiosk, so names it files are sealed like the kiosk's.
      const vault = openVault(db, dataDir);
      if (!vault.ok) throw new UsageError(`platform: ${vault.error.message}`);
      const platform = new LocalPlatform(db, { timeZone: config.timeZone, now: Date.now, vault: vault.value });
      const base = config.platform.publicBaseUrl;
      const { positional, flags, switches } = parseFlags(args);
      const [area, action, target, status] = positional;
      const print = (value: unknown, text: string): void => io.stdout(switches.has('--json') ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
      const catalogueGuide = (code: string): GuideView | null => {
        const categories = loadQueueCategories(ASSETS_DIR);
        if (!categories.ok) return null;
        const loadedCatalogue = loadCatalogue(ASSETS_DIR, dataDir, new Set(categories.value.map((c) => c.id)));
        return loadedCatalogue.ok ? new CatalogueService(loadedCatalogue.value, categories.value).guide(code) : null;
      };
      if (area === 'case' && action === 'add') {
        const code = required(flags, '--item');
        const item = catalogueGuide(code);
        if (item === null) throw new UsageError(`no item ${code} in the catalogue`);
        const person = await applicant(flags, io);
        const filed = platform.addCase({
          itemCode: code,
          itemName: item.name,
          departmentName: item.departmentName,
          applicantName: person.name,
          idNumber: person.idNumber,
          promisedDate: null,
          collection: { method: '窗口领取', place: item.place.split('；')[0] ?? item.place, hours: item.hours },
        });
        const qr = receiptQrText(base, filed.caseNumber, filed.verifier);
        print({ ...filed, qr }, `case ${filed.caseNumber}  查询码 ${filed.verifier}\n${qr}`);
        return 0;
      }
      if (area === 'case' && action === 'status' && target !== undefined && status !== undefined) {
        const next = STATUS_WORDS[status];
        if (next === undefined) throw new UsageError(`unknown status "${status}" (${Object.keys(STATUS_WORDS).join(', ')})`);
        const missingMaterials = (flags.get('--missing') ?? []).map((entry) => {
          const [name, ...reason] = entry.split(/[:：]/u);
          if (name === undefined || name.trim() === '' || reason.join(':').trim() === '') throw new UsageError(`--missing "${entry}": write "<material>:<reason>"`);
          return { name: name.trim(), reason: reason.join(':').trim() };
        });
        const moved = platform.setCaseStatus(target, next, { note: one(flags, '--note') ?? null, missingMaterials });
        if (!moved.ok) {
          io.stderr(`platform: ${moved.error}\n`);
          return 1;
        }
        print({ caseNumber: target, status: next }, `case ${target} is now ${next}`);
        return 0;
      }
      if (area === 'appointment' && action === 'add') {
        const categoryId = required(flags, '--category');
        const categories = loadQueueCategories(ASSETS_DIR);
        if (categories.ok && !categories.value.some((c) => c.id === categoryId)) {
          throw new UsageError(`no queue category "${categoryId}" (${categories.value.map((c) => c.id).join(', ')})`);
        }
        const at = required(flags, '--at');
        const day = one(flags, '--day') ?? new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone }).format(new Date());
        const minutes = Number(one(flags, '--minutes') ?? '30');
        const start = Date.parse(`${day}T${at}:00+08:00`);
        if (!/^\d{2}:\d{2}$/u.test(at) || Number.isNaN(start) || !Number.isInteger(minutes) || minutes < 5 || minutes > 240) {
          throw new UsageError('--at HH:mm, --day YYYY-MM-DD and --minutes 5–240 (times are China Standard Time)');
        }
        const person = await applicant(flags, io);
        const booked = platform.addAppointment({
          categoryId,
          itemName: one(flags, '--item') ?? null,
          applicantName: person.name,
          idNumber: person.idNumber,
          slotStart: start,
          slotEnd: start + minutes * 60_000,
          lane: switches.has('--priority') ? 'priority' : 'appointment',
        });
        const qr = appointmentQrText(base, booked.code, booked.verifier);
        print({ ...booked, qr }, `appointment ${booked.code}  查询码 ${booked.verifier}\n${qr}`);
        return 0;
      }
      if (area === 'list') {
        const recent = platform.recent(20);
        const listed = {
          cases: recent.cases.map((c) => ({ ...c, qr: receiptQrText(base, c.caseNumber, c.verifier) })),
          appointments: recent.appointments.map((a) => ({ ...a, qr: appointmentQrText(base, a.code, a.verifier) })),
        };
        print(
          listed,
          [
            ...listed.cases.map((c) => `case ${c.caseNumber}  ${c.status.padEnd(18)} ${c.qr}`),
            ...listed.appointments.map((a) => `appointment ${a.code}  ${a.slotStart}  ${a.qr}`),
          ].join('\n') || '(no cases or appointments)',
        );
        return 0;
      }
      if (area === 'demo') {
        if (!isLocalPlatformEmpty(platform)) {
          io.stderr('platform: the local platform already has cases or appointments; demo data goes only into an empty one\n');
          return 1;
        }
        seedDemoData(platform, { now: Date.now(), timeZone: config.timeZone, guide: () => null });
        print({ seeded: true }, 'demo cases and appointments added; `list` shows them');
        return 0;
      }
      if (area === 'outbox') {
        const outbox = new Outbox(db, { now: Date.now, vault: vault.value });
        if (action === 'release' && target !== undefined) {
          const released = outbox.release(Number(target));
          if (!released) io.stderr(`platform: no quarantined outbox record ${target}\n`);
          return released ? 0 : 1;
        }
        const report = { counts: outbox.counts(), quarantined: outbox.quarantined() };
        print(
          report,
          [
            `pending ${report.counts.pending}, delivered ${report.counts.delivered}, quarantined ${report.counts.quarantined}`,
            ...report.quarantined.map((r) => `  #${r.id} ${r.kind} after ${r.attempts} attempt(s): ${r.lastError ?? ''}`),
          ].join('\n'),
        );
        return 0;
      }
      throw new UsageError(`platform: unknown command "${positional.join(' ')}"; see platform --help`);
    } finally {
      db.close();
    }
  },
};
