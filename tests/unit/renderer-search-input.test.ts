import { describe, expect, it } from 'vitest';
import {
  EMPTY_INPUT,
  candidatePages,
  KEYBOARD_ROWS,
  type KeyboardKey,
  MAX_COMPOSITION_LENGTH,
  MAX_QUERY_LENGTH,
  type SearchInput,
  chooseCandidate,
  fieldValueOf,
  pageOf,
  pressKey,
  queryOf,
  typeText,
} from '../../renderer/flows/search-input';

function press(keys: readonly KeyboardKey[], from: SearchInput = EMPTY_INPUT, firstCandidate: string | null = null): SearchInput {
  return keys.reduce((input, key) => pressKey(input, key, firstCandidate), from);
}

const letters = (text: string): KeyboardKey[] => [...text] as KeyboardKey[];

describe('on-screen keyboard: pinyin composition', () => {
  it('collects letters as pinyin and searches with them before any candidate is chosen', () => {
    const input = press(letters('bdc'));
    expect(input).toEqual({ text: '', composition: 'bdc', layout: 'pinyin' });
    expect(queryOf(input)).toBe('bdc');
    expect(fieldValueOf(input)).toBe('bdc');
  });

  it('puts a tapped candidate in place of the pinyin', () => {
    const input = chooseCandidate(press(letters('bdc')), '不动产');
    expect(input).toEqual({ text: '不动产', composition: '', layout: 'pinyin' });
    const more = chooseCandidate(press(letters('dj'), input), '登记');
    expect(queryOf(more)).toBe('不动产登记');
  });

  it('takes the first candidate on 空格 while composing, the letters when there is none', () => {
    expect(press([...letters('sfz'), 'space'], EMPTY_INPUT, '身份证').text).toBe('身份证');
    expect(press([...letters('sfz'), 'space'], EMPTY_INPUT, null).text).toBe('sfz');
  });

  it('adds one space between words, none at the start or twice', () => {
    expect(press(['space']).text).toBe('');
    const input = press(['space', 'space'], { ...EMPTY_INPUT, text: '不动产' });
    expect(input.text).toBe('不动产 ');
    expect(queryOf(input)).toBe('不动产');
  });

  it('退格 takes back a letter of the pinyin first, then whole characters', () => {
    const start: SearchInput = { text: '不动产', composition: 'dj', layout: 'pinyin' };
    expect(press(['backspace'], start)).toMatchObject({ text: '不动产', composition: 'd' });
    expect(press(['backspace', 'backspace'], start)).toMatchObject({ text: '不动产', composition: '' });
    expect(press(['backspace', 'backspace', 'backspace'], start)).toMatchObject({ text: '不动', composition: '' });
    // A character outside the BMP is one character, not two halves.
    expect(press(['backspace'], { ...EMPTY_INPUT, text: '户𠀀' }).text).toBe('户');
    expect(press(['backspace'])).toEqual(EMPTY_INPUT);
  });

  it('清空 empties text and pinyin, and keeps the layout', () => {
    expect(press(['clear'], { text: '不动产', composition: 'dj', layout: 'digits' })).toEqual({
      text: '',
      composition: '',
      layout: 'digits',
    });
  });

  it('switches to the digit pad (the pinyin kept as typed) and back', () => {
    const digits = press([...letters('sb'), 'digits']);
    expect(digits).toEqual({ text: 'sb', composition: '', layout: 'digits' });
    const typed = press(['1', '2', '0'], digits);
    expect(typed.text).toBe('sb120');
    expect(press(['pinyin'], typed).layout).toBe('pinyin');
  });

  it('关闭 changes nothing here (the machine closes the keyboard)', () => {
    const input = press(letters('ab'));
    expect(pressKey(input, 'close')).toBe(input);
  });

  it('stops at the contract limits: 30 letters of pinyin, 40 characters of query', () => {
    const long = press(letters('a'.repeat(35)));
    expect(long.composition).toHaveLength(MAX_COMPOSITION_LENGTH);
    const full = press(letters('abcde'), { ...EMPTY_INPUT, text: '字'.repeat(MAX_QUERY_LENGTH - 2) });
    expect(fieldValueOf(full)).toHaveLength(MAX_QUERY_LENGTH);
    expect(press(['1', 'space'], { ...EMPTY_INPUT, text: '字'.repeat(MAX_QUERY_LENGTH) }).text).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('takes what a hardware keyboard typed as the whole text, ending any composition', () => {
    const input = typeText(press(letters('bd')), 'bdc ');
    expect(input).toEqual({ text: 'bdc ', composition: '', layout: 'pinyin' });
    expect(queryOf(input)).toBe('bdc');
    expect(typeText(EMPTY_INPUT, 'x'.repeat(60)).text).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('lays out QWERTY letters and a digit pad with 退格, 清空, 空格 and 关闭 on both', () => {
    expect(KEYBOARD_ROWS.pinyin.flat().filter((key) => /^[a-z]$/u.test(key)).join('')).toBe('qwertyuiopasdfghjklzxcvbnm');
    for (const layout of ['pinyin', 'digits'] as const) {
      expect(KEYBOARD_ROWS[layout].flat()).toEqual(expect.arrayContaining(['backspace', 'clear', 'space', 'close']));
    }
    expect(KEYBOARD_ROWS.digits.flat().filter((key) => /^\d$/u.test(key)).sort().join('')).toBe('0123456789');
  });
});

describe('candidate rows', () => {
  it('fills each row up to its room in characters, keeping absolute positions', () => {
    const rows = candidatePages(['不动产', '不', '办', '不动产权证书遗失补证', '补'], 10);
    expect(rows).toEqual([
      { start: 0, words: ['不动产', '不', '办'] },
      { start: 3, words: ['不动产权证书遗失补证'] },
      { start: 4, words: ['补'] },
    ]);
    expect(candidatePages([], 8)).toEqual([]);
    expect(candidatePages(['身份证'], 17)).toEqual([{ start: 0, words: ['身份证'] }]);
  });
});

describe('paging', () => {
  it('cuts pages and keeps the page within bounds', () => {
    const entries = ['a', 'b', 'c', 'd', 'e'];
    expect(pageOf(entries, 0, 2)).toEqual({ entries: ['a', 'b'], page: 0, pageCount: 3 });
    expect(pageOf(entries, 2, 2)).toEqual({ entries: ['e'], page: 2, pageCount: 3 });
    expect(pageOf(entries, 9, 2).page).toBe(2);
    expect(pageOf(entries, -1, 2).page).toBe(0);
    expect(pageOf([], 0, 4)).toEqual({ entries: [], page: 0, pageCount: 1 });
  });
});
