/**
 * A small listener list for the `onX(listener) → unsubscribe` style used by every
 * transport.
 *
 * Each subscription is its own entry, so the same function subscribed twice is called
 * twice and each unsubscribe removes only its own entry. Emitting iterates over a
 * snapshot: a listener that unsubscribes (or subscribes another) while being called does
 * not disturb the delivery in progress.
 */
export class Listeners<T> {
  readonly #entries = new Set<{ readonly listener: (value: T) => void }>();

  /** Adds `listener`; returns an idempotent unsubscribe function. */
  add(listener: (value: T) => void): () => void {
    const entry = { listener };
    this.#entries.add(entry);
    return () => {
      this.#entries.delete(entry);
    };
  }

  /**
   * Calls every current listener with `value`. A listener that throws is a bug in the
   * caller; the exception propagates, as it would from a Node EventEmitter.
   */
  emit(value: T): void {
    for (const entry of [...this.#entries]) {
      // Skip entries removed by an earlier listener in this same emit.
      if (this.#entries.has(entry)) entry.listener(value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
