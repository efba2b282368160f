/**
 * Inbound side of an evaluation pad: turns link bytes into {@link PadInput}s (serial
 * frames at our address, or HID key presses) and hands them, in order, to the exchange
 * under way.
 *
 * An exchange (a request or a query) opens a session before it writes anything; inputs
 * arriving while no wait is registered are queued in the session, because a pad may ack
 * and report a press faster than our promise continuations run. A wait consumes the queue
 * in order and drops what it does not want (a late `K` before the ack of `S`). Inputs
 * outside any session are dropped, and so is whatever is left when a session ends — that
 * is how late presses after a timeout or cancel, the second press of a double press and
 * presses while idle are never attributed to a later request (protocols.md §4.3).
 */
import createDebug from 'debug';
import { type Clock, type TimerHandle, whenAborted } from '../../clock.js';
import { formatCode } from '../../protocols/evaluation-pad/code-table.js';
import { HidKeyPressDecoder } from '../../protocols/evaluation-pad/hid-pad-keys.js';
import { PadFramer, decodeReply, type PadFrameEvent, type PadReply } from '../../protocols/evaluation-pad/serial-pad-frame.js';
import type { EvaluationPadKind } from './events.js';

const debug = createDebug('kiosk:hardware:evaluation-pad');

/** Inputs queued in one session at most; a babbling pad cannot grow memory. */
const MAX_QUEUED_INPUTS = 16;

/**
 * One thing the pad said. HID pads only ever produce `key` (the code is the usage ID).
 */
export type PadInput = PadReply;

/** How a wait ended. */
export type WaitOutcome<T> =
  | { readonly kind: 'matched'; readonly value: T }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'linkLost' }
  | { readonly kind: 'closed' };

export interface PadInboxOptions {
  readonly kind: EvaluationPadKind;
  readonly address: number;
  readonly hasReportId: boolean;
  readonly clock: Clock;
  /** Silence after a partial serial frame before the framer gives it up. */
  readonly interByteTimeoutMs: number;
  /** Called for every valid input from our pad (condition `online`). */
  readonly heard: () => void;
  /** Called for every input no waiter took (for the log: codes only). */
  readonly dropped: (input: PadInput) => void;
}

interface Waiter {
  readonly match: (input: PadInput) => unknown;
  readonly settle: (outcome: WaitOutcome<unknown>) => void;
}

/** Describes an input for logs: kinds and codes, never anything else. */
export function describeInput(input: PadInput): string {
  switch (input.kind) {
    case 'ack':
      return `ack of ${input.of}`;
    case 'key':
      return `key ${formatCode(input.code)}`;
    case 'identity':
      return 'query reply';
  }
}

export class PadInbox {
  readonly #options: PadInboxOptions;
  readonly #framer = new PadFramer();
  readonly #keys: HidKeyPressDecoder;
  #waiter: Waiter | undefined;
  #session: PadInput[] | undefined;
  /** Why the session's link ended, so a wait started after that ends at once too. */
  #sessionEnded: 'linkLost' | 'closed' | undefined;
  #staleTimer: TimerHandle = undefined;

  constructor(options: PadInboxOptions) {
    this.#options = options;
    this.#keys = new HidKeyPressDecoder(options.hasReportId);
  }

  /** Bytes from the transport (HID: one report per call). */
  handleData(bytes: Uint8Array): void {
    if (this.#options.kind === 'hidKeyboard') {
      for (const usage of this.#keys.push(bytes)) this.#deliver({ kind: 'key', code: usage });
      return;
    }
    this.#clearStaleTimer();
    this.#handleFrames(this.#framer.push(bytes));
    if (this.#framer.pendingBytes > 0) {
      // At 9600 bps a 38-byte frame takes 40 ms; a silence longer than the timeout means
      // the candidate was line noise, and a real frame may be waiting behind it.
      this.#staleTimer = this.#options.clock.setTimeout(() => {
        this.#staleTimer = undefined;
        this.#handleFrames(this.#framer.expire());
      }, this.#options.interByteTimeoutMs);
    }
  }

