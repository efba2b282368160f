/**
 * What a technician's text field holds while typed on the console keyboard, as pure
 * functions (console-field.tsx draws it). Unlike the citizen's search field
 * (search-input.ts), console values are names, ids, device paths and addresses: besides
 * pinyin with candidates (the hall name), the keyboard types Latin letters in either case,
 * digits and the symbols of paths and URLs. A hardware keyboard types into the field
 * directly; that text replaces everything, and any composition is taken as typed.
 */
import type { DigitKey, LetterKey } from './search-input';

export type ConsoleLayout = 'pinyin' | 'latin' | 'symbols' | 'digits';

/** Symbols by name (test ids and copy keys cannot hold `/` or `:` nicely). */
export const SYMBOLS = {
  dot: '.',
  colon: ':',
  slash: '/',
  dash: '-',
  underscore: '_',
  at: '@',
  question: '?',
  equals: '=',
  amp: '&',
  hash: '#',
  percent: '%',
  plus: '+',
  comma: ',',
  tilde: '~',
} as const;
export type SymbolKey = keyof typeof SYMBOLS;

export type ConsoleControlKey = 'backspace' | 'clear' | 'space' | 'shift' | 'toPinyin' | 'toLatin' | 'toSymbols';
export type ConsoleKey = LetterKey | DigitKey | SymbolKey | ConsoleControlKey;

const LETTER_ROWS: readonly (readonly LetterKey[])[] = [
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
];
const DIGITS: readonly DigitKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LAYOUT_KEYS: Readonly<Record<Exclude<ConsoleLayout, 'digits'>, ConsoleControlKey>> = {
  pinyin: 'toPinyin',
  latin: 'toLatin',
  symbols: 'toSymbols',
};

/** The rows of `layout`, with switches to the other layouts the field `allows`. */
export function consoleRows(layout: ConsoleLayout, allows: readonly ConsoleLayout[]): readonly (readonly ConsoleKey[])[] {
  if (layout === 'digits') return [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['clear', '0', 'backspace']];
  const switches = (['pinyin', 'latin', 'symbols'] as const).filter((other) => other !== layout && allows.includes(other)).map((other) => LAYOUT_KEYS[other]);
  const last: ConsoleKey[] = [...switches, 'space', 'clear'];
  if (layout === 'symbols') {
    return [DIGITS, ['dot', 'colon', 'slash', 'dash', 'underscore', 'at', 'tilde'], ['question', 'equals', 'amp', 'hash', 'percent', 'plus', 'comma', 'backspace'], last];
  }
  const [top = [], middle = [], bottom = []] = LETTER_ROWS;
  return [top, middle, layout === 'latin' ? ['shift', ...bottom, 'backspace'] : [...bottom, 'backspace'], last];
}

export interface TextDraft {
  /** Committed text. */
  readonly text: string;
  /** Pinyin letters not yet turned into a word (pinyin layout only). */
  readonly composition: string;
  readonly layout: ConsoleLayout;
  /** Latin letters come out in capitals. */
  readonly isUpper: boolean;
}

export function startDraft(text: string, layout: ConsoleLayout, isUpper = false): TextDraft {
  return { text, composition: '', layout, isUpper };
}

/** What the field shows: everything typed, the composition at the end. */
export function draftValue(draft: TextDraft): string {
  return `${draft.text}${draft.composition}`;
}

export function isLetter(key: ConsoleKey): key is LetterKey {
  return /^[a-z]$/u.test(key);
}

export function isDigit(key: ConsoleKey): key is DigitKey {
  return /^[0-9]$/u.test(key);
}

export function isSymbol(key: ConsoleKey): key is SymbolKey {
  return Object.hasOwn(SYMBOLS, key);
}

function append(draft: TextDraft, characters: string, maxLength: number): TextDraft {
  const committed = commit(draft, draft.composition, maxLength);
  return { ...committed, text: [...`${committed.text}${characters}`].slice(0, maxLength).join('') };
}

function commit(draft: TextDraft, word: string, maxLength: number): TextDraft {
  return { ...draft, text: [...`${draft.text}${word}`].slice(0, maxLength).join(''), composition: '' };
}

/**
 * One tap on a key. `firstCandidate` is what 空格 takes while composing pinyin; without one
 * the letters stay as typed.
 */
export function pressConsoleKey(draft: TextDraft, key: ConsoleKey, maxLength: number, firstCandidate: string | null = null): TextDraft {
  if (isLetter(key)) {
    if (draft.layout === 'pinyin') {
      return draftValue(draft).length >= maxLength ? draft : { ...draft, composition: `${draft.composition}${key}` };
    }
    return append(draft, draft.isUpper ? key.toUpperCase() : key, maxLength);
  }
  if (isDigit(key)) return append(draft, key, maxLength);
  if (isSymbol(key)) return append(draft, SYMBOLS[key], maxLength);
  switch (key) {
    case 'backspace':
      if (draft.composition !== '') return { ...draft, composition: draft.composition.slice(0, -1) };
      return { ...draft, text: [...draft.text].slice(0, -1).join('') };
    case 'clear':
      return { ...draft, text: '', composition: '' };
    case 'space':
      if (draft.composition !== '') return commit(draft, firstCandidate ?? draft.composition, maxLength);
      return append(draft, ' ', maxLength);
    case 'shift':
      return { ...draft, isUpper: !draft.isUpper };
    case 'toPinyin':
      return { ...draft, layout: 'pinyin' };
    case 'toLatin':
      return { ...commit(draft, draft.composition, maxLength), layout: 'latin' };
    case 'toSymbols':
      return { ...commit(draft, draft.composition, maxLength), layout: 'symbols' };
  }
}

/** A candidate word tapped: it replaces the composition. */
export function chooseConsoleCandidate(draft: TextDraft, word: string, maxLength: number): TextDraft {
  return commit(draft, word, maxLength);
}

/** The field's value after typing on a hardware keyboard (or pasting). */
export function typeConsoleText(draft: TextDraft, value: string, maxLength: number): TextDraft {
  return { ...draft, text: [...value].slice(0, maxLength).join(''), composition: '' };
}

/** The value to keep when the technician is done: any composition as typed. */
export function finishDraft(draft: TextDraft): string {
  return draftValue(draft).trim();
}
