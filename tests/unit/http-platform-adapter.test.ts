/**
 * The `http` platform adapter's happy paths, idempotency (R-D5: one effect per key) and
 * configuration checks, against the loopback platform of tests/support. The fault rows of
 * reliability.md table (c) are in http-platform-faults.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpPlatformAdapter, checkHttpPlatformOptions } from '../../electron/services/platform/http-platform-adapter.js';
import type { HttpPlatformAdapterOptions } from '../../electron/services/platform/http-platform-adapter.js';
import type { CheckInUpload, EvaluationUpload, OutboxDelivery } from '../../electron/services/platform/platform-adapter.js';
import {
  SAMPLE_ID_NUMBER,
  TEST_PLATFORM_TOKEN,
  sampleAppointment,
  sampleCase,
  startPlatformTestServer,
} from '../support/platform-test-server.js';
import type { PlatformTestServer } from '../support/platform-test-server.js';

const HOLDER = { idNumber: SAMPLE_ID_NUMBER };

let server: PlatformTestServer | undefined;
let adapter: HttpPlatformAdapter | undefined;

afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
  vi.unstubAllEnvs();
});

async function start(options: Partial<HttpPlatformAdapterOptions> = {}): Promise<{ server: PlatformTestServer; adapter: HttpPlatformAdapter }> {
  server = await startPlatformTestServer();
  adapter = new HttpPlatformAdapter({
    baseUrl: server.url,
    terminalId: 'LYG-HALL-01',
    token: TEST_PLATFORM_TOKEN,
    timeouts: { totalMs: 2000 },
    ...options,
  });
  return { server, adapter };
}

function evaluation(overrides: Partial<EvaluationUpload> = {}): EvaluationUpload {
  return {
    evaluationId: randomUUID(),
    level: 2,
    reasons: ['等候时间长'],
    phone: '13800000000',
    isFollowUp: false,
    caseNumber: '320700-2024-000123',
    ticketNumber: 'A012',
    windowId: 'w3',
    staffId: 's17',
    terminalId: 'LYG-HALL-01',
    channel: 'kiosk',
    ratedAt: '2024-05-02T10:15:00+08:00',
    ...overrides,
  };
}

describe('reads', () => {
  it('finds a case by number and verifier, sending the terminal id and token', async () => {
    const { server, adapter } = await start();
    server.store.addCase(sampleCase(), { verifier: '8K3P' });

    const result = await adapter.findCase('320700-2024-000123', '8K3P');

    expect(result).toEqual({ ok: true, value: sampleCase() });
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/v1/cases/320700-2024-000123?verifier=8K3P');
    expect(request?.headers['x-terminal-id']).toBe('LYG-HALL-01');
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_PLATFORM_TOKEN}`);
    expect(request?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/u);
    expect(request?.headers['accept-encoding']).toBe('gzip, identity');
  });

  it('answers null when number and verifier match no case', async () => {
    const { server, adapter } = await start();
    server.store.addCase(sampleCase(), { verifier: '8K3P' });

    expect(await adapter.findCase('320700-2024-000123', 'WRONG')).toEqual({ ok: true, value: null });
    expect(await adapter.findCase('320700-2024-999999', '8K3P')).toEqual({ ok: true, value: null });
  });

  it('encodes the case number and verifier instead of splicing them into the URL', async () => {
    const { server, adapter } = await start();

    await adapter.findCase('../admin', 'a&b=c');

    expect(server.requests[0]?.url).toBe('/v1/cases/..%2Fadmin?verifier=a%26b%3Dc');
  });

  it("lists the holder's cases newest first, at most limit, with the ID number only in the body", async () => {
    const { server, adapter } = await start();
    const older = sampleCase({ caseNumber: 'C-1', submittedAt: '2024-04-01T09:00:00+08:00' });
    const newer = sampleCase({ caseNumber: 'C-2', submittedAt: '2024-05-01T01:00:00Z' });
    const newest = sampleCase({ caseNumber: 'C-3', submittedAt: '2024-05-01T10:00:00+08:00' });
    for (const record of [older, newest, newer]) server.store.addCase(record, { verifier: 'x', holderIdNumber: SAMPLE_ID_NUMBER });
    server.store.addCase(sampleCase({ caseNumber: 'OTHER' }), { verifier: 'x', holderIdNumber: '110105194912310038' });

    const result = await adapter.casesOfHolder(HOLDER, 2);

    expect(result.ok && result.value.map((c) => c.caseNumber)).toEqual(['C-3', 'C-2']);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/cases/query-by-holder');
    expect(JSON.parse(request?.body ?? '')).toEqual({ idNumber: SAMPLE_ID_NUMBER, limit: 2 });
    expect(JSON.stringify(request?.headers)).not.toContain(SAMPLE_ID_NUMBER);
  });

  it('sorts and caps the list itself when the platform does not', async () => {
    const { server, adapter } = await start();
    const cases = ['2024-01-01', '2024-03-01', '2024-02-01'].map((day, i) => sampleCase({ caseNumber: `C-${i}`, submittedAt: `${day}T09:00:00+08:00` }));
    server.faults.next('casesOfHolder', {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '0', data: { cases } }),
    });

    const result = await adapter.casesOfHolder(HOLDER, 2);

    expect(result.ok && result.value.map((c) => c.caseNumber)).toEqual(['C-1', 'C-2']);
  });

  it('refuses a limit outside 1–100 as a bug', async () => {
    const { adapter } = await start();

    await expect(adapter.casesOfHolder(HOLDER, 0)).rejects.toThrow(RangeError);
  });

  it('finds an appointment by code and verifier, or null', async () => {
    const { server, adapter } = await start();
    server.store.addAppointment(sampleAppointment(), { verifier: '4471' });

    expect(await adapter.findAppointment('YY20240502001', '4471')).toEqual({ ok: true, value: sampleAppointment() });
    expect(await adapter.findAppointment('YY20240502001', '0000')).toEqual({ ok: true, value: null });
  });

  it("lists the holder's appointments on one day", async () => {
    const { server, adapter } = await start();
    const access = { verifier: 'x', holderIdNumber: SAMPLE_ID_NUMBER };
    server.store.addAppointment(sampleAppointment(), access);
    server.store.addAppointment(sampleAppointment({ code: 'NEXT-DAY', slotStart: '2024-05-03T09:00:00+08:00', slotEnd: '2024-05-03T09:30:00+08:00' }), access);

    const result = await adapter.appointmentsOfHolder(HOLDER, '2024-05-02');

    expect(result).toEqual({ ok: true, value: [sampleAppointment()] });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ idNumber: SAMPLE_ID_NUMBER, day: '2024-05-02' });
  });

  it('reads a gzip-compressed answer', async () => {
    const { server, adapter } = await start();
    server.store.addCase(sampleCase(), { verifier: '8K3P' });
    server.faults.next('findCase', { kind: 'gzip' });

    expect(await adapter.findCase('320700-2024-000123', '8K3P')).toEqual({ ok: true, value: sampleCase() });
  });

  it('reads a GBK answer from an older gateway, Chinese intact', async () => {
    const { server, adapter } = await start();
    server.store.addCase(sampleCase(), { verifier: '8K3P' });
    server.faults.next('findCase', { kind: 'gbk' });

    const result = await adapter.findCase('320700-2024-000123', '8K3P');

    expect(result.ok && result.value?.departmentName).toBe('连云港市公安局');
    expect(result.ok && result.value?.missingMaterials).toEqual([{ name: '户口簿', reason: '复印件不清晰' }]);
  });

  it('works below a base path', async () => {
    server = await startPlatformTestServer();
    adapter = new HttpPlatformAdapter({ baseUrl: `${server.url}gateway`, terminalId: 'T1', token: TEST_PLATFORM_TOKEN });

    await adapter.findCase('C-1', 'x');

    expect(server.requests[0]?.url).toBe('/gateway/v1/cases/C-1?verifier=x');
  });
});

describe('texts shown to citizens', () => {
  it('arrive as plain, sanitised strings: no bidi overrides, no controls, capped, never HTML', async () => {
    const { server, adapter } = await start();
    const script = '<script>alert(1)</script>';
    server.store.addCase(
      sampleCase({
        itemName: `居民身份证\u202Egnal\u202C换领\u0000`,
        steps: [{ name: '审核\u2066', state: 'current', at: null, note: `${script}\r\n请补充材料` }],
        missingMaterials: [{ name: '户口簿', reason: '很'.repeat(500) }],
      }),
      { verifier: '8K3P' },
    );

    const result = await adapter.findCase('320700-2024-000123', '8K3P');

    expect(result.ok).toBe(true);
    const found = result.ok ? result.value : null;
    expect(found?.itemName).toBe('居民身份证gnal换领');
    expect(found?.steps[0]?.name).toBe('审核');
    // Literal text: React shows it as text, the printer prints it; nothing interprets it.
    expect(found?.steps[0]?.note).toBe(`${script} 请补充材料`);
    expect([...(found?.missingMaterials[0]?.reason ?? '')]).toHaveLength(200);
  });
});

describe('deliveries (R-D5)', () => {
  it('delivers an evaluation with its idempotency key as recorded; delivering it again has no second effect', async () => {
    const { server, adapter } = await start();
    const delivery: OutboxDelivery = { kind: 'evaluation', idempotencyKey: randomUUID(), payload: evaluation() };

    expect(await adapter.deliver(delivery)).toEqual({ ok: true, value: { kind: 'recorded' } });
    expect(await adapter.deliver(delivery)).toEqual({ ok: true, value: { kind: 'recorded' } });

    expect(server.effects(delivery.idempotencyKey)).toBe(1);
    expect(server.store.evaluations).toEqual([delivery.payload]);
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([delivery.idempotencyKey, delivery.idempotencyKey]);
  });

  it('delivers a check-in, which checks the appointment in once', async () => {
    const { server, adapter } = await start();
    server.store.addAppointment(sampleAppointment(), { verifier: '4471' });
    const payload: CheckInUpload = {
      appointmentCode: 'YY20240502001',
      ticketNumber: 'Y003',
      terminalId: 'LYG-HALL-01',
      checkedInAt: '2024-05-02T08:50:00+08:00',
    };
    const delivery: OutboxDelivery = { kind: 'checkIn', idempotencyKey: randomUUID(), payload };

    expect(await adapter.deliver(delivery)).toEqual({ ok: true, value: { kind: 'recorded' } });
    expect(await adapter.deliver(delivery)).toEqual({ ok: true, value: { kind: 'recorded' } });

    expect(server.requests[0]?.url).toBe('/v1/check-ins');
    expect(server.effects(delivery.idempotencyKey)).toBe(1);
    expect(server.store.appointment('YY20240502001')?.status).toBe('checkedIn');
  });

  it('reports a business refusal of a check-in as rejected, not retryable', async () => {
    const { adapter } = await start();
    const payload: CheckInUpload = { appointmentCode: 'NOPE', ticketNumber: 'Y003', terminalId: 'T1', checkedInAt: '2024-05-02T08:50:00+08:00' };

    const result = await adapter.deliver({ kind: 'checkIn', idempotencyKey: randomUUID(), payload });

    expect(result).toEqual({ ok: false, error: { kind: 'rejected', isRetryable: false, message: 'platform refused the request (business code 2004)' } });
  });

  it('reports a key reused with another body as rejected (HTTP 409), naming the code', async () => {
    const { server, adapter } = await start();
    const key = randomUUID();
    await adapter.deliver({ kind: 'evaluation', idempotencyKey: key, payload: evaluation() });

    const result = await adapter.deliver({ kind: 'evaluation', idempotencyKey: key, payload: evaluation() });

    expect(result.ok ? null : result.error).toMatchObject({ kind: 'rejected', isRetryable: false });
    expect(result.ok ? '' : result.error.message).toContain('HTTP 409, business code 4009');
    expect(server.effects(key)).toBe(1);
  });

  it('refuses a record whose key is not a UUID without calling the platform', async () => {
    const { server, adapter } = await start();

    const result = await adapter.deliver({ kind: 'evaluation', idempotencyKey: 'not-a-uuid', payload: evaluation() });

    expect(result.ok ? null : result.error).toMatchObject({ kind: 'rejected', isRetryable: false });
    expect(server.requests).toHaveLength(0);
  });

  it('never puts the phone number or the ID number in an error message', async () => {
    const { server, adapter } = await start();
    server.faults.always('*', { kind: 'businessCode', code: '2001', message: `${SAMPLE_ID_NUMBER} 13800000000 张三 <script>x</script>` });

    const delivered = await adapter.deliver({ kind: 'evaluation', idempotencyKey: randomUUID(), payload: evaluation() });
    const listed = await adapter.casesOfHolder(HOLDER, 5);

    for (const result of [delivered, listed]) {
      expect(result.ok).toBe(false);
      const message = result.ok ? '' : result.error.message;
      expect(message).toBe('platform refused the request (business code 2001)');
    }
  });
});

describe('configuration', () => {
  const base = { terminalId: 'T1', token: 'secret-token' };

  it.each([
    ['http://zwfw.example.gov.cn/api', 'must use https'],
    ['ftp://127.0.0.1/', 'must use https'],
    ['not a url', 'not a URL'],
    ['https://user:pw@zwfw.example.gov.cn/', 'user name or password'],
    ['https://zwfw.example.gov.cn/?x=1', 'query or fragment'],
  ])('refuses base URL %s as misconfigured, without a request', async (baseUrl, words) => {
    const fetchSpy = vi.fn<typeof fetch>();
    const refused = new HttpPlatformAdapter({ ...base, baseUrl, fetch: fetchSpy });

    const result = await refused.findCase('C-1', 'x');

    expect(result.ok ? null : result.error).toMatchObject({ kind: 'misconfigured', isRetryable: false });
    expect(result.ok ? '' : result.error.message).toContain(words);
    expect(await refused.deliver({ kind: 'evaluation', idempotencyKey: randomUUID(), payload: evaluation() })).toEqual(result);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each(['https://zwfw.example.gov.cn/', 'http://127.0.0.1:8080/', 'http://localhost/', 'http://[::1]:9000/'])('accepts %s', (baseUrl) => {
    expect(checkHttpPlatformOptions({ ...base, baseUrl })).toBeNull();
  });

  it('refuses an empty token or one that would inject a header', () => {
    expect(checkHttpPlatformOptions({ ...base, baseUrl: 'https://a.example/', token: '' })?.kind).toBe('misconfigured');
    expect(checkHttpPlatformOptions({ ...base, baseUrl: 'https://a.example/', token: 'abc\r\nX-Evil: 1' })?.kind).toBe('misconfigured');
  });

  it('refuses to talk TLS while NODE_TLS_REJECT_UNAUTHORIZED=0 turns verification off', () => {
    vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0');

    expect(checkHttpPlatformOptions({ ...base, baseUrl: 'https://a.example/' })?.message).toContain('TLS verification is disabled');
  });

  it('refuses non-positive timeouts, rates and caps', () => {
    expect(checkHttpPlatformOptions({ ...base, baseUrl: 'https://a.example/', timeouts: { totalMs: 0 } })?.kind).toBe('misconfigured');
    expect(checkHttpPlatformOptions({ ...base, baseUrl: 'https://a.example/', maxBodyBytes: -1 })?.kind).toBe('misconfigured');
    expect(checkHttpPlatformOptions({ ...base, baseUrl: 'https://a.example/', timeouts: { minUploadBytesPerSecond: 0 } })?.message).toBe(
      'minUploadBytesPerSecond must be a positive integer',
    );
  });

  it('reports refused credentials as misconfigured, retryable (the record is sound)', async () => {
    const { adapter } = await start({ token: 'revoked-token' });

    const result = await adapter.findCase('C-1', 'x');

    expect(result).toEqual({
      ok: false,
      error: { kind: 'misconfigured', isRetryable: true, message: "platform refused the terminal's credentials (HTTP 401); check terminal id and token" },
    });
  });

  it('reports a base URL with no API behind it (404) as misconfigured', async () => {
    server = await startPlatformTestServer();
    adapter = new HttpPlatformAdapter({ baseUrl: `${server.url}wrong/`, terminalId: 'T1', token: TEST_PLATFORM_TOKEN });

    const result = await adapter.findCase('C-1', 'x');

    expect(result.ok ? null : result.error).toMatchObject({ kind: 'misconfigured', message: 'no platform API at the base URL (HTTP 404)' });
  });

  it('answers misconfigured after close', async () => {
    const { adapter } = await start();
    await adapter.close();

    expect(await adapter.findCase('C-1', 'x')).toEqual({ ok: false, error: { kind: 'misconfigured', isRetryable: false, message: 'platform adapter is closed' } });
  });
});
