/**
 * Strict UCS-2LE fields of the ID card text block (shared/protocols.md §1.6). Fields are
 * right-padded with `20 00`; damaged reads also show `00 00`. Both are trimmed.
 *
 * Decision: an *unpaired* surrogate is a decode problem (R-V6 "strict UCS-2"; it would
 * render as garbage). A *paired* surrogate is not UCS-2 either, but it is a well-formed
 * character: it is accepted and flagged so the caller can warn, rather than refusing a
 * citizen whose rare-character name a newer chip may carry that way.
 */
import { err, ok, type Result } from '../../result.js';

/** Why a field is not acceptable text; `byteOffset` is within the whole block. */
export interface Ucs2Problem {
  readonly kind: 'unpairedSurrogate' | 'controlCharacter' | 'oddLength';
  readonly byteOffset: number;
}

export interface Ucs2Field {
  /** The text with trailing spaces and NULs removed. */
  readonly text: string;
  /** True when the field held a surrogate pair (valid UTF-16, outside UCS-2). */
  readonly hasSurrogatePair: boolean;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
/** C0, DEL and C1 controls: never part of card text, a sign of a damaged read. */
const isControl = (unit: number): boolean => unit < 0x20 || (unit >= 0x7f && unit <= 0x9f);

/** Decodes `bytes[from..to)` as UCS-2LE, trimming trailing `20 00` / `00 00`. Never throws. */
export function decodeUcs2Field(bytes: Uint8Array, from: number, to: number): Result<Ucs2Field, Ucs2Problem> {
  if ((to - from) % 2 !== 0 || from < 0 || to > bytes.length) return err({ kind: 'oddLength', byteOffset: from });
  const units: number[] = [];
  for (let i = from; i < to; i += 2) units.push((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  let end = units.length;
  while (end > 0 && (units[end - 1] === 0x20 || units[end - 1] === 0x00)) end -= 1;
  let hasSurrogatePair = false;
  for (let i = 0; i < end; i += 1) {
    const unit = units[i] ?? 0;
    const byteOffset = from + 2 * i;
    if (isHigh(unit)) {
      if (i + 1 >= end || !isLow(units[i + 1] ?? 0)) return err({ kind: 'unpairedSurrogate', byteOffset });
      hasSurrogatePair = true;
      i += 1;
    } else if (isLow(unit)) {
      return err({ kind: 'unpairedSurrogate', byteOffset });
    } else if (isControl(unit)) {
      return err({ kind: 'controlCharacter', byteOffset });
    }
  }
  return ok({ text: String.fromCharCode(...units.slice(0, end)), hasSurrogatePair });
}

/**
 * Writes `text` as UCS-2LE into `block` at `from`, padding up to `chars` characters with
 * `20 00`. Throws RangeError when the text does not fit or has lone surrogates or control
 * characters (caller bugs: the encoder serves the simulator and tests).
 */
export function encodeUcs2Field(block: Uint8Array, from: number, chars: number, text: string): void {
  if (text.length > chars) throw new RangeError(`text of ${text.length} UTF-16 units exceeds the ${chars}-character field`);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const paired = isHigh(unit) ? isLow(text.charCodeAt(i + 1)) : !isLow(unit);
    if (!paired) throw new RangeError('text has a lone surrogate');
    if (isHigh(unit)) i += 1;
  }
  for (let i = 0; i < chars; i += 1) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20;
    if (isControl(unit)) throw new RangeError('text has a control character');
    block[from + 2 * i] = unit & 0xff;
    block[from + 2 * i + 1] = unit >> 8;
  }
}
