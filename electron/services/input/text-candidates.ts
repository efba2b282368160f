/**
 * Pinyin candidates for the form fields of 自助申办 (issue #6): addresses, unit names, free
 * text. The catalogue's own vocabulary (`SearchIndex.candidates`) only knows item names; this
 * one knows ~2500 common characters and a word list made for the kiosk's forms (Lianyungang
 * place names, address and workplace words, surnames, the words of item names), read from
 * `assets/input/words.json`.
 *
 * Where the character order comes from: token frequencies of jieba's dictionary (MIT), summed
 * per character, keeping characters of GB2312 (all of which the PDF font has), so whatever a
 * citizen types can also be printed on the acceptance notice.
 *
 * Pinyin is computed once per entry when the list is built; a keystroke then walks ~3000
 * entries with a cheap first-letter check, well under a millisecond.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pinyin, polyphonic } from 'pinyin-pro';
import { z } from 'zod';
import { normalizeQuery } from '../catalogue/catalogue-search.js';

/** The vocabulary file under the assets folder. */
export const TEXT_CANDIDATES_FILE = path.join('input', 'words.json');

const HAN_ONLY = /^\p{Script=Han}+$/u;

export const wordListSchema = z
  .object({
    version: z.literal(1),
    /** Single characters, most frequent first, as one string. */
    characters: z.string().regex(HAN_ONLY, 'only hanzi'),
    /** Words, the most useful first. */
    words: z.array(z.string().regex(HAN_ONLY, 'only hanzi').max(20)),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    [...list.characters].forEach((char, i) => {
      if (seen.has(char)) ctx.addIssue({ code: 'custom', path: ['characters', i], message: `duplicate character ${char}` });
      seen.add(char);
    });
    const words = new Set<string>();
    list.words.forEach((word, i) => {
      if (words.has(word)) ctx.addIssue({ code: 'custom', path: ['words', i], message: `duplicate word ${word}` });
      words.add(word);
    });
  });

export type WordList = z.infer<typeof wordListSchema>;

/** How typed letters cover an entry's syllables; lower is better. */
const FIT = {
  /** Every syllable typed in full: `lianyungang` → 连云港, `xing` → 行. */
  exact: 0,
  /** Whole syllables, but not all of them: `lian` → 连云港. */
  syllables: 1,
  /** The typing stops inside a syllable: `lia` → 连, `haizh` → 海州区. */
  prefix: 2,
  /** Some syllables by their first letter only: `lyg`, `lianyg` → 连云港. */
  abbreviated: 3,
  none: 4,
} as const;

/** Added to a fit that needed a less common reading (区 as ou, 广 as an): any usual reading wins. */
const ALTERNATE = 8;

interface Entry {
  readonly text: string;
  /** Per character, its readings: the usual one (for a word: in context) first. */
  readonly syllables: readonly (readonly string[])[];
  /** First letters of the first character's readings, for a quick refusal. */
  readonly firstLetters: string;
  readonly isCharacter: boolean;
  /** Characters: frequency rank; words: place in the list. */
  readonly order: number;
}

/** A single syllable typed alone is most often one character: this many of them lead. */
const LEADING_CHARACTERS = 4;

/**
 * A character read in a less common way sorts as if this much rarer: 行 still comes up for
 * `hang`, after 航 and 杭.
 */
const ALTERNATE_RANK_PENALTY = 1000;

/**
 * The best fit of `typed` from position `q` on the syllables from `i` on: a `FIT` value, plus
 * `ALTERNATE` when it needed a reading other than the first. Syllables are consumed whole, by
 * their first letter, or (at the end of the typing) by a prefix.
 */
function fit(syllables: Entry['syllables'], i: number, typed: string, q: number, isAbbreviated: boolean, isAlternate: boolean): number {
  const extra = isAlternate ? ALTERNATE : 0;
  if (q === typed.length) return extra + (isAbbreviated ? FIT.abbreviated : i === syllables.length ? FIT.exact : FIT.syllables);
  const readings = syllables[i];
  if (readings === undefined) return FIT.none + ALTERNATE;
  let best: number = FIT.none + ALTERNATE;
  readings.forEach((reading, r) => {
    if (best <= FIT.syllables || reading.charCodeAt(0) !== typed.charCodeAt(q)) return;
    const alternate = isAlternate || r > 0;
    if (typed.startsWith(reading, q)) best = Math.min(best, fit(syllables, i + 1, typed, q + reading.length, isAbbreviated, alternate));
    else if (reading.length > typed.length - q && reading.startsWith(typed.slice(q))) {
      best = Math.min(best, (alternate ? ALTERNATE : 0) + (isAbbreviated ? FIT.abbreviated : FIT.prefix));
    }
    // The first letter alone stands for the syllable (typing by initials).
    if (reading.length > 1 && best % ALTERNATE > FIT.abbreviated) best = Math.min(best, fit(syllables, i + 1, typed, q + 1, true, alternate));
  });
  return best;
}

const clean = (readings: readonly string[]): string[] => [...new Set(readings.map((s) => s.toLowerCase()))].filter((s) => /^[a-z]+$/u.test(s));

/**
 * Every reading of each character of `text`, the most usual first (pinyin-pro's order). One
 * `polyphonic` call for the lot, several times faster than one `pinyin(…, {multiple})` each.
 */
