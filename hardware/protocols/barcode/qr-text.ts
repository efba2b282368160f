/**
 * Text of a scanned symbol's bytes (protocols.md §3.4). QR byte mode carries no reliable
 * charset, and Chinese government codes come in UTF-8 (newer systems) and GBK (legacy
 * forms, some 办件回执), so the order is:
 *
 * 1. ECI when present: from the caller, or `\nnnnnn` escapes when the AIM id says the
 *    data uses the ECI protocol (`]Q2`); 26 UTF-8, 29 GB2312/GBK/GB18030, 28 Big5;
 * 2. UTF-8 BOM `EF BB BF` (stripped);
 * 3. plain ASCII;
 * 4. strict UTF-8 (`TextDecoder` with `fatal`: rejects overlong forms, C0/C1 leads,
 *    surrogates) — short GBK strings can look like lax UTF-8: 联通 = `C1 AA CD A8`.
 *    Beyond §3.4: some GBK strings are even *strict* UTF-8, e.g. 一 = `D2 BB` = U+04BB
 *    (Cyrillic һ). When the UTF-8 reading has only two-byte sequences (U+0080–U+07FF:
 *    Latin-1 supplement, Greek, Cyrillic, Arabic-script Uyghur…) and every non-ASCII byte
 *    pair is a GB2312 code (both bytes A1–FE, as all common hanzi), GB18030 wins —
 *    flagged uncertain, since `C3 A9` is also UTF-8 é. Uyghur and Greek UTF-8 use
 *    continuation bytes below A1 and stay UTF-8;
 * 5. strict GB18030: no replacement character and the text re-encodes to the same bytes;
 * 6. else Latin-1, flagged uncertain.
 *
 * Pure; never throws.
 */
import iconv from 'iconv-lite';
import { isEciAimId } from './aim.js';

/** The charset a symbol's bytes were read in. */
export type SymbolCharset = 'utf-8' | 'gb18030' | 'big5' | 'latin1' | 'ascii';

/** The result of {@link decodeSymbolBytes}. */
export interface DecodedSymbolText {
  readonly text: string;
  readonly charset: SymbolCharset;
  /** The charset was guessed with little evidence, or the bytes did not fit it cleanly. */
  readonly isUncertain: boolean;
}

/** What the scanner told us besides the bytes. */
export interface DecodeSymbolOptions {
  /** AIM id sent with the symbol; `]Q2` etc. turn on ECI escape parsing. */
  readonly aimId?: string | null;
  /** ECI in force from the start (e.g. reported by a vendor SDK). */
  readonly eci?: number;
}

/** ECI assignments this kiosk reads (AIM ECI specification). Others fall back to detection. */
export const ECI_CHARSETS: Readonly<Record<number, SymbolCharset>> = {
  1: 'latin1',
  3: 'latin1',
  26: 'utf-8',
  27: 'ascii',
  28: 'big5',
  29: 'gb18030',
};

const BOM = [0xef, 0xbb, 0xbf] as const;
const BACKSLASH = 0x5c;
const ECI_DIGITS = 6;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LAX_UTF8 = new TextDecoder('utf-8');
/** Private use area: GB18030 maps unassigned GBK codes there — rarely real text. */
const PRIVATE_USE = /[\uE000-\uF8FF]/u;
/** Text a UTF-8 reading would need a three- or four-byte sequence for. */
const BEYOND_TWO_BYTES = /[\u0800-\uFFFF]/u;

