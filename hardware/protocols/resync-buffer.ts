/**
 * The buffer behind the resynchronising framers (evaluation-pad/serial-pad-framer.ts,
 * sam/framer.ts): a fixed capacity of one maximal frame, filled a piece at a time with a
 * scan after each piece, and discards merged per reason so that the events do not depend
 * on how the input was chunked.
 */

/** Bytes a framer dropped, and why (each framer has its closed set of reasons). */
export interface DiscardedBytes<R extends string> {
  readonly kind: 'discarded';
  readonly bytes: number;
  readonly reason: R;
}

export class ResyncBuffer {
  /** The held bytes are `bytes[0 .. length)`; scans read them in place. */
  readonly bytes: Uint8Array;
  #length = 0;

  /** `capacity` is one maximal frame: every scan must decide a full buffer. */
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /**
   * Appends `chunk` in pieces that fit, calling `scan` after each. Each scan leaves fewer
   * than `capacity` bytes (a maximal frame is always decided), so every round has room for
   * at least one more byte.
   */
  fill(chunk: Uint8Array, scan: () => void): void {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(chunk.length - offset, this.bytes.length - this.#length);
      this.bytes.set(chunk.subarray(offset, offset + n), this.#length);
      this.#length += n;
      offset += n;
      scan();
    }
  }

  /** Drops the first `count` held bytes (decided by a scan), keeping the rest. */
  consume(count: number): void {
    this.bytes.copyWithin(0, count, this.#length);
    this.#length -= count;
  }

  /** Drops everything held; returns how many bytes that was. */
  clear(): number {
    const dropped = this.#length;
    this.#length = 0;
    return dropped;
  }
}

/** Appends a discard to `events`, merging with the previous event when it has the same reason. */
export function appendDiscard<R extends string>(
  events: ({ readonly kind: 'frame' } | DiscardedBytes<R>)[],
  bytes: number,
  reason: R,
): void {
  if (bytes <= 0) return;
  const last = events[events.length - 1];
  if (last?.kind === 'discarded' && last.reason === reason) {
    events[events.length - 1] = { kind: 'discarded', bytes: last.bytes + bytes, reason };
  } else {
    events.push({ kind: 'discarded', bytes, reason });
  }
}

/** What `reset()` reports: the held bytes as one `stale` discard, or nothing. */
export function staleDiscard(bytes: number): DiscardedBytes<'stale'>[] {
  return bytes > 0 ? [{ kind: 'discarded', bytes, reason: 'stale' }] : [];
}
