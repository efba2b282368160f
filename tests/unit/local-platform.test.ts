import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalPlatform } from '../../electron/services/platform/local-platform.js';
import { ProgressService } from '../../electron/services/progress/progress-service.js';
import { SessionService } from '../../electron/services/session/session-service.js';
import { SessionSubjects } from '../../electron/services/session/session-subjects.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';

const TZ = 'Asia/Shanghai';
const MORNING = Date.UTC(2026, 10, 24, 1, 0);
const HOLDER = SPECIMEN_CARDS.resident;
const OTHER = SPECIMEN_CARDS['resident-elder'];

const NEW_CASE = {
  itemCode: '320700-YB-JF-0006',
  itemName: '生育津贴申领',
  departmentName: '市医疗保障局',
  applicantName: HOLDER.name,
  idNumber: HOLDER.idNumber,
  promisedDate: '2026-12-04',
  collection: { method: '窗口领取', place: '二楼D区医保窗口', hours: '工作日 9:00–17:00' },
};

describe('LocalPlatform and ProgressService', () => {
  let store: ServiceDb;
  let now: number;
  let platform: LocalPlatform;
  let subjects: SessionSubjects;
  let progress: ProgressService;

  beforeEach(() => {
    store = openServiceDb();
    now = MORNING;
    platform = new LocalPlatform(store.db, { timeZone: TZ, now: () => now });
    subjects = new SessionSubjects(new SessionService());
    progress = new ProgressService({ adapter: platform, subjects, timeZone: TZ });
  });
  afterEach(() => store.close());

  it('numbers cases per hall day and finds one only with its verification code', async () => {
    const first = platform.addCase(NEW_CASE);
    const second = platform.addCase(NEW_CASE);
    expect(first.caseNumber).toBe('ZZ20261124000001');
    expect(second.caseNumber).toBe('ZZ20261124000002');
    expect(first.verifier).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/u);
    expect(first.verifier).not.toBe(second.verifier);
    expect(await progress.lookup(first.caseNumber, second.verifier)).toMatchObject({ ok: false, error: { code: 'notFound' } });
    const found = await progress.lookup(first.caseNumber, first.verifier);
    expect(found).toMatchObject({ ok: true, value: { status: 'submitted', statusLabel: '已提交', submittedAt: '2026-11-24 09:00' } });
    expect(subjects.cases).toEqual([first.caseNumber]);
  });

  it('walks a case through 补正 to 办结 with dated steps and the missing materials', async () => {
    const { caseNumber, verifier } = platform.addCase(NEW_CASE);
    expect(platform.setCaseStatus(caseNumber, 'correctionRequired')).toMatchObject({ ok: false });
    now += 3_600_000;
    const missing = [{ name: '婴儿出生医学证明', reason: '图片模糊' }];
    expect(platform.setCaseStatus(caseNumber, 'correctionRequired', { missingMaterials: missing })).toEqual({ ok: true, value: undefined });
    let view = await progress.lookup(caseNumber, verifier);
    if (!view.ok) throw new Error('lookup failed');
    expect(view.value.missingMaterials).toEqual(missing);
    expect(view.value.steps).toEqual([
      { name: '提交申请', state: 'done', at: '2026-11-24 09:00', note: null },
      { name: '补正材料', state: 'current', at: '2026-11-24 10:00', note: null },
      { name: '受理', state: 'pending', at: null, note: null },
      { name: '审查决定', state: 'pending', at: null, note: null },
      { name: '办结', state: 'pending', at: null, note: null },
    ]);
    platform.setCaseStatus(caseNumber, 'accepted');
    view = await progress.lookup(caseNumber, verifier);
    if (!view.ok) throw new Error('lookup failed');
    expect(view.value.missingMaterials).toEqual([]);
    expect(view.value.steps.map((s) => `${s.name}:${s.state}`)).toEqual(['提交申请:done', '补正材料:done', '受理:done', '审查决定:current', '办结:pending']);
    platform.setCaseStatus(caseNumber, 'completed', { note: '请到窗口领取' });
    expect(platform.setCaseStatus(caseNumber, 'accepted')).toMatchObject({ ok: false, error: expect.stringContaining('cannot become') as unknown });
    view = await progress.lookup(caseNumber, verifier);
    if (!view.ok) throw new Error('lookup failed');
    expect(view.value).toMatchObject({ status: 'completed', statusLabel: '已办结', collection: NEW_CASE.collection });
    expect(view.value.steps.at(-1)).toMatchObject({ name: '办结', state: 'done', note: '请到窗口领取' });
  });

  it('lists only the holder’s own cases, newest first, with the name masked', async () => {
    const mine = platform.addCase(NEW_CASE);
    platform.addCase({ ...NEW_CASE, applicantName: OTHER.name, idNumber: OTHER.idNumber });
    now += 60_000;
    const newer = platform.addCase(NEW_CASE);
    const listed = await progress.listByHolder({ idNumber: HOLDER.idNumber });
    if (!listed.ok) throw new Error('list failed');
    expect(listed.value.cases.map((c) => c.caseNumber)).toEqual([newer.caseNumber, mine.caseNumber]);
    expect(listed.value.cases[0]?.applicantMaskedName).toBe('测****');
    expect(JSON.stringify(listed.value)).not.toContain(HOLDER.name);
  });

  it('takes each delivery once per idempotency key and marks check-ins', async () => {
    const { code } = platform.addAppointment({
      categoryId: 'general',
      itemName: null,
      applicantName: HOLDER.name,
      idNumber: HOLDER.idNumber,
      slotStart: MORNING,
      slotEnd: MORNING + 1_800_000,
    });
    const delivery = {
      kind: 'checkIn' as const,
      idempotencyKey: '6b1c8a52-7f39-4b8e-9d2a-0c1e2f3a4b5c',
      payload: { appointmentCode: code, ticketNumber: 'A001', terminalId: 'T1', checkedInAt: '2026-11-24T09:00:00+08:00' },
    };
    expect(await platform.deliver(delivery)).toEqual({ ok: true, value: { kind: 'recorded' } });
    expect(await platform.deliver(delivery)).toEqual({ ok: true, value: { kind: 'recorded' } });
    expect(platform.deliveryCounts()).toEqual({ checkIn: 1 });
    const listed = await platform.appointmentsOfHolder({ idNumber: HOLDER.idNumber }, '2026-11-24');
    expect(listed).toMatchObject({ ok: true, value: [{ code, status: 'checkedIn' }] });
  });

  it('blanks a delivered phone number once the retention window has passed, leaving no trace in the files (R-P4)', async () => {
    const retentionMs = 86_400_000;
    const keeping = new LocalPlatform(store.db, { timeZone: TZ, now: () => now, retentionMs });
    const phone = '13912345678';
    const evaluation = {
      evaluationId: 'e1',
      level: 1 as const,
      reasons: ['服务态度差'],
      phone,
      isFollowUp: true,
      caseNumber: null,
      ticketNumber: null,
      windowId: null,
      staffId: null,
      terminalId: 'T1',
      channel: 'kiosk' as const,
      ratedAt: '2026-11-24T09:00:00+08:00',
    };
    await keeping.deliver({ kind: 'evaluation', idempotencyKey: '0d9b6a3e-8a55-4d2e-9a51-6f0c2b7d1e01', payload: evaluation });
    expect(keeping.purgeExpired()).toBe(0);
    now += retentionMs + 1;
    expect(keeping.purgeExpired()).toBe(1);
    const payload = JSON.parse((store.db.prepare('SELECT payload FROM platform_deliveries').get() as { payload: string }).payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ phone: null, level: 1, isFollowUp: true });
    const files = readdirSync(store.dir).filter((name) => name.startsWith('kiosk.sqlite'));
    for (const name of files) expect(readFileSync(path.join(store.dir, name)).includes(Buffer.from(phone)), name).toBe(false);
  });
});
