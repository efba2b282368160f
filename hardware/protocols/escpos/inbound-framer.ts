/**
 * Incremental classifier of the bytes a printer sends back. ESC/POS replies carry no header
 * or length: every byte is identified by its bit pattern (shared/protocols.md §2.4,
 * "Identification"), so a reply is never assumed to answer the last query (§2.5).
 *
 * Guarantees (reliability.md R-V2): never throws, output is independent of how the input is
 * chunked, and at most {@link ASB_LENGTH} − 1 bytes are held between pushes.
 */
import { XOFF, XON } from './commands.js';
import { ASB_LENGTH, isAsbHeaderByte, isAsbTailByte, isRealtimeStatusByte } from './status.js';

/** One classified unit of inbound traffic. */
export type InboundFrame =
  /** Reply to `DLE EOT n` (pattern `0xx1xx10`). Which `n` it answers is not in the byte. */
  | { readonly kind: 'realtimeStatus'; readonly byte: number }
  /** Automatic Status Back block: header `0xx1xx00` plus three `0xx0xxxx` bytes. */
  | { readonly kind: 'asb'; readonly bytes: Uint8Array }
  /**
   * A lone `0xx0xxxx` byte outside an ASB block: a buffered reply such as `GS r n`.
   */
  | { readonly kind: 'bufferedStatus'; readonly byte: number }
  /** Software flow control from a serial printer. */
  | { readonly kind: 'xon' }
  | { readonly kind: 'xoff' }
  /** A byte matching none of the patterns (noise, a broken ASB block). */
  | { readonly kind: 'unknown'; readonly byte: number };

/**
 * Byte-at-a-time state machine. An ASB header opens a block; a byte that cannot continue
 * the block turns the held bytes into `unknown` frames and is then classified afresh, so a
 * spurious header costs only itself (protocols.md §2.4: "Resync on the byte1 pattern").
 */
export class InboundFramer {
  readonly #asb: number[] = [];

  /** Classifies `chunk`; frames completed by it are returned in order. Never throws. */
  push(chunk: Uint8Array): InboundFrame[] {
    const frames: InboundFrame[] = [];
    for (const byte of chunk) this.#pushByte(byte, frames);
    return frames;
  }

  /**
   * Drops a partial ASB block. Called before each query (protocols.md §2.1 "drain input
   * before each query"); returns the dropped bytes as `unknown` frames for logging.
   */
  reset(): InboundFrame[] {
    const dropped = this.#asb.map((byte): InboundFrame => ({ kind: 'unknown', byte }));
    this.#asb.length = 0;
    return dropped;
  }

  /** Bytes held waiting for the rest of an ASB block (0..3). */
  get bufferedLength(): number {
    return this.#asb.length;
  }

  #pushByte(byte: number, frames: InboundFrame[]): void {
    if (this.#asb.length > 0) {
      if (isAsbTailByte(byte)) {
        this.#asb.push(byte);
        if (this.#asb.length === ASB_LENGTH) {
          frames.push({ kind: 'asb', bytes: Uint8Array.from(this.#asb) });
          this.#asb.length = 0;
        }
        return;
      }
      frames.push(...this.reset());
    }
    if (isAsbHeaderByte(byte)) {
      this.#asb.push(byte);
    } else if (isRealtimeStatusByte(byte)) {
      frames.push({ kind: 'realtimeStatus', byte });
    } else if (isAsbTailByte(byte)) {
      frames.push({ kind: 'bufferedStatus', byte });
    } else if (byte === XON) {
      frames.push({ kind: 'xon' });
    } else if (byte === XOFF) {
      frames.push({ kind: 'xoff' });
    } else {
      frames.push({ kind: 'unknown', byte });
    }
  }
}
