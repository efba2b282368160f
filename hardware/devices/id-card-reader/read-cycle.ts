/**
 * One poll of the reader: `FIND → SELECT → READ`, and noticing when a read card leaves
 * (protocols.md §1.9 "Read cycle, timing, edge cases").
 *
 * Presence, as the module sees it [vendor, observed in SDKs and modelled by the simulator]:
 * after a successful READ the module answers FIND with `80` for as long as the *same* card
 * stays in the field, and `9F` only once a card is (re)presented. So `80` after a read does
 * not mean "removed". Removal is detected with SELECT (`20 02`) instead: `90` = the card is
 * still in the field, `81`/`80` = it is gone. A `9F` while we hold a card means a new
 * presentation: the old one has ended.
 *
 * Retries: a READ whose reply never arrived or arrived corrupt may still have succeeded on
 * the module (it then refuses to FIND that card again). So the next poll tolerates one FIND
 * `80` and goes on with SELECT + READ once (§1.9: "tolerate 80 on the first find and retry
 * once"). A READ is never retried on its own: always FIND + SELECT first (§1.9). SW3
 * 41/31/32/33 mean the card moved: report it and start again from FIND.
 */
import createDebug from 'debug';
import type { Clock } from '../../clock.js';
import type { Result } from '../../result.js';
import type { SamCommandName, SamResponse } from '../../protocols/sam/frame.js';
import { decodeCard } from './card-decode.js';
import type { CardRead, CardRemoved, ReadFailed, ReadFailedReason } from './events.js';
import type { ExchangeFailure } from './sam-channel.js';

const debug = createDebug('kiosk:hardware:id-card-reader');

const SW3_FIND_OK = 0x9f;
const SW3_OK = 0x90;
const SW3_FIND_FAILED = 0x80;
const SW3_SELECT_FAILED = 0x81;
/** §1.4 / §1.9: the SAM is unusable until reset. */
const SAM_FAULT_CODES: ReadonlySet<number> = new Set([0x60, 0x66]);
/** §1.9: "10/11/21 from the SAM mean *your* frame was bad" — a driver bug. */
const DRIVER_BUG_CODES: ReadonlySet<number> = new Set([0x10, 0x11, 0x21]);
/** §1.9: card moved during the read (41, or authentication/verification 31/32/33). */
const CARD_MOVED_CODES: ReadonlySet<number> = new Set([0x41, 0x31, 0x32, 0x33]);
const SW3_UNKNOWN_CARD_TYPE = 0x40;

/** What the poll loop must do about a cycle. */
export type CycleOutcome =
  /** Nothing for the loop to handle (no card, card read, card reported as failed…). */
  | { readonly kind: 'done' }
  /** A command got no reply at all: counts towards the `noReply` status. */
  | { readonly kind: 'noReply' }
  /** SW3 60/66: reset the SAM (R-V5). */
  | { readonly kind: 'samFault'; readonly sw3: number }
  /** SW3 10/11/21: our frame was bad (a bug here, not a card problem). */
  | { readonly kind: 'driverBug'; readonly sw3: number; readonly command: SamCommandName }
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'cancelled' };

export interface CycleDeps {
  readonly clock: Clock;
  readonly isFingerprintRead: boolean;
  /** Sends one command with its §1.9 deadline (one in flight; the caller queues). */
  readonly send: (command: SamCommandName, signal?: AbortSignal) => Promise<Result<SamResponse, ExchangeFailure>>;
  readonly cardRead: (card: CardRead) => void;
  readonly cardRemoved: (removed: CardRemoved) => void;
  readonly readFailed: (failed: ReadFailed) => void;
}

const DONE: CycleOutcome = { kind: 'done' };

/** Card presence across polls; one instance per reader. */
export class ReadCycle {
  readonly #deps: CycleDeps;
  /** The card the module has read and now refuses to FIND again (clock ms of the read). */
  #card: { readonly readAtMs: number } | undefined;
  /** `pending`: the last READ got no usable reply; the next FIND `80` is tolerated once. */
  #retry: 'none' | 'pending' = 'none';

  constructor(deps: CycleDeps) {
    this.#deps = deps;
  }

  /** True while a card that produced a READ reply is still on the reader. */
  get hasCard(): boolean {
    return this.#card !== undefined;
  }

  /** The link was lost or the SAM reset: the module forgot the card, and so do we. */
  forgetCard(): void {
    this.#retry = 'none';
    this.#removed();
  }

  async run(signal?: AbortSignal): Promise<CycleOutcome> {
    const foundAtMs = this.#deps.clock.now();
    const find = await this.#deps.send('findCard', signal);
    if (!find.ok) return linkOutcome(find.error);
    const { sw3 } = find.value;
    if (sw3 === SW3_FIND_OK) {
      // Only a fresh presentation gets 9F: any card we held has been taken away meanwhile.
      this.#removed();
      this.#retry = 'none';
      return this.#selectAndRead(foundAtMs, false, signal);
    }
    if (sw3 === SW3_FIND_FAILED) {
      if (this.#card !== undefined) return this.#checkRemoval(signal);
      if (this.#retry === 'pending') {
        this.#retry = 'none';
        debug('FIND 80 after an unanswered READ: trying SELECT + READ once');
        return this.#selectAndRead(foundAtMs, true, signal);
      }
      return DONE;
    }
    return this.#unexpected('findCard', sw3, false);
  }

  /** After a read, FIND says 80 while the card stays; SELECT tells whether it is there. */
  async #checkRemoval(signal?: AbortSignal): Promise<CycleOutcome> {
    const select = await this.#deps.send('selectCard', signal);
    if (!select.ok) return linkOutcome(select.error);
    const { sw3 } = select.value;
    if (sw3 === SW3_OK) return DONE;
    if (sw3 === SW3_SELECT_FAILED || sw3 === SW3_FIND_FAILED) {
      this.#removed();
      return DONE;
    }
    return this.#unexpected('selectCard', sw3, false);
  }

