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
  readonly isPriority: boolean;
  /** The holder already had this ticket: it is returned again, not issued anew. */
  readonly isExisting: boolean;
}

/** Who takes a ticket with an ID card: a keyed hash of the ID number, never the number. */
export interface TicketHolder {
  readonly hash: string;
  readonly isPriority: boolean;
}

interface TicketRow {
  id: number;
  seq: number;
  lane: number;
  ticketNumber: string;
  issuedAt: string;
  isPriority: number;
}

export type IssueFailure = 'unknownCategory' | 'exhausted';

/** Call order within a category: walk-ins, then appointments ahead, booked priority first. */
export const LANES = { walkIn: 0, appointment: 1, priority: 2 } as const;
export type Lane = keyof typeof LANES;

/** An appointment checked in: its ticket goes in the appointment's lane, one per appointment. */
export interface AppointmentTicket {
  readonly code: string;
  readonly lane: Exclude<Lane, 'walkIn'>;
}

export interface IssueOptions {
  /** Issue the ticket of this appointment; a second call returns the same ticket. */
  readonly appointment?: AppointmentTicket;
  /** Runs inside the issuing transaction for a new ticket (e.g. the outbox record of a check-in). */
  readonly onIssued?: (ticket: IssuedTicket) => void;
}

export interface QueueServiceOptions {
  readonly timeZone: string;
  readonly now: () => number;
}

const SELECT_TICKET = `SELECT id, seq, lane, ticket_number AS ticketNumber, issued_at AS issuedAt, is_priority AS isPriority,
  category_id AS categoryId FROM tickets`;

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

  /**
   * Issues the next number of the category. With a `holder`, a second request of the same
   * person for the same category on the same day returns the ticket already issued
   * (`isExisting`), so one citizen cannot hold several places in one queue.
   */
  issueTicket(categoryId: string, holder: TicketHolder | null = null, options: IssueOptions = {}): Result<IssuedTicket, IssueFailure> {
    const category = this.#categories.get(categoryId);
    if (category === undefined) return err('unknownCategory');
    const issuedAt = this.#today();
    const { appointment } = options;
    const lane = LANES[appointment?.lane ?? 'walkIn'];
    const issue = this.#db.transaction((): Result<IssuedTicket, IssueFailure> => {
      const existing =
        appointment !== undefined
          ? (this.#db.prepare(`${SELECT_TICKET} WHERE appointment_code = ?`).get(appointment.code) as TicketRow | undefined)
          : holder !== null
            ? (this.#db
                .prepare(`${SELECT_TICKET} WHERE service_day = ? AND category_id = ? AND holder_hash = ? AND appointment_code IS NULL`)
                .get(issuedAt.day, category.id, holder.hash) as TicketRow | undefined)
            : undefined;
      if (existing !== undefined) return ok(this.#toIssued(existing, category, issuedAt.day, true));
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
      const isPriority = holder?.isPriority ?? appointment?.lane === 'priority';
      const inserted = this.#db
        .prepare(
          `INSERT INTO tickets (service_day, category_id, seq, ticket_number, issued_at, holder_hash, is_priority, lane, appointment_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(issuedAt.day, category.id, seq, ticketNumber, issuedAt.iso, holder?.hash ?? null, isPriority ? 1 : 0, lane, appointment?.code ?? null);
      const ticket: IssuedTicket = {
        id: Number(inserted.lastInsertRowid),
        ticketNumber,
        category,
        waitingAhead: this.#waitingAhead(issuedAt.day, category.id, lane, seq),
        issuedAt,
        isPriority,
        isExisting: false,
      };
      options.onIssued?.(ticket);
      return ok(ticket);
    });
    // IMMEDIATE takes the write lock before reading the counter, so two processes sharing
    // the file (a second host by mistake) still cannot read the same last_seq.
    return issue.immediate();
  }

  /** The ticket issued for an appointment, if one was. */
  appointmentTicketNumber(appointmentCode: string): string | null {
    const row = this.#db.prepare('SELECT ticket_number AS n FROM tickets WHERE appointment_code = ?').get(appointmentCode) as { n: string } | undefined;
    return row?.n ?? null;
  }

  categoryName(categoryId: string): string | null {
    return this.#categories.get(categoryId)?.name ?? null;
  }

  /** Today's ticket `ticketNumber` if it belongs to `holderHash` (for reprints); else null. */
  findHolderTicket(ticketNumber: string, holderHash: string): IssuedTicket | null {
    const day = this.#today().day;
    const row = this.#db
      .prepare(`${SELECT_TICKET} WHERE service_day = ? AND ticket_number = ? AND holder_hash = ?`)
      .get(day, ticketNumber, holderHash) as (TicketRow & { categoryId: string }) | undefined;
    const category = row === undefined ? undefined : this.#categories.get(row.categoryId);
    return row === undefined || category === undefined ? null : this.#toIssued(row, category, day, true);
  }

  /** Waiting tickets called before this one: higher lanes, then earlier ones of its lane. */
  #waitingAhead(day: string, categoryId: string, lane: number, seq: number): number {
    const row = this.#db
      .prepare(
        `SELECT count(*) AS n FROM tickets WHERE service_day = ? AND category_id = ? AND status = 'waiting'
           AND (lane > ? OR (lane = ? AND seq < ?))`,
      )
      .get(day, categoryId, lane, lane, seq) as { n: number };
    return row.n;
  }

  #toIssued(row: TicketRow, category: QueueCategoryDefinition, day: string, isExisting: boolean): IssuedTicket {
    const [date, time] = [row.issuedAt.slice(0, 10), row.issuedAt.slice(11, 16)];
    return {
      id: row.id,
      ticketNumber: row.ticketNumber,
      category,
      waitingAhead: this.#waitingAhead(row.issuedAt.slice(0, 10), category.id, row.lane, row.seq),
      issuedAt: { day, iso: row.issuedAt, display: `${date} ${time}` },
      isPriority: row.isPriority === 1,
      isExisting,
    };
  }
}
