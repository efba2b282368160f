/**
 * Keyboard-wedge decoder (protocols.md §3.1): boot-keyboard reports in, scanned symbols
 * out. Incremental and pure — no timers: the device class calls {@link WedgeDecoder.flush}
 * once its idle gap has passed, for scanners configured without a suffix. Never throws;
 * anything it cannot use is counted in {@link WedgeDecoder.ignored}.
 *
 * What it copes with (reliability.md, HID row):
 * - a character is a key *press*: a key still held in the next report is the same press,
 *   so the same character twice needs a release report in between;
 * - Shift from the modifier byte of the report that presses the key;
 * - Enter / keypad Enter / Tab end a symbol when configured as terminators, else they are
 *   text (`\n`, `\t`) — a multi-line QR code arrives as Enter presses;
 * - CapsLock: scanners do not normally send it, but a host-side CapsLock flips letter case
 *   on real keyboards; a CapsLock press here toggles a flag that inverts the case of
 *   letters, as the OS would. The flag outlives a symbol, as the host's lock state does;
 * - Ctrl/GUI + key (vendor suffix chords, shortcuts) type nothing, except Ctrl+] = GS
 *   (0x1D), the usual wedge spelling of GS1 FNC1 (§3.1 "Pitfalls");
 * - ErrorRollOver reports (all slots 0x01) and short reads are skipped;
 * - Alt + keypad digits + Alt released = one character whose number is a code point
 *   (`unicode`) or a GBK double-byte value (`gbk`); the ranges overlap, so the scanner's
 *   setting must be configured (§3.1 "Chinese content");
 * - a stuck modifier: the modifier byte is read per report, so modifier-only reports are
 *   releases; an Alt that is never released ends its group at the terminator or flush. A
 *   stuck Ctrl cannot be told from a vendor chord, and its keys are dropped.
 */
import iconv from 'iconv-lite';
import { MODIFIER, parseBootReport } from './boot-report.js';
import { USAGE, isLetterUsage, keypadDigit, usageToChar } from './usage-table.js';

/** Keys that may end a symbol. `enter` covers Enter (0x28) and keypad Enter (0x58). */
export type WedgeTerminatorKey = 'enter' | 'tab';
/** How a symbol ended; `none` = by {@link WedgeDecoder.flush} after the idle gap. */
export type WedgeTerminator = WedgeTerminatorKey | 'none';
/** How Alt+numpad numbers are read (a scanner setting). */
export type AltCodeMode = 'unicode' | 'gbk';

/** Default cap on one symbol, in UTF-16 code units; longer input is reported `tooLong`. */
export const MAX_WEDGE_CHARS = 4096;
/** Decimal digits of the largest code point, 1114111. */
const MAX_ALT_DIGITS = 7;
/** GBK double-byte values: lead 0x81–0xFE, trail 0x40–0xFE (§3.1: 33088–65278). */
const GBK_MIN = 0x8140;
const GBK_MAX = 0xfefe;
const GUI_BITS = MODIFIER.leftGui | MODIFIER.rightGui;
const GS = '\u001d';

/** Options of {@link WedgeDecoder}; match the scanner's settings. */
export interface WedgeDecoderOptions {
  /** Reports start with a report ID byte (composite devices). Default false. */
  readonly hasReportId?: boolean;
  /** Keys that end a symbol. Default `['enter']`; `[]` = idle gap only. */
  readonly terminators?: readonly WedgeTerminatorKey[];
  /** Default `unicode`. */
  readonly altCodes?: AltCodeMode;
  /** Default {@link MAX_WEDGE_CHARS}. */
  readonly maxChars?: number;
}

/** A finished symbol, or one that went over the cap (its text is discarded, not kept). */
export type WedgeResult =
  | {
      readonly kind: 'symbol';
      readonly text: string;
      readonly terminator: WedgeTerminator;
      /** Some characters came from Alt+numpad groups (their decoding depends on the mode). */
      readonly hasAltCodes: boolean;
      /** Alt+numpad groups in this symbol that stood for no character: the text has gaps. */
      readonly droppedAltCodes: number;
    }
  | { readonly kind: 'tooLong'; readonly chars: number; readonly terminator: WedgeTerminator };

