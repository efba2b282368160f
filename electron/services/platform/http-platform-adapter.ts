/**
 * The `http` platform adapter: the kiosk's side of the API in `docs/platform-api.yaml`
 * (design.md §5), hardened by reliability.md R-N1 against every row of table (c),
 * "Government platform responses".
 *
 * One exchange is: build the request → fetch with a deadline → refuse redirects → map the
 * status → check encoding, type and size → decode (UTF-8, or GB18030 when the platform says
 * GBK) → parse JSON without `__proto__` → validate with zod → check the answer is the one we
 * asked for. Every failure becomes a `PlatformError` whose `isRetryable` tells the outbox sync
 * worker whether trying the same request later can help; the worker owns backoff, jitter and
 * quarantine (R-D5), so this adapter never retries a delivery.
 *
 * Privacy: the holder's ID number travels only in POST bodies (never in a URL, where access
 * logs would keep it); messages and debug logs name routes, statuses and codes, never a
 * path, body, verifier, token or anything the platform wrote (it may echo a name or an ID).
 *
 * Time: only our own clock and timers are used. The server's `Date` is never taken as "now";
 * it only cancels out of an HTTP-date `Retry-After` (see `parseRetryAfter`).
 */
import createDebug from 'debug';
import iconv from 'iconv-lite';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { assertNever, err, ok } from '../../../hardware/result.js';
import type { Result } from '../../../hardware/result.js';
import {
  appointmentListSchema,
  appointmentOrNullSchema,
  caseListSchema,
  caseOrNullSchema,
  deliveryAckSchema,
  envelopeSchema,
} from './http-platform-schemas.js';
import type {
  AppointmentRecord,
  CaseRecord,
  OutboxDelivery,
  PlatformAdapter,
  PlatformError,
  PlatformHolder,
} from './platform-adapter.js';

export { sanitizePlatformText, PLATFORM_TEXT_MAX_CHARS } from './http-platform-schemas.js';

const debug = createDebug('kiosk:services:platform-http');

/** Whole exchange, from the first byte sent to the last byte of the answer read. */
export const DEFAULT_PLATFORM_TOTAL_MS = 8000;
/** Largest answer read (after gzip is undone); a real answer is a few kilobytes. */
export const DEFAULT_PLATFORM_MAX_BODY_BYTES = 1024 * 1024;
/**
 * Ceiling on a `Retry-After` we pass on: a platform (or a clock hours off) asking for a day
 * must not park the outbox for a day; the worker asks again after this at the latest.
 */
export const MAX_RETRY_AFTER_MS = 15 * 60 * 1000;
/** The business code the platform uses for "busy, try later" (see docs/platform-api.yaml). */
export const PLATFORM_TEMPORARY_CODE = '9999';
export const PLATFORM_OK_CODE = '0';
/** Largest `limit` of `casesOfHolder`, as the API allows. */
export const MAX_CASES_PER_QUERY = 100;

export interface HttpPlatformAdapterOptions {
  /**
   * Base of the API, e.g. `https://gateway.example.gov.cn/zwfw/`. Must be https, except on
   * loopback (`127.0.0.1`, `localhost`, `[::1]`) for tests and a gateway on this machine;
   * no user name, password, query or fragment.
   */
  readonly baseUrl: string;
  /** Sent as `X-Terminal-Id` on every request. */
  readonly terminalId: string;
  /**
   * Bearer token for `Authorization`. It comes from the terminal's secret store, never from
   * the config file, and is never logged.
   */
  readonly token: string;
  readonly timeouts?: {
    /**
     * Deadline for the response headers: TCP connect, TLS handshake and the platform's first
     * answer. Global fetch has no separate hook for the connect alone without a custom
     * dispatcher, and "headers late" is what a technician needs told apart from "body slow".
     * Default: none apart from `totalMs`.
     */
    readonly connectMs?: number;
    /** Deadline for the whole exchange, in ms. Default `DEFAULT_PLATFORM_TOTAL_MS`. */
    readonly totalMs?: number;
  };
  /** Cap on the answer's decoded size, in bytes. Default `DEFAULT_PLATFORM_MAX_BODY_BYTES`. */
  readonly maxBodyBytes?: number;
  /** Injectable for tests; default the global fetch (undici), which verifies TLS. */
  readonly fetch?: typeof fetch;
  /** Our clock in ms since the epoch, for an HTTP-date `Retry-After` without a `Date`. */
  readonly now?: () => number;
}

