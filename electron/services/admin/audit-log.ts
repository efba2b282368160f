/**
 * The technician console's audit log (R-P6, 等保2.0 GB/T 22239-2019 level 3 "security
 * audit"): who did what, when, and how it ended — PIN logins, configuration, device
 * changes, exports. Rows are chained: each row's hash covers its own fields and the hash of
 * the row before, so editing, deleting or reordering a row breaks the chain at that row.
 *
 * Two layers of protection, for two different mistakes:
 * - SQL triggers (migration 4) make UPDATE and DELETE abort and make every INSERT continue
 *   the chain, so the app cannot change history by accident;
 * - `verify()` recomputes the chain, for someone who edits the file directly (and drops
 *   the triggers first). A tamperer who rewrites the whole chain from the edited row on
 *   is only caught against a head hash kept elsewhere (`head()` → an export, the
 *   platform); `verify(anchor)` checks one.
 *
 * Details are plain words and never personal data or the PIN: a detail that looks like an
 * ID number, a phone number or any run of 6+ digits (a PIN is 6–12 digits) is not stored;
 * the event is still recorded, with a note that its detail was withheld.
 *
 * Retention: kept at least 6 months (R-P4). Nothing purges it yet; a future purge has to
 * work around the DELETE trigger on purpose and keep the first kept row's `prev_hash` as
 * the new anchor.
 */
import createDebug from 'debug';
import { createHash } from 'node:crypto';
import type { KioskDatabase } from '../storage/database.js';

const debug = createDebug('kiosk:services:audit');

/** `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);
/** Versions the canonical encoding, so a future change of fields cannot collide. */
const CANONICAL_TAG = 'kiosk-audit-v1';
export const MAX_DETAIL_LENGTH = 500;
/** `recent()` never returns more than this many rows. */
export const MAX_RECENT = 500;

export const AUDIT_ACTORS = ['technician', 'system', 'hall'] as const;
export type AuditActor = (typeof AUDIT_ACTORS)[number];

export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What happened. Past-tense facts or `area.action`; new events need no migration. */
export type AuditEvent =
  | 'pin.set'
  | 'pin.changed'
  | 'pin.login'
  | 'pin.failed'
  | 'pin.locked'
  | 'session.timeout'
  | 'session.logout'
  | 'config.changed'
  | 'settings.changed'
  | 'device.bound'
  | 'device.test'
  | 'diagnostics.exported'
  | 'outbox.released';

export interface AuditEntry {
  readonly actor: AuditActor;
  readonly event: AuditEvent;
  readonly outcome: AuditOutcome;
  /** Plain words, no personal data, no PIN, no number of 6 or more digits. */
  readonly detail: string;
  /** Epoch ms; the injected clock of the caller. */
  readonly at: number;
}

export interface AuditRecord {
  readonly seq: number;
  readonly at: number;
  readonly actor: AuditActor;
  readonly event: string;
  readonly outcome: AuditOutcome;
  readonly detail: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The newest row: keep it outside the database to catch a rewritten or truncated chain. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

export type AuditBreak =
  /** A row's fields no longer match its own hash (an edited row). */
  | 'hashMismatch'
  /** A row's `prev_hash` is not the hash of the row before (a row edited and rehashed, or replaced). */
  | 'brokenLink'
  /** A sequence number is missing (a deleted row) or out of order. */
  | 'gap'
  /** The chain is shorter than the anchor, or the anchored row differs (truncated or rewritten). */
  | 'anchorMismatch';

export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly head: AuditAnchor }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: AuditBreak };

/** Stored instead of a detail that looked like personal data or a secret. */
export const WITHHELD_DETAIL = '细节疑含个人信息或长数字串，未记录 (detail withheld: it looked like personal data or a long number)';

// A digit run of 6+ covers the PIN (6–12 digits), ID numbers (15/18, last may be X), phone
// numbers (11) and bank cards; digits split by single spaces or hyphens
// (`138-0013-8000`) count as one run. \p{Nd} also catches full-width digits.
const DIGIT_SEPARATOR = /(?<=\p{Nd})[ -](?=\p{Nd})/gu;
const LONG_DIGIT_RUN = /\p{Nd}{6,}/u;
// Control and format characters (newlines, U+202E, zero-width) could disguise a row on screen.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

export type DetailCheck = { readonly ok: true; readonly detail: string } | { readonly ok: false; readonly why: 'longDigitRun' | 'tooLong' };

