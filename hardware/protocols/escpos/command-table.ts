/**
 * Length rules for every ESC/POS command the stream parser knows (shared/protocols.md
 * §2.2; parameter counts from the Epson ESC/POS reference). Pure functions over a byte
 * window; decoding into typed commands lives in command-decoder.ts.
 */
import { DLE, ESC, FS, GS } from './commands.js';
import type { UnknownReason } from './stream-command.js';

/** Largest command kept whole in memory; longer length-prefixed data is skipped. */
export const MAX_BUFFERED_COMMAND_BYTES = 256 * 1024;
/** `GS k` A-form data is at most 255 bytes before its NUL. */
const BARCODE_A_MAX_DATA_BYTES = 255;
/** `ESC D` takes at most 32 tab positions before its NUL. */
const TAB_POSITIONS_MAX = 32;

/** What the bytes at the start of a window amount to. */
export type Measure =
  /** More bytes are needed to know. */
  | { readonly type: 'need' }
  /** A complete command of `length` bytes. */
  | { readonly type: 'complete'; readonly length: number }
  /** `length` bytes that are not a known command. */
  | { readonly type: 'unknown'; readonly length: number; readonly reason: UnknownReason }
  /**
   * A length-prefixed command too large to buffer: decode the `headerLength` bytes, then
   * discard the next `dataLength` bytes as they arrive.
   */
  | { readonly type: 'skip'; readonly headerLength: number; readonly dataLength: number };

const NEED: Measure = { type: 'need' };

/** A read-only window `[start, end)` over the parser's buffer. */
export interface ByteWindow {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

function at(w: ByteWindow, index: number): number | undefined {
  const i = w.start + index;
  return i < w.end ? w.bytes[i] : undefined;
}

function available(w: ByteWindow): number {
  return w.end - w.start;
}

function fixed(length: number): (w: ByteWindow) => Measure {
  return (w) => (available(w) >= length ? { type: 'complete', length } : NEED);
}

/** Header of `headerLength` bytes, then `dataLength(header)` bytes of data. */
function prefixed(headerLength: number, dataLength: (w: ByteWindow) => number | undefined) {
  return (w: ByteWindow): Measure => {
    if (available(w) < headerLength) return NEED;
    const data = dataLength(w);
    if (data === undefined) return { type: 'unknown', length: headerLength, reason: 'badParameter' };
    const total = headerLength + data;
    if (total > MAX_BUFFERED_COMMAND_BYTES) return { type: 'skip', headerLength, dataLength: data };
    return available(w) >= total ? { type: 'complete', length: total } : NEED;
  };
}

/** `prefix fn pL pH d…` with `pL + 256·pH` data bytes (`GS ( x`, `FS ( x`, `ESC ( x`). */
const lengthPrefixed16 = prefixed(5, (w) => (at(w, 3) ?? 0) + 256 * (at(w, 4) ?? 0));

/** Searches for a NUL within `maxData` bytes after a `headerLength`-byte header. */
function nulTerminated(headerLength: number, maxData: number) {
  return (w: ByteWindow): Measure => {
    const limit = Math.min(available(w), headerLength + maxData + 1);
    for (let i = headerLength; i < limit; i++) {
      if (at(w, i) === 0) return { type: 'complete', length: i + 1 };
    }
    if (available(w) >= headerLength + maxData + 1) {
      return { type: 'unknown', length: headerLength, reason: 'unterminated' };
    }
    return NEED;
  };
}

type Rule = (w: ByteWindow) => Measure;

const ESC_RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [0x0c, fixed(2)], // ESC FF print page-mode data
  [0x20, fixed(3)], // ESC SP n
  [0x21, fixed(3)], // ESC ! n
  [0x24, fixed(4)], // ESC $ nL nH
  [0x25, fixed(3)], // ESC % n
  [0x26, userDefinedCharacters], // ESC & y c1 c2 …
  [0x28, lengthPrefixed16], // ESC ( A … (beeper etc.)
  [0x2a, bitImage], // ESC * m nL nH d…
  [0x2d, fixed(3)], // ESC - n
  [0x32, fixed(2)], // ESC 2
  [0x33, fixed(3)], // ESC 3 n
  [0x3d, fixed(3)], // ESC = n
  [0x3f, fixed(3)], // ESC ? n
  [0x40, fixed(2)], // ESC @
  [0x44, nulTerminated(2, TAB_POSITIONS_MAX)], // ESC D n… NUL
  [0x45, fixed(3)], // ESC E n
  [0x47, fixed(3)], // ESC G n
  [0x4a, fixed(3)], // ESC J n
  [0x4b, fixed(3)], // ESC K n
  [0x4c, fixed(2)], // ESC L
  [0x4d, fixed(3)], // ESC M n
  [0x52, fixed(3)], // ESC R n
  [0x53, fixed(2)], // ESC S
  [0x54, fixed(3)], // ESC T n
  [0x55, fixed(3)], // ESC U n
  [0x56, fixed(3)], // ESC V n
  [0x57, fixed(10)], // ESC W xL xH yL yH dxL dxH dyL dyH
  [0x5c, fixed(4)], // ESC \ nL nH
  [0x61, fixed(3)], // ESC a n
  [0x63, fixed(4)], // ESC c x n (paper sensors, panel buttons)
  [0x64, fixed(3)], // ESC d n
  [0x65, fixed(3)], // ESC e n
  [0x69, fixed(2)], // ESC i (legacy full cut)
  [0x6d, fixed(2)], // ESC m (legacy partial cut)
  [0x70, fixed(5)], // ESC p m t1 t2
  [0x72, fixed(3)], // ESC r n
  [0x74, fixed(3)], // ESC t n
  [0x75, fixed(3)], // ESC u n
  [0x76, fixed(2)], // ESC v
  [0x7b, fixed(3)], // ESC { n
]);

