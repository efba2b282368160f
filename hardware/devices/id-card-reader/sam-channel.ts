/**
 * One SAM command at a time over a byte link: send a request frame, wait for the response
 * frame that answers it (protocols.md §1.2, §1.9; reliability.md R-V3).
 *
 * SAM frames carry no sequence number, so a reply is matched to its command by three rules:
 *
 * 1. Exactly one command is outstanding. Bytes that arrive while nothing is waiting are
 *    stale or noise: they are dropped, never framed.
 * 2. Before each command the framer (and envelope) is flushed (§1.2), and after a command
 *    failed without a complete reply, the next one is sent only once the line has been
 *    silent for `staleReplyGraceMs`; bytes arriving meanwhile are dropped and restart the
 *    wait. A late reply therefore lands while nothing is waiting.
 * 3. A frame must have the shape of an answer to the command in flight (its success SW3 and
 *    data length, see {@link acceptsReply}); any other well-formed frame is a stale reply
 *    to something else and is dropped. Only a late reply to the *same* kind of command,
 *    later than deadline + grace, could pass all three — sized well past a module's
 *    worst observed lateness.
 *
 * Partial frames: when bytes stop for `interByteTimeoutMs` with a partial frame pending, it
 * is discarded (§1.2) and the command fails as `truncated` at once — on a READ that is the
 * "truncated frame followed by silence" of a card pulled away mid-read (§1.9).
 */
import createDebug from 'debug';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { type Clock, type TimerHandle, sleep } from '../../clock.js';
import { MAX_LEN, SamFramer, decodeFrame, type SamCommandName, type SamResponse } from '../../protocols/sam/frame.js';
import { errorMessage } from '../../transports/transport-error.js';
import { PASSTHROUGH_ENVELOPE, type SamEnvelope } from './envelope.js';
import { MAX_QUIET_WAIT_MS } from './timing.js';

const debug = createDebug('kiosk:hardware:id-card-reader');

/** Why a command got no usable reply. Never contains reply bytes (they may be PII). */
export type ExchangeFailure =
  /** Nothing (or only noise) arrived before the deadline. */
  | { readonly kind: 'noReply' }
  /** A partial frame, then silence (§1.9: card pulled away mid-read). */
  | { readonly kind: 'truncated'; readonly bytes: number }
  /** A frame-shaped reply failed its LEN or CHK check (line noise, bad cable). */
  | { readonly kind: 'corrupt' }
  /** The link closed while waiting (unplug). */
  | { readonly kind: 'disconnected' }
  /** The request could not be written. */
  | { readonly kind: 'writeFailed'; readonly error: DeviceError }
  | { readonly kind: 'cancelled' };

export interface SamChannelOptions {
  readonly clock: Clock;
  readonly write: (bytes: Uint8Array) => Promise<void>;
  /** HID tunnelling etc.; default passthrough (UART / CDC). */
  readonly envelope?: SamEnvelope;
  readonly interByteTimeoutMs: number;
  readonly staleReplyGraceMs: number;
  readonly writeTimeoutMs: number;
}