function readingsOf(text: string): Map<string, string[]> {
  const chars = [...text];
  const all = polyphonic(text, { toneType: 'none', type: 'array', v: true });
  const readings = new Map<string, string[]>();
  chars.forEach((char, i) => {
    if (readings.has(char)) return;
    const found = all.length === chars.length ? all[i] : undefined;
    readings.set(char, clean(found ?? pinyin(char, { toneType: 'none', type: 'array', v: true, multiple: true })));
  });
  return readings;
}

export class TextCandidates {
  readonly #entries: Entry[] = [];

  /** Builds the index: every reading of each character, and each word read in context. */
  constructor(list: Pick<WordList, 'characters' | 'words'>) {
    const readings = readingsOf(list.characters + list.words.join(''));
    const readingsOfChar = (char: string): string[] => readings.get(char) ?? [];
    const characters = [...list.characters];
    const seen = new Set<string>();
    const add = (text: string, syllables: string[][], order: number): void => {
      const first = syllables[0] ?? [];
      if (seen.has(text) || first.length === 0 || syllables.some((s) => s.length === 0)) return;
      seen.add(text);
      this.#entries.push({ text, syllables, firstLetters: first.map((s) => s[0] ?? '').join(''), isCharacter: syllables.length === 1, order });
    };
    characters.forEach((char, i) => add(char, [readingsOfChar(char)], i));
    list.words.forEach((word, i) => {
      const chars = [...word];
      const order = characters.length + i;
      if (chars.length === 1) {
        add(word, [readingsOfChar(word)], order);
        return;
      }
      const inContext = pinyin(word, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
      // pinyin-pro reads polyphones from context (朝阳 = chaoyang); the other readings of each
      // character stay typeable (zhaoyang), ranked after, for names read locally another way.
      const syllables = chars.map((char, c) => {
        const all = readingsOfChar(char);
        const primary = inContext.length === chars.length ? inContext[c] : undefined;
        return primary !== undefined && /^[a-z]+$/u.test(primary) ? [primary, ...all.filter((r) => r !== primary)] : all;
      });
      add(word, syllables, order);
    });
    // Characters met only inside words (墟 of 墟沟) can be typed alone too, after the others.
    const extra = characters.length + list.words.length;
    list.words.forEach((word) => {
      for (const char of word) add(char, [readingsOfChar(char)], extra + this.#entries.length);
    });
  }

  get size(): number {
    return this.#entries.length;
  }

  /**
   * Words and characters for typed pinyin letters (spaces, apostrophes, tone marks and case
   * ignored; anything but letters gives nothing), at most `limit`, best first: words typed
   * in full, the most frequent characters typed in full, words whose first syllables were
   * typed, the rest of those characters, then characters and words the typing stops inside
   * of, then words typed by initials, then words that needed an unusual reading. Characters
   * go by frequency, words by list order.
   */
  candidates(rawPinyin: string, limit: number): string[] {
    const typed = normalizeQuery(rawPinyin);
    if (typed === '' || !/^[a-z]+$/u.test(typed) || limit <= 0) return [];
    const exactWords: Ranked[] = [];
    const exactCharacters: Ranked[] = [];
    const syllableWords: Ranked[] = [];
    const prefixWords: Ranked[] = [];
    const prefixCharacters: Ranked[] = [];
    const abbreviatedWords: Ranked[] = [];
    const alternateWords: Ranked[] = [];
    const firstLetter = typed[0] ?? '';
    for (const entry of this.#entries) {
      if (!entry.firstLetters.includes(firstLetter)) continue;
      const found = fit(entry.syllables, 0, typed, 0, false, false);
      const isAlternate = found >= ALTERNATE;
      const kind = found % ALTERNATE;
      if (kind === FIT.none) continue;
      if (entry.isCharacter) {
        const ranked = { text: entry.text, rank: entry.order + (isAlternate ? ALTERNATE_RANK_PENALTY : 0) };
        (kind === FIT.exact ? exactCharacters : prefixCharacters).push(ranked);
      } else if (isAlternate) {
        alternateWords.push({ text: entry.text, rank: kind * 1e6 + entry.order });
      } else {
        const ranked = { text: entry.text, rank: entry.order };
        (kind === FIT.exact ? exactWords : kind === FIT.syllables ? syllableWords : kind === FIT.prefix ? prefixWords : abbreviatedWords).push(ranked);
      }
    }
    const byRank = (a: Ranked, b: Ranked): number => a.rank - b.rank;
    for (const group of [exactWords, exactCharacters, syllableWords, prefixWords, prefixCharacters, abbreviatedWords, alternateWords]) group.sort(byRank);
    return [
      ...exactWords,
      ...exactCharacters.slice(0, LEADING_CHARACTERS),
      ...syllableWords,
      ...exactCharacters.slice(LEADING_CHARACTERS),
      ...prefixCharacters.slice(0, LEADING_CHARACTERS),
      ...prefixWords,
      ...prefixCharacters.slice(LEADING_CHARACTERS),
      ...abbreviatedWords,
      ...alternateWords,
    ]
      .slice(0, limit)
      .map((entry) => entry.text);
  }
}

interface Ranked {
  readonly text: string;
  readonly rank: number;
}

/** Reads and checks `assets/input/words.json`; throws naming the file when it is unusable. */
export function loadTextCandidates(assetsDir: string): TextCandidates {
  const file = path.join(assetsDir, TEXT_CANDIDATES_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = wordListSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new Error(`${file}: not a valid word list: ${problems.join('; ')}`);
  }
  return new TextCandidates(parsed.data);
}