const GS_RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [0x21, fixed(3)], // GS ! n
  [0x24, fixed(4)], // GS $ nL nH
  [0x28, lengthPrefixed16], // GS ( k / GS ( L / GS ( A …
  [0x2a, prefixed(4, (w) => (at(w, 2) ?? 0) * (at(w, 3) ?? 0) * 8)], // GS * x y d…
  [0x2f, fixed(3)], // GS / m
  [0x38, graphics32], // GS 8 L p1..p4 …
  [0x3a, fixed(2)], // GS :
  [0x42, fixed(3)], // GS B n
  [0x45, fixed(3)], // GS E n
  [0x48, fixed(3)], // GS H n
  [0x49, fixed(3)], // GS I n
  [0x4c, fixed(4)], // GS L nL nH
  [0x50, fixed(4)], // GS P x y
  [0x54, fixed(3)], // GS T n
  [0x56, cut], // GS V m [n]
  [0x57, fixed(4)], // GS W nL nH
  [0x5c, fixed(4)], // GS \ nL nH
  [0x5e, fixed(5)], // GS ^ r t m
  [0x61, fixed(3)], // GS a n
  [0x62, fixed(3)], // GS b n
  [0x63, fixed(2)], // GS c
  [0x66, fixed(3)], // GS f n
  [0x67, fixed(6)], // GS g 0|2 m nL nH
  [0x68, fixed(3)], // GS h n
  [0x6b, barcode], // GS k m …
  [0x72, fixed(3)], // GS r n
  [0x76, raster], // GS v 0 m xL xH yL yH d…
  [0x77, fixed(3)], // GS w n
]);

const FS_RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [0x21, fixed(3)], // FS ! n
  [0x26, fixed(2)], // FS &
  [0x28, lengthPrefixed16], // FS ( A …
  [0x2d, fixed(3)], // FS - n
  [0x2e, fixed(2)], // FS .
  [0x32, fixed(76)], // FS 2 c1 c2 d1..d72 (user-defined 24×24 Kanji)
  [0x3f, fixed(4)], // FS ? c1 c2
  [0x43, fixed(3)], // FS C n
  [0x53, fixed(4)], // FS S n1 n2
  [0x57, fixed(3)], // FS W n
  [0x70, fixed(4)], // FS p n m
]);

function userDefinedCharacters(w: ByteWindow): Measure {
  // ESC & y c1 c2 [x d1…d(y·x)]×(c2−c1+1); y ≤ 3 rows of bytes, x ≤ 12 columns.
  const y = at(w, 2);
  const c1 = at(w, 3);
  const c2 = at(w, 4);
  if (y === undefined || c1 === undefined || c2 === undefined) return NEED;
  if (y < 1 || y > 3 || c1 < 0x20 || c2 > 0x7e || c1 > c2) {
    return { type: 'unknown', length: 2, reason: 'badParameter' };
  }
  let offset = 5;
  for (let c = c1; c <= c2; c++) {
    const x = at(w, offset);
    if (x === undefined) return NEED;
    offset += 1 + y * x;
  }
  return available(w) >= offset ? { type: 'complete', length: offset } : NEED;
}

function bitImage(w: ByteWindow): Measure {
  return prefixed(5, (win) => {
    const m = at(win, 2) ?? 0;
    const columns = (at(win, 3) ?? 0) + 256 * (at(win, 4) ?? 0);
    if (m === 0 || m === 1) return columns;
    if (m === 32 || m === 33) return columns * 3;
    return undefined;
  })(w);
}

