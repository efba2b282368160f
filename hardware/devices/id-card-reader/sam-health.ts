/**
 * The reader's condition and the SAM checks that move it (reliability.md R-V1, R-V4, R-V5;
 * protocols.md §1.4, §1.9):
 *
 * - `11 FF` answered 90 → `online` (`ready`, or `powerOn` after an unplug);
 * - commands unanswered {@link NO_REPLY_LIMIT} times in a row → `noReply`;
 * - SW3 60/66 anywhere → one `10 FF` reset then `11 FF` (`resetting`); still failing →
 *   `faulty` with XFS action `maintenance`. Automatic resets are budgeted (sam-recovery.ts).
 */
import createDebug from 'debug';
import { type Clock, sleep } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import type { SamCommandName, SamResponse } from '../../protocols/sam/frame.js';
import type { IdCardReaderCondition, IdCardReaderStatusUpdate } from './events.js';
import { fromExchangeFailure, fromSw3 } from './reader-errors.js';
import type { ExchangeFailure } from './sam-channel.js';
import type { ResetBudget } from './sam-recovery.js';
import { NO_REPLY_LIMIT } from './timing.js';

const debug = createDebug('kiosk:hardware:id-card-reader');

const SW3_OK = 0x90;
/** §1.4: self-test failed / not authorised — the SAM cannot work until reset. */
export const SAM_FAULT_CODES: ReadonlySet<number> = new Set([0x60, 0x66]);

export interface SamHealthDeps {
  readonly clock: Clock;
  readonly budget: ResetBudget;
  /** Sends one command with its deadline (the caller holds the command queue). */
  readonly send: (command: SamCommandName, signal?: AbortSignal) => Promise<Result<SamResponse, ExchangeFailure>>;
  /** A reset power-cycles the module, which forgets the card in its field. */
  readonly forgetCard: () => void;
  readonly statusUpdate: (update: IdCardReaderStatusUpdate) => void;
  readonly error: (error: DeviceError) => void;
}

export class SamHealth {
  readonly #deps: SamHealthDeps;
  readonly #wakers = new Set<() => void>();
  #condition: IdCardReaderCondition = 'unknown';
  #silentCommands = 0;

  constructor(deps: SamHealthDeps) {
    this.#deps = deps;
  }

  get condition(): IdCardReaderCondition {
    return this.#condition;
  }

  /** Changes the condition, reports it and wakes a sleeping poll loop. */
  setCondition(next: IdCardReaderCondition, update: IdCardReaderStatusUpdate): void {
    if (this.#condition === next && next !== 'resetting') return;
    this.#condition = next;
    this.#deps.statusUpdate(update);
    for (const wake of [...this.#wakers]) wake();
  }

  /** Back to `unknown` without an event (transport reopened by `open()`). */
  forget(): void {
    this.#condition = 'unknown';
    this.#silentCommands = 0;
  }

  /** Resolves at the next condition change or when `signal` aborts. */
  nextChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.#wakers.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.#wakers.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  /** Counts replies: {@link NO_REPLY_LIMIT} silent commands in a row → `noReply`. */
  noteReply(reply: Result<SamResponse, ExchangeFailure>): void {
    if (reply.ok) {
      this.#silentCommands = 0;
    } else if (reply.error.kind === 'noReply') {
      this.#silentCommands += 1;
      if (this.#silentCommands >= NO_REPLY_LIMIT && this.#condition === 'online') this.setCondition('noReply', { kind: 'noReply' });
    }
  }

  /** `11 FF`: 90 → online; 60/66 → {@link reset}; silence → `noReply` (unless unplugged). */
  async check(signal?: AbortSignal): Promise<Result<void, DeviceError>> {
    const status = await this.#deps.send('samStatus', signal);
    if (!status.ok) {
      if (status.error.kind === 'noReply' && this.#condition !== 'powerOff') this.setCondition('noReply', { kind: 'noReply' });
      return err(fromExchangeFailure(status.error, 'SAM status'));
    }
    const { sw3 } = status.value;
    if (SAM_FAULT_CODES.has(sw3)) return this.reset(sw3, signal);
    if (sw3 !== SW3_OK) return err(fromSw3(sw3, 'SAM status'));
    this.#setOnline();
    return ok(undefined);
  }

  /**
   * One reset episode (§1.9 "try 10 FF reset once"; R-V5). `sw3` = the fault that caused
   * it (budgeted, with backoff); undefined = a technician's reset (not budgeted). The SAM
   * must then pass `11 FF`, else the reader is `faulty` / `maintenance`.
   */
  async reset(sw3: number | undefined, signal?: AbortSignal): Promise<Result<void, DeviceError>> {
    const { budget, clock } = this.#deps;
    const delayMs = sw3 === undefined ? 0 : budget.nextDelayMs();
    if (delayMs === undefined) return this.#setFaulty(sw3, `the SAM still fails after ${budget.used} automatic resets`);
    const attempt = budget.used + 1;
    this.setCondition('resetting', sw3 === undefined ? { kind: 'resetting', attempt } : { kind: 'resetting', sw3, attempt });
    if (delayMs > 0 && (await sleep(clock, delayMs, signal)) === 'aborted') return err(deviceError('cancelled', 'reset cancelled'));
    if (sw3 !== undefined) budget.record();
    debug('resetting the SAM (SW3 %s)', sw3 === undefined ? 'none: requested' : sw3.toString(16));
    const reset = await this.#deps.send('resetSam', signal);
    if (!reset.ok) return err(fromExchangeFailure(reset.error, 'SAM reset'));
    // A reset is a power cycle of the module (§1.3): any card in the field is fresh again.
    this.#deps.forgetCard();
    const status = await this.#deps.send('samStatus', signal);
    if (!status.ok) return err(fromExchangeFailure(status.error, 'SAM status after reset'));
    if (status.value.sw3 !== SW3_OK) return this.#setFaulty(status.value.sw3, 'the SAM still fails after a reset');
    this.#setOnline();
    return ok(undefined);
  }

  #setFaulty(sw3: number | undefined, detail: string): Result<never, DeviceError> {
    debug('reader faulty: %s', detail);
    const update: IdCardReaderStatusUpdate =
      sw3 === undefined ? { kind: 'faulty', action: 'maintenance', detail } : { kind: 'faulty', action: 'maintenance', sw3, detail };
    this.setCondition('faulty', update);
    const error = sw3 === undefined ? deviceError('failure', detail, 'faulty') : fromSw3(sw3, detail);
    this.#deps.error(error);
    return err(error);
  }

  #setOnline(): void {
    this.#silentCommands = 0;
    this.setCondition('online', this.#condition === 'powerOff' ? { kind: 'powerOn' } : { kind: 'ready' });
  }
}
