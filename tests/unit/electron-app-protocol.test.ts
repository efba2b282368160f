import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  OUT_OF_SERVICE_URL,
  contentTypeOf,
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppPath,
} from '../../electron/main/app-protocol.js';

const ROOT = '/srv/kiosk/renderer';

describe('resolveAppPath (R-E2)', () => {
  it.each([
    ['app://kiosk/index.html', 'index.html'],
    ['app://kiosk/', 'index.html'],
    ['app://kiosk', 'index.html'],
    ['app://kiosk/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://kiosk/assets/', 'assets/index.html'],
    ['app://kiosk/index.html?x=1#top', 'index.html'],
    ['app://kiosk/fonts/%E6%80%9D%E6%BA%90.woff2', 'fonts/思源.woff2'],
    ['app://kiosk/a%20b.txt', 'a b.txt'],
  ])('%s → %s', (url, relative) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ ok: true, value: path.join(ROOT, relative) });
  });

  it.each([
    'app://kiosk/../etc/passwd',
    'app://kiosk/assets/../../etc/passwd',
    'app://kiosk/..',
    'app://kiosk/%2e%2e/etc/passwd',
    'app://kiosk/%2E%2E/etc/passwd',
    'app://kiosk/.%2e/etc/passwd',
    'app://kiosk/assets%2f..%2f..%2fetc/passwd',
    'app://kiosk/..%2fetc%2fpasswd',
    'app://kiosk/%2fetc/passwd',
    'app://kiosk//etc/passwd',
    'app://kiosk/..\\etc\\passwd',
    'app://kiosk/assets\\index.js',
    'app://kiosk/..%5cetc',
    'app://kiosk/%5c%5cserver%5cshare',
    'app://kiosk/index.html%00.png',
    'app://kiosk/index.html\u0000',
    'app://kiosk/C:/Windows/win.ini',
    'app://kiosk/C%3A%5CWindows',
    'app://kiosk/./index.html',
    'app://kiosk/.env',
    'app://kiosk/index.html.',
    'app://kiosk/con',
    'app://kiosk/NUL.txt',
    'app://kiosk/%',
    'app://kiosk/%E6%80',
    'app://kiosk/a\nb',
  ])('refuses the path in %j', (url) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ ok: false, error: 'forbiddenPath' });
  });

  it.each([
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk:80/index.html',
    'app://user@kiosk/index.html',
    'app://kiosk@evil/index.html',
    'APP://KIOSK/index.html',
    'https://kiosk/index.html',
    'file:///etc/passwd',
    '/etc/passwd',
    '',
  ])('refuses the origin of %j', (url) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ ok: false, error: 'otherOrigin' });
  });

  it('never resolves outside the root, whatever follows app://kiosk/', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '\\', '%00', '', 'C:', '~', 'index.html', 'a'),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.webSegment(),
    );
    const tail = fc.array(segment, { maxLength: 8 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(tail, fc.constantFrom('', '/', '//'), (rest, lead) => {
        const result = resolveAppPath(ROOT, `app://kiosk/${lead}${rest}`);
        if (!result.ok) return true;
        const relative = path.relative(ROOT, result.value);
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.includes('\0');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CSP (R-E3)', () => {
  it('is the exact policy of reliability.md', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
    );
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard, secure, fetch-capable, without CSP bypass', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('createAppProtocolHandler', () => {
  let base: string;
  let handler: ReturnType<typeof createAppProtocolHandler>;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'kiosk-protocol-'));
    const rendererDir = path.join(base, 'renderer');
    const staticDir = path.join(base, 'static');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    mkdirSync(staticDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
    writeFileSync(path.join(rendererDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(path.join(staticDir, 'out-of-service.html'), '<h1>设备暂停服务，请联系工作人员</h1>');
    writeFileSync(path.join(base, 'secret.txt'), 'secret');
    symlinkSync(path.join(base, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
    handler = createAppProtocolHandler({ rendererDir, staticDir });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET'): Promise<Response> => handler({ url, method });

  it('serves index.html with the CSP and the right content type', async () => {
    const response = await get('app://kiosk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>kiosk</title>');
  });

  it.each([
    ['app://kiosk/assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://kiosk/assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (url, type) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('serves the bundled out-of-service page under /__kiosk/', async () => {
    const response = await get(OUT_OF_SERVICE_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('设备暂停服务');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['app://kiosk/missing.js', 'app://kiosk/assets', 'app://kiosk/__kiosk/missing.html', 'app://kiosk/assets/link.txt'])(
    '404 for %s (missing, a folder, or a symlink out of the root)',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('400 for refused paths and other origins, 405 for other methods, empty body on HEAD', async () => {
    expect((await get('app://kiosk/%2e%2e/secret.txt')).status).toBe(400);
    expect((await get('app://evil/index.html')).status).toBe(400);
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://kiosk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('maps unknown extensions to octet-stream', () => {
    expect(contentTypeOf('/x/y.bin')).toBe('application/octet-stream');
    expect(contentTypeOf('/x/Y.CSS')).toBe('text/css; charset=utf-8');
  });
});
