/**
 * Search over item names and keywords that matches hanzi, full pinyin and pinyin initials —
 * for township visitors who cannot type Chinese well — tolerant of spaces, tone marks,
 * full-width letters and upper case. Pinyin is computed once per text when the index is built
 * (pinyin-pro, with context for polyphones such as 重庆); a keystroke then costs a few
 * `indexOf` calls per item, which keeps a 2000-item catalogue well under 2 ms.
 */
import { pinyin } from 'pinyin-pro';

/** One searchable text, one entry per character (code point). */
interface IndexedText {
  readonly text: string;
  /** `text` normalized like a query, computed once. */
  readonly lowered: string;
  readonly chars: readonly string[];
  /** Lower-case pinyin without tones per character; non-hanzi keep themselves, lower-cased. */
  readonly syllables: readonly string[];
  /** First letters of `syllables`, one per character. */
  readonly initials: string;
  /** `syllables` joined, and where each character starts in it. */
  readonly full: string;
  readonly starts: readonly number[];
}

export interface MatchResult {
  /** Lower is better. */
  readonly rank: number;
  /** Half-open character ranges in the text. */
  readonly highlights: readonly (readonly [number, number])[];
}

const HAN = /\p{Script=Han}/u;

/** Lower case, no spaces or apostrophes, no tone marks, half-width, ü → v. */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ü/gu, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[\s'’·]/gu, '');
}

export function indexText(text: string): IndexedText {
  const chars = [...text];
  let syllables = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  if (syllables.length !== chars.length) {
    // Characters pinyin-pro merges or splits (rare): fall back to one call per character.
    syllables = chars.map((c) => pinyin(c, { toneType: 'none', v: true }).toLowerCase());
  }
  const starts: number[] = [];
  let full = '';
  syllables.forEach((s, i) => {
    starts.push(full.length);
    full += HAN.test(chars[i] ?? '') ? s : normalizeQuery(s);
  });
  const initials = syllables.map((s, i) => (HAN.test(chars[i] ?? '') ? (s[0] ?? '') : normalizeQuery(s))).join('');
  return { text, lowered: normalizeQuery(text), chars, syllables, initials, full, starts };
}

/** A query normalized once per keystroke, with what kind of characters it holds. */
export interface PreparedQuery {
  readonly text: string;
  readonly hasHan: boolean;
  readonly hasLetters: boolean;
}

export function prepareQuery(raw: string): PreparedQuery {
  const text = normalizeQuery(raw);
  return { text, hasHan: HAN.test(text), hasLetters: /[a-z]/u.test(text) };
}

/** Character index of a position in `full` that starts a character, or -1. */
function charAt(indexed: IndexedText, fullPosition: number): number {
  return indexed.starts.indexOf(fullPosition);
}

/** Last character covered by `[start, end)` of `full` (the last one may be a prefix). */
function charEnding(indexed: IndexedText, fullEnd: number): number {
  let last = 0;
  for (let i = 0; i < indexed.starts.length; i++) if ((indexed.starts[i] ?? 0) < fullEnd) last = i;
  return last + 1;
}

/**
 * Matches a normalized query against one text. Tried in order: the text itself (hanzi or
 * letters as written), initials (`bdc` → 不动产), full pinyin from a character boundary
 * (`budongchan`, and a prefix of the last syllable while typing: `budongch`), then a mixed
 * hanzi + pinyin walk (`不dong`). Returns null when nothing matches.
 */
export function matchText(indexed: IndexedText, prepared: PreparedQuery | string): MatchResult | null {
  const { text: query, hasHan, hasLetters } = typeof prepared === 'string' ? prepareQuery(prepared) : prepared;
  if (query === '') return null;
  const lowered = indexed.lowered;
  const direct = lowered.indexOf(query);
  if (direct >= 0) {
    // `lowered` has the same characters as the text unless it contained spaces; map by chars.
    const start = [...lowered.slice(0, direct)].length;
    const length = [...query].length;
    return { rank: direct === 0 ? (length === indexed.chars.length ? 0 : 1) : 2, highlights: [[start, start + length]] };
  }
  if (!hasHan) {
    const initial = indexed.initials.indexOf(query);
    if (initial >= 0) return { rank: initial === 0 ? 3 : 4, highlights: [[initial, initial + query.length]] };
    let from = indexed.full.indexOf(query);
    while (from >= 0) {
      const startChar = charAt(indexed, from);
      if (startChar >= 0) return { rank: startChar === 0 ? 5 : 6, highlights: [[startChar, charEnding(indexed, from + query.length)]] };
      from = indexed.full.indexOf(query, from + 1);
    }
    return null;
  }
  // Pure hanzi that is not a substring cannot match; only hanzi + pinyin needs the walk.
  return hasLetters ? matchMixed(indexed, query) : null;
}

/** Hanzi and pinyin in one query: each query hanzi must equal its character, letters its pinyin. */
function matchMixed(indexed: IndexedText, query: string): MatchResult | null {
  const first = String.fromCodePoint(query.codePointAt(0) ?? 0);
  for (let start = 0; start < indexed.chars.length; start++) {
    // Cheap filter: the first query unit must be this character or start its pinyin.
    if (first !== indexed.chars[start] && !(indexed.syllables[start] ?? '').startsWith(first)) continue;
    const end = consume(indexed, start, query, 0);
    if (end !== null) return { rank: 7, highlights: [[start, end]] };
  }
  return null;
}

