/**
 * Serving the built renderer, shared by both hosts (the Electron `app://` handler and the web
 * host): a pure path resolver that cannot escape its root (R-E2), content types, and the
 * content security policy of R-E3.
 */
import path from 'node:path';
import { type Result, err, ok } from '../../hardware/result.js';

/**
 * R-E3, exactly. No `data:` images (QR codes arrive as SVG path data) and no font-src: the
 * renderer uses the system's CJK fonts, so web fonts stay blocked by `default-src 'none'`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticPathFailure = 'badPath';

/**
 * Maps a request path (`/assets/x.js?v=1`) to a file under `root`. Refuses anything that could
 * leave the root or confuse a file system: `..` in any spelling, backslashes, encoded
 * slashes, NUL, drive letters, malformed percent-escapes. `/` maps to `index.html`.
 */
export function resolveStaticPath(root: string, requestPath: string): Result<string, StaticPathFailure> {
  const pathname = requestPath.split(/[?#]/u, 1)[0] ?? '';
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return err('badPath');
  if (/%2f|%5c|%00/iu.test(pathname)) return err('badPath');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return err('badPath');
  }
  if (/[\\\0]/u.test(decoded) || /^\/[a-zA-Z]:/u.test(decoded)) return err('badPath');
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return err('badPath');
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return err('badPath');
  return ok(file);
}
