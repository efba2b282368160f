/**
 * HID keyboard usage IDs (usage page 0x07) → characters for the US layout, which is what
 * barcode scanners emulate by default (protocols.md §3.1). Shared by the wedge decoder
 * and the scanner simulator, so both sides agree on every key. Pure data and lookups.
 */

/** Usage IDs with a meaning beyond "types one character". */
export const USAGE = {
  enter: 0x28,
  escape: 0x29,
  backspace: 0x2a,
  tab: 0x2b,
  space: 0x2c,
  /** `]` / `}`: Ctrl+] is how many scanners send GS (0x1D, GS1 FNC1), §3.1 "Pitfalls". */
  rightBracket: 0x30,
  capsLock: 0x39,
  keypadEnter: 0x58,
  keypad1: 0x59,
  keypad9: 0x61,
  keypad0: 0x62,
} as const;

/** Unshifted / shifted character of each printable key, keyed by usage ID. */
const PRINTABLE: ReadonlyMap<number, readonly [string, string]> = new Map<number, readonly [string, string]>([
  ...Array.from({ length: 26 }, (_, i): [number, readonly [string, string]] => [
    0x04 + i,
    [String.fromCharCode(0x61 + i), String.fromCharCode(0x41 + i)],
  ]),
  ...Array.from('123456789', (digit, i): [number, readonly [string, string]] => [0x1e + i, [digit, '!@#$%^&*('.charAt(i)]]),
  [0x27, ['0', ')']],
  [USAGE.space, [' ', ' ']],
  [0x2d, ['-', '_']],
  [0x2e, ['=', '+']],
  [0x2f, ['[', '{']],
  [0x30, [']', '}']],
  [0x31, ['\\', '|']],
  [0x33, [';', ':']],
  [0x34, ["'", '"']],
  [0x35, ['`', '~']],
  [0x36, [',', '<']],
  [0x37, ['.', '>']],
  [0x38, ['/', '?']],
  // Keypad keys type the same with or without Shift (NumLock on, as scanners assume).
  [0x54, ['/', '/']],
  [0x55, ['*', '*']],
  [0x56, ['-', '-']],
  [0x57, ['+', '+']],
  ...Array.from('123456789', (digit, i): [number, readonly [string, string]] => [USAGE.keypad1 + i, [digit, digit]]),
  [USAGE.keypad0, ['0', '0']],
  [0x63, ['.', '.']],
]);

/** Reverse table for the simulator: the main-block key for each character (not the keypad). */
const KEY_FOR_CHAR: ReadonlyMap<string, { readonly usage: number; readonly isShift: boolean }> = (() => {
  const table = new Map<string, { readonly usage: number; readonly isShift: boolean }>();
  for (const [usage, [plain, shifted]] of PRINTABLE) {
    if (usage >= 0x54) continue;
    if (!table.has(plain)) table.set(plain, { usage, isShift: false });
    if (!table.has(shifted)) table.set(shifted, { usage, isShift: true });
  }
  return table;
})();

/** The character a key types on the US layout, or undefined for non-printing keys. */
export function usageToChar(usage: number, isShift: boolean): string | undefined {
  const pair = PRINTABLE.get(usage);
  return pair === undefined ? undefined : pair[isShift ? 1 : 0];
}

/** True for the letter keys a–z, whose case CapsLock inverts. */
export function isLetterUsage(usage: number): boolean {
  return usage >= 0x04 && usage <= 0x1d;
}

/** The digit of a keypad digit key (59–61 → 1–9, 62 → 0), else undefined (Alt codes). */
export function keypadDigit(usage: number): number | undefined {
  if (usage >= USAGE.keypad1 && usage <= USAGE.keypad9) return usage - USAGE.keypad1 + 1;
  return usage === USAGE.keypad0 ? 0 : undefined;
}

/** The keypad key typing `digit` (0–9); the simulator's Alt+numpad groups. */
export function keypadUsage(digit: number): number {
  return digit === 0 ? USAGE.keypad0 : USAGE.keypad1 + digit - 1;
}

/** The key (and Shift) typing `char` on the US layout; undefined when no key types it. */
export function charToUsage(char: string): { readonly usage: number; readonly isShift: boolean } | undefined {
  return KEY_FOR_CHAR.get(char);
}
