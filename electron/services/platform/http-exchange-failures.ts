/**
 * What went wrong in a platform exchange, as a `PlatformError` whose `isRetryable` tells the
 * outbox sync worker whether the same request later can help: HTTP statuses, thrown network
 * and TLS errors, and the `Retry-After` a platform sends with a refusal.
 */
import { assertNever } from '../../../hardware/result.js';
import type { Deadline } from './http-deadline.js';
import { MAX_RETRY_AFTER_MS, failure } from './http-platform-options.js';
import type { PlatformError } from './platform-adapter.js';

/** OpenSSL verification codes: the certificate was refused, never bypassed (R-N1). */
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
]);
/** Connection resets: a stale pooled socket before the headers, a cut answer after them. */
export const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/**
 * The `Retry-After` header in ms (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date. A date
 * is measured against the same answer's `Date` header when there is one — both come from the
 * server's clock, so a clock hours off cancels out — else against our clock. Clamped to
 * [0, MAX_RETRY_AFTER_MS]; undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: () => number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  let ms: number;
  if (/^\d+$/u.test(value)) {
    ms = Number(value) * 1000;
  } else if (/^[A-Za-z]{3}/u.test(value)) {
    // All three HTTP-date forms start with a day name; Date.parse would read "-5" as a year.
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    const serverNow = Date.parse(headers.get('date') ?? '');
    ms = at - (Number.isNaN(serverNow) ? now() : serverNow);
  } else {
    return undefined;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

/** The `code` of a node/undici error, looking through `cause` and AggregateError. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors) && record.errors.length > 0) return errorCode(record.errors[0], depth + 1);
  return errorCode(record.cause, depth + 1);
}

function errorMessages(error: unknown, depth = 0): string[] {
  if (depth > 4 || !(error instanceof Error)) return [];
  return [error.message, ...errorMessages(error.cause, depth + 1)];
}

/** The failure a status means; `readBusinessCode` when a 4xx body may name a code. */
export function statusFailure(response: Response, base: URL, now: () => number): { readonly error: PlatformError; readonly readBusinessCode: boolean } | undefined {
  const { status } = response;
  const plain = (error: PlatformError) => ({ error, readBusinessCode: false });
  if (status >= 200 && status <= 299) return undefined;
  if (status >= 300 && status <= 399) {
    const location = response.headers.get('location');
    let where = 'elsewhere';
    if (location !== null) {
      try {
        where = new URL(location, base).origin === base.origin ? 'on the same host' : 'to another host';
      } catch {
        where = 'to an unreadable location';
      }
    }
    return plain(failure('badResponse', true, `redirect refused (HTTP ${status} ${where}); a captive portal or proxy may be in the way`));
  }
  const wait = parseRetryAfter(response.headers, now);
  if (status === 429 || (status === 503 && wait !== undefined)) {
    return plain(failure('rateLimited', true, `platform asks to slow down (HTTP ${status})`, wait));
  }
  if (status >= 500) return plain(failure('badResponse', true, `platform server error (HTTP ${status})`));
  if (status === 401 || status === 403) {
    return plain(failure('misconfigured', true, `platform refused the terminal's credentials (HTTP ${status}); check terminal id and token`));
  }
  if (status === 404) return plain(failure('misconfigured', true, 'no platform API at the base URL (HTTP 404)'));
  if (status === 408) return plain(failure('timeout', true, 'platform timed out waiting for the request (HTTP 408)'));
  if (status >= 400 && status <= 499) {
    return { error: failure('rejected', false, `platform refused the request (HTTP ${status})`), readBusinessCode: true };
  }
  return plain(failure('badResponse', false, `unexpected HTTP status ${status}`));
}

/** A thrown fetch or stream error as a PlatformError; the deadline's cause wins. */
export function networkFailure(error: unknown, deadline: Deadline, phase: 'headers' | 'body', base: URL): PlatformError {
  switch (deadline.cause) {
    case 'connect':
      return failure('timeout', true, `no answer from the platform within ${deadline.connectMs ?? 0} ms`);
    case 'total':
      return phase === 'headers'
        ? failure('timeout', true, `no answer from the platform within ${deadline.totalMs} ms`)
        : failure('timeout', true, `platform answer not complete within ${deadline.totalMs} ms (sent too slowly)`);
    case 'closed':
      return failure('unreachable', true, 'platform adapter closed while a request was under way');
    case null:
      break;
    default:
      return assertNever(deadline.cause, 'deadline cause');
  }
  const code = errorCode(error);
  const host = base.host;
  if (code === 'ECONNREFUSED') return failure('unreachable', true, `connection refused by ${host}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return failure('unreachable', true, `host name ${base.hostname} not found (DNS)`);
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return failure('timeout', true, `connecting to ${host} timed out`);
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return failure('unreachable', true, `TLS certificate of ${host} refused (${code}): expired, self-signed or for another host`);
  }
  if (code !== undefined && RESET_CODES.has(code)) {
    return phase === 'headers'
      ? failure('unreachable', true, `connection to ${host} reset before an answer`)
      : failure('unreachable', true, `connection to ${host} closed in the middle of the answer`);
  }
  if (errorMessages(error).includes('bad port')) return failure('misconfigured', false, `fetch refuses the port of ${host}`);
  return failure('unreachable', true, `request to ${host} failed (${code ?? (error instanceof Error ? error.name : 'unknown error')})`);
}
