import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlarmService } from '../../electron/services/alarms/alarm-service.js';
import { err, ok } from '../../hardware/result.js';
import type { ApplicationUpload, OutboxDelivery, PlatformAdapter, PlatformError } from '../../electron/services/platform/platform-adapter.js';
import { BASE_BACKOFF_MS, MAX_BACKOFF_MS, MAX_DELIVERY_ATTEMPTS, Outbox, backoffMs } from '../../electron/services/sync/outbox.js';
import { SyncWorker } from '../../electron/services/sync/sync-worker.js';
import { Vault } from '../../electron/services/storage/vault.js';
import { scanForCanaries } from '../support/canary-scan.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';

const EVALUATION = {
  evaluationId: 'e1',
  level: 1 as const,
  reasons: ['服务态度差'],
  phone: '13800000000',
  isFollowUp: true,
  caseNumber: 'ZZ20261124000001',
  ticketNumber: null,
  windowId: null,
  staffId: null,
  terminalId: 'T1',
  channel: 'kiosk' as const,
  ratedAt: '2026-11-24T09:00:00+08:00',
};

const APPLICATION: ApplicationUpload = {
  reference: 'SB20261124000001',
  itemCode: '320700-RS-JF-0005',
  itemName: '失业保险金申领',
  departmentName: '连云港市人力资源和社会保障局',
  terminalId: 'T1',
  submittedAt: '2026-11-24T09:00:00+08:00',
  applicant: { name: '测试样本一', idNumber: '320000199001019914', cardType: 'resident' },
  agent: null,
  materials: [{ materialId: 'id-card', name: '身份证', provision: 'captured', promiseDate: null, pageCount: 2 }],
  form: { currentAddress: '连云港市海州区样例路3号' },
  materialsPdf: 'JVBERi0=',
  commitmentPdf: null,
};

/** A platform whose answer per call is scripted; it counts effects per idempotency key. */
function scriptedPlatform(answers: ((delivery: OutboxDelivery) => PlatformError | null)[]): PlatformAdapter & { effects: Map<string, number>; calls: number } {
  const effects = new Map<string, number>();
  const platform = {
    kind: 'http' as const,
    effects,
    calls: 0,
    findCase: () => Promise.resolve(ok(null)),
    casesOfHolder: () => Promise.resolve(ok([])),
    findAppointment: () => Promise.resolve(ok(null)),
    appointmentsOfHolder: () => Promise.resolve(ok([])),
    deliver(delivery: OutboxDelivery) {
      const answer = answers[platform.calls] ?? (() => null);
      platform.calls += 1;
      const failure = answer(delivery);
      if (failure !== null) return Promise.resolve(err(failure));
      effects.set(delivery.idempotencyKey, (effects.get(delivery.idempotencyKey) ?? 0) + 1);
      return Promise.resolve(ok({ kind: 'recorded' as const }));
    },
    close: () => Promise.resolve(),
  };
  return platform;
}

const DOWN: PlatformError = { kind: 'unreachable', isRetryable: true, message: 'connection refused' };
const REFUSED: PlatformError = { kind: 'rejected', isRetryable: false, message: 'business code 1001' };

describe('outbox backoff', () => {
  it('grows exponentially with full jitter and stays under the cap', () => {
    expect(backoffMs(0, () => 0)).toBe(BASE_BACKOFF_MS / 2);
    expect(backoffMs(0, () => 1)).toBe(BASE_BACKOFF_MS);
    expect(backoffMs(3, () => 1)).toBe(BASE_BACKOFF_MS * 8);
    expect(backoffMs(40, () => 1)).toBe(MAX_BACKOFF_MS);
    const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffMs(4, () => i / 20)));
    expect(spread.size).toBe(20);
  });
});

