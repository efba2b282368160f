/**
 * Vendor key codes → the five satisfaction levels of the 好差评 scale (protocols.md §4.1,
 * §4.2 pattern 1). Pads disagree on what byte each button sends and on how many buttons
 * there are (one public integration has only four levels), so the mapping is
 * configuration, not code: a table keyed by one-byte hex code such as `"0x31"`. The same
 * shape maps HID usage IDs for keyboard-style pads (hid-pad-keys.ts). Pure, never throws.
 */

/** Satisfaction level, star mapping of §4.1: 5 非常满意 … 1 非常不满意. */
export type EvaluationLevel = 1 | 2 | 3 | 4 | 5;

/** The levels from best to worst, in the order the kiosk shows them. */
export const EVALUATION_LEVELS: readonly EvaluationLevel[] = [5, 4, 3, 2, 1];

/** The provincial platforms' words for each level (§4.1). */
export const EVALUATION_LEVEL_NAMES: Readonly<Record<EvaluationLevel, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/**
 * Vendor key code (one byte, written `"0x31"`; case and leading zeros are ignored) → level.
 * A level no key maps to is simply never produced (4-key pads).
 */
export type VendorCodeTable = Readonly<Record<string, EvaluationLevel>>;

/**
 * The generic serial profile (serial-pad-frame.ts): each button sends the ASCII digit of
 * its star level, so `'5'` (0x35) is 非常满意 and `'1'` (0x31) is 非常不满意. Chosen so a
 * trace can be read without the table; vendor pads get their own table in configuration.
 */
export const DEFAULT_CODE_TABLE: VendorCodeTable = {
  '0x35': 5,
  '0x34': 4,
  '0x33': 3,
  '0x32': 2,
  '0x31': 1,
};

/**
 * An example 4-button pad (§4.2: one public integration offers only four levels): codes
 * 01–04 for 非常满意, 满意, 基本满意, 不满意; such a pad never produces 非常不满意. The
 * vendor's real code values are not public: copy this shape, not these bytes.
 */
export const FOUR_KEY_CODE_TABLE: VendorCodeTable = {
  '0x01': 5,
  '0x02': 4,
  '0x03': 3,
  '0x04': 2,
};

const HEX_CODE = /^0x([0-9a-f]+)$/iu;

/** `0x35` for 53: the canonical spelling used in tables, results and logs. */
export function formatCode(code: number): string {
  return `0x${(code & 0xff).toString(16).padStart(2, '0')}`;
}

/** The byte a table key names, or undefined when it is not a hex code within 0x00–0xFF. */
export function parseCode(key: string): number | undefined {
  const match = HEX_CODE.exec(key.trim());
  const digits = match?.[1];
  if (digits === undefined) return undefined;
  const value = Number.parseInt(digits, 16);
  return value <= 0xff ? value : undefined;
}

function isLevel(value: unknown): value is EvaluationLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * Checks a table read from configuration (so values are `unknown`). Returns the problems in
 * plain words for the technician, empty when the table is usable. `what` names the keys
 * in messages (`'code'` for serial pads, `'key'` for HID usages).
 */
export function validateCodeTable(table: Readonly<Record<string, unknown>>, what = 'code'): string[] {
  const problems: string[] = [];
  const seen = new Map<number, string>();
  const keys = Object.keys(table);
  if (keys.length === 0) problems.push(`the table maps no ${what}s to levels`);
  for (const key of keys) {
    const level = table[key];
    if (!HEX_CODE.test(key.trim())) {
      problems.push(`"${key}" is not a hex ${what} like 0x31`);
    } else {
      const code = parseCode(key);
      if (code === undefined) {
        problems.push(`${what} ${key} is outside 0x00–0xFF`);
      } else {
        const earlier = seen.get(code);
        if (earlier !== undefined) problems.push(`${what}s ${earlier} and ${key} are the same ${what} (${formatCode(code)})`);
        else seen.set(code, key);
      }
    }
    if (!isLevel(level)) {
      problems.push(`${what} ${key} maps to ${JSON.stringify(level) ?? String(level)}; levels are 1 (非常不满意) to 5 (非常满意)`);
    }
  }
  return problems;
}

/**
 * The table as a lookup by byte. Keys that do not parse are skipped (validate first with
 * {@link validateCodeTable}); of two spellings of one code the first wins.
 */
export function compileCodeTable(table: VendorCodeTable): ReadonlyMap<number, EvaluationLevel> {
  const map = new Map<number, EvaluationLevel>();
  for (const [key, level] of Object.entries(table)) {
    const code = parseCode(key);
    if (code !== undefined && isLevel(level) && !map.has(code)) map.set(code, level);
  }
  return map;
}

/** The first code mapped to `level` (simulators: which button to press), if any. */
export function codeForLevel(table: VendorCodeTable, level: EvaluationLevel): number | undefined {
  for (const [code, mapped] of compileCodeTable(table)) if (mapped === level) return code;
  return undefined;
}

/** The levels a table can produce, best first (a 4-key pad lacks one). */
export function levelsOf(table: VendorCodeTable): EvaluationLevel[] {
  const levels = new Set(compileCodeTable(table).values());
  return EVALUATION_LEVELS.filter((level) => levels.has(level));
}
