import { describe, expect, it } from 'vitest';
import { SearchIndex, indexText, matchText, normalizeQuery } from '../../electron/services/catalogue/catalogue-search.js';

const ITEMS = [
  { value: 'bdc-first', name: '不动产首次登记', keywords: ['房产证'], isPopular: false },
  { value: 'bdc-query', name: '不动产登记资料查询', keywords: [], isPopular: true },
  { value: 'id-card', name: '居民身份证换领', keywords: ['身份证', '换证'], isPopular: true },
  { value: 'sbk', name: '社会保障卡补领', keywords: ['社保卡'], isPopular: false },
  { value: 'cq', name: '重庆籍人员异地就医备案', keywords: [], isPopular: false },
  { value: 'hk', name: '港澳通行证签注（ABC类）', keywords: [], isPopular: false },
];

const index = new SearchIndex(ITEMS);
const values = (query: string): string[] => index.search(query, 10).hits.map((h) => h.value);

describe('catalogue search (#4)', () => {
  it('normalizes queries: case, spaces, tone marks, full-width, ü', () => {
    expect(normalizeQuery(' Bù Dòng Chǎn ')).toBe('budongchan');
    expect(normalizeQuery('ＢＤＣ')).toBe('bdc');
    expect(normalizeQuery("lü'you")).toBe('lvyou');
  });

  it.each([
    ['hanzi', '不动产', ['bdc-query', 'bdc-first']],
    ['initials', 'bdc', ['bdc-query', 'bdc-first']],
    ['initials in the middle', 'djzl', ['bdc-query']],
    ['full pinyin', 'budongchan', ['bdc-query', 'bdc-first']],
    ['pinyin with spaces and tones', 'bù dòng chǎn', ['bdc-query', 'bdc-first']],
    ['a syllable being typed', 'budongch', ['bdc-query', 'bdc-first']],
    ['upper case', 'BDC', ['bdc-query', 'bdc-first']],
    ['mixed hanzi and pinyin', '不dongchan', ['bdc-query', 'bdc-first']],
    ['mixed hanzi and initials', '身fz', ['id-card']],
    ['a polyphone in context (重庆 = chongqing)', 'chongqing', ['cq']],
    ['a keyword (俗称)', 'shebaoka', ['sbk']],
    ['latin letters in a name', 'abc', ['hk']],
  ])('finds by %s', (_how, query, expected) => {
    expect(values(query)).toEqual(expected);
  });

  it('finds nothing for nonsense and for an empty query', () => {
    expect(values('xyzq')).toEqual([]);
    expect(values('   ')).toEqual([]);
  });

  it('highlights the matched characters of the name', () => {
    expect(matchText(indexText('不动产登记资料查询'), 'djzl')?.highlights).toEqual([[3, 7]]);
    expect(matchText(indexText('居民身份证换领'), 'shenfen')?.highlights).toEqual([[2, 4]]);
    expect(matchText(indexText('居民身份证换领'), 'shenf')?.highlights).toEqual([[2, 4]]);
    expect(matchText(indexText('居民身份证换领'), '身份证')?.highlights).toEqual([[2, 5]]);
    const hit = index.search('社保卡', 5).hits[0];
    expect(hit).toEqual({ value: 'sbk', highlights: [], matchedKeyword: '社保卡' });
  });

  it('ranks whole names and prefixes before inner matches, popular first on ties', () => {
    expect(values('身份证')[0]).toBe('id-card');
    expect(values('不动产')).toEqual(['bdc-query', 'bdc-first']);
  });

  it('offers candidate words and characters for typed pinyin', () => {
    expect(index.candidates('shen', 10)).toEqual(expect.arrayContaining(['身', '身份证']));
    expect(index.candidates('sfz', 10)).toContain('身份证');
    expect(index.candidates('', 10)).toEqual([]);
    expect(index.candidates('zzzz', 10)).toEqual([]);
  });
});
