/**
 * The embedded platform (`local` adapter, design.md §5): cases and appointments live in
 * this terminal's SQLite. Hall staff add and move them through `npm run platform -- …` (and
 * later the technician console); the citizen-facing services read them through the same
 * {@link PlatformAdapter} interface a remote platform implements, so switching to `http`
 * changes no screen.
 *
 * Deliveries are idempotent per key (`platform_deliveries`), exactly as a real platform
 * must be: the outbox may deliver a record twice after a crash between send and mark.
 */
import { type Result, ok } from '../../../hardware/result.js';
import type { CaseStatus } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import type { KioskDatabase } from '../storage/database.js';
import { withoutPersonalFields } from '../privacy/personal-fields.js';
import { settingsSecret } from '../storage/settings.js';
import { Vault } from '../storage/vault.js';
import { type CaseEvent, caseSteps } from './case-steps.js';
import type {
  ApplicationUpload,
  AppointmentRecord,
  CaseRecord,
  DeliveryAck,
  OutboxDelivery,
  PlatformAdapter,
  PlatformError,
  PlatformHolder,
} from './platform-adapter.js';
import { holderHash, verifierFor } from './platform-keys.js';
import { addWorkingDays } from './working-days.js';

/** What the local platform knows of an item to file an application's case (from the catalogue). */
export interface LocalItemRules {
  readonly departmentName: string;
  readonly promisedDays: number;
  readonly collection: { readonly method: string; readonly place: string; readonly hours: string };
}

/** Settings keys of the local platform's secrets (created on first use, never exported). */
const LOCAL_HOLDER_KEY = 'platformHolderKey';
const VERIFIER_KEY = 'platformVerifierKey';

export interface NewCase {
  readonly itemCode: string;
  readonly itemName: string;
  readonly departmentName: string;
  readonly applicantName: string;
  readonly idNumber: string;
  readonly promisedDate: string | null;
  /** Where the result is collected (from the guide: 办理地点, 办公时间). */
  readonly collection: { readonly method: string; readonly place: string; readonly hours: string } | null;
}

export interface NewAppointment {
  readonly categoryId: string;
  readonly itemName: string | null;
  readonly applicantName: string;
  readonly idNumber: string;
  /** Epoch ms of the slot. */
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly lane?: 'appointment' | 'priority';
}

export interface StatusChange {
  readonly note?: string | null;
  /** 补正: every missing material with why. */
  readonly missingMaterials?: readonly { readonly name: string; readonly reason: string }[];
  readonly collection?: { readonly method: string; readonly place: string; readonly hours: string } | null;
}

interface CaseRow {
  case_number: string;
  item_code: string;
  item_name: string;
  department_name: string;
  status: CaseStatus;
  applicant_name: string;
  submitted_at: string;
  promised_date: string | null;
  missing_materials: string;
  collection: string | null;
}

interface AppointmentRow {
  code: string;
  category_id: string;
  item_name: string | null;
  applicant_name: string;
  slot_start: string;
  slot_end: string;
  status: AppointmentRecord['status'];
  lane: AppointmentRecord['lane'];
}

