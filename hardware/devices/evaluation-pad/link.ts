/**
 * Link helper of the evaluation pad: a write that cannot hang. The reopen after an unplug
 * is shared by every device (../reconnect.ts).
 */
import { type Clock, sleep } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import type { Transport } from '../../transports/transport.js';
import { fromTransportError } from './pad-errors.js';

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
