import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveStaticPath } from '../../electron/services/static-files.js';

const ROOT = '/srv/kiosk/renderer';

describe('resolveStaticPath (R-E2)', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc.js?v=1', 'assets/index-abc.js'],
    ['/assets/%E4%B8%AD.png', 'assets/中.png'],
  ])('serves %s', (request, expected) => {
    expect(resolveStaticPath(ROOT, request)).toEqual({ ok: true, value: path.join(ROOT, expected) });
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/assets%2f..%2f..%2fsecret',
    '/..\\..\\windows\\win.ini',
    '/assets%5c..%5csecret',
    '/index.html%00.png',
    '//evil.example/x.js',
    'C:/Windows/win.ini',
    '/C:/Windows/win.ini',
    '/%E4%B8',
    '/./index.html',
    'index.html',
  ])('refuses %s', (request) => {
    expect(resolveStaticPath(ROOT, request)).toEqual({ ok: false, error: 'badPath' });
  });

  it('never resolves outside the root, whatever the request (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%252e%252e', '\\', '%5c', '%2f', '%00', 'assets', 'index.html', '中文', ''),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const result = resolveStaticPath(ROOT, `/${segments.join('/')}`);
        if (result.ok) expect(result.value === ROOT || result.value.startsWith(`${ROOT}/`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses the CSP of R-E3', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
    );
  });
});
