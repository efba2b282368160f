/**
 * Waiting under vitest fake timers (`vi.useFakeTimers()`): fake time is advanced in small
 * steps until the awaited thing happens, so device timeouts run without real waiting.
 */
import { vi } from 'vitest';

/** Fake ms a wait may advance before it fails. */
export const FAKE_WAIT_MS = 30_000;

export interface SettleOptions {
  /** Default {@link FAKE_WAIT_MS}. */
  readonly maxMs?: number;
  /** Fake ms per step. Default 10. */
  readonly stepMs?: number;
  /** Named in the failure message. */
  readonly what?: string;
}

/** Advances fake time in small steps until `promise` settles (no real waiting). */
export async function settle<T>(promise: Promise<T>, options: SettleOptions = {}): Promise<T> {
  const { maxMs = FAKE_WAIT_MS, stepMs = 10, what = 'promise' } = options;
  let isDone = false;
  const tracked = promise.finally(() => {
    isDone = true;
  });
  for (let elapsed = 0; !isDone && elapsed <= maxMs; elapsed += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
  if (!isDone) throw new Error(`${what} did not settle within ${maxMs} ms of fake time`);
  return tracked;
}

/** Advances fake time in 10 ms steps until `predicate` holds. */
export async function until(predicate: () => boolean, what: string, maxMs = FAKE_WAIT_MS): Promise<void> {
  for (let elapsed = 0; !predicate(); elapsed += 10) {
    if (elapsed > maxMs) throw new Error(`${what} did not happen within ${maxMs} ms of fake time`);
    await vi.advanceTimersByTimeAsync(10);
  }
}
