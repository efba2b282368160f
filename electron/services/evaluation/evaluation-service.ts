/**
 * 好差评: the rating of a service, bound to its case or ticket, this terminal (or the window
 * of a counter pad) and the time. Rules (protocols.md §4.1, issue #7):
 * - five levels, none preselected; reasons from the level's list; a low rating (2, 1) needs
 *   a reason, may leave a phone number, and is flagged for 12345 follow-up;
 * - skipping, a timeout, or the session ending with the prompt open records "not rated" —
 *   never a level;
 * - each record goes to the outbox in the same transaction, so it reaches the provincial
 *   platform even if the network was down when the citizen rated;
 * - a case or ticket is rated once on the kiosk: the offer is not repeated (no nagging).
 */
import createDebug from 'debug';
import { randomUUID } from 'node:crypto';
import type { EvaluationJourney, EvaluationLevel, EvaluationPrompt, IpcResult } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import type { EvaluationUpload } from '../platform/platform-adapter.js';
import type { SessionService } from '../session/session-service.js';
import type { SessionSubjects } from '../session/session-subjects.js';
import type { KioskDatabase } from '../storage/database.js';
import type { Outbox } from '../sync/outbox.js';
import { EVALUATION_LEVELS, LOW_LEVELS } from './evaluation-reasons.js';

const debug = createDebug('kiosk:services:evaluation');

export type NotRatedWhy = 'skipped' | 'timeout' | 'sessionEnded' | 'padTimeout' | 'padCancelled';

export interface EvaluationSubject {
  readonly caseNumber: string | null;
  readonly ticketNumber: string | null;
  readonly windowId: string | null;
  readonly staffId: string | null;
}

export interface EvaluationServiceOptions {
  readonly db: KioskDatabase;
  readonly outbox: Outbox;
  readonly onOutboxChanged: () => void;
  readonly session: SessionService;
  readonly subjects: SessionSubjects;
  readonly reasons: Readonly<Record<EvaluationLevel, readonly string[]>>;
  readonly timeoutSeconds: number;
  readonly terminalId: string;
  readonly timeZone: string;
  readonly now: () => number;
}

interface OpenPrompt {
  readonly promptId: string;
  readonly journey: EvaluationJourney;
  readonly subject: EvaluationSubject;
}

export type RatingInput =
  | { readonly outcome: 'rated'; readonly level: EvaluationLevel; readonly reasons: readonly string[]; readonly phone: string | null }
  | { readonly outcome: 'notRated'; readonly why: NotRatedWhy };

const ALREADY_RATED: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '本次服务已评价，感谢您的参与' } };
const NO_PROMPT: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '评价已结束，请返回首页' } };

export class EvaluationService {
  readonly #options: EvaluationServiceOptions;
  #prompt: OpenPrompt | null = null;

  constructor(options: EvaluationServiceOptions) {
    this.#options = options;
    // An open prompt at the end of the session was neither rated nor declined: not rated.
    options.session.onWipe(() => {
      const prompt = this.#prompt;
      this.#prompt = null;
      if (prompt !== null) this.#record(prompt.subject, 'kiosk', prompt.journey, { outcome: 'notRated', why: 'sessionEnded' });
    });
  }