/** Allowed status moves; anything else is refused in plain words. */
const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  submitted: ['accepted', 'correctionRequired', 'rejected', 'withdrawn'],
  correctionRequired: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['completed', 'rejected', 'withdrawn'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

export class LocalPlatform implements PlatformAdapter {
  readonly kind = 'local';
  readonly #db: KioskDatabase;
  readonly #timeZone: string;
  readonly #now: () => number;
  readonly #holderKey: Uint8Array;
  readonly #verifierKey: Uint8Array;

  readonly #retentionMs: number;
  readonly #vault: Vault | null;
  readonly #itemRules: (itemCode: string) => LocalItemRules | null;

  /**
   * `retentionMs`: how long a delivery keeps its personal fields (a phone left for 12345
   * follow-up, an application's people, form and scans) before they are blanked (R-P4);
   * default 30 days. `vault`: seals applicant names and delivered payloads at rest (R-P5).
   * `itemRules`: the promise and collection place of an item, to file applications.
   */
  constructor(
    db: KioskDatabase,
    options: {
      readonly timeZone: string;
      readonly now: () => number;
      readonly retentionMs?: number;
      readonly vault?: Vault | null;
      readonly itemRules?: (itemCode: string) => LocalItemRules | null;
    },
  ) {
    this.#db = db;
    this.#timeZone = options.timeZone;
    this.#now = options.now;
    this.#retentionMs = options.retentionMs ?? 30 * 86_400_000;
    this.#vault = options.vault ?? null;
    this.#itemRules = options.itemRules ?? (() => null);
    this.#holderKey = settingsSecret(db, LOCAL_HOLDER_KEY);
    this.#verifierKey = settingsSecret(db, VERIFIER_KEY);
  }

  /** The keyed hash this platform files a holder's cases under. */
  holderHash(idNumber: string): string {
    return holderHash(this.#holderKey, idNumber);
  }

  // ---- hall staff: cases and appointments --------------------------------------------

  /** Files a new case; the number is `ZZ` + the hall's date + a 6-digit sequence. */
  addCase(input: NewCase): { caseNumber: string; verifier: string } {
    return this.#db.transaction(() => this.#insertCase(input)).immediate();
  }

  #insertCase(input: NewCase): { caseNumber: string; verifier: string } {
    const at = hallTime(this.#now(), this.#timeZone);
    {
      const prefix = `ZZ${at.day.replaceAll('-', '')}`;
      const row = this.#db.prepare('SELECT count(*) AS n FROM platform_cases WHERE case_number LIKE ?').get(`${prefix}%`) as { n: number };
      const caseNumber = `${prefix}${String(row.n + 1).padStart(6, '0')}`;
      const verifier = verifierFor(this.#verifierKey, 'case', caseNumber);
      this.#db
        .prepare(
          `INSERT INTO platform_cases (case_number, verifier, item_code, item_name, department_name, status, applicant_name,
             holder_hash, submitted_at, promised_date, collection)
           VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?)`,
        )
        .run(
          caseNumber,
          verifier,
          input.itemCode,
          input.itemName,
          input.departmentName,
          this.#sealName(input.applicantName, caseNumber),
          this.holderHash(input.idNumber),
          at.iso,
          input.promisedDate,
          input.collection === null ? null : JSON.stringify(input.collection),
        );
      this.#db.prepare("INSERT INTO platform_case_events (case_number, status, at) VALUES (?, 'submitted', ?)").run(caseNumber, at.iso);
      return { caseNumber, verifier };
    }
  }

  /** Moves a case on (受理 / 补正 / 办结 …); refuses moves a real case cannot make. */
  setCaseStatus(caseNumber: string, status: CaseStatus, change: StatusChange = {}): Result<void, string> {
    const at = hallTime(this.#now(), this.#timeZone).iso;
    const move = this.#db.transaction((): Result<void, string> => {
      const row = this.#db.prepare('SELECT status FROM platform_cases WHERE case_number = ?').get(caseNumber) as { status: CaseStatus } | undefined;
      if (row === undefined) return { ok: false, error: `no case ${caseNumber}` };
      if (!NEXT_STATUSES[row.status].includes(status)) {
        return { ok: false, error: `case ${caseNumber} is ${row.status}; it cannot become ${status}` };
      }
      if (status === 'correctionRequired' && (change.missingMaterials ?? []).length === 0) {
        return { ok: false, error: '补正 needs the list of missing materials' };
      }
      this.#db
        .prepare(
          `UPDATE platform_cases SET status = ?, missing_materials = ?,
             collection = CASE WHEN ? THEN ? ELSE collection END WHERE case_number = ?`,
        )
        .run(
          status,
          JSON.stringify(status === 'correctionRequired' ? change.missingMaterials : []),
          change.collection === undefined ? 0 : 1,
          change.collection == null ? null : JSON.stringify(change.collection),
          caseNumber,
        );
      this.#db.prepare('INSERT INTO platform_case_events (case_number, status, at, note) VALUES (?, ?, ?, ?)').run(caseNumber, status, at, change.note ?? null);
      return ok(undefined);
    });
    return move.immediate();
  }

  /** Books an appointment; the number is `YY` + the slot's date + a 4-digit sequence. */
  addAppointment(input: NewAppointment): { code: string; verifier: string } {
    const start = hallTime(input.slotStart, this.#timeZone);
    const add = this.#db.transaction(() => {
      const prefix = `YY${start.day.replaceAll('-', '')}`;
      const row = this.#db.prepare('SELECT count(*) AS n FROM platform_appointments WHERE code LIKE ?').get(`${prefix}%`) as { n: number };
      const code = `${prefix}${String(row.n + 1).padStart(4, '0')}`;
      const verifier = verifierFor(this.#verifierKey, 'appointment', code);
      this.#db
        .prepare(
          `INSERT INTO platform_appointments (code, verifier, category_id, item_name, applicant_name, holder_hash, slot_start, slot_end, lane)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          code,
          verifier,
          input.categoryId,
          input.itemName,
          input.applicantName,
          this.holderHash(input.idNumber),
          start.iso,
          hallTime(input.slotEnd, this.#timeZone).iso,
          input.lane ?? 'appointment',
        );
      return { code, verifier };
    });
    return add.immediate();
  }

  /** The newest cases and appointments with their verification codes (CLI, dev panel). */
  recent(limit: number): { cases: { caseNumber: string; verifier: string; status: CaseStatus }[]; appointments: { code: string; verifier: string; slotStart: string }[] } {
    const cases = this.#db
      .prepare('SELECT case_number AS caseNumber, verifier, status FROM platform_cases ORDER BY submitted_at DESC, case_number DESC LIMIT ?')
      .all(limit) as { caseNumber: string; verifier: string; status: CaseStatus }[];
    const appointments = this.#db
      .prepare('SELECT code, verifier, slot_start AS slotStart FROM platform_appointments ORDER BY slot_start DESC LIMIT ?')
      .all(limit) as { code: string; verifier: string; slotStart: string }[];
    return { cases, appointments };
  }

  /** How many deliveries of each kind this platform received (one per idempotency key). */
  deliveryCounts(): Record<string, number> {
    const rows = this.#db.prepare('SELECT kind, count(*) AS n FROM platform_deliveries GROUP BY kind').all() as { kind: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.kind, row.n]));
  }

  // ---- PlatformAdapter ------------------------------------------------------------

  findCase(caseNumber: string, verifier: string): Promise<Result<CaseRecord | null, PlatformError>> {
    const row = this.#db.prepare('SELECT * FROM platform_cases WHERE case_number = ? AND verifier = ?').get(caseNumber, verifier) as CaseRow | undefined;
    return Promise.resolve(ok(row === undefined ? null : this.#toCase(row)));
  }

  casesOfHolder(holder: PlatformHolder, limit: number): Promise<Result<CaseRecord[], PlatformError>> {
    const rows = this.#db
      .prepare('SELECT * FROM platform_cases WHERE holder_hash = ? ORDER BY submitted_at DESC, case_number DESC LIMIT ?')
      .all(this.holderHash(holder.idNumber), limit) as CaseRow[];
    return Promise.resolve(ok(rows.map((row) => this.#toCase(row))));
  }

  findAppointment(code: string, verifier: string): Promise<Result<AppointmentRecord | null, PlatformError>> {
    const row = this.#db.prepare('SELECT * FROM platform_appointments WHERE code = ? AND verifier = ?').get(code, verifier) as AppointmentRow | undefined;
    return Promise.resolve(ok(row === undefined ? null : toAppointment(row)));
  }

  appointmentsOfHolder(holder: PlatformHolder, day: string): Promise<Result<AppointmentRecord[], PlatformError>> {
    const rows = this.#db
      .prepare('SELECT * FROM platform_appointments WHERE holder_hash = ? AND substr(slot_start, 1, 10) = ? ORDER BY slot_start')
      .all(this.holderHash(holder.idNumber), day) as AppointmentRow[];
    return Promise.resolve(ok(rows.map(toAppointment)));
  }

  deliver(delivery: OutboxDelivery): Promise<Result<DeliveryAck, PlatformError>> {
    const receivedAt = hallTime(this.#now(), this.#timeZone).iso;
    const receive = this.#db.transaction((): Result<DeliveryAck, PlatformError> => {
      const earlier = this.#db.prepare('SELECT kind, case_number FROM platform_deliveries WHERE idempotency_key = ?').get(delivery.idempotencyKey) as
        | { kind: string; case_number: string | null }
        | undefined;
      if (earlier !== undefined) return ok(this.#ackOf(earlier.case_number));
      let caseNumber: string | null = null;
      if (delivery.kind === 'application') {
        const filed = this.#fileApplication(delivery.payload);
        if (!filed.ok) return filed;
        caseNumber = filed.value;
      }
      this.#db
        .prepare('INSERT INTO platform_deliveries (idempotency_key, kind, received_at, payload, case_number) VALUES (?, ?, ?, ?, ?)')
        .run(delivery.idempotencyKey, delivery.kind, receivedAt, this.#sealPayload(JSON.stringify(delivery.payload), delivery.idempotencyKey), caseNumber);
      if (delivery.kind === 'checkIn') {
        const { appointmentCode, ticketNumber, checkedInAt } = delivery.payload;
        this.#db
          .prepare("UPDATE platform_appointments SET status = 'checkedIn', checked_in_at = ?, ticket_number = ? WHERE code = ? AND status = 'booked'")
          .run(checkedInAt, ticketNumber, appointmentCode);
      }
      return ok(this.#ackOf(caseNumber));
    });
    const received = receive.immediate();
    this.purgeExpired();
    return Promise.resolve(received);
  }

  /** Files the case of an application; refused (not retryable) for an item it does not know. */
  #fileApplication(upload: ApplicationUpload): Result<string, PlatformError> {
    const rules = this.#itemRules(upload.itemCode);
    if (rules === null) {
      return { ok: false, error: { kind: 'rejected', isRetryable: false, message: `the local platform has no item ${upload.itemCode} in its catalogue` } };
    }
    const today = hallTime(this.#now(), this.#timeZone).day;
    const { caseNumber } = this.#insertCase({
      itemCode: upload.itemCode,
      itemName: upload.itemName,
      departmentName: rules.departmentName,
      applicantName: upload.applicant.name,
      idNumber: upload.applicant.idNumber,
      promisedDate: rules.promisedDays === 0 ? today : addWorkingDays(today, rules.promisedDays),
      collection: rules.collection,
    });
    return ok(caseNumber);
  }

  #ackOf(caseNumber: string | null): DeliveryAck {
    if (caseNumber === null) return { kind: 'recorded' };
    const row = this.#db.prepare('SELECT verifier, promised_date FROM platform_cases WHERE case_number = ?').get(caseNumber) as { verifier: string; promised_date: string | null };
    return { kind: 'caseFiled', caseNumber, verifier: row.verifier, promisedDate: row.promised_date };
  }

  #sealName(name: string, caseNumber: string): string {
    return this.#vault === null ? name : this.#vault.seal(name, `case:${caseNumber}`);
  }

  #openName(stored: string, caseNumber: string): string {
    if (!Vault.isSealed(stored) || this.#vault === null) return stored;
    try {
      return this.#vault.open(stored, `case:${caseNumber}`);
    } catch {
      return '（无法读取）';
    }
  }

  #sealPayload(text: string, key: string): string {
    return this.#vault === null ? text : this.#vault.seal(text, `delivery:${key}`);
  }

  /**
   * Blanks the phone numbers of deliveries received more than the retention window ago
   * (R-P4); returns how many. Runs with every delivery, so a terminal in use keeps none
   * longer than about the window.
   */
  purgeExpired(): number {
    const cutoff = hallTime(this.#now() - this.#retentionMs, this.#timeZone).iso;
    const rows = this.#db
      .prepare('SELECT idempotency_key AS key, kind, payload FROM platform_deliveries WHERE received_at <= ? AND is_purged = 0')
      .all(cutoff) as { key: string; kind: string; payload: string }[];
    if (rows.length === 0) return 0;
    const update = this.#db.prepare('UPDATE platform_deliveries SET payload = ?, is_purged = 1 WHERE idempotency_key = ?');
    this.#db.transaction(() => {
      for (const row of rows) {
        let kept: Record<string, unknown> = {};
        try {
          const text = Vault.isSealed(row.payload) && this.#vault !== null ? this.#vault.open(row.payload, `delivery:${row.key}`) : row.payload;
          kept = withoutPersonalFields(JSON.parse(text) as Record<string, unknown>);
        } catch {
          // Unreadable: nothing of it is kept.
        }
        update.run(this.#sealPayload(JSON.stringify(kept), row.key), row.key);
      }
    })();
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    return rows.length;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #toCase(row: CaseRow): CaseRecord {
    const events = this.#db
      .prepare('SELECT status, at, note FROM platform_case_events WHERE case_number = ? ORDER BY id')
      .all(row.case_number) as CaseEvent[];
    return {
      caseNumber: row.case_number,
      itemCode: row.item_code,
      itemName: row.item_name,
      departmentName: row.department_name,
      status: row.status,
      applicantName: this.#openName(row.applicant_name, row.case_number),
      submittedAt: row.submitted_at,
      promisedDate: row.promised_date,
      steps: caseSteps(events),
      missingMaterials: JSON.parse(row.missing_materials) as CaseRecord['missingMaterials'],
      collection: row.collection !== null ? (JSON.parse(row.collection) as CaseRecord['collection']) : null,
    };
  }
}

function toAppointment(row: AppointmentRow): AppointmentRecord {
  return {
    code: row.code,
    categoryId: row.category_id,
    itemName: row.item_name,
    applicantName: row.applicant_name,
    slotStart: row.slot_start,
    slotEnd: row.slot_end,
    status: row.status,
    lane: row.lane,
  };
}