/** Every non-ASCII byte pairs up into a GB2312 (EUC-CN) code: lead and trail in A1–FE. */
function isGb2312(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (byte < 0xa1 || byte > 0xfe || trail < 0xa1 || trail > 0xfe) return false;
    i += 1;
  }
  return true;
}

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte < 0x80);
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Decodes with iconv and checks the round trip; undefined when the bytes do not fit. */
function strictIconv(bytes: Uint8Array, encoding: 'gb18030' | 'big5'): string | undefined {
  const text = iconv.decode(Buffer.from(bytes), encoding);
  if (text.includes('\ufffd')) return undefined;
  return sameBytes(iconv.encode(text, encoding), bytes) ? text : undefined;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** Decodes `bytes` as `charset`, leniently; `isUncertain` when they did not fit cleanly. */
function decodeAs(bytes: Uint8Array, charset: SymbolCharset): DecodedSymbolText {
  switch (charset) {
    case 'utf-8': {
      const strict = strictUtf8(bytes);
      return { text: strict ?? LAX_UTF8.decode(bytes), charset, isUncertain: strict === undefined };
    }
    case 'gb18030':
    case 'big5': {
      const strict = strictIconv(bytes, charset);
      return { text: strict ?? iconv.decode(Buffer.from(bytes), charset), charset, isUncertain: strict === undefined };
    }
    case 'ascii':
      return { text: latin1(bytes), charset, isUncertain: !isAscii(bytes) };
    case 'latin1':
      return { text: latin1(bytes), charset, isUncertain: false };
  }
}

/** Steps 2–6 of the detection order, for bytes without an ECI. */
function detect(bytes: Uint8Array): DecodedSymbolText {
  if (bytes.length >= BOM.length && BOM.every((byte, i) => bytes[i] === byte)) {
    return decodeAs(bytes.subarray(BOM.length), 'utf-8');
  }
  if (isAscii(bytes)) return { text: latin1(bytes), charset: 'ascii', isUncertain: false };
  const utf8 = strictUtf8(bytes);
  const gb = strictIconv(bytes, 'gb18030');
  if (utf8 !== undefined) {
    const isGbMoreLikely = gb !== undefined && !BEYOND_TWO_BYTES.test(utf8) && isGb2312(bytes);
    return isGbMoreLikely ? { text: gb, charset: 'gb18030', isUncertain: true } : { text: utf8, charset: 'utf-8', isUncertain: false };
  }
  if (gb !== undefined) {
    // Four-byte GB18030 codes and private-use mappings are legal but rare in real GBK text:
    // more likely some other 8-bit charset that happens to fit.
    const isGbk = sameBytes(iconv.encode(gb, 'gbk'), bytes);
    return { text: gb, charset: 'gb18030', isUncertain: !isGbk || PRIVATE_USE.test(gb) };
  }
  return { text: latin1(bytes), charset: 'latin1', isUncertain: true };
}

interface Segment {
  readonly eci: number | undefined;
  readonly bytes: Uint8Array;
}

/**
 * Splits ECI-protocol data at `\nnnnnn` designators and undoubles `\\` (AIM ECI
 * transmission rules). A backslash followed by anything else is kept as data.
 */
function eciSegments(bytes: Uint8Array, initial: number | undefined): Segment[] {
  const segments: Segment[] = [];
  let eci = initial;
  let current: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte !== BACKSLASH) {
      current.push(byte);
      continue;
    }
    if (bytes[i + 1] === BACKSLASH) {
      current.push(BACKSLASH);
      i += 1;
      continue;
    }
    const digits = bytes.subarray(i + 1, i + 1 + ECI_DIGITS);
    if (digits.length === ECI_DIGITS && digits.every((d) => d >= 0x30 && d <= 0x39)) {
      if (current.length > 0) segments.push({ eci, bytes: Uint8Array.from(current) });
      current = [];
      eci = Number(String.fromCharCode(...digits));
      i += ECI_DIGITS;
      continue;
    }
    current.push(byte);
  }
  if (current.length > 0 || segments.length === 0) segments.push({ eci, bytes: Uint8Array.from(current) });
  return segments;
}

function decodeSegment(segment: Segment): DecodedSymbolText {
  const charset = segment.eci === undefined ? undefined : ECI_CHARSETS[segment.eci];
  if (charset !== undefined) return decodeAs(segment.bytes, charset);
  const detected = detect(segment.bytes);
  // An ECI we do not read (Shift JIS, ISO-8859-x…): detection is a guess.
  return segment.eci === undefined ? detected : { ...detected, isUncertain: true };
}

/**
 * The text of a symbol's bytes and the charset it was read in (see the file comment for
 * the order). Mixed ECI segments take the first segment's charset and are uncertain when
 * they differ.
 */
export function decodeSymbolBytes(bytes: Uint8Array, options: DecodeSymbolOptions = {}): DecodedSymbolText {
  const hasEscapes = isEciAimId(options.aimId ?? null);
  if (!hasEscapes) return decodeSegment({ eci: options.eci, bytes });
  const decoded = eciSegments(bytes, options.eci).map(decodeSegment);
  const first = decoded[0] ?? detect(new Uint8Array(0));
  return {
    text: decoded.map((part) => part.text).join(''),
    charset: first.charset,
    isUncertain: decoded.some((part) => part.isUncertain || part.charset !== first.charset),
  };
}
