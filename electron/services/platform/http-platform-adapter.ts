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
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { assertNever, err, ok } from '../../../hardware/result.js';
import type { Result } from '../../../hardware/result.js';
import { Deadline } from './http-deadline.js';
import { exchange, jsonBody } from './http-exchange.js';
import type { ExchangeSettings, PlatformCall, Route } from './http-exchange.js';
import {
  DEFAULT_PLATFORM_MAX_BODY_BYTES,
  DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND,
  DEFAULT_PLATFORM_TOTAL_MS,
  MAX_CASES_PER_QUERY,
  MAX_PLATFORM_REQUEST_BYTES,
  checkHttpPlatformOptions,
  failure,
  uploadAllowanceMs,
} from './http-platform-options.js';
import type { HttpPlatformAdapterOptions } from './http-platform-options.js';
import {
  appointmentListSchema,
  appointmentOrNullSchema,
  applicationAckSchema,
  caseListSchema,
  caseOrNullSchema,
  deliveryAckSchema,
} from './http-platform-schemas.js';
import type {
  AppointmentRecord,
  CaseRecord,
  DeliveryAck,
  OutboxDelivery,
  PlatformAdapter,
  PlatformError,
  PlatformHolder,
} from './platform-adapter.js';

export { sanitizePlatformText, PLATFORM_TEXT_MAX_CHARS } from './http-platform-schemas.js';
export {
  DEFAULT_PLATFORM_MAX_BODY_BYTES,
  DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND,
  DEFAULT_PLATFORM_TOTAL_MS,
  MAX_CASES_PER_QUERY,
  MAX_PLATFORM_REQUEST_BYTES,
  MAX_RETRY_AFTER_MS,
  PLATFORM_OK_CODE,
  PLATFORM_TEMPORARY_CODE,
  UPLOAD_FREE_BYTES,
  checkHttpPlatformOptions,
  uploadAllowanceMs,
} from './http-platform-options.js';
export type { HttpPlatformAdapterOptions } from './http-platform-options.js';
export { parseRetryAfter } from './http-exchange-failures.js';

