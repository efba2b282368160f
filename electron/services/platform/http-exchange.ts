/**
 * One platform exchange: build the request → fetch with a deadline → refuse redirects → map
 * the status → read the body (see `http-exchange-body.ts`) → check the `{code, data}`
 * envelope and its business code → validate `data` with zod. Never throws for anything the
 * platform or network does.
 */
import createDebug from 'debug';
import type { z } from 'zod';
import { err, ok } from '../../../hardware/result.js';
import type { Result } from '../../../hardware/result.js';
import type { Deadline } from './http-deadline.js';
import { discard, readJson } from './http-exchange-body.js';
import { RESET_CODES, errorCode, networkFailure, statusFailure } from './http-exchange-failures.js';
import { PLATFORM_OK_CODE, PLATFORM_TEMPORARY_CODE, failure } from './http-platform-options.js';
import { envelopeSchema } from './http-platform-schemas.js';
import type { PlatformError } from './platform-adapter.js';

const debug = createDebug('kiosk:services:platform-http');

export type Route = 'findCase' | 'casesOfHolder' | 'findAppointment' | 'appointmentsOfHolder' | 'evaluation' | 'checkIn' | 'application';

export interface PlatformCall {
  readonly route: Route;
  readonly method: 'GET' | 'POST';
  /** Path below the base URL, each segment already encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /**
   * The JSON body, already encoded (`jsonBody`): its size sets the deadlines of the
   * exchange before it starts, and a multi-MB application is serialised only once.
   */
  readonly body?: Uint8Array<ArrayBuffer>;
  readonly idempotencyKey?: string;
  /**
   * Reads may be retried once, at once, after a reset before any header arrived: that is
   * almost always a pooled keep-alive socket the server had already closed, and the read
   * has no effect to repeat. Deliveries are never retried here (the worker owns that).
   */
  readonly isRead: boolean;
}

/** What every exchange of one adapter shares, checked by `checkHttpPlatformOptions`. */
export interface ExchangeSettings {
  /** The base URL, ending in `/` so relative paths resolve below it. */
  readonly base: URL;
  readonly terminalId: string;
  /** Bearer token; never logged. */
  readonly token: string;
  readonly connectMs: number | undefined;
  readonly totalMs: number;
  /** Both deadlines grow by the body's `uploadAllowanceMs` at this rate. */
  readonly minUploadBytesPerSecond: number;
  readonly maxBodyBytes: number;
  readonly fetch: typeof fetch;
  readonly now: () => number;
}

/** A request body as UTF-8 JSON bytes. */
export function jsonBody(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** One request and its answer under `deadline`, which the caller creates and disposes. */
export async function exchange<T>(
  settings: ExchangeSettings,
  call: PlatformCall,
  deadline: Deadline,
  requestId: string,
  dataSchema: z.ZodType<T>,
): Promise<Result<T, PlatformError>> {
  const { base } = settings;
  const url = new URL(call.path, base);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = {
    accept: 'application/json',
    // Only what we accept, so a well-behaved server never sends br or deflate.
    'accept-encoding': 'gzip, identity',
    'x-terminal-id': settings.terminalId,
    authorization: `Bearer ${settings.token}`,
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
    // Sent with its Content-Length (no chunking): gateways in front of platforms often
    // refuse chunked uploads, and the platform can refuse an oversized one (413) at once.
    headers['content-type'] = 'application/json; charset=utf-8';
    init.body = call.body;
  }

  let response: Response;
  for (let attempt = 1; ; attempt += 1) {
    try {
      response = await settings.fetch(url, init);
      break;
    } catch (error) {
      const mapped = networkFailure(error, deadline, 'headers', base);
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

  const byStatus = statusFailure(response, base, settings.now);
  if (byStatus !== undefined) {
    if (byStatus.readBusinessCode) return clientError(response, deadline, settings, byStatus.error);
    discard(response);
    return err(byStatus.error);
  }

  const body = await readJson(response, deadline, base, settings.maxBodyBytes);
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

/** A 4xx refusal, naming the business code when the body is the API's JSON. */
async function clientError(response: Response, deadline: Deadline, settings: ExchangeSettings, fallback: PlatformError): Promise<Result<never, PlatformError>> {
  const body = await readJson(response, deadline, settings.base, settings.maxBodyBytes);
  const envelope = body.ok ? envelopeSchema.safeParse(body.value) : undefined;
  if (envelope?.success !== true) return err(fallback);
  return err(failure('rejected', false, `platform refused the request (HTTP ${response.status}, business code ${envelope.data.code})`));
}
