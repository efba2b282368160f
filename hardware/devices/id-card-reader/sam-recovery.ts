/**
 * Budget for automatic SAM resets (reliability.md R-V5: "at most 3 automatic resets with
 * backoff, then `maintenance`"; protocols.md §1.9: 60/66 → try `10 FF` once).
 *
 * Each fault episode gets one reset; if the SAM still fails its status check after it, the
 * reader is `faulty` at once. Episodes that a reset did fix are counted in a sliding window:
 * the first reset is immediate, the next ones wait `backoffMs`, then twice that; once the
 * window holds `maxResets`, the next fault goes straight to `maintenance`.
 */
import type { Clock } from '../../clock.js';

export class ResetBudget {
  readonly #clock: Clock;
  readonly #maxResets: number;
  readonly #windowMs: number;
  readonly #backoffMs: number;
  /** Clock ms of the automatic resets still inside the window. */
  #resets: number[] = [];

  constructor(clock: Clock, maxResets: number, windowMs: number, backoffMs: number) {
    this.#clock = clock;
    this.#maxResets = maxResets;
    this.#windowMs = windowMs;
    this.#backoffMs = backoffMs;
  }

  /** Resets counted in the window now. */
  get used(): number {
    this.#prune();
    return this.#resets.length;
  }

  /** Delay before the next automatic reset, or undefined when the budget is spent. */
  nextDelayMs(): number | undefined {
    const used = this.used;
    if (used >= this.#maxResets) return undefined;
    return used === 0 ? 0 : this.#backoffMs * 2 ** (used - 1);
  }

  record(): void {
    this.#resets.push(this.#clock.now());
  }

  /** A technician reset starts afresh. */
  clear(): void {
    this.#resets = [];
  }

  #prune(): void {
    const since = this.#clock.now() - this.#windowMs;
    this.#resets = this.#resets.filter((at) => at > since);
  }
}