describe('Outbox and SyncWorker', () => {
  let store: ServiceDb;
  let now: number;
  let outbox: Outbox;
  let alarms: AlarmService;

  beforeEach(() => {
    store = openServiceDb();
    now = Date.UTC(2026, 10, 24, 1, 0);
    outbox = new Outbox(store.db, { now: () => now, random: () => 0.5 });
    alarms = new AlarmService(store.db, () => now);
  });
  afterEach(() => store.close());

  const worker = (platform: PlatformAdapter, retentionMs = 0): SyncWorker =>
    new SyncWorker({ db: store.db, outbox, adapter: platform, alarms, now: () => now, retentionMs, setTimer: () => null, clearTimer: () => undefined });

  it('delivers each record once with its own UUID key, in order', async () => {
    const first = outbox.add('evaluation', EVALUATION);
    const second = outbox.add('evaluation', { ...EVALUATION, evaluationId: 'e2' });
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/u);
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
    const platform = scriptedPlatform([]);
    const report = await worker(platform).drain();
    expect(report).toMatchObject({ delivered: 2, retrying: 0, quarantined: 0 });
    expect([...platform.effects.values()]).toEqual([1, 1]);
    expect(await worker(platform).drain()).toMatchObject({ delivered: 0 });
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 2, quarantined: 0 });
  });

  it('keeps records while the platform is down and sends them when it returns', async () => {
    outbox.add('evaluation', EVALUATION);
    outbox.add('evaluation', { ...EVALUATION, evaluationId: 'e2' });
    const platform = scriptedPlatform([() => DOWN]);
    const sync = worker(platform);
    // Down: the first fails, the second is not even tried (same outage).
    expect(await sync.drain()).toMatchObject({ delivered: 0, retrying: 1 });
    expect(platform.calls).toBe(1);
    expect(outbox.due()).toHaveLength(1);
    // Not due again before its backoff…
    now += BASE_BACKOFF_MS / 2 - 1;
    expect(outbox.due().map((r) => r.delivery.payload)).toHaveLength(1);
    now += BASE_BACKOFF_MS;
    expect(await sync.drain()).toMatchObject({ delivered: 2 });
    expect(outbox.counts().delivered).toBe(2);
  });

  it('waits at least as long as Retry-After says', () => {
    const { id } = outbox.add('evaluation', EVALUATION);
    outbox.markFailed(id, { isRetryable: true, message: '429', retryAfterMs: 10 * 60_000 });
    expect(outbox.nextDueAt()).toBe(now + 10 * 60_000);
  });

  it('quarantines a refused (poison) record at once and raises an alarm, and the rest go on', async () => {
    outbox.add('evaluation', EVALUATION);
    outbox.add('evaluation', { ...EVALUATION, evaluationId: 'e2' });
    const platform = scriptedPlatform([() => REFUSED]);
    expect(await worker(platform).drain()).toMatchObject({ delivered: 1, quarantined: 1 });
    expect(outbox.quarantined()).toMatchObject([{ kind: 'evaluation', attempts: 1, lastError: 'business code 1001' }]);
    const alarm = store.db.prepare("SELECT code FROM alarms WHERE source = 'sync'").get() as { code: string };
    expect(alarm.code).toBe('outboxQuarantined');
  });

  it(`quarantines after ${MAX_DELIVERY_ATTEMPTS} retryable failures; the technician can release it`, async () => {
    const { id } = outbox.add('evaluation', EVALUATION);
    const platform = scriptedPlatform(Array.from({ length: MAX_DELIVERY_ATTEMPTS }, () => () => ({ ...DOWN, kind: 'badResponse' as const })));
    const sync = worker(platform);
    for (let attempt = 0; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      await sync.drain();
      now += MAX_BACKOFF_MS + 1;
    }
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 0, quarantined: 1 });
    expect(outbox.release(id)).toBe(true);
    expect(await sync.drain()).toMatchObject({ delivered: 1 });
  });

  it('blanks the phone number once delivered and past the retention window (R-P4)', async () => {
    outbox.add('evaluation', EVALUATION);
    const sync = worker(scriptedPlatform([]), 60_000);
    await sync.drain();
    const payload = (): string => (store.db.prepare('SELECT payload FROM outbox').get() as { payload: string }).payload;
    expect(payload()).toContain('13800000000');
    now += 60_001;
    expect(await sync.drain()).toMatchObject({ purged: 1 });
    expect(payload()).not.toContain('13800000000');
    expect(JSON.parse(payload())).toMatchObject({ phone: null, level: 1, caseNumber: 'ZZ20261124000001' });
  });

  it('seals payloads with the data key (R-P5), hands them to the platform opened, keeps the ack, and purges an application to no personal field (R-P4)', async () => {
    const vault = new Vault(randomBytes(32));
    const sealed = new Outbox(store.db, { now: () => now, vault });
    const { id } = sealed.add('application', APPLICATION);
    const files = (): Buffer[] => ['kiosk.sqlite', 'kiosk.sqlite-wal'].map((name) => readFileSync(path.join(store.dir, name)));
    const canaries = [APPLICATION.applicant.name, APPLICATION.applicant.idNumber, '连云港市海州区样例路3号'];
    expect(files().flatMap((bytes) => scanForCanaries(bytes, canaries, 'db'))).toEqual([]);

    const seen: OutboxDelivery[] = [];
    const platform = scriptedPlatform([]);
    const deliver = platform.deliver.bind(platform);
    platform.deliver = (delivery) => {
      seen.push(delivery);
      return deliver(delivery).then(() => ok({ kind: 'caseFiled' as const, caseNumber: 'ZZ20261124000009', verifier: 'AB12', promisedDate: '2026-12-08' }));
    };
    const sync = new SyncWorker({ db: store.db, outbox: sealed, adapter: platform, alarms, now: () => now, retentionMs: 60_000 });
    expect(await sync.drain()).toMatchObject({ delivered: 1 });
    expect(seen[0]?.payload).toEqual(APPLICATION);
    expect(sealed.ackOf(id)).toEqual({ kind: 'caseFiled', caseNumber: 'ZZ20261124000009', verifier: 'AB12', promisedDate: '2026-12-08' });

    now += 60_001;
    expect(await sync.drain()).toMatchObject({ purged: 1 });
    const stored = (store.db.prepare('SELECT idempotency_key AS key, payload FROM outbox WHERE id = ?').get(id) as { key: string; payload: string });
    expect(Vault.isSealed(stored.payload)).toBe(true);
    expect(JSON.parse(vault.open(stored.payload, `outbox:${stored.key}`))).toMatchObject({ reference: 'SB20261124000001', applicant: null, agent: null, form: null, materialsPdf: null });
    // A payload that no longer opens is quarantined, never sent.
    store.db.prepare("UPDATE outbox SET status = 'pending', payload = ? WHERE id = ?").run(vault.seal('{}', 'outbox:another-key'), id);
    expect(sealed.due()).toEqual([]);
    expect(sealed.quarantined()).toEqual([expect.objectContaining({ id, lastError: expect.stringContaining('payload unreadable') as string })]);
  });
});
