/**
 * Reopening a device's link after an unplug (reliability.md R-V4), shared by every device
 * class: capped exponential backoff between attempts, a device-specific check once the
 * link is open (SAM status, printer status, pad query), one attempt shared by all callers,
 * and the closed error words for "stopped" and "gave up".
 */
import { type Clock, sleep } from '../clock.js';
import { deviceError, type DeviceError } from '../device-error.js';
import { err, type Result } from '../result.js';
import { errorMessage } from '../transports/transport-error.js';
import type { Transport } from '../transports/transport.js';

/** First reopen attempt after an unplug, then doubled per attempt up to the cap (R-V4). */
export const RECONNECT_INITIAL_DELAY_MS = 100;
/** Cap of the reopen backoff. */
export const RECONNECT_MAX_DELAY_MS = 5_000;

/** The reconnect settings every device class takes. */
export interface AutoReconnectOptions {
  /** Reopen after unplug automatically. Default true. */
  readonly isAutoReconnect?: boolean;
  /** Reopen attempts before giving up (error event; `reconnect()` may be called). Default ∞. */
  readonly reconnectMaxAttempts?: number;
}

/** {@link AutoReconnectOptions} plus the backoff, for devices without a timings table. */
export interface ReconnectOptions extends AutoReconnectOptions {
  /** Default {@link RECONNECT_INITIAL_DELAY_MS}. */
  readonly reconnectInitialDelayMs?: number;
  /** Default {@link RECONNECT_MAX_DELAY_MS}. */
  readonly reconnectMaxDelayMs?: number;
}

/** What a device's check after a reopen decided: a final result, or wait and try again. */
export type ReconnectStep<T> = Result<T, DeviceError> | 'retry';

export interface ReconnectWithBackoffOptions<T> {
  readonly transport: Pick<Transport, 'isOpen' | 'open'>;
  readonly clock: Clock;
  /** Wait before the first reopen, doubled per attempt up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly signal: AbortSignal;
  /** "the printer": the subject of the `reconnectFailed` message. */
  readonly deviceName: string;
  /** The device's debug logger (its own namespace). */
  readonly debug: (format: string, ...args: unknown[]) => void;
  /** Called when this loop reopened the transport: reset link state, forget old status. */
  readonly reopened?: () => void;
  /**
   * Called once the link is open (reopened or found open) with the attempt number: checks
   * the device and finishes, or says `retry` to back off and check again.
   */
  readonly check: (attempt: number) => Promise<ReconnectStep<T>>;
  /** Called with the `reconnectFailed` error before it is returned (the device's error event). */
  readonly gaveUp: (error: DeviceError) => void;
}

/**
 * Reopens `transport` until it opens and `check` finishes, waiting between attempts with
 * capped exponential backoff: a replugged adapter takes a while to reappear, and a tight
 * loop would flood the log. No wait before the first attempt when the link is already open.
 *
 * Errors: `cancelled` when `signal` aborts during a wait, `noHardware`/`reconnectFailed`
 * after `maxAttempts`, or whatever `check` returns.
 */
export async function reconnectWithBackoff<T>(options: ReconnectWithBackoffOptions<T>): Promise<Result<T, DeviceError>> {
  const { transport, clock, signal, maxAttempts } = options;
  let delayMs = options.initialDelayMs;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1 || !transport.isOpen) {
      if ((await sleep(clock, delayMs, signal)) === 'aborted') return err(reconnectStopped());
      delayMs = Math.min(delayMs * 2, options.maxDelayMs);
    }
    if (!transport.isOpen) {
      try {
        await transport.open();
      } catch (error) {
        options.debug('reopen attempt %d failed: %s', attempt, errorMessage(error));
        continue;
      }
      options.reopened?.();
    }
    const step = await options.check(attempt);
    if (step !== 'retry') return step;
  }
  const gaveUp = deviceError('noHardware', `${options.deviceName} did not come back after ${maxAttempts} attempts`, 'reconnectFailed');
  options.gaveUp(gaveUp);
  return err(gaveUp);
}

/** The error of a reconnect stopped by `close()`. */
export function reconnectStopped(): DeviceError {
  return deviceError('cancelled', 'reconnect stopped');
}

/**
 * The one reconnect attempt of a device: callers asking while it runs share it, and
 * `stop()` (from `close()`) aborts it.
 */
export class ReconnectTask<T> {
  #current: { readonly controller: AbortController; readonly done: Promise<T> } | undefined;

  /** True while an attempt is under way. */
  get isRunning(): boolean {
    return this.#current !== undefined;
  }

  /** Runs `loop`, or returns the attempt already running. */
  run(loop: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#current !== undefined) return this.#current.done;
    const controller = new AbortController();
    const done = loop(controller.signal).finally(() => {
      this.#current = undefined;
    });
    this.#current = { controller, done };
    return done;
  }

  stop(): void {
    this.#current?.controller.abort();
  }
}
