/**
 * Frames a serial / USB-CDC scanner's byte stream into symbols (protocols.md §3.3): raw
 * symbol bytes plus a configurable suffix, optionally after an AIM id. Frames end on the
 * suffix **and** on an idle gap, since some units send no suffix: the framer has no
 * timers, the device class calls {@link SerialFramer.flush} after `idleGapMs` of silence.
 *
 * Chunking-invariant: the frames do not depend on how the bytes were split (a CRLF torn
 * between two reads is still one suffix). Never throws; bounded memory.
 */
import { splitAimPrefix } from './aim.js';

/**
 * The suffix that ends a symbol. `auto` accepts CR, LF and CRLF (an LF right after a CR
 * belongs to it); `none` frames on the idle gap only.
 */
export type SerialSuffix = 'cr' | 'lf' | 'crlf' | 'auto' | 'none';

/** Default cap on one symbol's bytes; more is discarded and reported `tooLong`. */
export const MAX_SERIAL_SYMBOL_BYTES = 8192;

const CR = 0x0d;
const LF = 0x0a;

/** Options of {@link SerialFramer}; match the scanner's settings. */
export interface SerialFramerOptions {
  /** Default `auto`. */
  readonly suffix?: SerialSuffix;
  /** Symbols start with an AIM id (`]Q1`…) to split off. Default false. */
  readonly hasAimPrefix?: boolean;
  /** Default {@link MAX_SERIAL_SYMBOL_BYTES}. */
  readonly maxBytes?: number;
}

/** A framed symbol, or one over the cap (its bytes are discarded). */
export type SerialFrame =
  | {
      readonly kind: 'symbol';
      /** Symbol data without AIM id and suffix. */
      readonly bytes: Uint8Array;
      readonly aimId: string | null;
      /** `suffix`: ended by the suffix; `idle`: by {@link SerialFramer.flush}. */
      readonly endedBy: 'suffix' | 'idle';
    }
  | { readonly kind: 'tooLong'; readonly bytes: number; readonly endedBy: 'suffix' | 'idle' };

/**
 * ```ts
 * const framer = new SerialFramer({ suffix: 'auto', hasAimPrefix: true });
 * transport.onData((chunk) => framer.push(chunk).forEach(handle));
 * // after idleGapMs without data:
 * const frame = framer.flush();
 * ```
 */
export class SerialFramer {
  readonly #suffix: SerialSuffix;
  readonly #hasAimPrefix: boolean;
  readonly #maxBytes: number;
  #buffer: Uint8Array;
  #length = 0;
  /** Bytes seen in the current symbol, counted on past the cap. */
  #seen = 0;
  /** `crlf`: a CR waits for the next byte to know whether it starts the suffix. */
  #hasHeldCr = false;
  /** `auto`: the last symbol ended with CR; an LF next is the rest of a CRLF. */
  #isLfExpected = false;

  constructor(options: SerialFramerOptions = {}) {
    this.#suffix = options.suffix ?? 'auto';
    this.#hasAimPrefix = options.hasAimPrefix ?? false;
    this.#maxBytes = Math.max(1, options.maxBytes ?? MAX_SERIAL_SYMBOL_BYTES);
    this.#buffer = new Uint8Array(Math.min(256, this.#maxBytes));
  }

  /** True while a symbol has started and not ended. */
  get hasPending(): boolean {
    return this.#seen > 0 || this.#hasHeldCr;
  }

  /** Feeds bytes; returns the frames they complete. */
  push(chunk: Uint8Array): SerialFrame[] {
    const frames: SerialFrame[] = [];
    for (const byte of chunk) {
      const frame = this.#byte(byte);
      if (frame !== null) frames.push(frame);
    }
    return frames;
  }

  /**
   * Ends the pending symbol after the idle gap. A CR held in `crlf` mode counts as a
   * suffix whose LF was lost.
   */
  flush(): SerialFrame | null {
    this.#isLfExpected = false;
    if (this.#hasHeldCr) {
      this.#hasHeldCr = false;
      return this.#end('suffix');
    }
    return this.#end('idle');
  }

  /** Drops everything (link lost). */
  reset(): void {
    this.#length = 0;
    this.#seen = 0;
    this.#hasHeldCr = false;
    this.#isLfExpected = false;
  }

  #byte(byte: number): SerialFrame | null {
    switch (this.#suffix) {
      case 'cr':
        return byte === CR ? this.#end('suffix') : this.#add(byte);
      case 'lf':
        return byte === LF ? this.#end('suffix') : this.#add(byte);
      case 'crlf':
        if (this.#hasHeldCr) {
          this.#hasHeldCr = false;
          if (byte === LF) return this.#end('suffix');
          this.#add(CR);
        }
        if (byte === CR) {
          this.#hasHeldCr = true;
          return null;
        }
        return this.#add(byte);
      case 'auto': {
        const isLfOfCrlf = this.#isLfExpected && byte === LF;
        this.#isLfExpected = byte === CR;
        if (isLfOfCrlf) return null;
        return byte === CR || byte === LF ? this.#end('suffix') : this.#add(byte);
      }
      case 'none':
        return this.#add(byte);
    }
  }

  #add(byte: number): null {
    this.#seen += 1;
    if (this.#seen > this.#maxBytes) return null;
    if (this.#length === this.#buffer.length) {
      const grown = new Uint8Array(Math.min(this.#maxBytes, this.#buffer.length * 2));
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    this.#buffer[this.#length] = byte;
    this.#length += 1;
    return null;
  }

  #end(endedBy: 'suffix' | 'idle'): SerialFrame | null {
    const seen = this.#seen;
    const bytes = this.#buffer.slice(0, this.#length);
    this.#length = 0;
    this.#seen = 0;
    // An empty line (a CRLF read as two suffixes in `cr` mode, a stray CR) is not a scan.
    if (seen === 0) return null;
    if (seen > this.#maxBytes) return { kind: 'tooLong', bytes: seen, endedBy };
    if (!this.#hasAimPrefix) return { kind: 'symbol', bytes, aimId: null, endedBy };
    const { aimId, data } = splitAimPrefix(bytes);
    return { kind: 'symbol', bytes: data, aimId, endedBy };
  }
}
