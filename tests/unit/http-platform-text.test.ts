/**
 * `sanitizePlatformText` (platform text shown to citizens, reliability.md table (c) "script in
 * messages shown to citizens") and `parseRetryAfter` (429/503, server clock hours off).
 */
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, sanitizePlatformText } from '../../electron/services/platform/http-platform-adapter.js';

describe('sanitizePlatformText', () => {
  it('removes bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069)', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';

    expect(sanitizePlatformText(`请到${bidi}3号窗口`)).toBe('请到3号窗口');
    // The Trojan Source trick: an override that would show "exe.txt" for "txt.exe".
    expect(sanitizePlatformText('申请表\u202Etxt.exe')).toBe('申请表txt.exe');
  });

  it('removes controls, zero-width characters, marks and the BOM', () => {
    expect(sanitizePlatformText('\uFEFF户口\u0000簿\u0007\u200B\u200E\u061C\u007F\u009B')).toBe('户口簿');
  });

  it('turns line breaks and tabs into single spaces and trims', () => {
    expect(sanitizePlatformText('  第一行\r\n第二行\t第三行\u2028第四行  ')).toBe('第一行 第二行 第三行 第四行');
  });

  it('keeps markup as literal text: it is never HTML', () => {
    expect(sanitizePlatformText('<script>alert("x")</script><b>注意</b>')).toBe('<script>alert("x")</script><b>注意</b>');
  });

  it('replaces lone surrogates and keeps well-formed astral characters', () => {
    expect(sanitizePlatformText('a\uD800b\uDC00c𠀀')).toBe('a\uFFFDb\uFFFDc𠀀');
  });

  it('cuts to the cap in code points, ending in an ellipsis, and never splits a pair', () => {
    expect([...sanitizePlatformText('很'.repeat(300))]).toHaveLength(200);
    expect(sanitizePlatformText('很'.repeat(300)).endsWith('…')).toBe(true);
    expect(sanitizePlatformText('𠀀'.repeat(10), 5)).toBe('𠀀𠀀𠀀𠀀…');
    expect(sanitizePlatformText('很'.repeat(200))).toBe('很'.repeat(200));
  });

  it('normalises to NFC so equal texts compare equal', () => {
    expect(sanitizePlatformText('e\u0301')).toBe('\u00e9');
  });
});

describe('parseRetryAfter', () => {
  const NOW = Date.parse('2024-05-02T02:00:00Z');
  const headers = (init: Record<string, string>) => new Headers(init);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '120' }), () => NOW)).toBe(120_000);
  });

  it("reads an HTTP-date against the answer's own Date, so a clock hours off cancels out", () => {
    const serverNow = NOW + 6 * 3600_000;
    const result = parseRetryAfter(
      headers({ 'retry-after': new Date(serverNow + 45_000).toUTCString(), date: new Date(serverNow).toUTCString() }),
      () => NOW,
    );

    expect(result).toBe(45_000);
  });

  it('reads an HTTP-date against our clock when there is no Date', () => {
    expect(parseRetryAfter(headers({ 'retry-after': new Date(NOW + 10_000).toUTCString() }), () => NOW)).toBe(10_000);
  });

  it('clamps to [0, MAX_RETRY_AFTER_MS]', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '86400' }), () => NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(NOW - 60_000).toUTCString() }), () => NOW)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(headers({}), () => NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), () => NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': '-5' }), () => NOW)).toBeUndefined();
  });
});
