/**
 * Queue tickets (取号). Numbers are prefix + 3 digits, per category per local day, strictly
 * increasing. The counter row and the ticket row are written in one transaction and the
 * caller only hears of the number after COMMIT returns (R-D2), so a crash at any later point
 * (rendering, printing) can lose a printout but never hands the same number out twice (R-W3).
 */
import type { QueueCategory } from '../../ipc/contract.js';
import { type Result, err, ok } from '../../../hardware/result.js';
import { type HallTime, hallTime } from '../clock.js';
import type { KioskDatabase } from '../storage/database.js';
import type { QueueCategoryDefinition } from './categories.js';

/** Three digits on the ticket: the 1000th ticket of a category in one day cannot be issued. */
export const MAX_TICKETS_PER_CATEGORY_PER_DAY = 999;

export interface IssuedTicket {
  readonly id: number;
  readonly ticketNumber: string;
  readonly category: QueueCategoryDefinition;
  readonly waitingAhead: number;
  readonly issuedAt: HallTime;
}

export type IssueFailure = 'unknownCategory' | 'exhausted';

export interface QueueServiceOptions {
  readonly timeZone: string;
  readonly now: () => number;
}

export class QueueService {
  readonly #db: KioskDatabase;
  readonly #categories: ReadonlyMap<string, QueueCategoryDefinition>;
  readonly #options: QueueServiceOptions;

  constructor(db: KioskDatabase, categories: readonly QueueCategoryDefinition[], options: QueueServiceOptions) {
    this.#db = db;
    this.#categories = new Map(categories.map((c) => [c.id, c]));
    this.#options = options;
  }

  #today(): HallTime {
    return hallTime(this.#options.now(), this.#options.timeZone);
  }

  /** Tickets of the category issued today and still waiting. */
  waitingCount(categoryId: string): number {
    const row = this.#db
      .prepare("SELECT count(*) AS n FROM tickets WHERE service_day = ? AND category_id = ? AND status = 'waiting'")
      .get(this.#today().day, categoryId) as { n: number };
    return row.n;
  }

  listCategories(): QueueCategory[] {
    return [...this.#categories.values()].map((c) => ({
      id: c.id,
      name: c.name,
      prefix: c.prefix,
      description: c.description,
      waitingCount: this.waitingCount(c.id),
    }));
  }

  issueTicket(categoryId: string): Result<IssuedTicket, IssueFailure> {
    const category = this.#categories.get(categoryId);
    if (category === undefined) return err('unknownCategory');
    const issuedAt = this.#today();
    const issue = this.#db.transaction((): Result<IssuedTicket, IssueFailure> => {
      const counter = this.#db
        .prepare('SELECT last_seq AS lastSeq FROM ticket_counters WHERE service_day = ? AND category_id = ?')
        .get(issuedAt.day, category.id) as { lastSeq: number } | undefined;
      const seq = (counter?.lastSeq ?? 0) + 1;
      if (seq > MAX_TICKETS_PER_CATEGORY_PER_DAY) return err('exhausted');
      this.#db
        .prepare(
          `INSERT INTO ticket_counters (service_day, category_id, last_seq) VALUES (?, ?, ?)
           ON CONFLICT (service_day, category_id) DO UPDATE SET last_seq = excluded.last_seq`,
        )
        .run(issuedAt.day, category.id, seq);
      const ticketNumber = `${category.prefix}${String(seq).padStart(3, '0')}`;
      const waiting = this.#db
        .prepare("SELECT count(*) AS n FROM tickets WHERE service_day = ? AND category_id = ? AND status = 'waiting' AND seq < ?")
        .get(issuedAt.day, category.id, seq) as { n: number };
      const inserted = this.#db
        .prepare('INSERT INTO tickets (service_day, category_id, seq, ticket_number, issued_at) VALUES (?, ?, ?, ?, ?)')
        .run(issuedAt.day, category.id, seq, ticketNumber, issuedAt.iso);
      return ok({ id: Number(inserted.lastInsertRowid), ticketNumber, category, waitingAhead: waiting.n, issuedAt });
    });
    // IMMEDIATE takes the write lock before reading the counter, so two processes sharing
    // the file (a second host by mistake) still cannot read the same last_seq.
    return issue.immediate();
  }
}
