/**
 * reliability.md R-N1, table (c) "Government platform responses": each fault the loopback
 * platform can inject yields the right PlatformError kind and retryability, within a short
 * deadline, and deliveries stay at one effect per key (R-D5) when only the ack was spoiled.
 * The delivery rows run for an evaluation and for an application (issue #6) alike.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../electron/services/platform/http-platform-adapter.js';
import type { HttpPlatformAdapterOptions } from '../../electron/services/platform/http-platform-adapter.js';
import type { DeliveryAck, EvaluationUpload, OutboxDelivery, PlatformError } from '../../electron/services/platform/platform-adapter.js';
import type { Result } from '../../hardware/result.js';
import {
  SAMPLE_ID_NUMBER,
  TEST_PLATFORM_TOKEN,
  sampleAppointment,
  sampleApplication,
  sampleCase,
  startPlatformTestServer,
} from '../support/platform-test-server.js';
import type { PlatformFault, PlatformRoute, PlatformTestServer } from '../support/platform-test-server.js';

/** Small deadlines so every fault is over quickly; a fault must not outlive them by much. */
const TOTAL_MS = 300;
const CONNECT_MS = 150;
/** What "within a short deadline" means here: the deadline plus scheduling slack. */
const PROMPT_MS = 1500;
const CASE_NUMBER = '320700-2024-000123';
const VERIFIER = '8K3P';

let server: PlatformTestServer | undefined;
let adapter: HttpPlatformAdapter | undefined;

afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
});

async function start(options: Partial<HttpPlatformAdapterOptions> = {}, clockSkewMs = 0): Promise<{ server: PlatformTestServer; adapter: HttpPlatformAdapter }> {
  server = await startPlatformTestServer({ clockSkewMs });
  server.store.addCase(sampleCase(), { verifier: VERIFIER });
  adapter = new HttpPlatformAdapter({
    baseUrl: server.url,
    terminalId: 'LYG-HALL-01',
    token: TEST_PLATFORM_TOKEN,
    timeouts: { totalMs: TOTAL_MS },
    ...options,
  });
  return { server, adapter };
}

function evaluationDelivery(): OutboxDelivery {
  const payload: EvaluationUpload = {
    evaluationId: randomUUID(),
    level: 5,
    reasons: [],
    phone: null,
    isFollowUp: false,
    caseNumber: null,
    ticketNumber: 'A001',
    windowId: 'w1',
    staffId: null,
    terminalId: 'LYG-HALL-01',
    channel: 'pad',
    ratedAt: '2024-05-02T10:15:00+08:00',
  };
  return { kind: 'evaluation', idempotencyKey: randomUUID(), payload };
}

function applicationDelivery(): OutboxDelivery {
  return { kind: 'application', idempotencyKey: randomUUID(), payload: sampleApplication() };
}

/** Runs `call`, returning its error and how long it took; fails if it succeeded. */
async function failureOf(call: () => Promise<Result<unknown, PlatformError>>): Promise<{ error: PlatformError; ms: number }> {
  const startedAt = performance.now();
  const result = await call();
  const ms = performance.now() - startedAt;
  if (result.ok) throw new Error('expected a failure, got a value');
  return { error: result.error, ms };
}

/** One fault on `findCase`: its kind, retryability and message words. */
async function findCaseFailure(fault: PlatformFault, options: Partial<HttpPlatformAdapterOptions> = {}): Promise<{ error: PlatformError; ms: number }> {
  const { server, adapter } = await start(options);
  server.faults.always('findCase', fault);
  return failureOf(() => adapter.findCase(CASE_NUMBER, VERIFIER));
}

