/**
 * Options of the `http` platform adapter, their defaults and limits, and the check that
 * finds a misconfiguration before any request is made (reliability.md R-N1).
 */
import type { PlatformError } from './platform-adapter.js';

/** Whole exchange, from the first byte sent to the last byte of the answer read. */
export const DEFAULT_PLATFORM_TOTAL_MS = 8000;
/** Largest answer read (after gzip is undone); a real answer is a few kilobytes. */
export const DEFAULT_PLATFORM_MAX_BODY_BYTES = 1024 * 1024;
/**
 * The slowest uplink a large delivery must still get through, in bytes per second: 64 KiB/s
 * (~0.5 Mbit/s, a weak 4G router or a congested 政务外网 line in a hall). An application
 * carries its materials PDF and signed 告知承诺书 as base64 — several MB — and the platform
 * answers only after the last byte arrived, so a fixed 8 s deadline would time out every
 * upload over such a link and the worker would resend it forever. Each request's deadlines
 * (headers and total) therefore grow by `uploadAllowanceMs`: a 10 MB body gets about 2½
 * minutes more. The price: a link that dies mid-upload is noticed only then. That is
 * acceptable because deliveries run in the sync worker, in the background; the citizen's
 * receipt need not wait for them (it carries the terminal's 申报编号).
 */
export const DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND = 64 * 1024;
/**
 * Bytes of request body covered by the configured deadlines alone: reads and evaluations are
 * a few KB and keep exactly the deadlines configured.
 */
export const UPLOAD_FREE_BYTES = 64 * 1024;
/**
 * Largest request body sent (the JSON as UTF-8): the API's limits on an application
 * (docs/platform-api.yaml: materials PDF ≤ 32 MiB and 告知承诺书 ≤ 4 MiB as base64, plus
 * the form) with room to spare. A bigger outbox record can never be delivered: it is refused
 * as `rejected`, not retryable, without a request, so the worker quarantines it.
 */
export const MAX_PLATFORM_REQUEST_BYTES = 40 * 1024 * 1024;
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
    /**
     * The slowest uplink an upload must get through: both deadlines above grow by the time a
     * request body beyond `UPLOAD_FREE_BYTES` takes at this rate (see `uploadAllowanceMs`).
     * Default `DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND`.
     */
    readonly minUploadBytesPerSecond?: number;
  };
  /** Cap on the answer's decoded size, in bytes. Default `DEFAULT_PLATFORM_MAX_BODY_BYTES`. */
  readonly maxBodyBytes?: number;
  /** Injectable for tests; default the global fetch (undici), which verifies TLS. */
  readonly fetch?: typeof fetch;
  /** Our clock in ms since the epoch, for an HTTP-date `Retry-After` without a `Date`. */
  readonly now?: () => number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Header-safe visible ASCII; a CR/LF in a header value would be header injection. */
const HEADER_TOKEN = /^[\x21-\x7e]{1,512}$/u;

/** A `PlatformError`, with `retryAfterMs` only when there is one (exactOptionalPropertyTypes). */
export function failure(kind: PlatformError['kind'], isRetryable: boolean, message: string, retryAfterMs?: number): PlatformError {
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
  const { connectMs, totalMs, minUploadBytesPerSecond } = options.timeouts ?? {};
  const limits = [
    ['connectMs', connectMs],
    ['totalMs', totalMs],
    ['minUploadBytesPerSecond', minUploadBytesPerSecond],
    ['maxBodyBytes', options.maxBodyBytes],
  ] as const;
  for (const [name, value] of limits) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) return misconfigured(`${name} must be a positive integer`);
  }
  return null;
}

/**
 * Extra time, in ms, a request body of `bodyBytes` needs on an uplink of `bytesPerSecond`
 * beyond what the configured deadlines cover: 0 up to `UPLOAD_FREE_BYTES`, then linear.
 */
export function uploadAllowanceMs(bodyBytes: number, bytesPerSecond: number): number {
  return Math.ceil((Math.max(0, bodyBytes - UPLOAD_FREE_BYTES) * 1000) / bytesPerSecond);
}
