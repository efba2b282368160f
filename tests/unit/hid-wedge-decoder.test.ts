import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBootReport } from '../../hardware/protocols/hid-keyboard/boot-report.js';
import { usageToChar, charToUsage, keypadDigit } from '../../hardware/protocols/hid-keyboard/usage-table.js';
import { WedgeDecoder, altCodeChar, type WedgeDecoderOptions, type WedgeResult } from '../../hardware/protocols/hid-keyboard/wedge-decoder.js';
import { wedgeSuffixReports, wedgeTextReports } from '../../hardware/simulators/barcode-scanner/symbol-encoding.js';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/gu, ''), 'hex'));
const SHIFT = 0x02;
const CTRL = 0x01;
const ALT = 0x04;
const r = (modifiers: number, ...keys: number[]): Uint8Array => encodeBootReport(modifiers, keys);
const UP = r(0);

function decode(reports: readonly Uint8Array[], options: WedgeDecoderOptions = {}): { results: WedgeResult[]; decoder: WedgeDecoder } {
  const decoder = new WedgeDecoder(options);
  const results = reports.flatMap((report) => decoder.push(report));
  const last = decoder.flush();
  if (last !== null) results.push(last);
  return { results, decoder };
}

const texts = (results: readonly WedgeResult[]): (string | number)[] => results.map((result) => (result.kind === 'symbol' ? result.text : result.chars));

/** Alt held, keypad digits of `value` pressed and released, Alt released. */
function altGroup(value: number): Uint8Array[] {
  const kp = (digit: number): number => (digit === 0 ? 0x62 : 0x58 + digit);
  return [r(ALT), ...Array.from(String(value)).flatMap((digit) => [r(ALT, kp(Number(digit))), r(ALT)]), UP];
}

describe('usage table', () => {
  it('maps letters, shifted digits, punctuation and keypad digits (US layout)', () => {
    expect(usageToChar(0x04, false)).toBe('a');
    expect(usageToChar(0x1d, true)).toBe('Z');
    expect(usageToChar(0x1e, true)).toBe('!');
    expect(usageToChar(0x27, true)).toBe(')');
    expect(usageToChar(0x38, true)).toBe('?');
    expect(usageToChar(0x62, true)).toBe('0');
    expect(usageToChar(0x28, false)).toBeUndefined();
    expect(keypadDigit(0x59)).toBe(1);
    expect(keypadDigit(0x62)).toBe(0);
    expect(keypadDigit(0x27)).toBeUndefined();
    expect(charToUsage('~')).toEqual({ usage: 0x35, isShift: true });
  });
});