type Route = 'findCase' | 'casesOfHolder' | 'findAppointment' | 'appointmentsOfHolder' | 'evaluation' | 'checkIn';

interface PlatformCall {
  readonly route: Route;
  readonly method: 'GET' | 'POST';
  /** Path below the base URL, each segment already encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /**
   * Reads may be retried once, at once, after a reset before any header arrived: that is
   * almost always a pooled keep-alive socket the server had already closed, and the read
   * has no effect to repeat. Deliveries are never retried here (the worker owns that).
   */
  readonly isRead: boolean;
}

type DeadlineCause = 'connect' | 'total' | 'closed';

/** One exchange's timers and abort switch; `cause` says which one fired. */
class Deadline {
  readonly #controller = new AbortController();
  readonly #timers: ReturnType<typeof setTimeout>[] = [];
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  cause: DeadlineCause | null = null;

  constructor(totalMs: number, connectMs: number | undefined) {
    this.#timers.push(setTimeout(() => this.fire('total'), totalMs));
    if (connectMs !== undefined && connectMs < totalMs) {
      this.#connectTimer = setTimeout(() => this.fire('connect'), connectMs);
      this.#timers.push(this.#connectTimer);
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The headers are in: from now on only the total deadline counts. */
  headersArrived(): void {
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
  }

  fire(cause: DeadlineCause): void {
    if (this.cause !== null) return;
    this.cause = cause;
    this.#controller.abort(new Error(`platform exchange aborted: ${cause}`));
  }

  dispose(): void {
    for (const timer of this.#timers) clearTimeout(timer);
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
/** Header-safe visible ASCII; a CR/LF in a header value would be header injection. */
const HEADER_TOKEN = /^[\x21-\x7e]{1,512}$/u;
const DAY = /^\d{4}-\d{2}-\d{2}$/u;

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
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

function failure(kind: PlatformError['kind'], isRetryable: boolean, message: string, retryAfterMs?: number): PlatformError {
  return retryAfterMs === undefined ? { kind, isRetryable, message } : { kind, isRetryable, message, retryAfterMs };
}

/**
 * Checks the options; the first problem found, or null. Pure, so the composition root can
 * raise its alarm before any request is made.
 */
export function checkHttpPlatformOptions(options: HttpPlatformAdapterOptions): PlatformError | null {
  const misconfigured = (message: string) => failure('misconfigured', false, message);
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    return misconfigured('platform base URL is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return misconfigured(`platform base URL must use https (plain http only on 127.0.0.1/localhost), got ${url.protocol}//${url.host}`);
  }
  if (url.username !== '' || url.password !== '') return misconfigured('platform base URL must not carry a user name or password');
  if (url.search !== '' || url.hash !== '') return misconfigured('platform base URL must not carry a query or fragment');
  // Setting this variable turns off certificate checks for the whole process; refuse to talk
  // to a platform over TLS that is not verified rather than quietly go along (R-N1).
  if (url.protocol === 'https:' && process.env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0') {
    return misconfigured('TLS verification is disabled (NODE_TLS_REJECT_UNAUTHORIZED=0); unset it');
  }
  if (!HEADER_TOKEN.test(options.terminalId)) return misconfigured('terminal id is empty or not plain ASCII');
  if (!HEADER_TOKEN.test(options.token)) return misconfigured('platform token is missing or not plain ASCII (check the secret store)');
  const { connectMs, totalMs } = options.timeouts ?? {};
  for (const [name, value] of [['connectMs', connectMs], ['totalMs', totalMs], ['maxBodyBytes', options.maxBodyBytes]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) return misconfigured(`${name} must be a positive integer`);
  }
  return null;
}

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

/** The `code` of a node/undici error, looking through `cause` and AggregateError. */
function errorCode(error: unknown, depth = 0): string | undefined {
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

/**
 * Talks to a government service platform by `docs/platform-api.yaml`.
 *
 * Error kinds and `isRetryable` (the sync worker retries only retryable ones):
 * - `unreachable` (retryable): refused, DNS failure, reset, closed mid-answer, certificate
 *   refused (an expired or wrong certificate is fixed on the platform's side, or is a
 *   captive portal's, and passes).
 * - `timeout` (retryable): `connectMs` before the headers, `totalMs` for the whole exchange
 *   (a 1-byte-per-second drip ends here), HTTP 408.
 * - `rateLimited` (retryable): HTTP 429; 503 with a `Retry-After`; business code 9999.
 * - `badResponse`: retryable when the answer looks like something in between (5xx, any
 *   redirect, HTML or another content type — captive portals and proxy error pages), or a
 *   delivery ack for another key (the record's effect is unknown, and the key makes a
 *   retry harmless); not retryable when the platform answered deterministically wrong
 *   (too big, gzip bomb, encoding or charset refused, invalid JSON, `__proto__`, schema).
 * - `rejected` (not retryable): business code ≠ 0, or a 4xx other than 401/403/404/408/429.
 * - `misconfigured`: about the terminal, never the record. From the options (not https, no
 *   token, TLS checks disabled, a port fetch refuses, adapter closed): not retryable, since
 *   nothing changes until the adapter is rebuilt. From the platform's answer (HTTP 401/403:
 *   credentials; 404: no API at the base URL): retryable, because the record is sound and
 *   a technician renewing the token or fixing the URL should not have to release it.
 */
export class HttpPlatformAdapter implements PlatformAdapter {
  readonly kind = 'http' as const;
  /** Why this adapter cannot work, or null; every call answers it while it is set. */
  readonly misconfiguration: PlatformError | null;
  readonly #base: URL | null;
  readonly #terminalId: string;
  readonly #token: string;
  readonly #connectMs: number | undefined;
  readonly #totalMs: number;
  readonly #maxBodyBytes: number;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #inFlight = new Set<Deadline>();
  #isClosed = false;

  constructor(options: HttpPlatformAdapterOptions) {
    this.misconfiguration = checkHttpPlatformOptions(options);
    // A trailing slash makes relative paths resolve below the base path, not beside it.
    this.#base = this.misconfiguration === null ? new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`) : null;
    this.#terminalId = options.terminalId;
    this.#token = options.token;
    this.#connectMs = options.timeouts?.connectMs;
    this.#totalMs = options.timeouts?.totalMs ?? DEFAULT_PLATFORM_TOTAL_MS;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_PLATFORM_MAX_BODY_BYTES;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
    if (this.misconfiguration !== null) debug('misconfigured: %s', this.misconfiguration.message);
  }

  async findCase(caseNumber: string, verifier: string): Promise<Result<CaseRecord | null, PlatformError>> {
    const answer = await this.#call(
      { route: 'findCase', method: 'GET', path: `v1/cases/${encodeURIComponent(caseNumber)}`, query: { verifier }, isRead: true },
      caseOrNullSchema,
    );
    if (answer.ok && answer.value !== null && answer.value.caseNumber !== caseNumber) {
      return err(failure('badResponse', true, 'platform answered with another case than the one asked for'));
    }
    return answer;
  }

  async casesOfHolder(holder: PlatformHolder, limit: number): Promise<Result<CaseRecord[], PlatformError>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CASES_PER_QUERY) {
      throw new RangeError(`casesOfHolder: limit must be an integer 1–${MAX_CASES_PER_QUERY}, got ${limit}`);
    }
    const answer = await this.#call(
      { route: 'casesOfHolder', method: 'POST', path: 'v1/cases/query-by-holder', body: { idNumber: holder.idNumber, limit }, isRead: true },
      caseListSchema,
    );
    if (!answer.ok) return answer;
    // The contract promises newest first and at most `limit`; do not rely on the platform.
    const cases = [...answer.value.cases].sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
    return ok(cases.slice(0, limit));
  }

  async findAppointment(code: string, verifier: string): Promise<Result<AppointmentRecord | null, PlatformError>> {
    const answer = await this.#call(
      { route: 'findAppointment', method: 'GET', path: `v1/appointments/${encodeURIComponent(code)}`, query: { verifier }, isRead: true },
      appointmentOrNullSchema,
    );
    if (answer.ok && answer.value !== null && answer.value.code !== code) {
      return err(failure('badResponse', true, 'platform answered with another appointment than the one asked for'));
    }
    return answer;
  }

  async appointmentsOfHolder(holder: PlatformHolder, day: string): Promise<Result<AppointmentRecord[], PlatformError>> {
    if (!DAY.test(day)) throw new RangeError('appointmentsOfHolder: day must be YYYY-MM-DD');
    const answer = await this.#call(
      {
        route: 'appointmentsOfHolder',
        method: 'POST',
        path: 'v1/appointments/query-by-holder',
        body: { idNumber: holder.idNumber, day },
        isRead: true,
      },
      appointmentListSchema,
    );
    return answer.ok ? ok(answer.value.appointments) : answer;
  }

