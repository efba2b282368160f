/**
 * The technician console through the real core (issue #8): first-start PIN, brute force over
 * IPC (R-P7), every admin call refused without a live session, bindings and hall settings
 * written to config.json with plain-words refusals, device tests masked, the audit chain,
 * quarantined outbox records shown and sent again (R-D5).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import { AlarmService } from '../../electron/services/alarms/alarm-service.js';
import { createKioskCore } from '../../electron/services/kiosk-core.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { LocalPlatform } from '../../electron/services/platform/local-platform.js';
import type { ApplicationUpload, EvaluationUpload } from '../../electron/services/platform/platform-adapter.js';
import { type KioskDatabase, openDatabase } from '../../electron/services/storage/database.js';
import { Outbox } from '../../electron/services/sync/outbox.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

const PIN = '314159';

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('kiosk core: technician console (#8)', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let core: KioskCore | undefined;
  let now = Date.UTC(2026, 10, 24, 1, 0);
  /** A second connection, as the sync worker's failures would leave the outbox. */
  let side: KioskDatabase | undefined;

  afterEach(async () => {
    side?.close();
    side = undefined;
    await core?.close();
    dir?.remove();
  });

  async function start(config: object = {}, options: { onRestartRequested?: () => void } = {}): Promise<KioskCore> {
    dir = makeTempDir('kiosk-core-8-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1, ...config }));
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => now, ...options });
    return core;
  }

  it('asks for a PIN at first start, refuses a weak one, then logs in', async () => {
    const kiosk = await start();
    expect(value(await kiosk.handlers['admin.pinStatus']({}))).toEqual({ state: 'unset' });
    expect(await kiosk.handlers['admin.setPin']({ pin: '123456' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const session = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(await kiosk.handlers['admin.setPin']({ pin: '271828' })).toMatchObject({ ok: false });
    expect(value(await kiosk.handlers['admin.login']({ pin: PIN })).token).not.toBe(session.token);
  });

  it('locks the console after 5 wrong PINs over IPC, refusing even the right PIN until the lock ends (R-P7)', async () => {
    const kiosk = await start();
    value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const login = await kiosk.handlers['admin.login']({ pin: String(100000 + attempt * 7919) });
      outcomes.push(login.ok ? 'in' : login.error.message);
    }
    expect(outcomes.filter((o) => o === 'in')).toEqual([]);
    expect(outcomes[0]).toContain('还可尝试 4 次');
    expect(outcomes[5]).toContain('请');
    const locked = value(await kiosk.handlers['admin.pinStatus']({}));
    expect(locked.state === 'set' && locked.lockedForMs).toBeGreaterThan(0);
    expect(await kiosk.handlers['admin.login']({ pin: PIN })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // After the lock: one try, wrong → locked again for longer.
    now += 24 * 3_600_000;
    expect((await kiosk.handlers['admin.login']({ pin: PIN })).ok).toBe(true);
  });

  it('refuses every admin call without a live session, and after the idle timeout', async () => {
    const kiosk = await start();
    const fake = { token: 'A'.repeat(43) };
    for (const method of ['admin.overview', 'admin.events', 'admin.settings', 'admin.audit', 'admin.exportTargets'] as const) {
      expect(await kiosk.handlers[method](fake)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    expect((await kiosk.handlers['admin.overview']({ token })).ok).toBe(true);
    now += 6 * 60_000;
    expect(await kiosk.handlers['admin.overview']({ token })).toMatchObject({ ok: false, error: { message: '管理会话已结束，请重新输入密码' } });
  });

  it('shows every device with its binding and the action to take', async () => {
    const kiosk = await start({ devices: { receiptPrinter: { transport: { type: 'simulated', paper: 'nearEnd' } } } });
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const overview = value(await kiosk.handlers['admin.overview']({ token }));
    const printer = overview.devices.find((d) => d.kind === 'receiptPrinter');
    expect(printer).toMatchObject({ binding: '模拟', action: 'clear', actionText: '纸将用尽，请及时更换纸卷' });
    expect(overview.devices.map((d) => d.kind)).toEqual(expect.arrayContaining(['receiptPrinter', 'idCardReader', 'barcodeScanner']));
    expect(overview.outbox).toEqual({ pending: 0, quarantined: 0, quarantinedRecords: [] });
  });

  it('binds a device in config.json, refusing a bad binding with the field named, and audits both', async () => {
    const kiosk = await start({ hall: { name: '海州区政务服务中心', terminalId: 'HZ-01' } });
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const refused = await kiosk.handlers['admin.bind']({ token, device: 'idCardReader', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 'fast' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidArgument' } });
    expect(!refused.ok && refused.error.message).toContain('baudRate');
    expect(value(await kiosk.handlers['admin.bind']({ token, device: 'idCardReader', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 } }))).toEqual({
      saved: true,
      restartRequired: true,
    });
    const written = JSON.parse(readFileSync(path.join(dir!.path, 'config.json'), 'utf8')) as { hall: unknown; devices: unknown };
    expect(written.hall).toEqual({ name: '海州区政务服务中心', terminalId: 'HZ-01' });
    expect(written.devices).toEqual({ idCardReader: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 } } });
    const audit = value(await kiosk.handlers['admin.audit']({ token }));
    expect(audit.chain).toMatchObject({ ok: true });
    expect(audit.entries.filter((e) => e.event === 'device.bound').map((e) => e.outcome)).toEqual(['ok', 'refused']);
  });

  it('saves hall settings, naming the setting that is wrong', async () => {
    const kiosk = await start();
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const settings = value(await kiosk.handlers['admin.settings']({ token }));
    const refused = await kiosk.handlers['admin.saveSettings']({ token, settings: { ...settings, idleTimeoutSeconds: 3 } });
    expect(!refused.ok && refused.error.message).toContain('无操作等待秒数');
    value(await kiosk.handlers['admin.saveSettings']({ token, settings: { ...settings, hallName: '灌云县政务服务中心', idleTimeoutSeconds: 120 } }));
    const written = JSON.parse(readFileSync(path.join(dir!.path, 'config.json'), 'utf8')) as { hall: { name: string }; idle: { timeoutSeconds: number } };
    expect([written.hall.name, written.idle.timeoutSeconds]).toEqual(['灌云县政务服务中心', 120]);
  });

  it('reads a specimen card in the reader test and shows it masked only', async () => {
    const kiosk = await start();
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const cards = value(await kiosk.handlers['dev.listSpecimenCards']({}));
    value(await kiosk.handlers['dev.presentCard']({ specimenId: cards[0]!.id }));
    const result = value(await kiosk.handlers['admin.testDevice']({ token, test: 'readCard' }));
    expect(result.ok).toBe(true);
    expect(result.summary).toMatch(/^读卡成功：\S+\*+\s+\d{4}\*{10}[\dX]{4}$/u);
    const printed = value(await kiosk.handlers['admin.testDevice']({ token, test: 'printTicket' }));
    expect(printed).toMatchObject({ ok: true, summary: '测试凭条已打印，请查看出纸口' });
  }, 30_000);

  it('exports the 诊断包 to the data folder only or a USB stick, never elsewhere, and audits it', async () => {
    const kiosk = await start();
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const targets = value(await kiosk.handlers['admin.exportTargets']({ token })).targets;
    expect(targets[0]).toMatchObject({ label: '数据目录', isRemovable: false });
    const exported = value(await kiosk.handlers['admin.exportDiagnostics']({ token, targetDir: null }));
    expect(exported.path.startsWith(targets[0]!.path)).toBe(true);
    expect(exported.path).toMatch(/diagnostics-LYG-[^/]*\.tar\.gz$/u);
    expect(readFileSync(exported.path).byteLength).toBe(exported.bytes);
    // The audit chain's head goes to the vendor with the bundle: a later rewrite shows.
    const unpacked = makeTempDir('kiosk-core-8-bundle-');
    try {
      await extract({ file: exported.path, cwd: unpacked.path });
      const [folder] = readdirSync(unpacked.path);
      const report = JSON.parse(readFileSync(path.join(unpacked.path, folder!, 'report.json'), 'utf8')) as { audit: { headSeq: number; isIntact: boolean } };
      expect(report.audit.isIntact).toBe(true);
      expect(report.audit.headSeq).toBeGreaterThanOrEqual(1);
    } finally {
      unpacked.remove();
    }
    expect(await kiosk.handlers['admin.exportDiagnostics']({ token, targetDir: '/etc' })).toMatchObject({
      ok: false,
      error: { message: '只能导出到数据目录或已插入的U盘，请重新选择' },
    });
    const audit = value(await kiosk.handlers['admin.audit']({ token }));
    // Newest first: the refused attempt is on record too.
    expect(audit.entries.filter((e) => e.event === 'diagnostics.exported').map((e) => e.outcome)).toEqual(['failed', 'ok']);
  });

  it('tests the scanner through the citizen path, saying what kind of code came, never its text', async () => {
    const kiosk = await start();
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const testing = kiosk.handlers['admin.testDevice']({ token, test: 'scanCode' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    value(await kiosk.handlers['dev.scan']({ text: 'SECRET-CODE-4711' }));
    const result = value(await testing);
    expect(result).toMatchObject({ ok: true, summary: '扫码成功：识别为其他条码（本机不处理）' });
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });

  /** The terminal's outbox over a second connection to its database. */
  function sideOutbox(): { db: KioskDatabase; outbox: Outbox } {
    const opened = openDatabase(dir!.path);
    if (!opened.ok) throw new Error(opened.error.message);
    side = opened.value;
    return { db: side, outbox: new Outbox(side, { now: () => now }) };
  }

  const EVALUATION: EvaluationUpload = {
    evaluationId: 'e-quarantined',
    level: 1,
    reasons: ['办理时间过长'],
    phone: '13800000000',
    isFollowUp: true,
    caseNumber: null,
    ticketNumber: 'A007',
    windowId: null,
    staffId: null,
    terminalId: 'LYG-HZ-001',
    channel: 'kiosk',
    ratedAt: '2026-11-24T09:00:00+08:00',
  };

  it('lists quarantined records with what went wrong; 重新发送 needs a session, sends at once under the same key and is audited (R-D5, R-P6)', async () => {
    const kiosk = await start();
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const { db, outbox } = sideOutbox();
    // Two failed attempts, then a refusal retrying cannot fix: the sync worker's path to quarantine.
    const writtenAt = now;
    const evaluation = outbox.add('evaluation', EVALUATION);
    outbox.markFailed(evaluation.id, { isRetryable: true, message: 'platform server error (HTTP 503)' });
    outbox.markFailed(evaluation.id, { isRetryable: true, message: 'platform server error (HTTP 503)' });
    outbox.markFailed(evaluation.id, { isRetryable: false, message: `platform refused the request (business code 4001) ${'细节'.repeat(150)}` });
    now += 60_000;
    const checkIn = outbox.add('checkIn', { appointmentCode: 'YY0001', ticketNumber: 'B003', checkedInAt: '2026-11-24T09:01:00+08:00', terminalId: 'LYG-HZ-001' });
    outbox.markFailed(checkIn.id, { isRetryable: false, message: 'platform answer does not match the API at /check-ins (invalid_type)' });

    const overview = value(await kiosk.handlers['admin.overview']({ token }));
    expect(overview.outbox).toMatchObject({ pending: 0, quarantined: 2 });
    // Newest first, with the technician's words for the kind.
    expect(overview.outbox.quarantinedRecords).toEqual([
      { id: checkIn.id, kind: 'checkIn', kindLabel: '预约签到', attempts: 1, lastError: 'platform answer does not match the API at /check-ins (invalid_type)', createdAt: new Date(writtenAt + 60_000).toISOString() },
      { id: evaluation.id, kind: 'evaluation', kindLabel: '好差评', attempts: 3, lastError: expect.stringMatching(/^platform refused the request \(business code 4001\) 细节.*…$/u) as string, createdAt: new Date(writtenAt).toISOString() },
    ]);
    expect([...(overview.outbox.quarantinedRecords[1]?.lastError ?? '')]).toHaveLength(200);
    expect(JSON.stringify(overview)).not.toContain('13800000000');

    // Without a live session nothing is released.
    expect(await kiosk.handlers['admin.releaseOutbox']({ token: 'A'.repeat(43), id: evaluation.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(outbox.quarantined().map((r) => r.id)).toEqual([evaluation.id, checkIn.id]);

    expect(value(await kiosk.handlers['admin.releaseOutbox']({ token, id: evaluation.id }))).toEqual({ released: true });
    // Woken, the sync worker sends it now (not at its next idle check), with the key it always had.
    const status = (): unknown => (db.prepare('SELECT status FROM outbox WHERE id = ?').get(evaluation.id) as { status: string }).status;
    await expect.poll(status).toBe('delivered');
    expect(db.prepare("SELECT idempotency_key AS key FROM platform_deliveries WHERE kind = 'evaluation'").all()).toEqual([{ key: evaluation.idempotencyKey }]);
    const after = value(await kiosk.handlers['admin.overview']({ token }));
    expect(after.outbox.quarantinedRecords.map((r) => r.id)).toEqual([checkIn.id]);

    // Gone from quarantine, or never there: refused in plain words.
    for (const id of [evaluation.id, 9_999]) {
      expect(await kiosk.handlers['admin.releaseOutbox']({ token, id })).toMatchObject({ ok: false, error: { code: 'notFound', message: expect.stringContaining('没有这条隔离记录') as string } });
    }
    const audit = value(await kiosk.handlers['admin.audit']({ token }));
    expect(audit.chain).toMatchObject({ ok: true });
    const releases = audit.entries.filter((e) => e.event === 'outbox.released');
    expect(releases.map((e) => [e.outcome, e.detail])).toEqual([
      ['refused', 'outbox #9,999 (not quarantined)'],
      ['refused', `outbox #${evaluation.id} (not quarantined)`],
      ['ok', `outbox #${evaluation.id} evaluation`],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/13800000000|办理时间过长/u);
  });

  it('re-sends an application quarantined after a lost answer under its old key: the platform answers with the case it already filed', async () => {
    const kiosk = await start();
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    const { db, outbox } = sideOutbox();
    const upload: ApplicationUpload = {
      reference: 'SB20261124A01000001',
      itemCode: '320700-RS-JF-0005',
      itemName: '失业保险金申领',
      departmentName: '连云港市人力资源和社会保障局',
      terminalId: 'LYG-HZ-001',
      submittedAt: '2026-11-24T09:00:00+08:00',
      applicant: { name: '测试样本一', idNumber: '320000199001019914', cardType: 'resident' },
      agent: null,
      materials: [],
      form: {},
      materialsPdf: null,
      commitmentPdf: null,
    };
    const application = outbox.add('application', upload);
    outbox.markFailed(application.id, { isRetryable: false, message: 'platform answer does not match the API at /applications (invalid_type)' });
    // Yet the platform had filed the case: only its answer did not reach the terminal intact.
    const platform = new LocalPlatform(db, {
      timeZone: 'Asia/Shanghai',
      now: () => now,
      itemRules: () => ({ departmentName: upload.departmentName, promisedDays: 5, collection: { method: '窗口领取', place: '一楼', hours: '工作日' } }),
    });
    const filed = await platform.deliver({ kind: 'application', idempotencyKey: application.idempotencyKey, payload: upload });
    if (!filed.ok || filed.value.kind !== 'caseFiled') throw new Error('not filed');
    new AlarmService(db, () => now).raise('sync', 'outboxQuarantined', `outbox record ${application.id} (application) quarantined`);

    const overview = value(await kiosk.handlers['admin.overview']({ token }));
    expect(overview.outbox.quarantinedRecords).toMatchObject([{ id: application.id, kindLabel: '自助申办' }]);
    expect(overview.alarms.map((a) => a.code)).toContain('outboxQuarantined');
    expect(JSON.stringify(overview)).not.toMatch(/测试样本一|320000199001019914/u);

    value(await kiosk.handlers['admin.releaseOutbox']({ token, id: application.id }));
    await expect.poll(() => outbox.ackOf(application.id)).toEqual(filed.value);
    expect(db.prepare('SELECT count(*) AS n FROM platform_cases WHERE item_code = ?').get(upload.itemCode)).toEqual({ n: 1 });
    // Nothing left in quarantine: its alarm goes, so the next quarantine raises a fresh one.
    expect(value(await kiosk.handlers['admin.overview']({ token })).alarms.map((a) => a.code)).not.toContain('outboxQuarantined');
  });

  it('restarts through the host, or says to restart by hand', async () => {
    let restarts = 0;
    const kiosk = await start({}, { onRestartRequested: () => (restarts += 1) });
    const { token } = value(await kiosk.handlers['admin.setPin']({ pin: PIN }));
    expect(value(await kiosk.handlers['admin.restart']({ token }))).toEqual({ restarting: true });
    expect(restarts).toBe(1);
  });
});
