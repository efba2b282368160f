import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEXT_CANDIDATES_FILE, TextCandidates, loadTextCandidates } from '../../electron/services/input/text-candidates.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

describe('text candidates: the bundled vocabulary (#6)', () => {
  const candidates = loadTextCandidates(ASSETS_DIR);
  const top = (typed: string, limit = 10): string[] => candidates.candidates(typed, limit);

  it('offers 连 among the first characters for lian, and the words that start with it', () => {
    const found = top('lian');
    expect(found.indexOf('连')).toBeGreaterThanOrEqual(0);
    expect(found.indexOf('连')).toBeLessThan(4);
    expect(found).toContain('连云港');
  });

  it('finds words by their initials and by whole syllables with spaces', () => {
    expect(top('lyg')).toContain('连云港');
    expect(top('LYG')).toContain('连云港');
    expect(top('hai zhou')).toContain('海州区');
    expect(top("hai'zhou'qu")[0]).toBe('海州区');
    expect(top('lianyg')).toContain('连云港');
  });

  it('puts what is typed in full before what the typing stops inside of', () => {
    const found = top('xugou');
    expect(found[0]).toBe('墟沟');
    // 两 (liang) only starts with lian; 连 is lian.
    const lian = top('lian', 40);
    expect(lian.indexOf('连')).toBeLessThan(lian.indexOf('两') === -1 ? Infinity : lian.indexOf('两'));
  });

  it('finds a polyphone by each of its readings', () => {
    expect(top('xing')).toContain('行');
    expect(top('hang')).toContain('行');
    expect(top('chaoyang')).toContain('朝阳街道');
  });

  it('gives nothing for empty or non-letter input', () => {
    for (const typed of ['', '   ', "'", '123', '连', 'lian1', 'zzzzzz']) expect(top(typed)).toEqual([]);
  });

  it('respects the limit', () => {
    expect(top('x', 5)).toHaveLength(5);
    expect(top('x', 1)).toHaveLength(1);
    expect(top('x', 0)).toEqual([]);
    expect(top('lyg', 50).length).toBeLessThan(50);
  });
});

describe('text candidates: ordering within a small list (#6)', () => {
  const candidates = new TextCandidates({ characters: '的在行航杭', words: ['银行', '行政服务', '杭州市'] });

  it('orders characters by frequency and words by list order, usual readings first', () => {
    // 行 is usually xing: as hang it ranks after 航 and 杭; 行政服务 is read xingzheng in context.
    expect(candidates.candidates('hang', 10)).toEqual(['航', '杭', '行', '杭州市', '行政服务']);
    expect(candidates.candidates('xing', 10)).toEqual(['行', '行政服务']);
    expect(candidates.candidates('yinhang', 10)).toEqual(['银行']);
  });

  it('puts a whole syllable before a syllable that is only begun', () => {
    expect(candidates.candidates('hangzhou', 10)).toEqual(['杭州市']);
    expect(candidates.candidates('hangz', 10)).toEqual(['杭州市', '行政服务']);
    expect(candidates.candidates('zai', 10)).toEqual(['在']);
    expect(candidates.candidates('za', 10)).toEqual(['在']);
  });

  it('offers a character that only occurs inside a word', () => {
    expect(candidates.candidates('yin', 10)).toEqual(['银', '银行']);
  });
});

describe('text candidates: loading (#6)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
    mkdirSync(path.join(dir.path, path.dirname(TEXT_CANDIDATES_FILE)), { recursive: true });
  });
  afterEach(() => dir.remove());

  const write = (text: string) => writeFileSync(path.join(dir.path, TEXT_CANDIDATES_FILE), text, 'utf8');

  it('refuses a file that is not JSON, naming it', () => {
    write('{ "version": 1,');
    expect(() => loadTextCandidates(dir.path)).toThrow(/input[/\\]words\.json: /u);
  });

  it('refuses a file of the wrong shape, naming it and the field', () => {
    write(JSON.stringify({ version: 1, characters: '的一是', words: ['连云港', 'lyg'] }));
    expect(() => loadTextCandidates(dir.path)).toThrow(/words\.json: not a valid word list: words\.1: only hanzi/u);
    write(JSON.stringify({ version: 1, characters: '的一的', words: [] }));
    expect(() => loadTextCandidates(dir.path)).toThrow(/characters\.2: duplicate character 的/u);
  });

  it('refuses a missing file, naming it', () => {
    expect(() => loadTextCandidates(path.join(dir.path, 'nowhere'))).toThrow(/nowhere[/\\]input[/\\]words\.json/u);
  });
});