  /** Opens the rating of the journey just finished; the subject comes from the session. */
  begin(journey: EvaluationJourney, caseNumber: string | undefined): IpcResult<EvaluationPrompt> {
    const { subjects } = this.#options;
    if (caseNumber !== undefined && !subjects.cases.includes(caseNumber)) {
      return { ok: false, error: { code: 'notFound', message: '请先查询要评价的办件' } };
    }
    const subject: EvaluationSubject = {
      caseNumber: caseNumber ?? (journey === 'progress' && subjects.cases.length === 1 ? (subjects.cases[0] ?? null) : null),
      ticketNumber: journey === 'ticket' || journey === 'checkIn' ? subjects.lastTicketNumber : null,
      windowId: null,
      staffId: null,
    };
    if (this.#isRated(subject)) return ALREADY_RATED;
    const current = this.#prompt;
    const isSame = current !== null && current.journey === journey && current.subject.caseNumber === subject.caseNumber && current.subject.ticketNumber === subject.ticketNumber;
    const prompt = isSame ? current : { promptId: randomUUID(), journey, subject };
    this.#prompt = prompt;
    return {
      ok: true,
      value: {
        promptId: prompt.promptId,
        subjectLabel: subject.caseNumber !== null ? `办件 ${subject.caseNumber}` : subject.ticketNumber !== null ? `号票 ${subject.ticketNumber}` : '本次自助服务',
        levels: EVALUATION_LEVELS,
        reasons: this.#options.reasons,
        lowLevels: LOW_LEVELS,
        timeoutSeconds: this.#options.timeoutSeconds,
      },
    };
  }

  submit(promptId: string, level: EvaluationLevel, reasons: readonly string[], phone: string | null): IpcResult<{ readonly recorded: true; readonly isFollowUp: boolean }> {
    const prompt = this.#prompt;
    if (prompt === null || prompt.promptId !== promptId) return NO_PROMPT;
    const offered = this.#options.reasons[level];
    const unique = [...new Set(reasons)];
    if (unique.some((reason) => !offered.includes(reason))) {
      return { ok: false, error: { code: 'invalidArgument', message: '请从列出的原因中选择' } };
    }
    const isLow = LOW_LEVELS.includes(level);
    if (isLow && unique.length === 0) return { ok: false, error: { code: 'invalidArgument', message: '请至少选择一项不满意的原因' } };
    if (!isLow && phone !== null) return { ok: false, error: { code: 'invalidArgument', message: '仅不满意的评价需要留下电话' } };
    this.#prompt = null;
    this.#record(prompt.subject, 'kiosk', prompt.journey, { outcome: 'rated', level, reasons: unique, phone });
    return { ok: true, value: { recorded: true, isFollowUp: isLow } };
  }

  decline(promptId: string, why: 'skipped' | 'timeout'): IpcResult<{ readonly recorded: true }> {
    const prompt = this.#prompt;
    if (prompt === null || prompt.promptId !== promptId) return NO_PROMPT;
    this.#prompt = null;
    this.#record(prompt.subject, 'kiosk', prompt.journey, { outcome: 'notRated', why });
    return { ok: true, value: { recorded: true } };
  }

  /** A rating from an evaluation pad at a window (counter mode). Returns the evaluation id. */
  recordPad(subject: EvaluationSubject, input: RatingInput): string {
    return this.#record(subject, 'pad', null, input);
  }

  #isRated(subject: EvaluationSubject): boolean {
    if (subject.caseNumber === null && subject.ticketNumber === null) return false;
    const day = hallTime(this.#options.now(), this.#options.timeZone).day;
    const row = this.#options.db
      .prepare(
        `SELECT 1 FROM evaluations WHERE channel = 'kiosk' AND outcome = 'rated'
           AND ((? IS NOT NULL AND case_number = ?) OR (? IS NOT NULL AND ticket_number = ? AND substr(rated_at, 1, 10) = ?))`,
      )
      .get(subject.caseNumber, subject.caseNumber, subject.ticketNumber, subject.ticketNumber, day);
    return row !== undefined;
  }

  /** Writes the evaluation and its outbox record in one transaction; returns its id. */
  #record(subject: EvaluationSubject, channel: 'kiosk' | 'pad', journey: EvaluationJourney | null, input: RatingInput): string {
    const { db, outbox, terminalId, timeZone, now } = this.#options;
    const id = randomUUID();
    const ratedAt = hallTime(now(), timeZone).iso;
    const level = input.outcome === 'rated' ? input.level : null;
    const reasons = input.outcome === 'rated' ? input.reasons : [];
    const phone = input.outcome === 'rated' ? input.phone : null;
    const isFollowUp = level !== null && LOW_LEVELS.includes(level);
    const upload: EvaluationUpload = { evaluationId: id, level, reasons, phone, isFollowUp, ...subject, terminalId, channel, ratedAt };
    db.transaction(() => {
      const { id: outboxId } = outbox.add('evaluation', upload);
      db.prepare(
        `INSERT INTO evaluations (id, channel, outcome, level, not_rated_why, reasons, has_phone, is_follow_up, journey,
           case_number, ticket_number, window_id, staff_id, terminal_id, rated_at, outbox_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        channel,
        input.outcome,
        level,
        input.outcome === 'notRated' ? input.why : null,
        JSON.stringify(reasons),
        phone === null ? 0 : 1,
        isFollowUp ? 1 : 0,
        journey,
        subject.caseNumber,
        subject.ticketNumber,
        subject.windowId,
        subject.staffId,
        terminalId,
        ratedAt,
        outboxId,
      );
    }).immediate();
    debug('%s evaluation recorded: %s', channel, input.outcome === 'rated' ? `level ${input.level}` : `not rated (${input.why})`);
    this.#options.onOutboxChanged();
    return id;
  }
}
