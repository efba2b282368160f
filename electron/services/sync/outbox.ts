/**
 * The outbox (R-D5): everything the platform must hear of — evaluations, check-ins, later
 * applications — is written here in the same transaction as the local record, so the
 * citizen is told "recorded" only after COMMIT (R-D2) and a crash or a dead network loses
 * nothing. Each record has a UUID idempotency key the platform dedupes on, a retry schedule
 * with exponential backoff and full jitter, and is quarantined after
 * {@link MAX_DELIVERY_ATTEMPTS} failures or a refusal that retrying cannot fix (a poison
 * record), where the technician sees it.
 *
 * Payloads are sealed with the data key when the outbox has a vault (R-P5: an application
 * carries names, ID numbers, scans); the idempotency key is the authenticated context, so a
 * sealed payload moved to another row does not open. Personal fields in a payload are
 * blanked once the platform acknowledged the record and the retention window passed (R-P4).
 */
import { randomUUID } from 'node:crypto';
import type { KioskDatabase } from '../storage/database.js';
import type { DeliveryAck, OutboxDelivery } from '../platform/platform-adapter.js';
import { withoutPersonalFields } from '../privacy/personal-fields.js';
import { Vault } from '../storage/vault.js';

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
  readonly #vault: Vault | null;

  constructor(db: KioskDatabase, options: { readonly now: () => number; readonly random?: () => number; readonly vault?: Vault | null }) {
    this.#db = db;
    this.#now = options.now;
    this.#random = options.random ?? Math.random;
    this.#vault = options.vault ?? null;
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
      .run(idempotencyKey, kind, this.#seal(JSON.stringify(payload), idempotencyKey), now, now);
    return { id: Number(inserted.lastInsertRowid), idempotencyKey };
  }

  /**
   * Pending records whose next attempt is due, oldest first. A payload that no longer opens
   * (tampered, or sealed under another key) is quarantined here, never sent.
   */
  due(limit = 20): OutboxRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT id, idempotency_key, kind, payload, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      )
      .all(this.#now(), limit) as Row[];
    const records: OutboxRecord[] = [];
    for (const row of rows) {
      try {
        records.push({ id: row.id, attempts: row.attempts, delivery: parseDelivery(row, this.#open(row.payload, row.idempotency_key)) });
      } catch (error) {
        this.markFailed(row.id, { isRetryable: false, message: `payload unreadable: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    return records;
  }

  /** The platform's answer to a delivered record (the case number of an application), or null. */
  ackOf(id: number): DeliveryAck | null {
    const row = this.#db.prepare("SELECT ack FROM outbox WHERE id = ? AND status = 'delivered'").get(id) as { ack: string | null } | undefined;
    return row?.ack == null ? null : (JSON.parse(row.ack) as DeliveryAck);
  }

  /** Epoch ms of the earliest pending attempt, or null when nothing is pending. */
  nextDueAt(): number | null {
    const row = this.#db.prepare("SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'pending'").get() as { at: number | null };
    return row.at;
  }

  markDelivered(id: number, ack: DeliveryAck = { kind: 'recorded' }): void {
    this.#db
      .prepare("UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL, ack = ? WHERE id = ?")
      .run(this.#now(), JSON.stringify(ack), id);
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
      .prepare("SELECT id, idempotency_key, payload FROM outbox WHERE status = 'delivered' AND is_purged = 0 AND delivered_at <= ?")
      .all(cutoff) as { id: number; idempotency_key: string; payload: string }[];
    const update = this.#db.prepare('UPDATE outbox SET payload = ?, is_purged = 1 WHERE id = ?');
    this.#db.transaction(() => {
      for (const row of rows) {
        let kept: Record<string, unknown> = {};
        try {
          kept = withoutPersonalFields(JSON.parse(this.#open(row.payload, row.idempotency_key)) as Record<string, unknown>);
        } catch {
          // Unreadable: nothing of it is kept.
        }
        update.run(this.#seal(JSON.stringify(kept), row.idempotency_key), row.id);
      }
    })();
    return rows.length;
  }

  #seal(text: string, idempotencyKey: string): string {
    return this.#vault === null ? text : this.#vault.seal(text, `outbox:${idempotencyKey}`);
  }

  #open(stored: string, idempotencyKey: string): string {
    if (!Vault.isSealed(stored)) return stored;
    if (this.#vault === null) throw new Error('payload is sealed and this outbox has no data key');
    return this.#vault.open(stored, `outbox:${idempotencyKey}`);
  }
}

function parseDelivery(row: Row, payloadText: string): OutboxDelivery {
  // Written by add() from a typed payload of this kind; the database is ours.
  const payload: unknown = JSON.parse(payloadText);
  return { kind: row.kind, idempotencyKey: row.idempotency_key, payload } as OutboxDelivery;
}