const debug = createDebug('kiosk:services:platform-http');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * Talks to a government service platform by `docs/platform-api.yaml`.
 *
 * Error kinds and `isRetryable` (the sync worker retries only retryable ones):
 * - `unreachable` (retryable): refused, DNS failure, reset, closed mid-answer, certificate
 *   refused (an expired or wrong certificate is fixed on the platform's side, or is a
 *   captive portal's, and passes).
 * - `timeout` (retryable): `connectMs` before the headers, `totalMs` for the whole exchange
 *   (a 1-byte-per-second drip ends here), HTTP 408. Both grow with a large request body
 *   (`uploadAllowanceMs`), since the platform answers only once the upload is in.
 * - `rateLimited` (retryable): HTTP 429; 503 with a `Retry-After`; business code 9999.
 * - `badResponse`: retryable when the answer looks like something in between (5xx, any
 *   redirect, HTML or another content type — captive portals and proxy error pages), or a
 *   delivery ack for another key (the record's effect is unknown, and the key makes a
 *   retry harmless); not retryable when the platform answered deterministically wrong
 *   (too big, gzip bomb, encoding or charset refused, invalid JSON, `__proto__`, schema —
 *   an application's case number or verification code in a form the kiosk cannot look up
 *   again included: a replay would get the same stored answer).
 * - `rejected` (not retryable): business code ≠ 0, or a 4xx other than 401/403/404/408/429
 *   (409: the key was used with another body; 413: the body is too big for the platform);
 *   an outbox record whose key is not a UUID or whose body is over
 *   `MAX_PLATFORM_REQUEST_BYTES` (refused without a request).
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
  /** Null when misconfigured. */
  readonly #settings: ExchangeSettings | null;
  readonly #inFlight = new Set<Deadline>();
  #isClosed = false;

  constructor(options: HttpPlatformAdapterOptions) {
    this.misconfiguration = checkHttpPlatformOptions(options);
    this.#settings =
      this.misconfiguration === null
        ? {
            // A trailing slash makes relative paths resolve below the base path, not beside it.
            base: new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`),
            terminalId: options.terminalId,
            token: options.token,
            connectMs: options.timeouts?.connectMs,
            totalMs: options.timeouts?.totalMs ?? DEFAULT_PLATFORM_TOTAL_MS,
            minUploadBytesPerSecond: options.timeouts?.minUploadBytesPerSecond ?? DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND,
            maxBodyBytes: options.maxBodyBytes ?? DEFAULT_PLATFORM_MAX_BODY_BYTES,
            fetch: options.fetch ?? fetch,
            now: options.now ?? Date.now,
          }
        : null;
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
      { route: 'casesOfHolder', method: 'POST', path: 'v1/cases/query-by-holder', body: jsonBody({ idNumber: holder.idNumber, limit }), isRead: true },
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
        body: jsonBody({ idNumber: holder.idNumber, day }),
        isRead: true,
      },
      appointmentListSchema,
    );
    return answer.ok ? ok(answer.value.appointments) : answer;
  }

  /**
   * Sends one outbox record with its key as `Idempotency-Key`. Evaluations and check-ins
   * answer `recorded`; an application answers `caseFiled` with the platform's 办件编号,
   * 查询码 and promised date — the same case on every redelivery of the key.
   */
  async deliver(delivery: OutboxDelivery): Promise<Result<DeliveryAck, PlatformError>> {
    if (!UUID.test(delivery.idempotencyKey)) {
      // A bad record, not a bad platform: refusing it lets the worker quarantine it.
      return err(failure('rejected', false, 'outbox record has an idempotency key that is not a UUID'));
    }
    const body = jsonBody(delivery.payload);
    if (body.byteLength > MAX_PLATFORM_REQUEST_BYTES) {
      return err(failure('rejected', false, `outbox record too big to send (${body.byteLength} bytes, at most ${MAX_PLATFORM_REQUEST_BYTES})`));
    }
    const { idempotencyKey } = delivery;
    const post = (route: Route, path: string) => ({ route, method: 'POST', path, body, idempotencyKey, isRead: false }) as const;
    switch (delivery.kind) {
      case 'evaluation':
        return this.#recorded(await this.#call(post('evaluation', 'v1/evaluations'), deliveryAckSchema), delivery);
      case 'checkIn':
        return this.#recorded(await this.#call(post('checkIn', 'v1/check-ins'), deliveryAckSchema), delivery);
      case 'application': {
        const answer = this.#confirmed(await this.#call(post('application', 'v1/applications'), applicationAckSchema), delivery);
        if (!answer.ok) return answer;
        const { caseNumber, verifier, promisedDate } = answer.value;
        return ok({ kind: 'caseFiled', caseNumber, verifier, promisedDate });
      }
      default:
        return assertNever(delivery, 'outbox delivery');
    }
  }

  #recorded(answer: Result<{ readonly idempotencyKey: string }, PlatformError>, delivery: OutboxDelivery): Result<DeliveryAck, PlatformError> {
    const confirmed = this.#confirmed(answer, delivery);
    return confirmed.ok ? ok({ kind: 'recorded' }) : confirmed;
  }

  /** The ack, if it is for this delivery's key. */
  #confirmed<T extends { readonly idempotencyKey: string }>(answer: Result<T, PlatformError>, delivery: OutboxDelivery): Result<T, PlatformError> {
    if (!answer.ok) return answer;
    if (answer.value.idempotencyKey.toLowerCase() !== delivery.idempotencyKey.toLowerCase()) {
      debug('%s: ack for another idempotency key', delivery.kind);
      return err(failure('badResponse', true, 'ack for unknown or mismatched idempotency key; the delivery is not confirmed'));
    }
    return answer;
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
    if (this.#isClosed || this.#settings === null) return err(failure('misconfigured', false, 'platform adapter is closed'));
    const { totalMs, connectMs, minUploadBytesPerSecond } = this.#settings;
    const extraMs = uploadAllowanceMs(call.body?.byteLength ?? 0, minUploadBytesPerSecond);
    const deadline = new Deadline(totalMs + extraMs, connectMs === undefined ? undefined : connectMs + extraMs);
    this.#inFlight.add(deadline);
    const requestId = randomUUID();
    const startedAt = performance.now();
    try {
      const result = await exchange(this.#settings, call, deadline, requestId, dataSchema);
      const ms = Math.round(performance.now() - startedAt);
      if (result.ok) debug('%s %s ok in %d ms', call.route, requestId, ms);
      else debug('%s %s failed in %d ms: %s (%s)', call.route, requestId, ms, result.error.kind, result.error.message);
      return result;
    } finally {
      deadline.dispose();
      this.#inFlight.delete(deadline);
    }
  }
}