  async #selectAndRead(foundAtMs: number, isRetry: boolean, signal?: AbortSignal): Promise<CycleOutcome> {
    const select = await this.#deps.send('selectCard', signal);
    if (!select.ok) return linkOutcome(select.error);
    const selected = select.value.sw3;
    if (selected === SW3_SELECT_FAILED || selected === SW3_FIND_FAILED) {
      debug('card left before SELECT (SW3 %s)', hex(selected));
      return DONE;
    }
    if (selected !== SW3_OK) return this.#unexpected('selectCard', selected, true);
    const command: SamCommandName = this.#deps.isFingerprintRead ? 'readWithFingerprint' : 'readTextAndPhoto';
    const read = await this.#deps.send(command, signal);
    if (!read.ok) return this.#readFailedOnLink(read.error, isRetry);
    const { sw3, data } = read.value;
    if (sw3 !== SW3_OK) return this.#unexpected(command, sw3, true);
    // The module now holds this card as read: it will not FIND it again until re-presented.
    const readAtMs = this.#deps.clock.now();
    this.#card = { readAtMs };
    const card = decodeCard(data, command === 'readWithFingerprint');
    if (!card.ok) {
      debug('READ reply of %d bytes did not decode: %s', data.length, card.error);
      this.#deps.readFailed({ reason: 'badCardData', sw3, detail: card.error });
      return DONE;
    }
    debug('card read: %d-byte reply, %d warnings, %d ms', data.length, card.value.warnings.length, readAtMs - foundAtMs);
    this.#deps.cardRead({ ...card.value, durationMs: readAtMs - foundAtMs });
    return DONE;
  }

  #readFailedOnLink(failure: ExchangeFailure, isRetry: boolean): CycleOutcome {
    switch (failure.kind) {
      case 'truncated':
        // §1.9: a truncated frame followed by silence = the card was pulled away.
        this.#retry = isRetry ? 'none' : 'pending';
        this.#fail('cardMoved', undefined, 'the READ reply stopped part-way');
        return DONE;
      case 'corrupt':
      case 'noReply':
        if (!isRetry) {
          this.#retry = 'pending';
          debug('READ got no usable reply (%s); will retry via FIND + SELECT', failure.kind);
        } else {
          this.#fail(failure.kind === 'corrupt' ? 'badFrame' : 'noReply', undefined, `the READ reply was ${failure.kind} twice`);
        }
        return failure.kind === 'noReply' ? { kind: 'noReply' } : DONE;
      case 'disconnected':
      case 'writeFailed':
      case 'cancelled':
        return linkOutcome(failure);
    }
  }

  /** An SW3 that is neither success nor "no card" for `command`. */
  #unexpected(command: SamCommandName, sw3: number, isCardFound: boolean): CycleOutcome {
    debug('%s answered SW3 %s', command, hex(sw3));
    if (SAM_FAULT_CODES.has(sw3)) {
      if (isCardFound) this.#fail('readerFault', sw3, 'the SAM reported a fault');
      return { kind: 'samFault', sw3 };
    }
    if (DRIVER_BUG_CODES.has(sw3)) {
      if (isCardFound) this.#fail('readerFault', sw3, 'the SAM rejected our frame');
      return { kind: 'driverBug', sw3, command };
    }
    if (!isCardFound) return DONE;
    if (CARD_MOVED_CODES.has(sw3)) this.#fail('cardMoved', sw3, 'the card moved during the read');
    else if (sw3 === SW3_UNKNOWN_CARD_TYPE) this.#fail('unsupportedCard', sw3, 'the SAM does not know this card type');
    else this.#fail('cardError', sw3, `the card could not be read (SW3 ${hex(sw3)})`);
    return DONE;
  }

  #fail(reason: ReadFailedReason, sw3: number | undefined, detail: string): void {
    this.#deps.readFailed(sw3 === undefined ? { reason, detail } : { reason, sw3, detail });
  }

  #removed(): void {
    const card = this.#card;
    if (card === undefined) return;
    this.#card = undefined;
    this.#deps.cardRemoved({ presentMs: this.#deps.clock.now() - card.readAtMs });
  }
}

function linkOutcome(failure: ExchangeFailure): CycleOutcome {
  switch (failure.kind) {
    case 'noReply':
      return { kind: 'noReply' };
    case 'truncated':
    case 'corrupt':
      // Something answered: not a silent module. The next poll asks again.
      return DONE;
    case 'disconnected':
    case 'writeFailed':
      return { kind: 'disconnected' };
    case 'cancelled':
      return { kind: 'cancelled' };
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
