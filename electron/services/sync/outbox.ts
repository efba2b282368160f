/**
 * The outbox (R-D5): everything the platform must hear of — evaluations, check-ins, later
 * applications — is written here in the same transaction as the local record, so the
 * citizen is told "recorded" only after COMMIT (R-D2) and a crash or a dead network loses
 * nothing. Each record has a UUID idempotency key the platform dedupes on, a retry schedule
 * with exponential backoff and full jitter, and is quarantined after
 * {@link MAX_DELIVERY_ATTEMPTS} failures or a refusal that retrying cannot fix (a poison
 * record), where the technician sees it.
 *
 * Personal fields in a payload (a phone number left for follow-up) are blanked once the
 * platform acknowledged the record and the retention window passed (R-P4).
 */
import { randomUUID } from 'node:crypto';
import type { KioskDatabase } from '../storage/database.js';
import type { OutboxDelivery } from '../platform/platform-adapter.js';

export type OutboxKind = OutboxDelivery['kind'];

/** Attempts before a record that keeps failing is quarantined. */
export const MAX_DELIVERY_ATTEMPTS = 12;
/** First retry after about this long; doubled per attempt up to {@link MAX_BACKOFF_MS}. */
export const BASE_BACKOFF_MS = 5_000;
export const MAX_BACKOFF_MS = 30 * 60_000;

export interface OutboxRecord {
  readonly id: number;
  readonly delivery: OutboxDelivery;
  readonly attempts: number;
}

export interface OutboxCounts {
  readonly pending: number;
  readonly delivered: number;
  readonly quarantined: number;
}

export interface QuarantinedRecord {
  readonly id: number;
  readonly kind: OutboxKind;
  readonly idempotencyKey: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: number;
}

interface Row {
  id: number;
  idempotency_key: string;
  kind: OutboxKind;
  payload: string;
  attempts: number;
}

/**
 * Delay before attempt `attempts + 1`: full jitter over an exponential ceiling (AWS
 * architecture blog "Exponential Backoff And Jitter"), so terminals that lost the network
 * together do not all retry in the same second when it returns.
 */
export function backoffMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(attempts, 20));
  return Math.round(BASE_BACKOFF_MS / 2 + random() * (ceiling - BASE_BACKOFF_MS / 2));
}

export class Outbox {
  readonly #db: KioskDatabase;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(db: KioskDatabase, options: { readonly now: () => number; readonly random?: () => number }) {
    this.#db = db;
    this.#now = options.now;
    this.#random = options.random ?? Math.random;
  }

  /**
   * Adds a record; call inside the transaction that writes the local record, so both or
   * neither exist. Returns the row id and the new idempotency key.
   */
  add<K extends OutboxKind>(kind: K, payload: Extract<OutboxDelivery, { kind: K }>['payload']): { id: number; idempotencyKey: string } {
    const idempotencyKey = randomUUID();
    const now = this.#now();
    const inserted = this.#db
      .prepare('INSERT INTO outbox (idempotency_key, kind, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)')
      .run(idempotencyKey, kind, JSON.stringify(payload), now, now);
    return { id: Number(inserted.lastInsertRowid), idempotencyKey };
  }

  /** Pending records whose next attempt is due, oldest first. */
  due(limit = 20): OutboxRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT id, idempotency_key, kind, payload, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      )
      .all(this.#now(), limit) as Row[];
    return rows.map((row) => ({
      id: row.id,
      attempts: row.attempts,
      delivery: parseDelivery(row),
    }));
  }

  /** Epoch ms of the earliest pending attempt, or null when nothing is pending. */
  nextDueAt(): number | null {
    const row = this.#db.prepare("SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'pending'").get() as { at: number | null };
    return row.at;
  }

  markDelivered(id: number): void {
    this.#db.prepare("UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?").run(this.#now(), id);
  }

  /**
   * Records a failed attempt. Retryable failures are rescheduled (not before the
   * platform's Retry-After); the rest, and the {@link MAX_DELIVERY_ATTEMPTS}th, quarantine
   * the record. Returns what happened.
   */
  markFailed(id: number, failure: { readonly isRetryable: boolean; readonly message: string; readonly retryAfterMs?: number }): 'retrying' | 'quarantined' {
    const row = this.#db.prepare('SELECT attempts FROM outbox WHERE id = ?').get(id) as { attempts: number } | undefined;
    const attempts = (row?.attempts ?? 0) + 1;
    if (!failure.isRetryable || attempts >= MAX_DELIVERY_ATTEMPTS) {
      this.#db.prepare("UPDATE outbox SET status = 'quarantined', attempts = ?, last_error = ? WHERE id = ?").run(attempts, failure.message, id);
      return 'quarantined';
    }
    const delay = Math.max(backoffMs(attempts - 1, this.#random), failure.retryAfterMs ?? 0);
    this.#db.prepare('UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?').run(attempts, failure.message, this.#now() + delay, id);
    return 'retrying';
  }

  /** Puts a quarantined record back in line (technician, after fixing the cause). */
  release(id: number): boolean {
    const changed = this.#db
      .prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'quarantined'")
      .run(this.#now(), id);
    return changed.changes === 1;
  }

  counts(): OutboxCounts {
    const rows = this.#db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as { status: keyof OutboxCounts; n: number }[];
    const counts = { pending: 0, delivered: 0, quarantined: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  quarantined(): QuarantinedRecord[] {
    return (
      this.#db
        .prepare("SELECT id, kind, idempotency_key, attempts, last_error, created_at FROM outbox WHERE status = 'quarantined' ORDER BY id")
        .all() as { id: number; kind: OutboxKind; idempotency_key: string; attempts: number; last_error: string | null; created_at: number }[]
    ).map((row) => ({
      id: row.id,
      kind: row.kind,
      idempotencyKey: row.idempotency_key,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
    }));
  }

  /**
   * Blanks the personal fields of records delivered more than `retentionMs` ago (R-P4);
   * returns how many were purged. The caller checkpoints the WAL afterwards.
   */
  purgeDelivered(retentionMs: number): number {
    const cutoff = this.#now() - retentionMs;
    const rows = this.#db
      .prepare("SELECT id, payload FROM outbox WHERE status = 'delivered' AND is_purged = 0 AND delivered_at <= ?")
      .all(cutoff) as { id: number; payload: string }[];
    const update = this.#db.prepare('UPDATE outbox SET payload = ?, is_purged = 1 WHERE id = ?');
    this.#db.transaction(() => {
      for (const row of rows) update.run(JSON.stringify(withoutPersonalFields(JSON.parse(row.payload) as Record<string, unknown>)), row.id);
    })();
    return rows.length;
  }
}

function parseDelivery(row: Row): OutboxDelivery {
  // Written by add() from a typed payload of this kind; the database is ours.
  const payload: unknown = JSON.parse(row.payload);
  return { kind: row.kind, idempotencyKey: row.idempotency_key, payload } as OutboxDelivery;
}

/** Payload fields that are personal data and go once delivered and retained long enough. */
const PERSONAL_FIELDS = ['phone', 'applicantName', 'idNumber'] as const;

function withoutPersonalFields(payload: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...payload };
  for (const field of PERSONAL_FIELDS) if (field in copy) copy[field] = null;
  return copy;
}
