/**
 * Matches the printer's replies to our queries. ESC/POS replies carry no tag, so matching
 * rests on three rules (protocols.md §2.1, §2.4, §2.5; reliability.md R-V3):
 *
 * 1. Classify every inbound byte by its pattern (inbound-framer.ts); a real-time reply only
 *    ever answers a `DLE EOT` query, a lone `0xx0xxxx` byte only a buffered `GS r`.
 * 2. At most one `DLE EOT` query is outstanding. A reply with no query waiting is stale or
 *    spurious and is dropped.
 * 3. After a query times out, its late reply may still come: for {@link STALE_REPLY_GRACE_MS}
 *    no new query is sent and every real-time byte is dropped, so the late reply cannot be
 *    taken as the answer to the next query. A reply later than timeout + grace cannot be
 *    told apart from a fresh one on this protocol; the grace is sized well past the
 *    printer's worst observed latency.
 *
 * Buffered `GS r` replies come back in the order the requests were sent, so they are
 * counted: the n-th reply answers the n-th request since the link was opened.
 */
import createDebug from 'debug';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { REALTIME_STATUS_KINDS, type RealtimeStatusKind, realtimeStatusRequest } from '../../protocols/escpos/commands.js';
import { InboundFramer } from '../../protocols/escpos/inbound-framer.js';
import { type PrinterStatus, decodeAsb, decodeRealtimeStatus } from '../../protocols/escpos/status.js';
import { type Clock, type TimerHandle, sleep } from '../../clock.js';

const debug = createDebug('kiosk:hardware:receipt-printer');

/** No reply to `DLE EOT n` within this time means offline / power off (§2.1, §2.5). */
export const STATUS_REPLY_TIMEOUT_MS = 500;
/** Quiet period after a timed-out query during which late replies are dropped (R-V3). */
export const STALE_REPLY_GRACE_MS = 1_000;

export interface ReplyChannelOptions {
  readonly clock: Clock;
  readonly write: (bytes: Uint8Array) => Promise<void>;
  readonly replyTimeoutMs: number;
  readonly staleReplyGraceMs: number;
  /** Called for every decoded ASB block. */
  readonly onAsb: (status: PrinterStatus) => void;
}

interface Waiter {
  readonly resolve: (byte: number | 'disconnected') => void;
}

export class ReplyChannel {
  readonly #options: ReplyChannelOptions;
  readonly #framer = new InboundFramer();
  #waiter: Waiter | undefined;
  /** Until this time (clock ms) real-time bytes are stale and no query is sent. */
  #quietUntilMs = 0;
  #bufferedSent = 0;
  #bufferedReceived = 0;
  readonly #bufferedWaiters = new Set<() => void>();

  constructor(options: ReplyChannelOptions) {
    this.#options = options;
  }