/** Length of the run of a–z letters in `query` from `from`. */
function lettersFrom(query: string, from: number): number {
  let n = 0;
  while (from + n < query.length) {
    const code = query.charCodeAt(from + n);
    if (code < 0x61 || code > 0x7a) break;
    n += 1;
  }
  return n;
}

/** Walks characters from `at` consuming `query` from position `q`; returns the end character or null. */
function consume(indexed: IndexedText, at: number, query: string, q: number): number | null {
  if (q >= query.length) return at;
  const char = indexed.chars[at];
  const syllable = indexed.syllables[at];
  if (char === undefined || syllable === undefined) return null;
  const letters = lettersFrom(query, q);
  if (letters === 0) {
    // A hanzi (or other symbol) in the query: it must be this very character.
    return query.startsWith(char, q) ? consume(indexed, at + 1, query, q + char.length) : null;
  }
  // Whole syllable, then the initial, then (at the end of the query) a syllable prefix.
  if (syllable.length > 0 && syllable.length <= letters && query.startsWith(syllable, q)) {
    const whole = consume(indexed, at + 1, query, q + syllable.length);
    if (whole !== null) return whole;
  }
  if (syllable.charCodeAt(0) === query.charCodeAt(q)) {
    const initial = consume(indexed, at + 1, query, q + 1);
    if (initial !== null) return initial;
  }
  if (q + letters === query.length && syllable.startsWith(query.slice(q))) return at + 1;
  return null;
}

export interface SearchEntry<T> {
  readonly value: T;
  readonly name: IndexedText;
  readonly keywords: readonly IndexedText[];
  /** Sorts before others with the same rank (热门事项). */
  readonly isPopular: boolean;
}

export interface SearchHitOf<T> {
  readonly value: T;
  readonly highlights: readonly (readonly [number, number])[];
  readonly matchedKeyword: string | null;
}

export class SearchIndex<T> {
  readonly #entries: SearchEntry<T>[];
  /** Vocabulary for pinyin candidates: words (names, keywords) and single characters. */
  readonly #vocabulary: IndexedText[];

  constructor(items: readonly { value: T; name: string; keywords: readonly string[]; isPopular: boolean }[]) {
    this.#entries = items.map((item) => ({
      value: item.value,
      name: indexText(item.name),
      keywords: item.keywords.map(indexText),
      isPopular: item.isPopular,
    }));
    const words = new Map<string, IndexedText>();
    for (const entry of this.#entries) {
      for (const text of [entry.name, ...entry.keywords]) {
        if (!words.has(text.text)) words.set(text.text, text);
        text.chars.forEach((char, i) => {
          if (HAN.test(char) && !words.has(char)) {
            const syllable = text.syllables[i] ?? '';
            words.set(char, { text: char, lowered: char, chars: [char], syllables: [syllable], initials: syllable[0] ?? '', full: syllable, starts: [0] });
          }
        });
      }
    }
    this.#vocabulary = [...words.values()];
  }

  get size(): number {
    return this.#entries.length;
  }

  search(rawQuery: string, limit: number): { readonly hits: SearchHitOf<T>[]; readonly total: number } {
    const query = prepareQuery(rawQuery);
    if (query.text === '') return { hits: [], total: 0 };
    const found: { hit: SearchHitOf<T>; rank: number; popular: boolean; length: number }[] = [];
    for (const entry of this.#entries) {
      const byName = matchText(entry.name, query);
      if (byName !== null) {
        found.push({ hit: { value: entry.value, highlights: byName.highlights, matchedKeyword: null }, rank: byName.rank, popular: entry.isPopular, length: entry.name.chars.length });
        continue;
      }
      for (const keyword of entry.keywords) {
        const byKeyword = matchText(keyword, query);
        if (byKeyword !== null) {
          // A keyword hit ranks just after a name hit of the same kind.
          found.push({ hit: { value: entry.value, highlights: [], matchedKeyword: keyword.text }, rank: byKeyword.rank + 0.5, popular: entry.isPopular, length: entry.name.chars.length });
          break;
        }
      }
    }
    found.sort((a, b) => a.rank - b.rank || Number(b.popular) - Number(a.popular) || a.length - b.length);
    return { hits: found.slice(0, limit).map((f) => f.hit), total: found.length };
  }

  /** Words and characters whose pinyin (full or initials) starts with what was typed. */
  candidates(rawPinyin: string, limit: number): string[] {
    const typed = normalizeQuery(rawPinyin).replace(/[^a-z]/gu, '');
    if (typed === '') return [];
    const scored: { text: string; score: number }[] = [];
    for (const word of this.#vocabulary) {
      const isChar = word.chars.length === 1;
      if (word.full.startsWith(typed)) scored.push({ text: word.text, score: (word.full === typed ? 0 : 1) + (isChar ? 0.5 : 0) + word.chars.length / 100 });
      else if (!isChar && typed.length > 1 && word.initials.startsWith(typed)) scored.push({ text: word.text, score: 2 + word.chars.length / 100 });
    }
    scored.sort((a, b) => a.score - b.score);
    return scored.slice(0, limit).map((s) => s.text);
  }
}
