/**
 * Where submitted applications are committed (R-D2): the `applications` row (no personal
 * data) and the outbox record carrying the sealed submission, in one transaction, so the
 * citizen is told "submitted" only when both exist, and a crash leaves both or neither.
 * Numbers (申报编号 SB…, 一次性告知书 GZ…) come from per-day counters committed before use:
 * a crash may skip a number, never reuse one.
 */
import type { ApplicationUpload } from '../platform/platform-adapter.js';
import type { KioskDatabase } from '../storage/database.js';
import type { Outbox } from '../sync/outbox.js';

export type DocumentKind = 'SB' | 'GZ';

export interface CommittedApplication {
  readonly reference: string;
  readonly outboxId: number;
  readonly idempotencyKey: string;
}

export class ApplicationStore {
  readonly #db: KioskDatabase;
  readonly #outbox: Outbox;

  constructor(db: KioskDatabase, outbox: Outbox) {
    this.#db = db;
    this.#outbox = outbox;
  }

  /** The next number of `kind` for hall day `day` (`YYYY-MM-DD`): `SB20261124000007`. */
  nextNumber(kind: DocumentKind, day: string): string {
    const next = this.#db.transaction(() => {
      const row = this.#db
        .prepare(
          `INSERT INTO document_counters (kind, day, last_seq) VALUES (?, ?, 1)
           ON CONFLICT (kind, day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
        )
        .get(kind, day) as { last_seq: number };
      return row.last_seq;
    });
    return `${kind}${day.replaceAll('-', '')}${String(next.immediate()).padStart(6, '0')}`;
  }

  /** Commits the application and its outbox record together; returns once COMMIT returned. */
  commit(upload: ApplicationUpload): CommittedApplication {
    const commit = this.#db.transaction(() => {
      const added = this.#outbox.add('application', upload);
      this.#db
        .prepare('INSERT INTO applications (reference, item_code, submitted_at, outbox_id) VALUES (?, ?, ?, ?)')
        .run(upload.reference, upload.itemCode, upload.submittedAt, added.id);
      return { reference: upload.reference, outboxId: added.id, idempotencyKey: added.idempotencyKey };
    });
    return commit.immediate();
  }
}