  async deliver(delivery: OutboxDelivery): Promise<Result<void, PlatformError>> {
    if (!UUID.test(delivery.idempotencyKey)) {
      // A bad record, not a bad platform: refusing it lets the worker quarantine it.
      return err(failure('rejected', false, 'outbox record has an idempotency key that is not a UUID'));
    }
    let route: Route;
    let path: string;
    switch (delivery.kind) {
      case 'evaluation':
        route = 'evaluation';
        path = 'v1/evaluations';
        break;
      case 'checkIn':
        route = 'checkIn';
        path = 'v1/check-ins';
        break;
      default:
        return assertNever(delivery, 'outbox delivery');
    }
    const answer = await this.#call(
      { route, method: 'POST', path, body: delivery.payload, idempotencyKey: delivery.idempotencyKey, isRead: false },
      deliveryAckSchema,
    );
    if (!answer.ok) return answer;
    if (answer.value.idempotencyKey.toLowerCase() !== delivery.idempotencyKey.toLowerCase()) {
      debug('%s: ack for another idempotency key', route);
      return err(failure('badResponse', true, 'ack for unknown or mismatched idempotency key; the delivery is not confirmed'));
    }
    return ok(undefined);
  }

  /** Aborts exchanges under way (they answer `unreachable`); later calls answer `misconfigured`. */
  close(): Promise<void> {
    this.#isClosed = true;
    for (const deadline of this.#inFlight) deadline.fire('closed');
    return Promise.resolve();
  }

  /** One exchange, start to finish; never throws for anything the platform or network does. */
  async #call<T>(call: PlatformCall, dataSchema: z.ZodType<T>): Promise<Result<T, PlatformError>> {
    if (this.misconfiguration !== null) return err(this.misconfiguration);
    if (this.#isClosed || this.#base === null) return err(failure('misconfigured', false, 'platform adapter is closed'));
    const deadline = new Deadline(this.#totalMs, this.#connectMs);
    this.#inFlight.add(deadline);
    const requestId = randomUUID();
    const startedAt = performance.now();
    try {
      const result = await this.#exchange(call, this.#base, deadline, requestId, dataSchema);
      const ms = Math.round(performance.now() - startedAt);
      if (result.ok) debug('%s %s ok in %d ms', call.route, requestId, ms);
      else debug('%s %s failed in %d ms: %s (%s)', call.route, requestId, ms, result.error.kind, result.error.message);
      return result;
    } finally {
      deadline.dispose();
      this.#inFlight.delete(deadline);
    }
  }

  async #exchange<T>(call: PlatformCall, base: URL, deadline: Deadline, requestId: string, dataSchema: z.ZodType<T>): Promise<Result<T, PlatformError>> {
    const url = new URL(call.path, base);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {
      accept: 'application/json',
      // Only what we accept, so a well-behaved server never sends br or deflate.
      'accept-encoding': 'gzip, identity',
      'x-terminal-id': this.#terminalId,
      authorization: `Bearer ${this.#token}`,
      'x-request-id': requestId,
    };
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    const init: RequestInit = {
      method: call.method,
      headers,
      // R-N1: no redirect is followed, cross-origin or not; the API never redirects.
      redirect: 'manual',
      signal: deadline.signal,
    };
    if (call.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      init.body = JSON.stringify(call.body);
    }

    let response: Response;
    for (let attempt = 1; ; attempt += 1) {
      try {
        response = await this.#fetch(url, init);
        break;
      } catch (error) {
        const mapped = this.#networkFailure(error, deadline, 'headers');
        const isStaleSocket = RESET_CODES.has(errorCode(error) ?? '') && deadline.cause === null;
        if (call.isRead && attempt === 1 && isStaleSocket) {
          debug('%s %s: reset before headers, retrying once', call.route, requestId);
          continue;
        }
        return err(mapped);
      }
    }
    deadline.headersArrived();
    debug('%s %s: HTTP %d', call.route, requestId, response.status);

    const statusFailure = this.#statusFailure(response);
    if (statusFailure !== undefined) {
      if (statusFailure.readBusinessCode) return this.#clientError(response, deadline, statusFailure.error);
      discard(response);
      return err(statusFailure.error);
    }

    const body = await this.#readJson(response, deadline);
    if (!body.ok) return body;
    const envelope = envelopeSchema.safeParse(body.value);
    if (!envelope.success) return err(failure('badResponse', false, 'platform answer has no {code, data} envelope'));
    const { code, data } = envelope.data;
    if (code === PLATFORM_TEMPORARY_CODE) {
      return err(failure('rateLimited', true, `platform is temporarily busy (business code ${PLATFORM_TEMPORARY_CODE})`));
    }
    if (code !== PLATFORM_OK_CODE) {
      // The platform's own message is left out on purpose: it may echo a name or ID number.
      return err(failure('rejected', false, `platform refused the request (business code ${code})`));
    }
    const parsed = dataSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? 'data' : `data.${issue.path.join('.')}`;
      // Path and issue code only: zod messages never carry values, but paths are enough.
      return err(failure('badResponse', false, `platform answer does not match the API at ${where} (${issue?.code ?? 'invalid'})`));
    }
    return ok(parsed.data);
  }

  /** The failure a status means; `readBusinessCode` when a 4xx body may name a code. */
  #statusFailure(response: Response): { readonly error: PlatformError; readonly readBusinessCode: boolean } | undefined {
    const { status } = response;
    const plain = (error: PlatformError) => ({ error, readBusinessCode: false });
    if (status >= 200 && status <= 299) return undefined;
    if (status >= 300 && status <= 399) {
      const location = response.headers.get('location');
      let where = 'elsewhere';
      if (location !== null && this.#base !== null) {
        try {
          where = new URL(location, this.#base).origin === this.#base.origin ? 'on the same host' : 'to another host';
        } catch {
          where = 'to an unreadable location';
        }
      }
      return plain(failure('badResponse', true, `redirect refused (HTTP ${status} ${where}); a captive portal or proxy may be in the way`));
    }
    const wait = parseRetryAfter(response.headers, this.#now);
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

  /** A 4xx refusal, naming the business code when the body is the API's JSON. */
  async #clientError(response: Response, deadline: Deadline, fallback: PlatformError): Promise<Result<never, PlatformError>> {
    const body = await this.#readJson(response, deadline);
    const envelope = body.ok ? envelopeSchema.safeParse(body.value) : undefined;
    if (envelope?.success !== true) return err(fallback);
    return err(failure('rejected', false, `platform refused the request (HTTP ${response.status}, business code ${envelope.data.code})`));
  }

  /** Encoding, type, size, charset and JSON checks; the parsed document. */
  async #readJson(response: Response, deadline: Deadline): Promise<Result<unknown, PlatformError>> {
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
    const bytes = await this.#readCapped(response, deadline);
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
  async #readCapped(response: Response, deadline: Deadline): Promise<Result<Uint8Array, PlatformError>> {
    const tooBig = () => failure('badResponse', false, `platform answer too big (over ${this.#maxBodyBytes} bytes)`);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.#maxBodyBytes) {
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
        if (total > this.#maxBodyBytes) {
          reader.cancel().catch(() => undefined);
          return err(tooBig());
        }
        chunks.push(value);
      }
    } catch (error) {
      return err(this.#networkFailure(error, deadline, 'body'));
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return ok(bytes);
  }

  /** A thrown fetch or stream error as a PlatformError; the deadline's cause wins. */
  #networkFailure(error: unknown, deadline: Deadline, phase: 'headers' | 'body'): PlatformError {
    switch (deadline.cause) {
      case 'connect':
        return failure('timeout', true, `no answer from the platform within ${this.#connectMs ?? 0} ms`);
      case 'total':
        return phase === 'headers'
          ? failure('timeout', true, `no answer from the platform within ${this.#totalMs} ms`)
          : failure('timeout', true, `platform answer not complete within ${this.#totalMs} ms (sent too slowly)`);
      case 'closed':
        return failure('unreachable', true, 'platform adapter closed while a request was under way');
      case null:
        break;
      default:
        return assertNever(deadline.cause, 'deadline cause');
    }
    const code = errorCode(error);
    const host = this.#base?.host ?? 'the platform';
    if (code === 'ECONNREFUSED') return failure('unreachable', true, `connection refused by ${host}`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return failure('unreachable', true, `host name ${this.#base?.hostname ?? ''} not found (DNS)`);
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
}

/** Drops an unread body so its socket is not left waiting; errors are moot by then. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