/** One command to send: its name picks the reply shape accepted (rule 3). */
export interface SamExchange {
  readonly command: SamCommandName;
  readonly request: Uint8Array;
  /** Reply deadline in ms, counted from when the request has been written. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

type Outcome = { readonly kind: 'reply'; readonly response: SamResponse } | ExchangeFailure;

interface Waiter {
  readonly command: SamCommandName;
  resolve: (outcome: Outcome) => void;
  receivedBytes: number;
  sawCorrupt: boolean;
}

/** Success SW3 and the data length range each command's success reply may carry. */
const REPLY_SHAPES: Readonly<Record<SamCommandName, { readonly sw3: readonly number[]; readonly min: number; readonly max: number }>> = {
  resetSam: { sw3: [0x90], min: 0, max: 0 },
  samStatus: { sw3: [0x90], min: 0, max: 0 },
  readSamId: { sw3: [0x90], min: 16, max: 16 },
  // §1.9: "Accept a find-OK without the 4 trailing data bytes".
  findCard: { sw3: [0x9f], min: 0, max: 4 },
  selectCard: { sw3: [0x90], min: 0, max: 8 },
  // Length fields + at least the 256-byte text; the decoder trusts the length fields (§1.5).
  readTextAndPhoto: { sw3: [0x90], min: 260, max: MAX_LEN },
  readWithFingerprint: { sw3: [0x90], min: 262, max: MAX_LEN },
  readAppendedAddress: { sw3: [0x90, 0x91], min: 0, max: 70 },
  setBaudRate: { sw3: [0x90], min: 0, max: 0 },
  setMaxFrameBytes: { sw3: [0x90], min: 0, max: 0 },
};
/** Error replies carry no payload on any module we know of; allow a little slack. */
const MAX_ERROR_REPLY_DATA = 8;
const SUCCESS_CODES = new Set([0x90, 0x9f]);

/**
 * True when `response` can be the answer to `command` (rule 3): its success code with a
 * plausible length, or an error code without payload. Another command's success code
 * (e.g. a late FIND `9F` while a SELECT waits) is refused.
 */
export function acceptsReply(command: SamCommandName, response: SamResponse): boolean {
  const shape = REPLY_SHAPES[command];
  const length = response.data.length;
  if (shape.sw3.includes(response.sw3)) return length >= shape.min && length <= shape.max;
  if (SUCCESS_CODES.has(response.sw3)) return false;
  return length <= MAX_ERROR_REPLY_DATA;
}

export class SamChannel {
  readonly #options: SamChannelOptions;
  readonly #envelope: SamEnvelope;
  readonly #framer = new SamFramer();
  #waiter: Waiter | undefined;
  #silenceTimer: TimerHandle = undefined;
  /** No command is sent before this time (clock ms): the line must settle first (rule 2). */
  #quietUntilMs = 0;

  constructor(options: SamChannelOptions) {
    this.#options = options;
    this.#envelope = options.envelope ?? PASSTHROUGH_ENVELOPE;
  }

  /** Feeds bytes received from the transport. */
  handleData(chunk: Uint8Array): void {
    const bytes = this.#envelope.unwrap(chunk);
    if (bytes.length === 0) return;
    const waiter = this.#waiter;
    if (waiter === undefined) {
      // Rule 1: nobody asked. A late reply is still arriving; keep the line unsettled.
      this.#quietUntilMs = Math.max(this.#quietUntilMs, this.#options.clock.now() + this.#options.staleReplyGraceMs);
      debug('dropped %d unsolicited bytes', bytes.length);
      return;
    }
    waiter.receivedBytes += bytes.length;
    for (const event of this.#framer.push(bytes)) {
      if (event.kind === 'discarded') {
        // A failed CHK is a damaged reply; a bad LEN is usually a preamble look-alike in noise.
        if (event.reason === 'badChecksum') waiter.sawCorrupt = true;
        debug('discarded %d bytes (%s) while waiting for %s', event.bytes, event.reason, waiter.command);
        continue;
      }
      const decoded = decodeFrame(event.frame);
      if (!decoded.ok) continue;
      if (!acceptsReply(waiter.command, decoded.value)) {
        debug('dropped a stale %d-byte reply (SW3 %s) while waiting for %s', event.frame.length, hex(decoded.value.sw3), waiter.command);
        continue;
      }
      waiter.resolve({ kind: 'reply', response: decoded.value });
      return;
    }
    this.#armSilenceTimer(waiter);
  }

  /** Forgets link state after a reopen: the module on the other end is a fresh one (R-V4). */
  reset(): void {
    this.#framer.reset();
    this.#envelope.reset();
    this.#quietUntilMs = 0;
  }

  /** The link closed: the command in flight fails at once with `disconnected`. */
  linkLost(): void {
    this.#waiter?.resolve({ kind: 'disconnected' });
    this.reset();
  }