  /** New link or new exchange: drop partial frames and forget held keys. */
  reset(): void {
    this.#clearStaleTimer();
    this.#handleFrames(this.#framer.reset());
    this.#keys.reset();
  }

  /** Starts queueing inputs for an exchange; call before writing its first command. */
  beginSession(): void {
    this.#session = [];
    this.#sessionEnded = undefined;
  }

  /** Ends the exchange: whatever it did not consume is dropped. */
  endSession(): void {
    const left = this.#session ?? [];
    this.#session = undefined;
    for (const input of left) this.#options.dropped(input);
  }

  /**
   * Waits for the first input `match` maps to a value other than `undefined`, queued or
   * yet to come, for at most `timeoutMs`. Inputs it refuses are dropped. One waiter at a
   * time: the device serialises its exchanges, so a second wait is a bug.
   */
  wait<T>(match: (input: PadInput) => T | undefined, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome<T>> {
    if (this.#waiter !== undefined) throw new Error('PadInbox.wait: a wait is already under way');
    if (this.#sessionEnded !== undefined) return Promise.resolve({ kind: this.#sessionEnded });
    if (signal?.aborted === true) return Promise.resolve({ kind: 'aborted' });
    for (let input = this.#session?.shift(); input !== undefined; input = this.#session?.shift()) {
      const value = match(input);
      if (value !== undefined) return Promise.resolve({ kind: 'matched', value });
      this.#options.dropped(input);
    }
    const { clock } = this.#options;
    const aborted = whenAborted(signal);
    return new Promise<WaitOutcome<T>>((resolve) => {
      let timer: TimerHandle = undefined;
      const waiter: Waiter = {
        match,
        settle: (outcome) => {
          if (this.#waiter !== waiter) return;
          this.#waiter = undefined;
          if (timer !== undefined) clock.clearTimeout(timer);
          aborted.dispose();
          resolve(outcome as WaitOutcome<T>);
        },
      };
      this.#waiter = waiter;
      timer = clock.setTimeout(() => waiter.settle({ kind: 'timeout' }), timeoutMs);
      void aborted.promise.then(() => waiter.settle({ kind: 'aborted' }));
    });
  }

  /** The link went away: the waiter (if any) ends with `linkLost`. */
  linkLost(): void {
    this.#endLink('linkLost');
  }

  /** The device is closing: the waiter (if any) ends with `closed`. */
  close(): void {
    this.#endLink('closed');
  }

  /**
   * Ends the waiter, and any later wait of this session: the link can go between two
   * waits of one exchange (after the ack of `S`, before the key wait starts).
   */
  #endLink(why: 'linkLost' | 'closed'): void {
    this.reset();
    if (this.#session !== undefined) {
      this.#session.splice(0);
      this.#sessionEnded = why;
    }
    this.#waiter?.settle({ kind: why });
  }

  #handleFrames(events: readonly PadFrameEvent[]): void {
    for (const event of events) {
      if (event.kind === 'discarded') {
        debug('%d bytes discarded (%s)', event.bytes, event.reason);
        continue;
      }
      const { frame } = event;
      if (frame.address !== this.#options.address) {
        debug('frame %s for address %d ignored', formatCode(frame.cmd), frame.address);
        continue;
      }
      const reply = decodeReply(frame);
      if (reply === null) {
        // Our own command echoed by a half-duplex adapter, or a letter we do not know.
        debug('frame %s ignored', formatCode(frame.cmd));
        continue;
      }
      this.#deliver(reply);
    }
  }

  #deliver(input: PadInput): void {
    this.#options.heard();
    const waiter = this.#waiter;
    if (waiter === undefined && this.#session !== undefined && this.#session.length < MAX_QUEUED_INPUTS) {
      this.#session.push(input);
      return;
    }
    const value = waiter?.match(input);
    if (waiter !== undefined && value !== undefined) waiter.settle({ kind: 'matched', value });
    else this.#options.dropped(input);
  }

  #clearStaleTimer(): void {
    if (this.#staleTimer === undefined) return;
    this.#options.clock.clearTimeout(this.#staleTimer);
    this.#staleTimer = undefined;
  }
}
