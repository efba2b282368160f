/**
 * Link helpers of the evaluation pad: a write that cannot hang, and the capped-backoff
 * reopen after an unplug (reliability.md R-V4).
 */
import createDebug from 'debug';
import { type Clock, sleep } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { errorMessage } from '../../transports/transport-error.js';
import type { Transport } from '../../transports/transport.js';
import { fromTransportError } from './pad-errors.js';

const debug = createDebug('kiosk:hardware:evaluation-pad');

/**
 * Writes `bytes`, giving up after `timeoutMs`: a write the OS does not accept means a
 * stuck link (a USB-serial adapter wedged by an unplug). Errors: `timeout`/`writeStalled`,
 * or the transport's failure (`offline`/`powerOff` when the link is gone).
 */
export async function writeWithTimeout(transport: Transport, clock: Clock, bytes: Uint8Array, timeoutMs: number): Promise<Result<void, DeviceError>> {
  const timer = new AbortController();
  try {
    const outcome = await Promise.race([
      transport.write(bytes).then(
        () => 'written' as const,
        (error: unknown) => ({ error }),
      ),
      sleep(clock, timeoutMs, timer.signal),
    ]);
    if (outcome === 'written') return ok(undefined);
    if (outcome === 'elapsed' || outcome === 'aborted') {
      return err(deviceError('timeout', `the pad link did not accept data within ${timeoutMs} ms`, 'writeStalled'));
    }
    return err(fromTransportError(outcome.error, 'cannot send to the evaluation pad'));
  } finally {
    timer.abort();
  }
}

export interface ReopenOptions {
  readonly transport: Transport;
  readonly clock: Clock;
  /** Wait before the first attempt, doubled per attempt up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly signal: AbortSignal;
  /** Called once the transport has been reopened (reset link state). */
  readonly reopened: () => void;
}

/**
 * Reopens `transport` until it opens, waiting between attempts with capped exponential
 * backoff: a replugged adapter takes a while to reappear, and a tight loop would flood the
 * log. Resolves `open` (also when it was already open), `cancelled` or `gaveUp`.
 */
export async function reopenWithBackoff(options: ReopenOptions): Promise<'open' | 'cancelled' | 'gaveUp'> {
  const { transport, clock, signal } = options;
  let delayMs = options.initialDelayMs;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    if (transport.isOpen) return 'open';
    if ((await sleep(clock, delayMs, signal)) === 'aborted') return 'cancelled';
    delayMs = Math.min(delayMs * 2, options.maxDelayMs);
    if (transport.isOpen) return 'open';
    try {
      await transport.open();
    } catch (error) {
      debug('reopen attempt %d failed: %s', attempt, errorMessage(error));
      continue;
    }
    options.reopened();
    return 'open';
  }
  return 'gaveUp';
}