  /**
   * Sends one request and waits for its reply. Never rejects.
   * @returns the decoded response (any SW3: the caller interprets it), or why there is none.
   */
  async exchange(exchange: SamExchange): Promise<Result<SamResponse, ExchangeFailure>> {
    const { clock } = this.#options;
    const { signal } = exchange;
    if (this.#waiter !== undefined) throw new Error('SamChannel.exchange called while a command is in flight');
    const settled = await this.#waitForQuietLine(signal);
    if (settled === 'aborted') return err({ kind: 'cancelled' });
    // Flush (§1.2): whatever partial frame is buffered belongs to nothing we will ask.
    this.#framer.reset();
    this.#envelope.reset();
    let deadline: TimerHandle = undefined;
    let onAbort: (() => void) | undefined;
    const waiter: Waiter = { command: exchange.command, resolve: () => undefined, receivedBytes: 0, sawCorrupt: false };
    const outcome = new Promise<Outcome>((resolve) => {
      waiter.resolve = resolve;
      onAbort = () => resolve({ kind: 'cancelled' });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    this.#waiter = waiter;
    const written = await this.#write(exchange.request);
    if (written.ok) {
      deadline = clock.setTimeout(() => waiter.resolve(this.#deadlineOutcome(waiter)), exchange.timeoutMs);
    } else {
      waiter.resolve(written.error);
    }
    const result = await outcome;
    clock.clearTimeout(deadline);
    this.#clearSilenceTimer();
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    this.#waiter = undefined;
    if (result.kind === 'reply') return ok(result.response);
    if (result.kind !== 'disconnected') {
      // Rule 2: the reply may still be on its way.
      this.#framer.reset();
      this.#quietUntilMs = clock.now() + this.#options.staleReplyGraceMs;
    }
    debug('%s failed: %s after %d bytes', exchange.command, result.kind, waiter.receivedBytes);
    return err(result);
  }

  #deadlineOutcome(waiter: Waiter): ExchangeFailure {
    if (waiter.sawCorrupt) return { kind: 'corrupt' };
    const pending = this.#framer.pendingBytes;
    return pending > 0 ? { kind: 'truncated', bytes: pending } : { kind: 'noReply' };
  }

  /** Restarts the inter-byte timer after each chunk while a reply is incomplete. */
  #armSilenceTimer(waiter: Waiter): void {
    this.#clearSilenceTimer();
    this.#silenceTimer = this.#options.clock.setTimeout(() => {
      this.#silenceTimer = undefined;
      const pending = this.#framer.pendingBytes;
      if (pending > 0) {
        this.#framer.reset();
        waiter.resolve({ kind: 'truncated', bytes: pending });
      } else if (waiter.sawCorrupt) {
        waiter.resolve({ kind: 'corrupt' });
      }
      // Only noise so far: the module may still be reading the card; wait for the deadline.
    }, this.#options.interByteTimeoutMs);
  }

  #clearSilenceTimer(): void {
    if (this.#silenceTimer === undefined) return;
    this.#options.clock.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = undefined;
  }

  async #waitForQuietLine(signal: AbortSignal | undefined): Promise<'quiet' | 'aborted'> {
    const { clock } = this.#options;
    const giveUpAt = clock.now() + MAX_QUIET_WAIT_MS;
    for (;;) {
      if (signal?.aborted === true) return 'aborted';
      const now = clock.now();
      const waitMs = Math.min(this.#quietUntilMs, giveUpAt) - now;
      if (waitMs <= 0) {
        if (this.#quietUntilMs > now) debug('line still busy after %d ms; sending anyway', MAX_QUIET_WAIT_MS);
        return 'quiet';
      }
      if ((await sleep(clock, waitMs, signal)) === 'aborted') return 'aborted';
    }
  }

  async #write(request: Uint8Array): Promise<Result<void, ExchangeFailure>> {
    const { clock, writeTimeoutMs } = this.#options;
    for (const bytes of this.#envelope.wrap(request)) {
      let timer: TimerHandle = undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = clock.setTimeout(() => resolve('timeout'), writeTimeoutMs);
      });
      const outcome = await Promise.race([
        this.#options.write(bytes).then(
          () => 'written' as const,
          (error: unknown) => error,
        ),
        timedOut,
      ]);
      clock.clearTimeout(timer);
      if (outcome === 'written') continue;
      const message = outcome === 'timeout' ? `not accepted within ${writeTimeoutMs} ms` : errorMessage(outcome);
      return err({ kind: 'writeFailed', error: deviceError('offline', `cannot send to the ID-card reader: ${message}`, 'powerOff') });
    }
    return ok(undefined);
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
