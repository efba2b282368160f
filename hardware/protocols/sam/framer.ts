/**
 * Incremental GA 467 frame splitter (shared/protocols.md §1.2 "Parser algorithm").
 *
 * Guarantees (reliability.md R-V2): never throws; the sequence of frames — and of
 * discarded bytes, once adjacent discards of the same reason are merged — does not depend
 * on how the input is chunked; at most {@link MAX_FRAME_BYTES} bytes are held between
 * pushes.
 *
 * The framer has no timers. The device calls `reset()` before each command and when the
 * inter-byte timeout (100–300 ms, §1.2) fires with `pendingBytes > 0`.
 */
import { ResyncBuffer, appendDiscard as discard, staleDiscard, type DiscardedBytes } from '../resync-buffer.js';
import { HEADER_LENGTH, MAX_FRAME_BYTES, MAX_LEN, MIN_RESPONSE_LEN, PREAMBLE, PREAMBLE_LENGTH } from './constants.js';

/**
 * Why bytes were dropped: `noise` outside any candidate frame; `badLength` /
 * `badChecksum` the first byte of a candidate whose LEN or CHK failed (§1.2: drop one
 * byte, rescan); `stale` the partial frame dropped by `reset()`.
 */
export type SamDiscardReason = 'noise' | 'badChecksum' | 'badLength' | 'stale';

/** Output of {@link SamFramer.push}, in stream order. */
export type SamFrameEvent =
  /** A whole frame (preamble … CHK) whose LEN and CHK are valid; a copy the caller owns. */
  | { readonly kind: 'frame'; readonly frame: Uint8Array }
  | DiscardedBytes<SamDiscardReason>;

export interface SamFramerOptions {
  /**
   * Smallest LEN accepted. Default `MIN_RESPONSE_LEN` (4) for the host reading responses,
   * which also drops an echo of our own request (LEN 3); the simulator, reading requests,
   * passes `MIN_REQUEST_LEN` (3).
   */
  readonly minLen?: number;
}

const [P0 = 0, P1 = 0, P2 = 0, P3 = 0, P4 = 0] = PREAMBLE;

/**
 * Splits a byte stream into SAM frames. A candidate whose LEN or CHK fails costs only its
 * first byte: photo/fingerprint payloads may contain `AA AA AA 96 69`, so the rescan must
 * be able to find a real frame that started inside a false candidate (§1.2).
 */
export class SamFramer {
  readonly #minLen: number;
  readonly #buffer = new ResyncBuffer(MAX_FRAME_BYTES);

  constructor(options: SamFramerOptions = {}) {
    const minLen = options.minLen ?? MIN_RESPONSE_LEN;
    // A LEN below 1 would make a frame without CHK; clamp rather than throw on a config
    // slip.
    this.#minLen = Math.min(Math.max(1, Math.trunc(minLen)), MAX_LEN);
  }

  /** Bytes held waiting for the rest of a frame (0..MAX_FRAME_BYTES − 1). */
  get pendingBytes(): number {
    return this.#buffer.length;
  }

  /** Adds received bytes; returns the frames and discards they complete, in order. */
  push(chunk: Uint8Array): SamFrameEvent[] {
    const events: SamFrameEvent[] = [];
    this.#buffer.fill(chunk, () => this.#scan(events));
    return events;
  }

  /** Drops any partial frame (before each command, on inter-byte timeout). */
  reset(): SamFrameEvent[] {
    return staleDiscard(this.#buffer.clear());
  }

  #scan(events: SamFrameEvent[]): void {
    const buf = this.#buffer.bytes;
    const end = this.#buffer.length;
    let start = 0;
    for (;;) {
      const candidate = findPreamble(buf, start, end);
      if (candidate < 0) {
        // Keep a trailing partial preamble (e.g. `AA AA`) for the next push.
        const keep = partialPreambleSuffix(buf, start, end);
        discard(events, end - keep - start, 'noise');
        start = end - keep;
        break;
      }
      discard(events, candidate - start, 'noise');
      start = candidate;
      if (end - start < HEADER_LENGTH) break;
      const len = ((buf[start + 5] ?? 0) << 8) | (buf[start + 6] ?? 0);
      if (len < this.#minLen || len > MAX_LEN) {
        discard(events, 1, 'badLength');
        start += 1;
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (end - start < total) break;
      if (xorRange(buf, start + PREAMBLE_LENGTH, start + total) === 0) {
        events.push({ kind: 'frame', frame: buf.slice(start, start + total) });
        start += total;
      } else {
        discard(events, 1, 'badChecksum');
        start += 1;
      }
    }
    this.#buffer.consume(start);
  }
}

function findPreamble(buf: Uint8Array, from: number, end: number): number {
  for (let i = buf.indexOf(P0, from); i >= 0 && i + PREAMBLE_LENGTH <= end; i = buf.indexOf(P0, i + 1)) {
    if (buf[i + 1] === P1 && buf[i + 2] === P2 && buf[i + 3] === P3 && buf[i + 4] === P4) return i;
  }
  return -1;
}

/** Length of the longest suffix of `buf[from..end)` that is a proper prefix of the preamble. */
function partialPreambleSuffix(buf: Uint8Array, from: number, end: number): number {
  for (let k = Math.min(PREAMBLE_LENGTH - 1, end - from); k > 0; k -= 1) {
    let matches = true;
    for (let j = 0; j < k; j += 1) {
      if (buf[end - k + j] !== PREAMBLE[j]) {
        matches = false;
        break;
      }
    }
    if (matches) return k;
  }
  return 0;
}

/** XOR over LEN_H … CHK: zero for a frame whose CHK is right (§1.2). */
function xorRange(buf: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i += 1) x ^= buf[i] ?? 0;
  return x;
}
