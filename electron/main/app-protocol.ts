/**
 * The `app://kiosk/` scheme that serves the built renderer (R-E2). Serving from a custom
 * standard scheme instead of `file://` gives the UI a real origin, so the IPC sender check
 * (R-E6) and the navigation allowlist (R-E4) have something to compare against, and every
 * response carries our CSP header (R-E3).
 *
 * The path resolver is pure and strict: it refuses anything that could name a file outside
 * the root, even where Chromium would already have normalised the URL, because the handler
 * must not depend on the caller's canonicalisation.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import createDebug from 'debug';
import type { CustomScheme, Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../services/static-files.js';

const debug = createDebug('kiosk:main:protocol');

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
/** The origin every trusted frame has; compare URLs with {@link isAppUrl}, not by prefix. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_HOME_URL = `${APP_ORIGIN}/index.html`;
/** URL folder for pages bundled with main (not the renderer build), e.g. out of service. */
export const STATIC_URL_PREFIX = '__kiosk';
export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}/${STATIC_URL_PREFIX}/out-of-service.html`;

/**
 * R-E3, sent on every response. One policy for both hosts, kept in services/static-files.ts
 * (no `data:` images: QR codes reach the screen as SVG path data; no `font-src`: system CJK
 * fonts). Re-exported so main's tests can pin it.
 */
export { CONTENT_SECURITY_POLICY, contentTypeOf };

/** Privileges for `protocol.registerSchemesAsPrivileged`; must run before `app` is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // standard: real origin and relative URL resolution; secure: a secure context like https;
  // supportFetchAPI: the renderer may fetch its own files. No bypassCSP, no corsEnabled.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/**
 * True when `url` is on our origin: scheme `app`, host `kiosk`, no port, no credentials.
 * Used by the navigation allowlist (R-E4) and the IPC sender check (R-E6).
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export type AppPathError =
  /** Not `app://kiosk/…` exactly (other scheme, host, port, credentials). */
  | 'otherOrigin'
  /** A segment that could escape or alias: `..`, encoded slash, backslash, NUL, drive… */
  | 'forbiddenPath';

export type AppPathResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: AppPathError };

// Raw match, not `new URL`: the WHATWG parser silently folds `..` and `%2e%2e`, and we want
// to see and refuse them. The host must be followed by the path, query, fragment or the end.
const APP_URL_PATTERN = /^app:\/\/kiosk(\/[^?#]*)?(?:[?#].*)?$/su;
// Windows device names open devices, not files, whatever the folder.
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$/iu;
/** Control characters (C0, DEL, C1) never belong in a file name we ship. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function isSafeSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    !segment.startsWith('.') && // `.`, `..`, dotfiles
    !segment.endsWith('.') && // Windows strips trailing dots: `index.html.` aliases
    !segment.endsWith(' ') &&
    !segment.includes('/') &&
    !segment.includes('\\') &&
    !segment.includes(':') && // drive letters, NTFS streams
    !hasControlCharacter(segment) &&
    !WINDOWS_DEVICE_NAME.test(segment)
  );
}

/**
 * Splits an `app://kiosk/…` URL into decoded, checked path segments. `app://kiosk/` and
 * any path ending in `/` name that folder's `index.html`. Pure.
 */
export function parseAppPath(url: string): { ok: true; value: string[] } | { ok: false; error: AppPathError } {
  const match = APP_URL_PATTERN.exec(url);
  if (match === null) return { ok: false, error: 'otherOrigin' };
  const rawPath = match[1] ?? '/';
  const rawSegments = rawPath.slice(1).split('/');
  if (rawSegments.at(-1) === '') rawSegments[rawSegments.length - 1] = 'index.html';
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { ok: false, error: 'forbiddenPath' };
    }
    if (!isSafeSegment(decoded)) return { ok: false, error: 'forbiddenPath' };
    segments.push(decoded);
  }
  return { ok: true, value: segments };
}

/**
 * Maps an `app://kiosk/…` URL to an absolute file path under `root` (R-E2). Rejects `..`
 * and `%2e%2e`, encoded or literal slashes and backslashes, NUL and other control
 * characters, absolute paths, drive letters, dotfiles and other hosts. Pure: touches no
 * file; the caller handles a missing file.
 */
export function resolveAppPath(root: string, url: string): AppPathResult {
  const parsed = parseAppPath(url);
  if (!parsed.ok) return parsed;
  return joinInside(root, parsed.value);
}

function joinInside(root: string, segments: readonly string[]): AppPathResult {
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  const relative = path.relative(base, resolved);
  // Belt and braces: the segment checks already make this impossible.
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, error: 'forbiddenPath' };
  }
  return { ok: true, value: resolved };
}

export interface AppProtocolOptions {
  /** The built renderer (Vite's output folder). */
  readonly rendererDir: string;
  /** Pages bundled with main, served under `/__kiosk/` (the out-of-service page). */
  readonly staticDir: string;
}

/** The request fields the handler reads; Electron passes a fetch `Request`. */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Nothing personal is ever in these files, but a cache would only go stale on update.
    'Cache-Control': 'no-store',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP']);

/**
 * The `protocol.handle('app', …)` handler: GET/HEAD only, files from `rendererDir` (or
 * `staticDir` for `/__kiosk/…`), CSP on every response, 400 for a refused path, 404 for a
 * missing file, 405 for other methods. Symlinks pointing outside the root are refused.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const parsed = parseAppPath(request.url);
    if (!parsed.ok) {
      debug('refused %s: %s', parsed.error, request.url.slice(0, 200));
      return textResponse(400, 'bad request');
    }
    const [first, ...rest] = parsed.value;
    const isStatic = first === STATIC_URL_PREFIX && rest.length > 0;
    const root = isStatic ? options.staticDir : options.rendererDir;
    const target = joinInside(root, isStatic ? rest : parsed.value);
    if (!target.ok) return textResponse(400, 'bad request');
    try {
      // Resolve symlinks on both sides so a link cannot point out of the root.
      const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(target.value)]);
      const relative = path.relative(realRoot, realFile);
      if (relative.startsWith('..') || path.isAbsolute(relative)) return textResponse(404, 'not found');
      const body = await fs.readFile(realFile);
      const headers = securityHeaders(contentTypeOf(realFile));
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (NOT_FOUND_CODES.has(code)) return textResponse(404, 'not found');
      debug('read failed for %s: %s', target.value, code);
      return textResponse(500, 'internal error');
    }
  };
}
