/**
 * Keyboard-style evaluation pads (protocols.md §4.2 pattern 3): each button types one key
 * — a digit or an F-key — as USB HID boot-keyboard reports (§3.1), i.e. a wedge with a
 * five-key alphabet. Which key means which level is configuration, like the serial pads'
 * vendor codes: a {@link HidKeyTable} keyed by usage ID in hex. Pure, never throws.
 *
 * Linux (hidraw) lets node-hid read such a pad directly; on Windows the OS holds keyboards
 * exclusively (§3.1 "Pitfalls"), so there the pad's keys would have to come from the
 * window's key events instead.
 */
import { parseBootReport } from '../hid-keyboard/boot-report.js';
import { formatCode, validateCodeTable, type VendorCodeTable } from './code-table.js';

/** HID usage ID (keyboard page, written `"0x1e"`) → level; shaped like a code table. */
export type HidKeyTable = VendorCodeTable;

/** Keyboard-page usage IDs a pad button may send (§3.1, US layout). */
export const PAD_KEY_USAGES = {
  digit1: 0x1e,
  digit2: 0x1f,
  digit3: 0x20,
  digit4: 0x21,
  digit5: 0x22,
  f1: 0x3a,
  f2: 0x3b,
  f3: 0x3c,
  f4: 0x3d,
  f5: 0x3e,
  keypad1: 0x59,
  keypad2: 0x5a,
  keypad3: 0x5b,
  keypad4: 0x5c,
  keypad5: 0x5d,
} as const;

/** Digits 1–5 on the main row and the keypad; digit n is level n (5 = 非常满意). */
export const DIGIT_KEY_TABLE: HidKeyTable = {
  '0x1e': 1,
  '0x1f': 2,
  '0x20': 3,
  '0x21': 4,
  '0x22': 5,
  '0x59': 1,
  '0x5a': 2,
  '0x5b': 3,
  '0x5c': 4,
  '0x5d': 5,
};

/** F1–F5; Fn is level n, as with digits, so a trace reads the same either way. */
export const F_KEY_TABLE: HidKeyTable = {
  '0x3a': 1,
  '0x3b': 2,
  '0x3c': 3,
  '0x3d': 4,
  '0x3e': 5,
};

/**
 * Digits and F-keys together: a pad of either kind works out of the box. A pad whose F1
 * is 非常满意 (left-most button) needs its own table in configuration.
 */
export const DEFAULT_HID_KEY_TABLE: HidKeyTable = { ...DIGIT_KEY_TABLE, ...F_KEY_TABLE };

/** Usages 00–03 are "no key" and the three keyboard error codes: never a button. */
const LAST_RESERVED_USAGE = 0x03;

/**
 * {@link validateCodeTable} for key tables, plus: the reserved usages 0x00–0x03 (no event,
 * ErrorRollOver, POSTFail, ErrorUndefined) cannot be buttons.
 */
export function validateKeyTable(table: Readonly<Record<string, unknown>>): string[] {
  const problems = validateCodeTable(table, 'key');
  for (const key of Object.keys(table)) {
    const usage = Number.parseInt(key.trim().replace(/^0x/iu, ''), 16);
    if (/^0x[0-9a-f]+$/iu.test(key.trim()) && usage <= LAST_RESERVED_USAGE) {
      problems.push(`key ${key} is a reserved keyboard usage (${formatCode(usage)}), not a button`);
    }
  }
  return problems;
}

/**
 * Turns boot-keyboard reports into key presses: a usage counts when it appears in a report
 * and was not held in the previous one. A key held across reports is one press, and the
 * same key must be released before it counts again. Modifiers are ignored (a pad sends
 * none; Shift+1 would still be the 1 button). ErrorRollOver reports and reports too short
 * to parse change nothing.
 */
export class HidKeyPressDecoder {
  readonly #hasReportId: boolean;
  #held: ReadonlySet<number> = new Set();

  /** `hasReportId`: each report starts with a report-ID byte to skip. */
  constructor(hasReportId = false) {
    this.#hasReportId = hasReportId;
  }

  /** Usages held as of the last report. */
  get held(): ReadonlySet<number> {
    return this.#held;
  }

  /** One report in; the usages newly pressed by it, in slot order. */
  push(report: Uint8Array): number[] {
    const parsed = parseBootReport(report, this.#hasReportId);
    if (parsed === null || parsed.isRollOver) return [];
    const now = new Set(parsed.keys);
    const pressed = [...now].filter((usage) => !this.#held.has(usage));
    this.#held = now;
    return pressed;
  }

  /** Forgets held keys (new link: the device's key state starts from nothing). */
  reset(): void {
    this.#held = new Set();
  }
}