/**
 * The character an Alt+numpad number stands for in `mode`, or undefined when it stands
 * for none (0, a surrogate, out of range, not a GBK code). In `gbk` mode values below 256
 * are single bytes (ASCII, Latin-1 for 128–255 as Windows' Alt+0nnn).
 */
export function altCodeChar(value: number, mode: AltCodeMode): string | undefined {
  if (!Number.isInteger(value) || value <= 0) return undefined;
  if (mode === 'unicode') {
    const isSurrogate = value >= 0xd800 && value <= 0xdfff;
    return value > 0x10ffff || isSurrogate ? undefined : String.fromCodePoint(value);
  }
  if (value < 0x100) return String.fromCharCode(value);
  const trail = value & 0xff;
  if (value < GBK_MIN || value > GBK_MAX || trail < 0x40 || trail === 0x7f || trail === 0xff) return undefined;
  const text = iconv.decode(Buffer.from([value >> 8, trail]), 'gb18030');
  return text.length === 1 && text !== '\ufffd' ? text : undefined;
}

function terminatorKeyOf(usage: number): WedgeTerminatorKey | undefined {
  if (usage === USAGE.enter || usage === USAGE.keypadEnter) return 'enter';
  return usage === USAGE.tab ? 'tab' : undefined;
}

function swapCase(char: string): string {
  const upper = char.toUpperCase();
  return upper === char ? char.toLowerCase() : upper;
}

/**
 * ```ts
 * const decoder = new WedgeDecoder({ altCodes: 'gbk' });
 * for (const result of decoder.push(report)) handle(result);
 * // after the idle gap with no report:
 * const last = decoder.flush();
 * ```
 */
export class WedgeDecoder {
  readonly #hasReportId: boolean;
  readonly #terminators: ReadonlySet<WedgeTerminatorKey>;
  readonly #altCodes: AltCodeMode;
  readonly #maxChars: number;
  /** Keys held in the previous report: a key still held is not pressed again. */
  #held: readonly number[] = [];
  #wasAlt = false;
  #altDigits = '';
  #parts: string[] = [];
  #length = 0;
  #isOverflow = false;
  #hasAltCodes = false;
  #droppedAltCodes = 0;
  #isCapsLock = false;
  #ignored = 0;

  constructor(options: WedgeDecoderOptions = {}) {
    this.#hasReportId = options.hasReportId ?? false;
    this.#terminators = new Set(options.terminators ?? ['enter']);
    this.#altCodes = options.altCodes ?? 'unicode';
    this.#maxChars = options.maxChars ?? MAX_WEDGE_CHARS;
  }

  /** Reports, key presses and Alt groups that produced nothing (roll-over, chords, junk). */
  get ignored(): number {
    return this.#ignored;
  }

  /** A symbol (or an Alt group) has started and not ended. */
  get hasPending(): boolean {
    return this.#length > 0 || this.#isOverflow || this.#altDigits !== '' || this.#droppedAltCodes > 0;
  }

  /** The CapsLock flag toggled by CapsLock presses. */
  get isCapsLock(): boolean {
    return this.#isCapsLock;
  }