/** Normalises a detail (invisible characters → spaces) and refuses one that may hold personal data. */
export function checkAuditDetail(detail: string): DetailCheck {
  if (detail.length > MAX_DETAIL_LENGTH) return { ok: false, why: 'tooLong' };
  const clean = detail.replace(INVISIBLE, ' ');
  if (LONG_DIGIT_RUN.test(clean.replace(DIGIT_SEPARATOR, ''))) return { ok: false, why: 'longDigitRun' };
  return { ok: true, detail: clean };
}

interface AuditRow {
  seq: number;
  at: number;
  actor: AuditActor;
  event: string;
  outcome: AuditOutcome;
  detail: string;
  prevHash: string;
  hash: string;
}

/** SHA-256 over a JSON array of the fields: unambiguous, since JSON escapes every string. */
export function auditHash(fields: Omit<AuditRecord, 'hash'>): string {
  const canonical = JSON.stringify([CANONICAL_TAG, fields.seq, fields.at, fields.actor, fields.event, fields.outcome, fields.detail, fields.prevHash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const COLUMNS = 'seq, at, actor, event, outcome, detail, prev_hash AS prevHash, hash';

export class AuditLog {
  readonly #db: KioskDatabase;

  constructor(db: KioskDatabase) {
    this.#db = db;
  }

  /**
   * Appends one entry and returns it as stored, after COMMIT (WAL, synchronous=FULL: R-D1,
   * R-D2). Inside a caller's transaction it becomes part of that transaction (a savepoint),
   * so e.g. a failed PIN attempt and its audit row commit together or not at all.
   */
  append(entry: AuditEntry): AuditRecord {
    if (!Number.isSafeInteger(entry.at)) throw new Error(`audit time must be integer ms, got ${entry.at}`);
    assertMember(AUDIT_ACTORS, entry.actor, 'audit actor');
    assertMember(AUDIT_OUTCOMES, entry.outcome, 'audit outcome');
    const checked = checkAuditDetail(entry.detail);
    if (!checked.ok) debug('detail of %s withheld (%s)', entry.event, checked.why);
    const detail = checked.ok ? checked.detail : WITHHELD_DETAIL;
    const append = this.#db.transaction((): AuditRecord => {
      const last = this.head();
      const fields = { seq: last.seq + 1, at: entry.at, actor: entry.actor, event: entry.event, outcome: entry.outcome, detail, prevHash: last.hash };
      const record = { ...fields, hash: auditHash(fields) };
      this.#db
        .prepare('INSERT INTO audit_log (seq, at, actor, event, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(record.seq, record.at, record.actor, record.event, record.outcome, record.detail, record.prevHash, record.hash);
      return record;
    });
    // IMMEDIATE takes the write lock before reading the head, so two connections cannot
    // both append after the same row (the trigger would refuse the second anyway).
    return this.#db.inTransaction ? append() : append.immediate();
  }

  /** The newest row's seq and hash; seq 0 and the genesis hash when empty. */
  head(): AuditAnchor {
    const row = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditAnchor | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Newest first, for the console. */
  recent(limit = 50): AuditRecord[] {
    const capped = Math.max(1, Math.min(MAX_RECENT, Math.trunc(limit)));
    return this.#db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT ?`).all(capped) as AuditRow[];
  }

  /**
   * Recomputes the whole chain, oldest first, and reports the first bad row. An edited row
   * shows as `hashMismatch` at that row; an edited row whose hash was recomputed shows as
   * `brokenLink` at the row after it; a deleted row as `gap` at the missing seq. Deleting
   * the newest rows is only visible against an `anchor` taken earlier.
   */
  verify(anchor?: AuditAnchor): AuditVerification {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let anchoredHash: string | null = null;
    const rows = this.#db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`).iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, 'gap');
      if (auditHash(row) !== row.hash) return broken(row.seq, 'hashMismatch');
      if (row.prevHash !== prevHash) return broken(row.seq, 'brokenLink');
      if (row.seq === anchor?.seq) anchoredHash = row.hash;
      prevHash = row.hash;
      expectedSeq += 1;
    }
    const count = expectedSeq - 1;
    if (anchor !== undefined && anchor.seq > 0) {
      if (count < anchor.seq) return broken(count + 1, 'anchorMismatch');
      if (anchoredHash !== anchor.hash) return broken(anchor.seq, 'anchorMismatch');
    }
    return { ok: true, count, head: { seq: count, hash: prevHash } };
  }
}

function broken(firstBadSeq: number, reason: AuditBreak): AuditVerification {
  debug('audit chain broken at seq %d: %s', firstBadSeq, reason);
  return { ok: false, firstBadSeq, reason };
}

function assertMember<T extends string>(members: readonly T[], value: string, what: string): asserts value is T {
  if (!(members as readonly string[]).includes(value)) throw new Error(`unknown ${what}: ${value}`);
}
