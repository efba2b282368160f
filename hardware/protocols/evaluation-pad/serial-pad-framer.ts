/**
 * Incremental splitter for the generic serial pad profile (serial-pad-frame.ts).
 *
 * Guarantees: never throws; the sequence of frames — and of discarded bytes, once adjacent
 * discards of the same reason are merged — does not depend on how the input is chunked;
 * at most {@link MAX_PAD_FRAME_BYTES} − 1 bytes are held between pushes.
 *
 * A candidate (an STX) whose LEN, ETX or BCC is wrong costs only its STX byte and the scan
 * restarts right after it: a pad frame can follow line noise that happens to contain 02,
 * and the real frame must still be found inside the false candidate's span.
 *
 * No timers. A false STX with a plausible LEN holds the bytes after it until the candidate
 * can be decided; the device calls {@link PadFramer.expire} after an inter-byte silence so
 * a real frame caught inside such a candidate is not held back until more bytes come.
 */
import {
  ETX,
  MAX_PAD_DATA_BYTES,
  MAX_PAD_FRAME_BYTES,
  PAD_HEADER_BYTES,
  PAD_TRAILER_BYTES,
  STX,
  frameFromBytes,
  xorBytes,
  type PadFrame,
} from './serial-pad-frame.js';
import { ResyncBuffer, appendDiscard as discard, staleDiscard, type DiscardedBytes } from '../resync-buffer.js';

/**
 * Why bytes were dropped: `noise` outside any candidate; `badLength` / `badTerminator` /
 * `badChecksum` the STX of a candidate whose LEN, ETX or BCC failed; `stale` the STX of a
 * partial candidate given up by {@link PadFramer.expire}.
 */
export type PadDiscardReason = 'noise' | 'badLength' | 'badTerminator' | 'badChecksum' | 'stale';

/** Output of {@link PadFramer.push}, in stream order. */
export type PadFrameEvent =
  | { readonly kind: 'frame'; readonly frame: PadFrame }
  | DiscardedBytes<PadDiscardReason>;

/** Splits a byte stream into checked {@link PadFrame}s. */
export class PadFramer {
  readonly #buffer = new ResyncBuffer(MAX_PAD_FRAME_BYTES);

  /** Bytes held waiting for the rest of a frame (0..MAX_PAD_FRAME_BYTES − 1). */
  get pendingBytes(): number {
    return this.#buffer.length;
  }

  /** Adds received bytes; returns the frames and discards they complete, in order. */
  push(chunk: Uint8Array): PadFrameEvent[] {
    const events: PadFrameEvent[] = [];
    this.#buffer.fill(chunk, () => this.#scan(events));
    return events;
  }

  /**
   * Gives up the partial candidate after an inter-byte silence: drops its STX and rescans
   * what followed, repeatedly, so complete frames held behind a false STX come out and
   * nothing stays pending.
   */
  expire(): PadFrameEvent[] {
    const events: PadFrameEvent[] = [];
    while (this.#buffer.length > 0) {
      discard(events, 1, this.#buffer.bytes[0] === STX ? 'stale' : 'noise');
      this.#buffer.consume(1);
      this.#scan(events);
    }
    return events;
  }

  /** Drops everything held (new link, new exchange); returns what was dropped. */
  reset(): PadFrameEvent[] {
    return staleDiscard(this.#buffer.clear());
  }

  #scan(events: PadFrameEvent[]): void {
    const buf = this.#buffer.bytes;
    const end = this.#buffer.length;
    let start = 0;
    for (;;) {
      const candidate = buf.subarray(0, end).indexOf(STX, start);
      if (candidate < 0) {
        discard(events, end - start, 'noise');
        start = end;
        break;
      }
      discard(events, candidate - start, 'noise');
      start = candidate;
      if (end - start < PAD_HEADER_BYTES) break;
      const length = buf[start + 3] ?? 0;
      if (length > MAX_PAD_DATA_BYTES) {
        discard(events, 1, 'badLength');
        start += 1;
        continue;
      }
      const total = PAD_HEADER_BYTES + length + PAD_TRAILER_BYTES;
      if (end - start < total) break;
      if (buf[start + total - 2] !== ETX) {
        discard(events, 1, 'badTerminator');
        start += 1;
      } else if (xorBytes(buf, start + 1, start + total - 1) !== buf[start + total - 1]) {
        discard(events, 1, 'badChecksum');
        start += 1;
      } else {
        events.push({ kind: 'frame', frame: frameFromBytes(buf.subarray(start, start + total)) });
        start += total;
      }
    }
    this.#buffer.consume(start);
  }
}
