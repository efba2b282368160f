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

export type KeyMeaning =
  | { readonly kind: 'char'; readonly char: string }
  /** A keypad digit with Alt held: part of an Alt code (one CJK character per Alt press). */
  | { readonly kind: 'altDigit'; readonly digit: string }
  | { readonly kind: 'end' }
  | { readonly kind: 'none' };

/** How a keyboard-wedge scanner sends CJK: Alt + the Unicode code point, or + the GBK value. */
export type AltCodes = 'unicode' | 'gbk';

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
  const altDigit = event.altKey && !event.ctrlKey ? /^Numpad([0-9])$/u.exec(event.code)?.[1] : undefined;
  if (altDigit !== undefined) return { kind: 'altDigit', digit: altDigit };
  // Other shortcuts are nobody's data.
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

/**
 * The character of an Alt code (protocols.md §3.1): the number is the Unicode code point, or
 * the GBK value (33088–65278 two bytes; below 256 one byte), as the scanner is set. Null for
 * a number that is no character (a misread or the wrong setting).
 */
export function altCodeChar(digits: string, mode: AltCodes): string | null {
  const value = Number.parseInt(digits, 10);
  if (!/^\d{1,7}$/u.test(digits) || !Number.isInteger(value) || value <= 0) return null;
  if (mode === 'unicode') {
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) || value < 0x20) return null;
    return String.fromCodePoint(value);
  }
  if (value < 0x80) return value < 0x20 ? null : String.fromCharCode(value);
  if (value < 0x8140 || value > 0xfefe) return null;
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(new Uint8Array([value >> 8, value & 0xff]));
    return [...text].length === 1 ? text : null;
  } catch {
    return null;
  }
}