describe('WedgeDecoder golden reports', () => {
  it('decodes "Ab1!" with Shift from the modifier byte, ended by Enter', () => {
    const reports = ['0200040000000000', '0000000000000000', '0000050000000000', '0000000000000000', '00001e0000000000', '0000000000000000', '02001e0000000000', '0000000000000000', '0000280000000000', '0000000000000000'].map(hex);
    expect(decode(reports).results).toEqual([{ kind: 'symbol', text: 'Ab1!', terminator: 'enter', hasAltCodes: false, droppedAltCodes: 0 }]);
  });

  it('needs a release between repeated characters: a held key is one press', () => {
    const o = 0x12;
    expect(texts(decode([r(0, o), UP, r(0, o), UP, r(0, 0x28), UP]).results)).toEqual(['oo']);
    expect(texts(decode([r(0, o), r(0, o), UP, r(0, 0x28), UP]).results)).toEqual(['o']);
    // A second key joining a held one is pressed; the held one is not pressed again.
    expect(texts(decode([r(0, o), r(0, o, 0x13), UP, r(0, 0x28)]).results)).toEqual(['op']);
  });

  it('ends on keypad Enter, on Tab when configured, and types Enter/Tab otherwise', () => {
    expect(decode([r(0, 0x04), UP, r(0, 0x58), UP]).results[0]).toMatchObject({ text: 'a', terminator: 'enter' });
    const tabbed = decode([r(0, 0x04), UP, r(0, 0x28), UP, r(0, 0x05), UP, r(0, 0x2b), UP], { terminators: ['tab'] });
    expect(tabbed.results).toMatchObject([{ text: 'a\nb', terminator: 'tab' }]);
    const none = decode([r(0, 0x04), UP, r(0, 0x2b), UP, r(0, 0x05), UP], { terminators: [] });
    expect(none.results).toMatchObject([{ text: 'a\tb', terminator: 'none' }]);
  });

  it('ignores a vendor suffix chord (Ctrl/GUI + key) but reads Ctrl+] as GS', () => {
    const reports = [r(0, 0x04), UP, r(CTRL, 0x30), UP, r(0, 0x05), UP, r(CTRL | SHIFT, 0x45), UP, r(0x08, 0x06), UP, r(0, 0x28), UP];
    const { results, decoder } = decode(reports);
    expect(texts(results)).toEqual(['a\u001db']);
    expect(decoder.ignored).toBe(2);
  });

  it('ignores ErrorRollOver reports and short reads without losing the key state', () => {
    const rollOver = hex('0000010101010101');
    const reports = [r(0, 0x04), rollOver, r(0, 0x04), UP, Uint8Array.of(0), r(0, 0x05), UP, r(0, 0x28)];
    const { results, decoder } = decode(reports);
    expect(texts(results)).toEqual(['ab']);
    expect(decoder.ignored).toBe(2);
  });

  it('reads Alt+numpad 张 as code point 24352 in unicode mode and as GBK D5C5 = 54725 in gbk mode', () => {
    expect(texts(decode([...altGroup(24352), r(0, 0x28), UP], { altCodes: 'unicode' }).results)).toEqual(['张']);
    const gbk = decode([...altGroup(54725), r(0, 0x28), UP], { altCodes: 'gbk' });
    expect(gbk.results).toEqual([{ kind: 'symbol', text: '张', terminator: 'enter', hasAltCodes: true, droppedAltCodes: 0 }]);
    // The same number means something else in the other mode: the setting matters.
    expect(texts(decode([...altGroup(54725), r(0, 0x28)], { altCodes: 'unicode' }).results)).toEqual(['\ud5c5']);
    expect(texts(decode([...altGroup(29), r(0, 0x28)], { altCodes: 'gbk' }).results)).toEqual(['\u001d']);
  });

  it('reports Alt codes that are no character instead of dropping them silently', () => {
    const { results } = decode([r(0, 0x04), UP, ...altGroup(300), r(0, 0x28)], { altCodes: 'gbk' });
    expect(results).toEqual([{ kind: 'symbol', text: 'a', terminator: 'enter', hasAltCodes: false, droppedAltCodes: 1 }]);
    expect(altCodeChar(0, 'unicode')).toBeUndefined();
    expect(altCodeChar(0xd800, 'unicode')).toBeUndefined();
    expect(altCodeChar(0x110000, 'unicode')).toBeUndefined();
    expect(altCodeChar(0xd57f, 'gbk')).toBeUndefined();
    expect(altCodeChar(0xb0a1, 'gbk')).toBe('啊');
  });

  it('toggles letter case on CapsLock presses (the host lock state outlives a symbol)', () => {
    const caps = [r(0, 0x39), UP];
    const { results, decoder } = decode([...caps, r(0, 0x04), UP, r(SHIFT, 0x05), UP, r(0, 0x1e), UP, r(0, 0x28), UP, r(0, 0x06), UP, r(0, 0x28)]);
    expect(texts(results)).toEqual(['Ab1', 'C']);
    expect(decoder.isCapsLock).toBe(true);
    expect(texts(decode([...caps, ...caps, r(0, 0x04), UP, r(0, 0x28)]).results)).toEqual(['a']);
  });

  it('tolerates a stuck modifier: Shift-only releases, an Alt never released', () => {
    const shiftStuck = [r(SHIFT), r(SHIFT, 0x04), r(SHIFT), r(SHIFT, 0x04), r(SHIFT), r(SHIFT, 0x28), r(SHIFT)];
    expect(texts(decode(shiftStuck).results)).toEqual(['AA']);
    const altStuck = [r(ALT), r(ALT, 0x5a), r(ALT), r(ALT, 0x5d), r(ALT), r(ALT, 0x28)];
    expect(texts(decode(altStuck).results)).toEqual(['\u0019']);
  });

  it('skips the report ID byte when configured', () => {
    const reports = [r(0, 0x04), UP, r(0, 0x28), UP].map((report) => Uint8Array.from([0x01, ...report]));
    expect(texts(decode(reports, { hasReportId: true }).results)).toEqual(['a']);
  });

  it('flushes a symbol without suffix with terminator none; a lone Enter is no symbol', () => {
    const decoder = new WedgeDecoder();
    expect(decoder.push(r(0, 0x28))).toEqual([]);
    decoder.push(UP);
    decoder.push(r(0, 0x04));
    expect(decoder.hasPending).toBe(true);
    expect(decoder.flush()).toMatchObject({ kind: 'symbol', text: 'a', terminator: 'none' });
    expect(decoder.flush()).toBeNull();
    // The lost release was forgotten at the flush: the same key presses again.
    expect(decoder.push(r(0, 0x04))).toEqual([]);
    expect(decoder.flush()).toMatchObject({ text: 'a' });
  });

  it('reports tooLong past the cap, and keeps counting', () => {
    const reports = [...wedgeTextReports('abcdef'), ...wedgeSuffixReports('enter'), ...wedgeTextReports('ok'), ...wedgeSuffixReports('enter')];
    expect(decode(reports, { maxChars: 4 }).results).toEqual([
      { kind: 'tooLong', chars: 6, terminator: 'enter' },
      { kind: 'symbol', text: 'ok', terminator: 'enter', hasAltCodes: false, droppedAltCodes: 0 },
    ]);
  });
});

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
const asciiText = fc.array(printable, { minLength: 1, maxLength: 60 }).map((chars) => chars.join(''));
const mixedText = fc.array(fc.oneof(printable, cjk), { minLength: 1, maxLength: 40 }).map((chars) => chars.join(''));

describe('WedgeDecoder properties', () => {
  it('never throws on random reports and stays bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 200 }), fc.boolean(), fc.constantFrom('unicode' as const, 'gbk' as const), (reports, hasReportId, altCodes) => {
        const decoder = new WedgeDecoder({ hasReportId, altCodes, maxChars: 64 });
        for (const report of reports) for (const result of decoder.push(report)) if (result.kind === 'symbol') expect(result.text.length).toBeLessThanOrEqual(64);
        decoder.flush();
      }),
    );
  });

  it('round-trips simulator key reports for ASCII and CJK text in both Alt-code modes', () => {
    fc.assert(
      fc.property(fc.oneof(asciiText, mixedText), fc.constantFrom('unicode' as const, 'gbk' as const), fc.boolean(), (text, altCodes, hasReportId) => {
        const reportId = hasReportId ? 1 : undefined;
        const reports = [...wedgeTextReports(text, { altCodes, ...(reportId === undefined ? {} : { reportId }) }), ...wedgeSuffixReports('enter', reportId)];
        expect(texts(decode(reports, { altCodes, hasReportId }).results)).toEqual([text]);
      }),
    );
  });
});