describe('deadlines', () => {
  it('headers later than connectMs → timeout, retryable, at connectMs', async () => {
    const { error, ms } = await findCaseFailure({ kind: 'delayHeaders', ms: 2000 }, { timeouts: { connectMs: CONNECT_MS, totalMs: 1000 } });

    expect(error).toEqual({ kind: 'timeout', isRetryable: true, message: `no answer from the platform within ${CONNECT_MS} ms` });
    expect(ms).toBeLessThan(900);
  });

  it('headers later than totalMs → timeout, retryable', async () => {
    const { error, ms } = await findCaseFailure({ kind: 'delayHeaders', ms: 2000 });

    expect(error).toEqual({ kind: 'timeout', isRetryable: true, message: `no answer from the platform within ${TOTAL_MS} ms` });
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('a body dripping 1 byte per 50 ms → timeout at totalMs, retryable', async () => {
    const { error, ms } = await findCaseFailure({ kind: 'drip', intervalMs: 50 });

    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
    expect(error.message).toContain('not complete within 300 ms');
    expect(ms).toBeGreaterThanOrEqual(TOTAL_MS - 20);
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('close() aborts an exchange under way → unreachable, retryable', async () => {
    const { server, adapter } = await start({ timeouts: { totalMs: 5000 } });
    server.faults.always('findCase', { kind: 'delayHeaders', ms: 2000 });

    const pending = adapter.findCase(CASE_NUMBER, VERIFIER);
    await new Promise<void>((resolve) => {
      const poll = () => (server.requests.length > 0 ? resolve() : setImmediate(poll));
      poll();
    });
    await adapter.close();

    const { error } = await failureOf(() => pending);
    expect(error).toMatchObject({ kind: 'unreachable', isRetryable: true });
  });
});

describe('connections', () => {
  it('connection refused → unreachable, retryable', async () => {
    // A port that was just free: bind, note, close.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = new HttpPlatformAdapter({ baseUrl: `http://127.0.0.1:${port}/`, terminalId: 'T1', token: 't', timeouts: { totalMs: TOTAL_MS } });
    adapter = refused;

    const { error, ms } = await failureOf(() => refused.findCase(CASE_NUMBER, VERIFIER));

    expect(error).toEqual({ kind: 'unreachable', isRetryable: true, message: `connection refused by 127.0.0.1:${port}` });
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('DNS failure → unreachable, retryable', async () => {
    const dnsFailure: typeof fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }));
    const lost = new HttpPlatformAdapter({ baseUrl: 'https://zwfw.invalid/', terminalId: 'T1', token: 't', fetch: dnsFailure });
    adapter = lost;

    const { error } = await failureOf(() => lost.findCase(CASE_NUMBER, VERIFIER));

    expect(error).toEqual({ kind: 'unreachable', isRetryable: true, message: 'host name zwfw.invalid not found (DNS)' });
  });

  it('a read reset before the headers is retried once, at once, and succeeds', async () => {
    const { server, adapter } = await start();
    server.faults.next('findCase', { kind: 'resetBeforeHeaders' });

    expect(await adapter.findCase(CASE_NUMBER, VERIFIER)).toEqual({ ok: true, value: sampleCase() });
    expect(server.requests).toHaveLength(2);
  });

  it('a read reset twice → unreachable, retryable, after exactly one retry', async () => {
    const { error } = await findCaseFailure({ kind: 'resetBeforeHeaders' });

    expect(error).toMatchObject({ kind: 'unreachable', isRetryable: true });
    expect(error.message).toContain('reset before an answer');
    expect(server?.requests).toHaveLength(2);
  });

  it('reset mid-body → unreachable, retryable, not retried', async () => {
    const { error } = await findCaseFailure({ kind: 'resetMidBody' });

    expect(error).toMatchObject({ kind: 'unreachable', isRetryable: true });
    expect(error.message).toContain('closed in the middle of the answer');
    expect(server?.requests).toHaveLength(1);
  });

  it('truncated body (Content-Length more than sent) → unreachable, retryable', async () => {
    const { error, ms } = await findCaseFailure({ kind: 'truncated' });

    expect(error).toMatchObject({ kind: 'unreachable', isRetryable: true });
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('a redirect to another host is refused, not followed → badResponse, retryable', async () => {
    const { error } = await findCaseFailure({ kind: 'redirect', location: 'http://evil.example/v1/cases/x' });

    expect(error).toEqual({
      kind: 'badResponse',
      isRetryable: true,
      message: 'redirect refused (HTTP 302 to another host); a captive portal or proxy may be in the way',
    });
    expect(server?.requests).toHaveLength(1);
  });

  it('a same-host redirect is refused too', async () => {
    const { error } = await findCaseFailure({ kind: 'redirect', location: '/v2/cases/x', status: 308 });

    expect(error.message).toContain('redirect refused (HTTP 308 on the same host)');
  });
});

describe('status codes and business codes', () => {
  it('5xx HTML error page → badResponse, retryable', async () => {
    const { error } = await findCaseFailure({ kind: 'serverErrorPage', status: 502 });

    expect(error).toEqual({ kind: 'badResponse', isRetryable: true, message: 'platform server error (HTTP 502)' });
  });

  it('503 without Retry-After is a server error, not a rate limit', async () => {
    const { error } = await findCaseFailure({ kind: 'serverErrorPage', status: 503 });

    expect(error).toMatchObject({ kind: 'badResponse', isRetryable: true });
  });

  it('200 with business code 9999 → rateLimited (temporary), retryable', async () => {
    const { error } = await findCaseFailure({ kind: 'businessCode', code: '9999' });

    expect(error).toEqual({ kind: 'rateLimited', isRetryable: true, message: 'platform is temporarily busy (business code 9999)' });
  });

  it('200 with a business refusal → rejected, not retryable, the platform text left out', async () => {
    const { error } = await findCaseFailure({ kind: 'businessCode', code: '3001', message: '<script>alert(1)</script>\u202E张三' });

    expect(error).toEqual({ kind: 'rejected', isRetryable: false, message: 'platform refused the request (business code 3001)' });
  });

  it('a numeric business code is read as its string', async () => {
    const { error } = await findCaseFailure({ kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '{"code":9999}' });

    expect(error.kind).toBe('rateLimited');
  });

  it('429 with Retry-After seconds → rateLimited, retryable, retryAfterMs', async () => {
    const { error } = await findCaseFailure({ kind: 'rateLimited', retryAfter: '7' });

    expect(error).toEqual({ kind: 'rateLimited', isRetryable: true, retryAfterMs: 7000, message: 'platform asks to slow down (HTTP 429)' });
  });

  it('429 without Retry-After → rateLimited without a delay', async () => {
    const { error } = await findCaseFailure({ kind: 'rateLimited' });

    expect(error).toEqual({ kind: 'rateLimited', isRetryable: true, message: 'platform asks to slow down (HTTP 429)' });
  });

  it('503 with an HTTP-date Retry-After from a clock 5 hours fast → the 30 s it meant', async () => {
    const skew = 5 * 3600 * 1000;
    const { server, adapter } = await start({}, skew);
    server.faults.always('findCase', { kind: 'rateLimited', status: 503, retryAfter: new Date(Date.now() + skew + 30_000).toUTCString() });

    const { error } = await failureOf(() => adapter.findCase(CASE_NUMBER, VERIFIER));

    expect(error.kind).toBe('rateLimited');
    // HTTP-dates have 1 s resolution; the skew cancels out instead of becoming 5 h.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(28_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(31_000);
  });

  it('408 → timeout, retryable; other 4xx → rejected, not retryable', async () => {
    expect((await findCaseFailure({ kind: 'raw', status: 408, body: '' })).error).toMatchObject({ kind: 'timeout', isRetryable: true });
    await server?.close();
    await adapter?.close();
    const { error } = await findCaseFailure({ kind: 'raw', status: 422, headers: { 'content-type': 'text/plain' }, body: 'nope' });
    expect(error).toEqual({ kind: 'rejected', isRetryable: false, message: 'platform refused the request (HTTP 422)' });
  });
});

describe('bodies', () => {
  it('a gzip bomb (small on the wire, over the cap inflated) → badResponse "too big", not retryable', async () => {
    // The server gzips 20 MB in this process first: the deadline is not what is tested.
    const { error, ms } = await findCaseFailure({ kind: 'gzipBomb', inflatedBytes: 20 * 1024 * 1024 }, { maxBodyBytes: 64 * 1024, timeouts: { totalMs: 5000 } });

    expect(error).toEqual({ kind: 'badResponse', isRetryable: false, message: 'platform answer too big (over 65536 bytes)' });
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('a 100 MB body without Content-Length is cut off at the cap', async () => {
    const { error, ms } = await findCaseFailure({ kind: 'hugeBody', bytes: 100 * 1024 * 1024 }, { timeouts: { totalMs: 5000 } });

    expect(error).toMatchObject({ kind: 'badResponse', isRetryable: false });
    expect(error.message).toContain('too big');
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('a 100 MB Content-Length is refused before reading', async () => {
    const { error } = await findCaseFailure({ kind: 'hugeBody', bytes: 100 * 1024 * 1024, declareLength: true }, { timeouts: { totalMs: 5000 } });

    expect(error.message).toContain('too big');
  });

  it('a captive portal page (200 text/html) → badResponse "not the platform API", retryable', async () => {
    const { error } = await findCaseFailure({ kind: 'contentType' });

    expect(error).toEqual({ kind: 'badResponse', isRetryable: true, message: 'not the platform API (got text/html)' });
  });

  it('JSON under another content type is refused too', async () => {
    const { error } = await findCaseFailure({ kind: 'contentType', contentType: 'text/plain', body: '{"code":"0","data":null}' });

    expect(error.message).toBe('not the platform API (got text/plain)');
  });

  it.each([
    ['br', 'content encoding "br" refused'],
    ['deflate', 'content encoding "deflate" refused'],
  ])('Content-Encoding %s → badResponse, not retryable', async (encoding, words) => {
    const { error } = await findCaseFailure({ kind: 'contentEncoding', encoding });

    expect(error).toMatchObject({ kind: 'badResponse', isRetryable: false });
    expect(error.message).toContain(words);
  });

  it('an unsupported charset → badResponse', async () => {
    const { error } = await findCaseFailure({ kind: 'raw', status: 200, headers: { 'content-type': 'application/json; charset=big5' }, body: '{}' });

    expect(error.message).toContain('charset "big5" not supported');
  });

  it('invalid UTF-8 → badResponse', async () => {
    const body = new Uint8Array([...Buffer.from('{"code":"0","data":"'), 0xff, 0xfe, ...Buffer.from('"}')]);
    const { error } = await findCaseFailure({ kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body });

    expect(error.message).toBe('platform answer is not valid UTF-8');
  });

  it.each([
    ['not JSON', '{"code":"0","data":', 'platform answer is not valid JSON'],
    ['__proto__', '{"code":"0","data":null,"__proto__":{"isAdmin":true}}', 'platform answer contains a forbidden key (__proto__)'],
    ['nested constructor', '{"code":"0","data":{"constructor":{"prototype":{}}}}', 'platform answer contains a forbidden key (prototype)'],
    ['no envelope', '[1,2,3]', 'platform answer has no {code, data} envelope'],
    ['wrong schema', '{"code":"0","data":{"caseNumber":"320700-2024-000123"}}', 'platform answer does not match the API at data.itemCode (invalid_type)'],
    ['no data', '{"code":"0"}', 'platform answer does not match the API at data (invalid_type)'],
  ])('%s → badResponse, not retryable', async (_name, body, message) => {
    const { error } = await findCaseFailure({ kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body });

    expect(error).toEqual({ kind: 'badResponse', isRetryable: false, message });
  });

  it('a date without offset is refused', async () => {
    const { server, adapter } = await start();
    server.store.addAppointment(sampleAppointment({ slotStart: '2024-05-02T09:00:00' }), { verifier: '1' });

    const { error } = await failureOf(() => adapter.findAppointment('YY20240502001', '1'));

    expect(error.message).toContain('data.slotStart');
  });

  it('an answer about another case than the one asked for → badResponse', async () => {
    const { server, adapter } = await start();
    server.faults.always('findCase', {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '0', data: sampleCase({ caseNumber: 'SOMEONE-ELSE' }) }),
    });

    const { error } = await failureOf(() => adapter.findCase(CASE_NUMBER, VERIFIER));

    expect(error).toEqual({ kind: 'badResponse', isRetryable: true, message: 'platform answered with another case than the one asked for' });
  });
});

/**
 * The deliveries every fault row runs against: the route the server files them under and
 * the ack a sound answer gives (an application's is the case the server filed for it).
 */
interface DeliverySort {
  readonly name: string;
  readonly route: PlatformRoute;
  readonly make: () => OutboxDelivery;
  readonly ackOf: (server: PlatformTestServer, key: string) => DeliveryAck | undefined;
}

const DELIVERY_SORTS: readonly DeliverySort[] = [
  { name: 'evaluation', route: 'evaluations', make: evaluationDelivery, ackOf: () => ({ kind: 'recorded' }) },
  {
    name: 'application',
    route: 'applications',
    make: applicationDelivery,
    ackOf: (server, key) => {
      const filed = server.store.applications.find((a) => a.idempotencyKey === key);
      return filed && { kind: 'caseFiled', caseNumber: filed.caseNumber, verifier: filed.verifier, promisedDate: filed.promisedDate };
    },
  },
];

/** One fault row: what the first delivery must answer. */
interface FaultRow {
  readonly name: string;
  readonly fault: PlatformFault;
  readonly kind: PlatformError['kind'];
  readonly isRetryable: boolean;
  /** Exact message, when the row pins it. */
  readonly message?: string;
  readonly retryAfterMs?: number;
  readonly options?: Partial<HttpPlatformAdapterOptions>;
}

const SCRIPT = '<script>alert(1)</script>';

/** Garblers: the platform did its work, only the ack was lost or spoiled on the wire. */
const SPOILERS: readonly FaultRow[] = [
  { name: 'reset before headers', fault: { kind: 'resetBeforeHeaders' }, kind: 'unreachable', isRetryable: true },
  { name: 'reset mid-body', fault: { kind: 'resetMidBody' }, kind: 'unreachable', isRetryable: true },
  { name: 'truncated body', fault: { kind: 'truncated' }, kind: 'unreachable', isRetryable: true },
  {
    name: 'headers later than connectMs',
    fault: { kind: 'delayHeaders', ms: 2000 },
    kind: 'timeout',
    isRetryable: true,
    message: `no answer from the platform within ${CONNECT_MS} ms`,
    options: { timeouts: { connectMs: CONNECT_MS, totalMs: 1000 } },
  },
  { name: 'headers later than totalMs', fault: { kind: 'delayHeaders', ms: 2000 }, kind: 'timeout', isRetryable: true, message: `no answer from the platform within ${TOTAL_MS} ms` },
  { name: '1 byte per 50 ms drip', fault: { kind: 'drip', intervalMs: 50 }, kind: 'timeout', isRetryable: true, message: `platform answer not complete within ${TOTAL_MS} ms (sent too slowly)` },
  {
    name: 'ack for another key',
    fault: { kind: 'mismatchedAck' },
    kind: 'badResponse',
    isRetryable: true,
    message: 'ack for unknown or mismatched idempotency key; the delivery is not confirmed',
  },
];

/** Stand-ins that pass (portals, proxies, a busy platform): nothing happened; try again. */
const PASSING_STAND_INS: readonly FaultRow[] = [
  { name: '5xx HTML page', fault: { kind: 'serverErrorPage' }, kind: 'badResponse', isRetryable: true, message: 'platform server error (HTTP 502)' },
  { name: 'busy 9999', fault: { kind: 'businessCode', code: '9999' }, kind: 'rateLimited', isRetryable: true, message: 'platform is temporarily busy (business code 9999)' },
  {
    name: '429 + Retry-After',
    fault: { kind: 'rateLimited', retryAfter: '7' },
    kind: 'rateLimited',
    isRetryable: true,
    retryAfterMs: 7000,
    message: 'platform asks to slow down (HTTP 429)',
  },
  { name: 'captive portal HTML', fault: { kind: 'contentType' }, kind: 'badResponse', isRetryable: true, message: 'not the platform API (got text/html)' },
  {
    name: 'JSON as text/plain',
    fault: { kind: 'contentType', contentType: 'text/plain', body: '{"code":"0","data":null}' },
    kind: 'badResponse',
    isRetryable: true,
    message: 'not the platform API (got text/plain)',
  },
  {
    name: 'cross-host redirect',
    fault: { kind: 'redirect', location: 'https://portal.example/login' },
    kind: 'badResponse',
    isRetryable: true,
    message: 'redirect refused (HTTP 302 to another host); a captive portal or proxy may be in the way',
  },
];

/** Deterministic answers: the same request gets the same answer, so the record is quarantined. */
const REFUSALS: readonly FaultRow[] = [
  {
    name: 'business refusal with script and personal data in its message',
    fault: { kind: 'businessCode', code: '2102', message: `${SCRIPT}\u202E张三 ${SAMPLE_ID_NUMBER}` },
    kind: 'rejected',
    isRetryable: false,
    message: 'platform refused the request (business code 2102)',
  },
  {
    name: 'gzip bomb',
    fault: { kind: 'gzipBomb', inflatedBytes: 20 * 1024 * 1024 },
    kind: 'badResponse',
    isRetryable: false,
    message: 'platform answer too big (over 65536 bytes)',
    // The server gzips 20 MB in this process first; the deadline is not what is tested.
    options: { maxBodyBytes: 64 * 1024, timeouts: { totalMs: 5000 } },
  },
  {
    name: '100 MB body',
    fault: { kind: 'hugeBody', bytes: 100 * 1024 * 1024 },
    kind: 'badResponse',
    isRetryable: false,
    message: 'platform answer too big (over 1048576 bytes)',
    options: { timeouts: { totalMs: 5000 } },
  },
  {
    name: 'unsupported charset',
    fault: { kind: 'raw', status: 200, headers: { 'content-type': 'application/json; charset=big5' }, body: '{}' },
    kind: 'badResponse',
    isRetryable: false,
    message: 'charset "big5" not supported (UTF-8 or GBK)',
  },
];

describe.each(DELIVERY_SORTS)('$name deliveries under faults (R-D5: one effect per key)', ({ route, make, ackOf }) => {
  /** The first delivery's error under `row`, checked against the row and kept short. */
  async function firstFailure(server: PlatformTestServer, adapter: HttpPlatformAdapter, delivery: OutboxDelivery, row: FaultRow): Promise<PlatformError> {
    server.faults.next(route, row.fault);
    const { error, ms } = await failureOf(() => adapter.deliver(delivery));
    expect(error).toMatchObject({ kind: row.kind, isRetryable: row.isRetryable });
    if (row.message !== undefined) expect(error.message).toBe(row.message);
    expect(error.retryAfterMs).toBe(row.retryAfterMs);
    // Nothing the platform wrote reaches the message: no markup, no personal data.
    expect(error.message).not.toMatch(/[<>]|张三|李四/u);
    expect(error.message).not.toContain(SAMPLE_ID_NUMBER);
    expect(ms).toBeLessThan(PROMPT_MS + (row.options?.timeouts?.totalMs ?? 0));
    return error;
  }

  it.each(SPOILERS)('$name: the ack is lost, the delivery is not retried here; redelivery → the same ack, 1 effect', async (row) => {
    const { server, adapter } = await start(row.options);
    const delivery = make();

    await firstFailure(server, adapter, delivery, row);
    expect(server.requests).toHaveLength(1);
    expect(server.effects(delivery.idempotencyKey)).toBe(1);

    const again = await adapter.deliver(delivery);
    expect(again).toEqual({ ok: true, value: ackOf(server, delivery.idempotencyKey) });
    expect(server.effects(delivery.idempotencyKey)).toBe(1);
  });

  it.each(PASSING_STAND_INS)('$name: nothing happened on the platform; redelivery → ok, 1 effect', async (row) => {
    const { server, adapter } = await start(row.options);
    const delivery = make();

    await firstFailure(server, adapter, delivery, row);
    expect(server.effects(delivery.idempotencyKey)).toBe(0);

    const again = await adapter.deliver(delivery);
    expect(again).toEqual({ ok: true, value: ackOf(server, delivery.idempotencyKey) });
    expect(server.effects(delivery.idempotencyKey)).toBe(1);
  });

  it.each(REFUSALS)('$name → quarantined (not retryable), nothing happened', async (row) => {
    const { server, adapter } = await start(row.options);
    const delivery = make();

    await firstFailure(server, adapter, delivery, row);
    expect(server.effects(delivery.idempotencyKey)).toBe(0);
  });

  it.each([
    ['gzip', { kind: 'gzip' }],
    ['GBK', { kind: 'gbk' }],
  ] satisfies [string, PlatformFault][])('a %s-encoded ack is read', async (_name, fault) => {
    const { server, adapter } = await start();
    const delivery = make();
    server.faults.next(route, fault);

    const result = await adapter.deliver(delivery);

    expect(result).toEqual({ ok: true, value: ackOf(server, delivery.idempotencyKey) });
    expect(result.ok && result.value.kind).toBe(route === 'applications' ? 'caseFiled' : 'recorded');
  });
});

describe('an application ack the kiosk could not use (the case is filed, its number unusable)', () => {
  it.each([
    ['a case number with dashes', { caseNumber: '320700-2024-000123' }, 'data.caseNumber'],
    ['a lower-case case number', { caseNumber: 'sq20241124000001' }, 'data.caseNumber'],
    ['markup for a case number', { caseNumber: SCRIPT }, 'data.caseNumber'],
    ['a 33-character case number', { caseNumber: 'A'.repeat(33) }, 'data.caseNumber'],
    ['no case number', { caseNumber: undefined }, 'data.caseNumber'],
    ['a 3-character verifier', { verifier: 'AB1' }, 'data.verifier'],
    ['markup for a verifier', { verifier: '<b>1234</b>' }, 'data.verifier'],
    ['a promised date with a time', { promisedDate: '2024-12-01T00:00:00+08:00' }, 'data.promisedDate'],
    ['a promised date that is no day', { promisedDate: '2024-02-30' }, 'data.promisedDate'],
    ['accepted: false', { accepted: false }, 'data.accepted'],
  ] satisfies [string, Record<string, unknown>, string][])('%s → badResponse, not retryable (quarantined for a technician)', async (_name, fields, where) => {
    const { server, adapter } = await start();
    const delivery = applicationDelivery();
    server.faults.next('applications', { kind: 'patchAck', fields });

    const { error } = await failureOf(() => adapter.deliver(delivery));

    expect(error).toMatchObject({ kind: 'badResponse', isRetryable: false });
    expect(error.message).toContain(`platform answer does not match the API at ${where}`);
    expect(error.message).not.toMatch(/[<>]/u);
    expect(server.effects(delivery.idempotencyKey)).toBe(1);
  });
});

describe('every route', () => {
  it('every fault on every route ends within the deadline', async () => {
    const { server, adapter } = await start();
    const routes: PlatformRoute[] = ['findCase', 'casesOfHolder', 'findAppointment', 'appointmentsOfHolder', 'evaluations', 'applications'];
    server.faults.always('*', { kind: 'drip', intervalMs: 100 });
    const holder = { idNumber: SAMPLE_ID_NUMBER };

    const startedAt = performance.now();
    const results = await Promise.all([
      adapter.findCase(CASE_NUMBER, VERIFIER),
      adapter.casesOfHolder(holder, 5),
      adapter.findAppointment('YY1', '1'),
      adapter.appointmentsOfHolder(holder, '2024-05-02'),
      adapter.deliver(evaluationDelivery()),
      adapter.deliver(applicationDelivery()),
    ]);

    expect(performance.now() - startedAt).toBeLessThan(PROMPT_MS);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(routes.map(() => 'timeout'));
  });
});
