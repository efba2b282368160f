/**
 * What the search field holds while a citizen types on the on-screen keyboard, as pure
 * functions (the guide machine keeps the value, the keyboard draws it).
 *
 * Pinyin layout: letters go into a composition (拼音) that is shown above the keys with
 * candidate words; tapping a candidate (or 空格, which takes the first) puts the word into
 * the text. The composition is part of the query from the first letter on, so "bdc" finds
 * 不动产 items without choosing anything: the core matches pinyin and initials itself.
 * A hardware keyboard types into the field directly: that text replaces everything, and any
 * composition is taken as typed.
 */

export type KeyboardLayout = 'pinyin' | 'digits';

export type LetterKey =
  | 'q' | 'w' | 'e' | 'r' | 't' | 'y' | 'u' | 'i' | 'o' | 'p'
  | 'a' | 's' | 'd' | 'f' | 'g' | 'h' | 'j' | 'k' | 'l'
  | 'z' | 'x' | 'c' | 'v' | 'b' | 'n' | 'm';
export type DigitKey = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '0';
export type ControlKey = 'backspace' | 'clear' | 'space' | 'close' | 'digits' | 'pinyin';
export type KeyboardKey = LetterKey | DigitKey | ControlKey;

/** Rows of each layout, top to bottom (the test ids are `keyboard-key-<key>`). */
export const KEYBOARD_ROWS: Readonly<Record<KeyboardLayout, readonly (readonly KeyboardKey[])[]>> = {
  pinyin: [
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', 'backspace'],
    ['digits', 'space', 'clear', 'close'],
  ],
  digits: [
    ['1', '2', '3', 'backspace'],
    ['4', '5', '6', 'clear'],
    ['7', '8', '9', 'space'],
    ['pinyin', '0', 'close'],
  ],
};

/** The contract's limits: a query of 40 characters, a candidate lookup of 30 letters. */
export const MAX_QUERY_LENGTH = 40;
export const MAX_COMPOSITION_LENGTH = 30;

export interface SearchInput {
  /** Committed text: hanzi from candidates, digits, spaces, or whatever a hardware keyboard typed. */
  readonly text: string;
  /** Pinyin letters typed on the on-screen keyboard and not yet turned into a word. */
  readonly composition: string;
  readonly layout: KeyboardLayout;
}

export const EMPTY_INPUT: SearchInput = { text: '', composition: '', layout: 'pinyin' };

export function isLetterKey(key: KeyboardKey): key is LetterKey {
  return /^[a-z]$/u.test(key);
}

export function isDigitKey(key: KeyboardKey): key is DigitKey {
  return /^[0-9]$/u.test(key);
}

/** What is searched: the text and the pinyin being typed, without outer spaces. */
export function queryOf(input: SearchInput): string {
  return `${input.text}${input.composition}`.trim().slice(0, MAX_QUERY_LENGTH);
}

/** What the field shows: everything typed, the composition at the end. */
export function fieldValueOf(input: SearchInput): string {
  return `${input.text}${input.composition}`;
}

function roomLeft(input: SearchInput): number {
  return MAX_QUERY_LENGTH - input.text.length - input.composition.length;
}

/** Drops the last character, a whole hanzi or emoji even where it is two UTF-16 units. */
function dropLastCharacter(text: string): string {
  const characters = [...text];
  characters.pop();
  return characters.join('');
}

/** The composition turned into `word` (a candidate), or kept as typed letters. */
function commit(input: SearchInput, word: string = input.composition): SearchInput {
  const text = `${input.text}${word}`.slice(0, MAX_QUERY_LENGTH);
  return { ...input, text, composition: '' };
}

/**
 * One tap on a key. `firstCandidate` is what 空格 takes while composing (as in every pinyin
 * input method); without one, 空格 keeps the letters as typed. `close` changes nothing here:
 * closing the keyboard is the machine's business.
 */
export function pressKey(input: SearchInput, key: KeyboardKey, firstCandidate: string | null = null): SearchInput {
  if (isLetterKey(key)) {
    if (input.composition.length >= MAX_COMPOSITION_LENGTH || roomLeft(input) <= 0) return input;
    return { ...input, composition: `${input.composition}${key}` };
  }
  if (isDigitKey(key)) {
    const committed = commit(input);
    return roomLeft(committed) <= 0 ? committed : { ...committed, text: `${committed.text}${key}` };
  }
  switch (key) {
    case 'backspace':
      return input.composition === ''
        ? { ...input, text: dropLastCharacter(input.text) }
        : { ...input, composition: input.composition.slice(0, -1) };
    case 'clear':
      return { ...input, text: '', composition: '' };
    case 'space':
      if (input.composition !== '') return commit(input, firstCandidate ?? input.composition);
      // One space between words is enough, and none at the start.
      if (input.text === '' || input.text.endsWith(' ') || roomLeft(input) <= 0) return input;
      return { ...input, text: `${input.text} ` };
    case 'digits':
      return { ...commit(input), layout: 'digits' };
    case 'pinyin':
      return { ...input, layout: 'pinyin' };
    case 'close':
      return input;
  }
}

/** A candidate word tapped: it replaces the composition. */
export function chooseCandidate(input: SearchInput, candidate: string): SearchInput {
  return commit(input, candidate);
}

/** The field's new value after typing on a hardware keyboard (or pasting). */
export function typeText(input: SearchInput, value: string): SearchInput {
  return { ...input, text: value.slice(0, MAX_QUERY_LENGTH), composition: '' };
}

/** Page `page` (from 0) of `size` entries, and how many pages there are (at least 1). */
export function pageOf<T>(entries: readonly T[], page: number, size: number): { readonly entries: readonly T[]; readonly page: number; readonly pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(entries.length / Math.max(1, size)));
  const clamped = Math.min(Math.max(0, page), pageCount - 1);
  return { entries: entries.slice(clamped * size, clamped * size + size), page: clamped, pageCount };
}

/** One row of candidates: where it starts in the whole list, and its words. */
export interface CandidatePage {
  readonly start: number;
  readonly words: readonly string[];
}

/**
 * Candidate words cut into rows that fit the keyboard's width: `budget` is the row's room in
 * characters, each button costing its word plus 1.5 for padding and gap. Words differ in
 * length (不 or 不动产权证书遗失补证), so a fixed count per row would clip long ones. A word
 * longer than a row gets a row of its own.
 */
export function candidatePages(candidates: readonly string[], budget: number): readonly CandidatePage[] {
  const pages: CandidatePage[] = [];
  let words: string[] = [];
  let start = 0;
  let used = 0;
  candidates.forEach((word, index) => {
    const cost = [...word].length + 1.5;
    if (words.length > 0 && used + cost > budget) {
      pages.push({ start, words });
      words = [];
      start = index;
      used = 0;
    }
    words.push(word);
    used += cost;
  });
  if (words.length > 0) pages.push({ start, words });
  return pages;
}
