/**
 * The fake kiosk's catalogue (dev build, screen tests): it must behave like the core's for
 * the screens to be worth looking at: hanzi, full pinyin, initials, tones and spaces.
 */
import { describe, expect, it } from 'vitest';
import { fakeCandidates, fakeList, fakeSearch, fakeSummary, findMatch, normalizeQuery } from '../../renderer/api/fake-catalogue';
import { FAKE_GUIDES, FAKE_PINYIN } from '../../renderer/api/fake-catalogue-data';

const names = (query: string): string[] => fakeSearch(query, 40).hits.map((hit) => hit.name);

describe('fake catalogue', () => {
  it('has 12 complete items in 4 departments with life events', () => {
    const summary = fakeSummary();
    expect(summary.itemCount).toBe(12);
    expect(summary.departments).toHaveLength(4);
    expect(summary.departments.every((d) => d.itemCount === 3)).toBe(true);
    expect(summary.lifeEvents.filter((e) => e.audience === 'legalPerson').map((e) => e.name)).toEqual(['企业开办', '准营', '注销']);
    for (const guide of FAKE_GUIDES) {
      expect(guide.code).toMatch(/^[0-9A-Z][0-9A-Z-]{5,39}$/u);
      expect(guide.materials.length, guide.code).toBeGreaterThan(0);
      expect(guide.process.length, guide.code).toBeGreaterThan(0);
      expect(guide.promisedDays <= guide.statutoryDays || guide.statutoryDays === 0, guide.code).toBe(true);
      for (const char of [...guide.name, ...guide.keywords.join('')]) expect(FAKE_PINYIN.has(char), `${guide.name}: ${char}`).toBe(true);
    }
  });

  it('finds hanzi, full pinyin, initials and mixes, ignoring tones and spaces', () => {
    const estate = ['不动产转移登记', '不动产登记资料查询', '不动产抵押登记'];
    for (const query of ['不动产', 'bdc', 'budongchan', 'bu dong chan', 'bùdòngchǎn', 'BDC', 'budc', "bu'dong'chan"]) {
      expect(names(query), query).toEqual(estate);
    }
    expect(fakeSearch('sfz', 40).hits[0]).toMatchObject({ name: '居民身份证换领', highlights: [[2, 5]], matchedKeyword: null });
    expect(fakeSearch('yyzz', 40).hits[0]).toMatchObject({ name: '企业设立登记', highlights: [], matchedKeyword: '营业执照' });
    expect(names('xyz')).toEqual([]);
    expect(names('   ')).toEqual([]);
    expect(fakeSearch('dengji', 2)).toMatchObject({ total: 6 });
    expect(fakeSearch('dengji', 2).hits).toHaveLength(2);
  });

  it('offers words for typed pinyin, longest first', () => {
    expect(fakeCandidates('bdc', 20)[0]).toBe('不动产');
    expect(fakeCandidates('dengji', 20)[0]).toBe('登记');
    expect(fakeCandidates('yyzz', 20)).toEqual(['营业执照']);
    expect(fakeCandidates('b', 3)).toHaveLength(3);
    expect(fakeCandidates('', 20)).toEqual([]);
  });

  it('lists popular items first, then by name, filtered and paged', () => {
    const all = fakeList({ offset: 0, limit: 100 });
    expect(all.total).toBe(12);
    const firstUnpopular = all.items.findIndex((item) => !item.isPopular);
    expect(all.items.slice(firstUnpopular).every((item) => !item.isPopular)).toBe(true);
    expect(fakeList({ audience: 'legalPerson', offset: 0, limit: 100 }).total).toBe(6);
    expect(fakeList({ lifeEventId: 'birth', offset: 0, limit: 100 }).items.map((i) => i.name)).toEqual(['出生登记', '社会保障卡申领']);
    expect(fakeList({ isPopular: true, offset: 4, limit: 4 }).items).toHaveLength(3);
  });

  it('normalises queries the way the core is said to', () => {
    expect(normalizeQuery(" Bù Dòng'chǎn ")).toBe('budongchan');
    expect(findMatch('出生登记', 'dj')).toEqual([2, 4]);
    expect(findMatch('出生登记', '')).toBeNull();
  });
});