function graphics32(w: ByteWindow): Measure {
  const form = at(w, 2);
  if (form === undefined) return NEED;
  if (form !== 0x4c) return { type: 'unknown', length: 2, reason: 'unknownFunction' };
  return prefixed(7, (win) => {
    const p = [3, 4, 5, 6].map((i) => at(win, i) ?? 0);
    return (p[0] ?? 0) + (p[1] ?? 0) * 0x100 + (p[2] ?? 0) * 0x10000 + (p[3] ?? 0) * 0x1000000;
  })(w);
}

/** `GS V` forms: m 0/1/48/49 alone; 65/66 and 97/98/103/104 take a feed byte. */
export const CUT_MODES_WITHOUT_FEED: ReadonlySet<number> = new Set([0, 1, 48, 49]);
export const CUT_MODES_WITH_FEED: ReadonlySet<number> = new Set([65, 66, 97, 98, 103, 104]);

function cut(w: ByteWindow): Measure {
  const m = at(w, 2);
  if (m === undefined) return NEED;
  if (CUT_MODES_WITHOUT_FEED.has(m)) return fixed(3)(w);
  if (CUT_MODES_WITH_FEED.has(m)) return fixed(4)(w);
  return { type: 'unknown', length: 3, reason: 'badParameter' };
}

function barcode(w: ByteWindow): Measure {
  const m = at(w, 2);
  if (m === undefined) return NEED;
  if (m <= 6) return nulTerminated(3, BARCODE_A_MAX_DATA_BYTES)(w);
  if (m >= 65 && m <= 78) return prefixed(4, (win) => at(win, 3))(w);
  return { type: 'unknown', length: 3, reason: 'badParameter' };
}

function raster(w: ByteWindow): Measure {
  const form = at(w, 2);
  if (form === undefined) return NEED;
  if (form !== 0x30) return { type: 'unknown', length: 2, reason: 'unknownFunction' };
  return prefixed(8, (win) => {
    const widthBytes = (at(win, 4) ?? 0) + 256 * (at(win, 5) ?? 0);
    const height = (at(win, 6) ?? 0) + 256 * (at(win, 7) ?? 0);
    return widthBytes * height;
  })(w);
}

function dle(w: ByteWindow): Measure {
  const fn = at(w, 1);
  if (fn === undefined) return NEED;
  const n = at(w, 2);
  if (fn === 0x04) {
    // DLE EOT n: n 1–4 plain; n 7 and 8 (ink / paper-usage status) take one more byte.
    if (n === undefined) return NEED;
    if (n >= 1 && n <= 4) return fixed(3)(w);
    if (n === 7 || n === 8) return fixed(4)(w);
    return { type: 'unknown', length: 3, reason: 'badParameter' };
  }
  if (fn === 0x05) return fixed(3)(w);
  if (fn === 0x14) {
    // DLE DC4 fn …: 1 pulse (m t), 2 power off (1 8), 3 sound (a b) → 5 bytes; 7 → 4; 8 → 10.
    if (n === undefined) return NEED;
    if (n >= 1 && n <= 3) return fixed(5)(w);
    if (n === 7) return fixed(4)(w);
    if (n === 8) return fixed(10)(w);
    return { type: 'unknown', length: 3, reason: 'badParameter' };
  }
  // A lone DLE is often line noise: drop only the DLE and resync at the next byte.
  return { type: 'unknown', length: 1, reason: 'unknownFunction' };
}

/** Single-byte control commands that are complete by themselves. */
const SINGLE_BYTE_CONTROLS: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x18]);

/**
 * Measures the command starting at `w.start`, whose first byte is a control byte (< 0x20).
 * Unknown `ESC x`/`GS x`/`FS x` measure 2 bytes: their parameter count is unknowable, so the
 * following bytes are parsed afresh (resync policy, stream-parser.ts).
 */
export function measureCommand(w: ByteWindow): Measure {
  const first = at(w, 0);
  if (first === undefined) return NEED;
  if (SINGLE_BYTE_CONTROLS.has(first)) return { type: 'complete', length: 1 };
  if (first === DLE) return dle(w);
  const table = first === ESC ? ESC_RULES : first === GS ? GS_RULES : first === FS ? FS_RULES : undefined;
  if (table === undefined) return { type: 'unknown', length: 1, reason: 'unknownControl' };
  const fn = at(w, 1);
  if (fn === undefined) return NEED;
  const rule = table.get(fn);
  if (rule === undefined) return { type: 'unknown', length: 2, reason: 'unknownFunction' };
  return rule(w);
}
