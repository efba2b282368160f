import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSymbolBytes } from '../../hardware/protocols/barcode/qr-text.js';
import { encodePayload } from '../../hardware/simulators/barcode-scanner/symbol-encoding.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const gbk = (text: string): Uint8Array => Uint8Array.from(iconv.encode(text, 'gbk'));

describe('decodeSymbolBytes (protocols.md §3.4)', () => {
  it('reads plain ASCII as ascii, certain', () => {
    expect(decodeSymbolBytes(utf8('https://zwfw.example.gov.cn/q?id=42'))).toEqual({ text: 'https://zwfw.example.gov.cn/q?id=42', charset: 'ascii', isUncertain: false });
  });

  it('reads strict UTF-8 with multibyte sequences as UTF-8', () => {
    expect(decodeSymbolBytes(utf8('办件编号:2024-0001 张三'))).toEqual({ text: '办件编号:2024-0001 张三', charset: 'utf-8', isUncertain: false });
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeSymbolBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('联通')))).toEqual({ text: '联通', charset: 'utf-8', isUncertain: false });
  });

  it('reads the classic 联通 GBK bytes C1 AA CD A8 as GBK, not lax UTF-8', () => {
    expect(decodeSymbolBytes(bytes(0xc1, 0xaa, 0xcd, 0xa8))).toEqual({ text: '联通', charset: 'gb18030', isUncertain: false });
    expect(decodeSymbolBytes(gbk('江苏省政务服务中心 办件回执'))).toMatchObject({ text: '江苏省政务服务中心 办件回执', charset: 'gb18030', isUncertain: false });
  });

  it('prefers GBK over a UTF-8 reading with only two-byte sequences, flagged uncertain', () => {
    // 一 in GBK is D2 BB, which is also strict UTF-8 for U+04BB (Cyrillic).
    expect(decodeSymbolBytes(gbk('一'))).toEqual({ text: '一', charset: 'gb18030', isUncertain: true });
    expect(decodeSymbolBytes(utf8('Ελλάδα'))).toEqual({ text: 'Ελλάδα', charset: 'utf-8', isUncertain: false });
    expect(decodeSymbolBytes(utf8('ئۈرۈمچی'))).toEqual({ text: 'ئۈرۈمچی', charset: 'utf-8', isUncertain: false });
    expect(decodeSymbolBytes(utf8('·张'))).toEqual({ text: '·张', charset: 'utf-8', isUncertain: false });
  });

  it('follows the ECI: 26 UTF-8, 29 GB18030, 28 Big5, from the caller or \\nnnnnn escapes with ]Q2', () => {
    expect(decodeSymbolBytes(utf8('张三'), { eci: 26 })).toEqual({ text: '张三', charset: 'utf-8', isUncertain: false });
    expect(decodeSymbolBytes(gbk('张三'), { eci: 29 })).toEqual({ text: '张三', charset: 'gb18030', isUncertain: false });
    const big5 = Uint8Array.from(iconv.encode('臺灣', 'big5'));
    expect(decodeSymbolBytes(big5, { eci: 28 })).toEqual({ text: '臺灣', charset: 'big5', isUncertain: false });
    expect(decodeSymbolBytes(encodePayload('张三\\李四', 'gbk', 29), { aimId: ']Q2' })).toEqual({ text: '张三\\李四', charset: 'gb18030', isUncertain: false });
    expect(decodeSymbolBytes(encodePayload('张三', 'utf-8', 26), { aimId: ']Q2' })).toEqual({ text: '张三', charset: 'utf-8', isUncertain: false });
    // Without the ECI AIM id the escape is data.
    expect(decodeSymbolBytes(encodePayload('ab', 'utf-8', 26)).text).toBe('\\000026ab');
  });

  it('flags bytes that do not fit the ECI and unknown ECIs as uncertain', () => {
    expect(decodeSymbolBytes(bytes(0xc1, 0xaa), { eci: 26 })).toMatchObject({ charset: 'utf-8', isUncertain: true });
    expect(decodeSymbolBytes(utf8('张'), { eci: 20 })).toMatchObject({ text: '张', isUncertain: true });
  });

  it('falls back to Latin-1, uncertain, when neither UTF-8 nor GB18030 fits', () => {
    expect(decodeSymbolBytes(bytes(0x63, 0x61, 0x66, 0xe9))).toEqual({ text: 'café', charset: 'latin1', isUncertain: true });
    expect(decodeSymbolBytes(bytes(0x80))).toMatchObject({ charset: 'latin1', isUncertain: true });
  });

  it('never throws and round-trips CJK text in UTF-8 and GBK', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }), (data, eci) => {
      decodeSymbolBytes(data, { aimId: ']Q2', ...(eci === undefined ? {} : { eci }) });
      decodeSymbolBytes(data);
    }));
    const cjk = fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code)), { minLength: 2, maxLength: 30 }).map((chars) => chars.join(''));
    fc.assert(fc.property(cjk, (text) => {
      expect(decodeSymbolBytes(utf8(text))).toEqual({ text, charset: 'utf-8', isUncertain: false });
      expect(decodeSymbolBytes(gbk(text), { eci: 29 }).text).toBe(text);
      // Without ECI, GBK bytes that happen to be strict UTF-8 (with three-byte sequences)
      // read as UTF-8 — the ambiguity §3.4 describes; all others read back right.
      let isStrictUtf8 = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(gbk(text));
      } catch {
        isStrictUtf8 = false;
      }
      if (!isStrictUtf8) expect(decodeSymbolBytes(gbk(text)).text).toBe(text);
    }));
  });
});
