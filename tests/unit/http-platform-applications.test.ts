/**
 * Applications (自助申办, issue #6) through the `http` platform adapter: the platform files a
 * case per idempotency key and answers with it (R-D5: the same key, the same case, one
 * effect), refusals are quarantined, and a body of several MB gets a deadline a slow uplink
 * can meet while a dead one is still noticed (R-N1). The fault rows of reliability.md (c)
 * run for applications in http-platform-faults.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND,
  DEFAULT_PLATFORM_TOTAL_MS,
  HttpPlatformAdapter,
  MAX_PLATFORM_REQUEST_BYTES,
  UPLOAD_FREE_BYTES,
  uploadAllowanceMs,
} from '../../electron/services/platform/http-platform-adapter.js';
import type { HttpPlatformAdapterOptions } from '../../electron/services/platform/http-platform-adapter.js';
import type { ApplicationUpload, OutboxDelivery } from '../../electron/services/platform/platform-adapter.js';
import {
  SAMPLE_ID_NUMBER,
  TEST_PLATFORM_TOKEN,
  sampleApplication,
  samplePdfBase64,
  startPlatformTestServer,
} from '../support/platform-test-server.js';
import type { PlatformTestServer, PlatformTestServerOptions } from '../support/platform-test-server.js';

const AGENT_ID_NUMBER = '110105194912310038';

let server: PlatformTestServer | undefined;
let adapter: HttpPlatformAdapter | undefined;

afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
});

async function start(
  options: Partial<HttpPlatformAdapterOptions> = {},
  serverOptions: PlatformTestServerOptions = {},
): Promise<{ server: PlatformTestServer; adapter: HttpPlatformAdapter }> {
  server = await startPlatformTestServer(serverOptions);
  adapter = new HttpPlatformAdapter({ baseUrl: server.url, terminalId: 'LYG-HALL-01', token: TEST_PLATFORM_TOKEN, timeouts: { totalMs: 2000 }, ...options });
  return { server, adapter };
}

function application(overrides: Partial<ApplicationUpload> = {}): OutboxDelivery & { readonly kind: 'application' } {
  return { kind: 'application', idempotencyKey: randomUUID(), payload: sampleApplication(overrides) };
}

describe('filing a case', () => {
  it("answers caseFiled with the platform's case number, verification code and promised date", async () => {
    const { server, adapter } = await start();
    const delivery = application();

    const result = await adapter.deliver(delivery);

    const [filed] = server.store.applications;
    expect(filed?.caseNumber).toMatch(/^SQ20241124\d{6}$/u);
    expect(result).toEqual({ ok: true, value: { kind: 'caseFiled', caseNumber: filed?.caseNumber, verifier: filed?.verifier, promisedDate: '2024-12-14' } });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/applications');
    expect(request?.headers['idempotency-key']).toBe(delivery.idempotencyKey);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request?.body ?? '')).toEqual(delivery.payload);
  });

  it('sends ID numbers and names only in the body, never in the URL or a header', async () => {
    const { server, adapter } = await start();

    await adapter.deliver(application());

    const [request] = server.requests;
    for (const personal of [SAMPLE_ID_NUMBER, AGENT_ID_NUMBER, '张三', '李四', '13800000000']) {
      expect(request?.body).toContain(personal);
      expect(request?.url).not.toContain(personal);
      expect(JSON.stringify(request?.headers)).not.toContain(personal);
    }
  });

  it('files a case the kiosk can then look up with the number and code it was given', async () => {
    const { adapter } = await start();

    const filed = await adapter.deliver(application());
    if (!filed.ok || filed.value.kind !== 'caseFiled') throw new Error('expected a filed case');
    const found = await adapter.findCase(filed.value.caseNumber, filed.value.verifier);

    expect(found.ok && found.value).toMatchObject({ caseNumber: filed.value.caseNumber, status: 'submitted', itemCode: '320700-GA-001' });
  });

  it('passes on a promised date of null (no deadline yet)', async () => {
    const { adapter } = await start({}, { promisedDateOf: () => null });

    const result = await adapter.deliver(application());

    expect(result.ok && result.value).toMatchObject({ kind: 'caseFiled', promisedDate: null });
  });

  it('files an application without agent and without attachments', async () => {
    const { server, adapter } = await start();

    const result = await adapter.deliver(application({ agent: null, materialsPdf: null, commitmentPdf: null }));

    expect(result.ok && result.value.kind).toBe('caseFiled');
    expect(server.store.applications).toHaveLength(1);
  });
});

describe('idempotency (R-D5)', () => {
  it('a redelivery of the key answers the same case; one effect, one case for the submission', async () => {
    const { server, adapter } = await start();
    const delivery = application();

    const first = await adapter.deliver(delivery);
    const again = await adapter.deliver(delivery);
    const third = await adapter.deliver(delivery);

    expect(again).toEqual(first);
    expect(third).toEqual(first);
    expect(server.effects(delivery.idempotencyKey)).toBe(1);
    expect(server.store.applications).toHaveLength(1);
    expect(server.store.casesFiledFor(delivery.payload.reference)).toBe(1);
  });

  it('two submissions get two cases', async () => {
    const { server, adapter } = await start();

    const first = await adapter.deliver(application({ reference: 'SB20241124A01000007' }));
    const second = await adapter.deliver(application({ reference: 'SB20241124A01000008' }));

    expect(first.ok && second.ok && first.value.kind === 'caseFiled' && second.value.kind === 'caseFiled').toBe(true);
    expect(first.ok && first.value).not.toEqual(second.ok && second.value);
    expect(server.store.applications.map((a) => a.upload['reference'])).toEqual(['SB20241124A01000007', 'SB20241124A01000008']);
  });

  it('the key reused with another body → rejected (HTTP 409), not retryable; no second case', async () => {
    const { server, adapter } = await start();
    const delivery = application();
    await adapter.deliver(delivery);

    const result = await adapter.deliver({ ...delivery, payload: { ...delivery.payload, form: { phone: '13900000000' } } });

    expect(result).toEqual({ ok: false, error: { kind: 'rejected', isRetryable: false, message: 'platform refused the request (HTTP 409, business code 4009)' } });
    expect(server.effects(delivery.idempotencyKey)).toBe(1);
    expect(server.store.applications).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('材料不符 (an attachment that is no PDF) → rejected, not retryable, no case; a redelivery gets the same answer', async () => {
    const { server, adapter } = await start();
    const delivery = application({ materialsPdf: Buffer.from('<html>not a pdf</html>').toString('base64') });
    const refused = { ok: false, error: { kind: 'rejected', isRetryable: false, message: 'platform refused the request (business code 2102)' } };

    expect(await adapter.deliver(delivery)).toEqual(refused);
    expect(await adapter.deliver(delivery)).toEqual(refused);
    expect(server.store.applications).toHaveLength(0);
  });

  it('an incomplete application → rejected (business code 2101)', async () => {
    const { adapter } = await start();

    const result = await adapter.deliver(application({ reference: '' }));

    expect(result.ok ? null : result.error).toEqual({ kind: 'rejected', isRetryable: false, message: 'platform refused the request (business code 2101)' });
  });

  it('HTTP 413 (too big for the platform or a proxy) → rejected, not retryable', async () => {
    const { server, adapter } = await start();
    server.faults.next('applications', { kind: 'raw', status: 413, headers: { 'content-type': 'application/json' }, body: '{"code":"4013","message":"too large"}' });

    const result = await adapter.deliver(application());

    expect(result.ok ? null : result.error).toEqual({ kind: 'rejected', isRetryable: false, message: 'platform refused the request (HTTP 413, business code 4013)' });
  });

  it(`a record over ${MAX_PLATFORM_REQUEST_BYTES} bytes is refused without a request (quarantined)`, async () => {
    const { server, adapter } = await start();
    const materialsPdf = `JVBERi0${'A'.repeat(MAX_PLATFORM_REQUEST_BYTES)}`;

    const result = await adapter.deliver(application({ materialsPdf }));

    expect(result.ok ? null : result.error).toMatchObject({ kind: 'rejected', isRetryable: false });
    expect(result.ok ? '' : result.error.message).toMatch(/^outbox record too big to send \(\d+ bytes, at most 41943040\)$/u);
    expect(server.requests).toHaveLength(0);
  });
});

describe('large bodies', () => {
  it('a 5 MB application is delivered over loopback within the default deadline', async () => {
    const { server, adapter } = await start({ timeouts: {} });
    const delivery = application({ materialsPdf: samplePdfBase64(3_800_000) });
    const size = Buffer.byteLength(JSON.stringify(delivery.payload));
    expect(size).toBeGreaterThan(5_000_000);

    const startedAt = performance.now();
    const result = await adapter.deliver(delivery);

    expect(result.ok && result.value.kind).toBe('caseFiled');
    expect(performance.now() - startedAt).toBeLessThan(DEFAULT_PLATFORM_TOTAL_MS);
    expect(Buffer.byteLength(server.requests[0]?.body ?? '')).toBe(size);
    expect(server.store.applications[0]?.upload['materialsPdf']).toBe(delivery.payload.materialsPdf);
  });

  it('deadlines grow with the body beyond the first 64 KiB, at the slowest uplink allowed', () => {
    expect(uploadAllowanceMs(0, DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND)).toBe(0);
    expect(uploadAllowanceMs(UPLOAD_FREE_BYTES, DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND)).toBe(0);
    expect(uploadAllowanceMs(UPLOAD_FREE_BYTES + 64 * 1024, 64 * 1024)).toBe(1000);
    // 10 MB at 64 KiB/s (~0.5 Mbit/s) needs 152 s; the default deadline adds that much.
    const tenMegabytes = uploadAllowanceMs(10_000_000, DEFAULT_PLATFORM_MIN_UPLOAD_BYTES_PER_SECOND);
    expect(tenMegabytes).toBeGreaterThanOrEqual(((10_000_000 - UPLOAD_FREE_BYTES) / (64 * 1024)) * 1000);
    expect(tenMegabytes).toBeLessThan(160_000);
  });

  // The server reads 1.5 MB at 3 MiB/s: about 0.5 s, well past the 300 ms configured.
  const slowUplink = { kind: 'slowUpload', bytesPerSecond: 3 * 1024 * 1024 } as const;

  it('an upload slower than the configured deadline but within the uplink allowance is delivered', async () => {
    const { server, adapter } = await start({ timeouts: { totalMs: 300, connectMs: 150, minUploadBytesPerSecond: 1024 * 1024 } });
    server.faults.next('applications', slowUplink);

    const startedAt = performance.now();
    const result = await adapter.deliver(application({ materialsPdf: samplePdfBase64(1_100_000) }));

    expect(result.ok && result.value.kind).toBe('caseFiled');
    expect(performance.now() - startedAt).toBeGreaterThan(300);
  });

  it('the same upload with no allowance to speak of → timeout, retryable, naming the deadline it had', async () => {
    const { server, adapter } = await start({ timeouts: { totalMs: 300, minUploadBytesPerSecond: 1024 * 1024 * 1024 } });
    server.faults.next('applications', slowUplink);
    const delivery = application({ materialsPdf: samplePdfBase64(1_100_000) });
    const bytes = Buffer.byteLength(JSON.stringify(delivery.payload));

    const result = await adapter.deliver(delivery);

    const deadline = 300 + uploadAllowanceMs(bytes, 1024 * 1024 * 1024);
    expect(result).toEqual({ ok: false, error: { kind: 'timeout', isRetryable: true, message: `no answer from the platform within ${deadline} ms` } });
  });
});