  /** Feeds one report; returns the symbols it completed (usually none or one). */
  push(report: Uint8Array): WedgeResult[] {
    const parsed = parseBootReport(report, this.#hasReportId);
    if (parsed === null || parsed.isRollOver) {
      // Roll-over says "too many keys"; the held state stays as it was before it.
      this.#ignored += 1;
      return [];
    }
    const results: WedgeResult[] = [];
    if (this.#wasAlt && !parsed.isAlt) this.#endAltGroup();
    const pressed = parsed.keys.filter((usage) => !this.#held.includes(usage));
    this.#held = parsed.keys;
    this.#wasAlt = parsed.isAlt;
    const isChord = parsed.isCtrl || (parsed.modifiers & GUI_BITS) !== 0;
    for (const usage of pressed) {
      const result = this.#press(usage, parsed.isShift, parsed.isAlt, parsed.isCtrl, isChord);
      if (result !== null) results.push(result);
    }
    return results;
  }

  /**
   * Ends the pending symbol with terminator `none` (call after the idle gap). Also forgets
   * held keys, so a lost release report cannot swallow the next scan's first character.
   */
  flush(): WedgeResult | null {
    this.#endAltGroup();
    this.#held = [];
    this.#wasAlt = false;
    return this.#finish('none');
  }

  /** Forgets everything, CapsLock included (link lost, device re-enabled). */
  reset(): void {
    this.#held = [];
    this.#wasAlt = false;
    this.#altDigits = '';
    this.#isCapsLock = false;
    this.#clearSymbol();
  }

  #press(usage: number, isShift: boolean, isAlt: boolean, isCtrl: boolean, isChord: boolean): WedgeResult | null {
    if (usage === USAGE.capsLock) {
      this.#isCapsLock = !this.#isCapsLock;
      return null;
    }
    const terminator = terminatorKeyOf(usage);
    if (terminator !== undefined && !isChord && this.#terminators.has(terminator)) {
      // A stuck Alt: its group ends with the symbol.
      this.#endAltGroup();
      return this.#finish(terminator);
    }
    if (isCtrl && usage === USAGE.rightBracket && !isAlt) {
      this.#append(GS);
      return null;
    }
    if (isChord) {
      this.#ignored += 1;
      return null;
    }
    if (isAlt) {
      const digit = keypadDigit(usage);
      // Alt + any other key is a menu shortcut on Windows: no text.
      if (digit === undefined) this.#ignored += 1;
      else this.#altDigits += String(digit);
      return null;
    }
    if (terminator !== undefined) {
      this.#append(terminator === 'enter' ? '\n' : '\t');
      return null;
    }
    const char = usageToChar(usage, isShift);
    if (char === undefined) {
      this.#ignored += 1;
      return null;
    }
    this.#append(this.#isCapsLock && isLetterUsage(usage) ? swapCase(char) : char);
    return null;
  }

  #endAltGroup(): void {
    const digits = this.#altDigits;
    if (digits === '') return;
    this.#altDigits = '';
    const char = digits.length > MAX_ALT_DIGITS ? undefined : altCodeChar(Number(digits), this.#altCodes);
    if (char === undefined) {
      this.#ignored += 1;
      this.#droppedAltCodes += 1;
      return;
    }
    this.#hasAltCodes = true;
    this.#append(char);
  }

  #append(char: string): void {
    if (!this.#isOverflow && this.#length + char.length > this.#maxChars) {
      // Keep counting, drop the text: the cap bounds memory, the count tells the technician.
      this.#isOverflow = true;
      this.#parts = [];
    }
    this.#length += char.length;
    if (!this.#isOverflow) this.#parts.push(char);
  }

  #finish(terminator: WedgeTerminator): WedgeResult | null {
    if (this.#length === 0 && this.#droppedAltCodes === 0) {
      // A lone terminator (a stray Enter) is not a scan.
      if (terminator !== 'none') this.#ignored += 1;
      return null;
    }
    const result: WedgeResult = this.#isOverflow
      ? { kind: 'tooLong', chars: this.#length, terminator }
      : {
          kind: 'symbol',
          text: this.#parts.join(''),
          terminator,
          hasAltCodes: this.#hasAltCodes,
          droppedAltCodes: this.#droppedAltCodes,
        };
    this.#clearSymbol();
    return result;
  }

  #clearSymbol(): void {
    this.#parts = [];
    this.#length = 0;
    this.#isOverflow = false;
    this.#hasAltCodes = false;
    this.#droppedAltCodes = 0;
  }
}
