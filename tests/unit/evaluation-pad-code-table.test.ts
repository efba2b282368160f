import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CODE_TABLE,
  EVALUATION_LEVEL_NAMES,
  FOUR_KEY_CODE_TABLE,
  codeForLevel,
  compileCodeTable,
  formatCode,
  levelsOf,
  parseCode,
  validateCodeTable,
} from '../../hardware/protocols/evaluation-pad/code-table.js';
import { DEFAULT_HID_KEY_TABLE, DIGIT_KEY_TABLE, F_KEY_TABLE, validateKeyTable } from '../../hardware/protocols/evaluation-pad/hid-pad-keys.js';

describe('vendor code tables', () => {
  it('ships valid defaults', () => {
    expect(validateCodeTable(DEFAULT_CODE_TABLE)).toEqual([]);
    expect(validateCodeTable(FOUR_KEY_CODE_TABLE)).toEqual([]);
    expect(validateKeyTable(DEFAULT_HID_KEY_TABLE)).toEqual([]);
    expect(validateKeyTable(DIGIT_KEY_TABLE)).toEqual([]);
    expect(validateKeyTable(F_KEY_TABLE)).toEqual([]);
  });

  it('maps the generic profile digit to its star level', () => {
    const levels = compileCodeTable(DEFAULT_CODE_TABLE);
    expect(levels.get(0x35)).toBe(5);
    expect(levels.get(0x31)).toBe(1);
    expect(EVALUATION_LEVEL_NAMES[5]).toBe('非常满意');
    expect(levelsOf(DEFAULT_CODE_TABLE)).toEqual([5, 4, 3, 2, 1]);
  });

  it('a 4-key table simply lacks one level', () => {
    expect(levelsOf(FOUR_KEY_CODE_TABLE)).toEqual([5, 4, 3, 2]);
    expect(codeForLevel(FOUR_KEY_CODE_TABLE, 1)).toBeUndefined();
    expect(codeForLevel(FOUR_KEY_CODE_TABLE, 4)).toBe(0x02);
  });

  it('reads codes case- and padding-insensitively', () => {
    expect(parseCode('0X3A')).toBe(0x3a);
    expect(parseCode('0x005')).toBe(5);
    expect(parseCode(' 0x31 ')).toBe(0x31);
    expect(parseCode('0x100')).toBeUndefined();
    expect(parseCode('31')).toBeUndefined();
    expect(formatCode(0x3a)).toBe('0x3a');
    expect(formatCode(5)).toBe('0x05');
    expect(compileCodeTable({ '0X31': 2, '0x031': 4 }).get(0x31)).toBe(2);
  });

  it('reports every problem in plain words', () => {
    const problems = validateCodeTable({ '0x31': 5, '0X31': 4, '0x100': 3, '49': 2, '0x32': 7, '0x33': 0, '0x34': '5' });
    // "49" comes first: JavaScript orders integer-like keys before the others.
    expect(problems).toEqual([
      '"49" is not a hex code like 0x31',
      'codes 0x31 and 0X31 are the same code (0x31)',
      'code 0x100 is outside 0x00–0xFF',
      'code 0x32 maps to 7; levels are 1 (非常不满意) to 5 (非常满意)',
      'code 0x33 maps to 0; levels are 1 (非常不满意) to 5 (非常满意)',
      'code 0x34 maps to "5"; levels are 1 (非常不满意) to 5 (非常满意)',
    ]);
    expect(validateCodeTable({})).toEqual(['the table maps no codes to levels']);
    expect(validateCodeTable({ '0x31': null })).toEqual(['code 0x31 maps to null; levels are 1 (非常不满意) to 5 (非常满意)']);
  });

  it('refuses reserved keyboard usages in key tables', () => {
    expect(validateKeyTable({ '0x01': 5, '0x1e': 1 })).toEqual(['key 0x01 is a reserved keyboard usage (0x01), not a button']);
    expect(validateKeyTable({ F1: 5 })).toEqual(['"F1" is not a hex key like 0x31']);
  });
});