  /** Feeds bytes received from the transport. */
  handleData(bytes: Uint8Array): void {
    for (const frame of this.#framer.push(bytes)) {
      switch (frame.kind) {
        case 'realtimeStatus': {
          const waiter = this.#waiter;
          if (waiter === undefined || this.#options.clock.now() < this.#quietUntilMs) {
            debug('dropped stale or unsolicited status byte 0x%s', frame.byte.toString(16));
            break;
          }
          this.#waiter = undefined;
          waiter.resolve(frame.byte);
          break;
        }
        case 'bufferedStatus':
          // More replies than requests: noise, or replies to requests we gave up on.
          if (this.#bufferedReceived >= this.#bufferedSent) {
            debug('dropped unsolicited buffered reply 0x%s', frame.byte.toString(16));
            break;
          }
          this.#bufferedReceived += 1;
          for (const wake of [...this.#bufferedWaiters]) wake();
          break;
        case 'asb': {
          const status = decodeAsb(frame.bytes);
          if (status !== undefined) this.#options.onAsb(status);
          break;
        }
        case 'xon':
        case 'xoff':
          // Serial flow control is left to the UART/driver; nothing to match here.
          break;
        case 'unknown':
          debug('dropped unknown byte 0x%s', frame.byte.toString(16));
          break;
      }
    }
  }

  /**
   * Forgets all link state: after a reconnect the printer has been power-cycled or replugged,
   * so buffered requests are gone and counting starts again (R-V4).
   */
  reset(): void {
    this.#framer.reset();
    this.#quietUntilMs = 0;
    this.#bufferedSent = 0;
    this.#bufferedReceived = 0;
    this.#failWaiter();
  }

  /** Fails the outstanding query at once (link closed), instead of waiting for its timeout. */
  #failWaiter(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve('disconnected');
    for (const wake of [...this.#bufferedWaiters]) wake();
  }

  /** Called when the transport closes: the pending query fails with `offline`. */
  linkLost(): void {
    this.#failWaiter();
  }

  /**
   * Sends `DLE EOT n` and waits for its one-byte reply.
   * @returns the reply byte; `offline` (detail `noReply`) after the reply timeout;
   * `offline` (detail `powerOff`) if the link closes; `cancelled` on abort; the write's
   * error if the bytes cannot be sent.
   */
  async queryByte(kind: RealtimeStatusKind, signal?: AbortSignal): Promise<Result<number, DeviceError>> {
    const { clock } = this.#options;
    const quietMs = this.#quietUntilMs - clock.now();
    if (quietMs > 0 && (await sleep(clock, quietMs, signal)) === 'aborted') return err(cancelled());
    if (signal?.aborted === true) return err(cancelled());
    // Drain: a half-received ASB block from before the query is noise now (§2.1).
    this.#framer.reset();
    let timer: TimerHandle = undefined;
    let onAbort: (() => void) | undefined;
    const reply = new Promise<number | 'disconnected' | 'timeout' | 'aborted'>((resolve) => {
      this.#waiter = { resolve };
      timer = clock.setTimeout(() => resolve('timeout'), this.#options.replyTimeoutMs);
      onAbort = () => resolve('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const written = this.#options.write(realtimeStatusRequest(kind)).then(
      () => undefined,
      (error: unknown) => error,
    );
    const writeError = await written;
    const outcome = writeError === undefined ? await reply : 'writeFailed';
    clock.clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    if (typeof outcome === 'number') return ok(outcome);
    this.#waiter = undefined;
    switch (outcome) {
      case 'timeout':
      case 'aborted':
        // The reply may still be on its way: keep quiet so it is not matched later (R-V3).
        this.#quietUntilMs = clock.now() + this.#options.staleReplyGraceMs;
        if (outcome === 'aborted') return err(cancelled());
        // No answer = printer off or unplugged: whatever it had buffered is gone.
        this.#bufferedSent = this.#bufferedReceived;
        return err(deviceError('offline', `no reply to DLE EOT ${kind} within ${this.#options.replyTimeoutMs} ms`, 'noReply'));
      case 'disconnected':
        return err(deviceError('offline', 'the printer link closed while waiting for status', 'powerOff'));
      case 'writeFailed':
        return err(deviceError('offline', `cannot send DLE EOT ${kind}: ${String(writeError)}`, 'powerOff'));
    }
  }

  /** Queries `DLE EOT 1..4` one at a time and combines the replies (§2.4). */
  async queryStatus(signal?: AbortSignal): Promise<Result<PrinterStatus, DeviceError>> {
    const replies: Partial<Record<RealtimeStatusKind, number>> = {};
    for (const kind of REALTIME_STATUS_KINDS) {
      const reply = await this.queryByte(kind, signal);
      if (!reply.ok) return reply;
      replies[kind] = reply.value;
    }
    const { 1: b1 = 0, 2: b2 = 0, 3: b3 = 0, 4: b4 = 0 } = replies;
    return ok(decodeRealtimeStatus({ 1: b1, 2: b2, 3: b3, 4: b4 }));
  }

  /**
   * Records that `count` buffered requests (`GS r`) were sent; returns the reply count at
   * which the last of them is answered.
   */
  noteBufferedRequests(count: number): number {
    this.#bufferedSent += count;
    return this.#bufferedSent;
  }

  /** True once `target` buffered replies have arrived since the link was opened. */
  hasBufferedReplies(target: number): boolean {
    return this.#bufferedReceived >= target;
  }

  /** Resolves when the next buffered reply arrives or the link is lost (no timeout). */
  nextBufferedReply(): { readonly promise: Promise<void>; cancel(): void } {
    let wake: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      wake = () => {
        this.#bufferedWaiters.delete(wake);
        resolve();
      };
      this.#bufferedWaiters.add(wake);
    });
    return { promise, cancel: wake };
  }
}

function cancelled(): DeviceError {
  return deviceError('cancelled', 'the request was cancelled');
}
