/**
 * What a physical key means to the keyboard guard (scan-guard.ts): a character, the end of
 * a burst, or nothing. An active Chinese IME hides the character (`Process`, `Unidentified`,
 * `isComposing`), so it is read from `event.code`, the physical key, on the US layout that
 * scanners default to; CapsLock's inversion of letters is undone (protocols.md §3.1).
 */

/** The parts of a KeyboardEvent the guard reads. */
export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly isComposing: boolean;
  getModifierState(key: string): boolean;
}

export type KeyMeaning = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'end' } | { readonly kind: 'none' };

/** US layout (scanners' default), unshifted and shifted, by `KeyboardEvent.code`. */
const CODE_CHARS: Readonly<Record<string, readonly [string, string]>> = {
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

const END_KEYS = new Set(['Enter', 'Tab']);
const END_CODES = new Set(['Enter', 'NumpadEnter', 'Tab']);
/** What an IME or the OS reports instead of the character. */
const OPAQUE_KEYS = new Set(['Process', 'Unidentified', 'Dead']);

/** The character of a physical key from its code: `KeyA` + Shift → `A`, `Numpad7` → `7`. */
export function charOfCode(code: string, isShifted: boolean): string | null {
  const letter = /^Key([A-Z])$/u.exec(code)?.[1];
  if (letter !== undefined) return isShifted ? letter : letter.toLowerCase();
  const numpad = /^Numpad([0-9])$/u.exec(code)?.[1];
  if (numpad !== undefined) return numpad;
  const pair = CODE_CHARS[code];
  return pair ? pair[isShifted ? 1 : 0] : null;
}

/** What one keydown means to the burst: a character, the end of a burst, or nothing. */
export function meaningOf(event: KeyLike): KeyMeaning {
  if (END_KEYS.has(event.key) || END_CODES.has(event.code)) return { kind: 'end' };
  // Shortcuts are nobody's data; Alt + keypad (CJK by code point) is not read here.
  if (event.ctrlKey || event.altKey || event.metaKey) return { kind: 'none' };
  if (event.isComposing || OPAQUE_KEYS.has(event.key)) {
    const char = charOfCode(event.code, event.shiftKey);
    return char === null ? { kind: 'none' } : { kind: 'char', char };
  }
  if ([...event.key].length !== 1) return { kind: 'none' };
  if (/^[a-zA-Z]$/u.test(event.key) && event.getModifierState('CapsLock')) {
    // The OS inverted it; Shift says what the scanner meant.
    return { kind: 'char', char: event.shiftKey ? event.key.toUpperCase() : event.key.toLowerCase() };
  }
  return { kind: 'char', char: event.key };
}
