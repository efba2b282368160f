/**
 * Reading a platform answer's body: content encoding, type and charset checks, a byte cap
 * that also stops a gzip bomb, decoding (UTF-8, or GB18030 for GBK) and a JSON parse that
 * refuses `__proto__` (reliability.md R-N1, table (c)).
 */
import iconv from 'iconv-lite';
import { err, ok } from '../../../hardware/result.js';
import type { Result } from '../../../hardware/result.js';
import type { Deadline } from './http-deadline.js';
import { networkFailure } from './http-exchange-failures.js';
import { failure } from './http-platform-options.js';
import type { PlatformError } from './platform-adapter.js';

/** `type/subtype` and `charset` of a Content-Type, lowercased; null when absent. */
function parseContentType(header: string | null): { readonly mediaType: string; readonly charset: string | null } | null {
  if (header === null || header.trim() === '') return null;
  const [mediaType = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  let charset: string | null = null;
  for (const param of params) {
    const match = /^charset\s*=\s*"?([^";\s]+)"?$/u.exec(param);
    if (match?.[1] !== undefined) charset = match[1];
  }
  return { mediaType, charset };
}

/** GBK and its relatives, all decoded as GB18030 (their superset, as the platform means it). */
const GB_CHARSETS = new Set(['gbk', 'gb2312', 'gb18030', 'cp936', 'x-gbk', 'windows-936']);

/** Keys that must never reach an object (prototype pollution, reliability.md table (c)). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(`forbidden key ${key}`);
  }
}

/** `JSON.parse` refusing forbidden keys anywhere in the document. */
function parseJsonSafely(text: string): Result<unknown, { readonly forbiddenKey: string | null }> {
  try {
    return ok(
      JSON.parse(text, (key, value: unknown) => {
        if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
        return value;
      }),
    );
  } catch (error) {
    return err({ forbiddenKey: error instanceof ForbiddenKeyError ? error.key : null });
  }
}

/** Encoding, type, size, charset and JSON checks; the parsed document. */
export async function readJson(response: Response, deadline: Deadline, base: URL, maxBodyBytes: number): Promise<Result<unknown, PlatformError>> {
  const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== '') {
    discard(response);
    return err(failure('badResponse', false, `content encoding "${encoding.slice(0, 20)}" refused (only gzip or none)`));
  }
  const contentType = parseContentType(response.headers.get('content-type'));
  if (contentType?.mediaType !== 'application/json') {
    discard(response);
    // Captive portals and proxy error pages answer in HTML: a network condition that passes.
    const got = contentType === null ? 'no content type' : contentType.mediaType.slice(0, 40);
    return err(failure('badResponse', true, `not the platform API (got ${got})`));
  }
  const charset = contentType.charset ?? 'utf-8';
  if (charset !== 'utf-8' && charset !== 'utf8' && !GB_CHARSETS.has(charset)) {
    discard(response);
    return err(failure('badResponse', false, `charset "${charset.slice(0, 20)}" not supported (UTF-8 or GBK)`));
  }
  const bytes = await readCapped(response, deadline, base, maxBodyBytes);
  if (!bytes.ok) return bytes;
  let text: string;
  if (GB_CHARSETS.has(charset)) {
    // Older provincial gateways still answer in GBK; GB18030 decodes all of it.
    text = iconv.decode(Buffer.from(bytes.value), 'gb18030');
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
    } catch {
      return err(failure('badResponse', false, 'platform answer is not valid UTF-8'));
    }
  }
  const parsed = parseJsonSafely(text);
  if (!parsed.ok) {
    const { forbiddenKey } = parsed.error;
    return err(
      failure('badResponse', false, forbiddenKey === null ? 'platform answer is not valid JSON' : `platform answer contains a forbidden key (${forbiddenKey})`),
    );
  }
  return parsed;
}

/**
 * Reads the body as a stream, counting decoded bytes, so a 100 MB body or a gzip bomb (fetch
 * inflates gzip as it reads) is cut off at the cap instead of filling memory.
 */
async function readCapped(response: Response, deadline: Deadline, base: URL, maxBodyBytes: number): Promise<Result<Uint8Array, PlatformError>> {
  const tooBig = () => failure('badResponse', false, `platform answer too big (over ${maxBodyBytes} bytes)`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    discard(response);
    return err(tooBig());
  }
  if (response.body === null) return ok(new Uint8Array(0));
  // Node's fetch types the stream loosely; its chunks are Uint8Array by the Fetch standard.
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBodyBytes) {
        reader.cancel().catch(() => undefined);
        return err(tooBig());
      }
      chunks.push(value);
    }
  } catch (error) {
    return err(networkFailure(error, deadline, 'body', base));
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return ok(bytes);
}

/** Drops an unread body so its socket is not left waiting; errors are moot by then. */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
