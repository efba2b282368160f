/**
 * The catalogue side of the fake kiosk: summary, lists, search, pinyin candidates and guides
 * over the twelve items of fake-catalogue-data.ts. Search works like the core's (hanzi, full
 * pinyin, initials and any mix, spaces and tone marks ignored, keywords as 俗称) but with a
 * tiny pinyin table and no ranking subtleties: it only has to make the screens behave.
 */
import type { CatalogueSummary, GuideView, ItemSummary, MethodArgument, SearchHit } from '../../electron/ipc/contract';
import {
  FAKE_CATALOGUE_DATE,
  FAKE_DEPARTMENTS,
  FAKE_GUIDES,
  FAKE_ITEM_FILTERS,
  FAKE_LIFE_EVENTS,
  FAKE_PINYIN,
  FAKE_VOCABULARY,
} from './fake-catalogue-data';

export function toItemSummary(guide: GuideView): ItemSummary {
  return {
    code: guide.code,
    name: guide.name,
    departmentShortName: guide.departmentShortName,
    type: guide.type,
    audience: guide.audience,
    isKioskApplicable: guide.isKioskApplicable,
    isPopular: guide.isPopular,
    isCommitment: guide.isCommitment,
    promisedDays: guide.promisedDays,
  };
}

const COLLATOR = new Intl.Collator('zh-CN');

/** Popular items first, then by name (the core's order for `catalogue.list`). */
function byPopularThenName(a: GuideView, b: GuideView): number {
  return Number(b.isPopular) - Number(a.isPopular) || COLLATOR.compare(a.name, b.name);
}

export function fakeSummary(guides: readonly GuideView[] = FAKE_GUIDES): CatalogueSummary {
  const filtersOf = (code: string) => FAKE_ITEM_FILTERS.get(code);
  return {
    updatedAt: FAKE_CATALOGUE_DATE,
    source: 'bundled',
    itemCount: guides.length,
    departments: FAKE_DEPARTMENTS.map((department) => ({
      ...department,
      itemCount: guides.filter((guide) => filtersOf(guide.code)?.departmentId === department.id).length,
    })),
    lifeEvents: FAKE_LIFE_EVENTS.map((event) => ({
      ...event,
      itemCount: guides.filter((guide) => filtersOf(guide.code)?.lifeEventIds.includes(event.id)).length,
    })),
  };
}

export function fakeList(
  arg: MethodArgument<'catalogue.list'>,
  guides: readonly GuideView[] = FAKE_GUIDES,
): { readonly items: readonly ItemSummary[]; readonly total: number } {
  const matching = guides
    .filter((guide) => {
      const filters = FAKE_ITEM_FILTERS.get(guide.code);
      if (arg.departmentId !== undefined && filters?.departmentId !== arg.departmentId) return false;
      if (arg.lifeEventId !== undefined && !filters?.lifeEventIds.includes(arg.lifeEventId)) return false;
      if (arg.audience !== undefined && guide.audience !== arg.audience && guide.audience !== 'both') return false;
      return arg.isPopular === undefined || guide.isPopular;
    })
    .sort(byPopularThenName);
  return { items: matching.slice(arg.offset, arg.offset + arg.limit).map(toItemSummary), total: matching.length };
}

export function fakeGuide(code: string, guides: readonly GuideView[] = FAKE_GUIDES): GuideView | undefined {
  return guides.find((guide) => guide.code === code);
}

/** Lower case, no tone marks (ǚ → u), no spaces or syllable apostrophes. */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[\s']/gu, '');
}

/**
 * Where `query` (normalised) matches `text` from character `position` on, one character at a
 * time: the character itself, its whole syllable, or the start of it (initials). Returns the
 * index after the last character used, or null.
 */
function matchFrom(text: string, position: number, query: string, consumed: number): number | null {
  if (consumed === query.length) return position;
  const char = text[position];
  if (char === undefined) return null;
  if (query[consumed] === char.toLowerCase()) {
    const end = matchFrom(text, position + 1, query, consumed + 1);
    if (end !== null) return end;
  }
  const syllable = FAKE_PINYIN.get(char);
  if (syllable === undefined) return null;
  for (let length = Math.min(syllable.length, query.length - consumed); length >= 1; length -= 1) {
    if (query.startsWith(syllable.slice(0, length), consumed)) {
      const end = matchFrom(text, position + 1, query, consumed + length);
      if (end !== null) return end;
    }
  }
  return null;
}

/** The first span of `text` the query matches, as `[start, end)`, or null. */
export function findMatch(text: string, query: string): readonly [number, number] | null {
  const normalized = normalizeQuery(query);
  if (normalized === '') return null;
  for (let start = 0; start < text.length; start += 1) {
    const end = matchFrom(text, start, normalized, 0);
    if (end !== null) return [start, end];
  }
  return null;
}

export function fakeSearch(
  query: string,
  limit: number,
  guides: readonly GuideView[] = FAKE_GUIDES,
): { readonly hits: readonly SearchHit[]; readonly total: number } {
  const scored: { readonly hit: SearchHit; readonly rank: readonly number[] }[] = [];
  for (const guide of guides) {
    const onName = findMatch(guide.name, query);
    if (onName) {
      scored.push({
        hit: { ...toItemSummary(guide), highlights: [onName], matchedKeyword: null },
        rank: [0, onName[0], Number(!guide.isPopular), guide.name.length],
      });
      continue;
    }
    const keyword = guide.keywords.find((word) => findMatch(word, query) !== null);
    if (keyword !== undefined) {
      scored.push({
        hit: { ...toItemSummary(guide), highlights: [], matchedKeyword: keyword },
        rank: [1, 0, Number(!guide.isPopular), guide.name.length],
      });
    }
  }
  scored.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i += 1) {
      const difference = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  return { hits: scored.slice(0, limit).map((entry) => entry.hit), total: scored.length };
}

/**
 * Words and characters for typed pinyin: every name, keyword, vocabulary word and single
 * character whose beginning the pinyin spells, cut where the pinyin ends ("bdc" → 不动产).
 * Longer words first, then the more frequent.
 */
export function fakeCandidates(pinyin: string, limit: number, guides: readonly GuideView[] = FAKE_GUIDES): readonly string[] {
  const normalized = normalizeQuery(pinyin);
  if (normalized === '' || !/^[a-z]+$/u.test(normalized)) return [];
  const words = [
    ...guides.flatMap((guide) => [guide.name, ...guide.keywords]),
    ...FAKE_VOCABULARY,
    ...FAKE_PINYIN.keys(),
  ];
  const counts = new Map<string, number>();
  for (const word of words) {
    const end = matchFrom(word, 0, normalized, 0);
    if (end === null) continue;
    const candidate = word.slice(0, end);
    counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a, countA], [b, countB]) => b.length - a.length || countB - countA)
    .slice(0, limit)
    .map(([candidate]) => candidate);
}
