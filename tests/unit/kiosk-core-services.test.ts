/**
 * The #7 handlers through the real core with simulated devices: scan → progress, ID card →
 * my cases, appointment check-in with its lane, evaluation through the outbox to the local
 * platform, counter mode with the simulated pad.
 */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, KioskEvents, ScanResult } from '../../electron/ipc/contract.js';
import { createKioskCore } from '../../electron/services/kiosk-core.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { openDatabase } from '../../electron/services/storage/database.js';
import { openVault } from '../../electron/services/storage/vault.js';
import { freePort } from '../support/free-port.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

// 10:00 in the hall; the first demo appointment starts on the next half hour (here now).
const NOW = Date.UTC(2026, 10, 24, 2, 0);

function nextEvent<E extends EventName>(core: KioskCore, name: E): Promise<KioskEvents[E]> {
  return new Promise((resolve) => {
    const off = core.onEvent((event: EventName, payload: unknown) => {
      if (event !== name) return;
      off();
      resolve(payload as KioskEvents[E]);
    });
  });
}

describe('kiosk core: scanning, progress, check-in, evaluation (#7)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: KioskCore;
  let now = NOW;
  let counterPort = 0;

  beforeEach(async () => {
    dir = makeTempDir('kiosk-core-7-');
    now = NOW;
    counterPort = await freePort();
    writeFileSync(
      path.join(dir.path, 'config.json'),
      JSON.stringify({ version: 1, devices: { evaluationPad: { transport: { type: 'simulated' } } }, evaluation: { counter: { isEnabled: true, port: counterPort } } }),
    );
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => now, seedDemoData: true });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('scans a receipt QR through the simulated scanner and shows the case', async () => {
    const codes = value(await core.handlers['dev.listSampleCodes']({}));
    const receipt = codes.find((c) => c.label.startsWith('回执'));
    if (receipt === undefined) throw new Error('no sample receipt');
    await core.handlers['session.begin']({});
    // Not scanning: a code waved at the kiosk does nothing — neither now nor late, after
    // scanning starts (it would arrive before the receipt, which is scanned next).
    const heard: ScanResult[] = [];
    const off = core.onEvent((event, payload) => event === 'scan.scanned' && heard.push(payload as ScanResult));
    await core.handlers['dev.scan']({ text: 'javascript:alert(1)' });

    expect(await core.handlers['scan.start']({})).toEqual({ ok: true, value: { isScanning: true } });
    const scanned = nextEvent(core, 'scan.scanned');
    await core.handlers['dev.scan']({ text: receipt.text });
    const result = await scanned;
    off();
    expect(heard).toEqual([result]);
    if (result.kind !== 'receipt') throw new Error(`scanned ${result.kind}`);
    const shown = value(await core.handlers['progress.lookup']({ caseNumber: result.caseNumber, verifier: result.verifier }));
    expect(shown).toMatchObject({ applicantMaskedName: '测****', departmentName: expect.any(String) as unknown });
    expect(['已受理', '需补正', '已办结']).toContain(shown.statusLabel);

    const refused = nextEvent(core, 'scan.scanned');
    await core.handlers['dev.scan']({ text: 'javascript:alert(1)' });
    expect(await refused).toMatchObject({ kind: 'refused', reason: 'unsafe' });
    expect(value(await core.handlers['scan.submitText']({ text: 'https://evil.example/progress?case=ZZ20261124000001&v=AAAA1111' }))).toMatchObject({ reason: 'otherHost' });
  });

  it('lists the cases of the ID card in the session, then rates one; the rating reaches the platform once', async () => {
    await core.handlers['session.begin']({});
    expect(await core.handlers['progress.listByIdCard']({})).toMatchObject({ ok: false, error: { message: '请先将身份证放置在感应区' } });
    await core.handlers['identity.startReading']({});
    const read = nextEvent(core, 'identity.cardRead');
    await core.handlers['dev.presentCard']({ specimenId: 'resident' });
    await read;
    const { cases } = value(await core.handlers['progress.listByIdCard']({}));
    expect(cases.map((c) => c.status).sort()).toEqual(['accepted', 'completed', 'correctionRequired']);
    const correction = cases.find((c) => c.status === 'correctionRequired');
    expect(correction?.missingMaterials).toHaveLength(2);
    const completed = cases.find((c) => c.status === 'completed');
    if (completed === undefined) throw new Error('no completed case');
    expect(completed.collection).toMatchObject({ method: '窗口领取' });

    const prompt = value(await core.handlers['evaluation.begin']({ journey: 'progress', caseNumber: completed.caseNumber }));
    expect(value(await core.handlers['evaluation.submit']({ promptId: prompt.promptId, level: 2, reasons: ['办理时间过长'], phone: '13800000000' }))).toEqual({
      recorded: true,
      isFollowUp: true,
    });
    await core.close();
    const db = openDatabase(dir.path);
    if (!db.ok) throw new Error(db.error.message);
    const delivered = db.value.prepare("SELECT idempotency_key AS key, payload FROM platform_deliveries WHERE kind = 'evaluation'").all() as { key: string; payload: string }[];
    expect(delivered).toHaveLength(1);
    // Sealed at rest (R-P5): readable only with the terminal's data key.
    const vault = openVault(db.value, dir.path);
    if (!vault.ok) throw new Error(vault.error.message);
    expect(JSON.parse(vault.value.open(delivered[0]?.payload ?? '', `delivery:${delivered[0]?.key ?? ''}`))).toMatchObject({ level: 2, caseNumber: completed.caseNumber, isFollowUp: true, channel: 'kiosk' });
    expect(db.value.prepare("SELECT status FROM outbox WHERE kind = 'evaluation'").all()).toEqual([{ status: 'delivered' }]);
    db.value.close();
  });

  it('checks in an appointment by ID card: an appointment-lane ticket, ahead of walk-ins; a second check-in shows the same ticket', async () => {
    await core.handlers['queue.takeTicket']({ categoryId: 'real-estate' });
    await core.handlers['queue.takeTicket']({ categoryId: 'real-estate' });
    await core.handlers['session.begin']({});
    await core.handlers['identity.startReading']({});
    const read = nextEvent(core, 'identity.cardRead');
    await core.handlers['dev.presentCard']({ specimenId: 'resident-elder' });
    await read;
    const { appointments } = value(await core.handlers['appointment.listByIdCard']({}));
    expect(appointments).toHaveLength(1);
    const [appointment] = appointments;
    if (appointment === undefined) throw new Error('no appointment');
    expect(appointment).toMatchObject({ categoryName: '不动产登记', slotStart: '10:00', window: { state: 'open' }, ticketNumber: null });
    const checkedIn = value(await core.handlers['appointment.checkIn']({ code: appointment.code }));
    expect(checkedIn.ticket).toMatchObject({ ticketNumber: 'B003', waitingAhead: 0, isExisting: false, print: { status: 'printed' } });
    const again = value(await core.handlers['appointment.checkIn']({ code: appointment.code }));
    expect(again.ticket).toMatchObject({ ticketNumber: 'B003', isExisting: true });
    expect(again.appointment.window.state).toBe('checkedIn');
    const prompt = value(await core.handlers['evaluation.begin']({ journey: 'checkIn' }));
    expect(prompt.subjectLabel).toBe('号票 B003');
    // A walk-in after it waits behind it.
    await core.handlers['session.end']({ reason: 'finished' });
    expect(await core.handlers['queue.takeTicket']({ categoryId: 'real-estate' })).toMatchObject({ value: { ticketNumber: 'B004', waitingAhead: 3 } });
  });

  it('refuses a check-in outside its window and one not looked up in this session', async () => {
    await core.handlers['session.begin']({});
    expect(await core.handlers['appointment.checkIn']({ code: 'YY202611240002' })).toMatchObject({ ok: false, error: { message: '请先扫描预约二维码或刷身份证查询预约' } });
    const codes = value(await core.handlers['dev.listSampleCodes']({}));
    const later = codes.find((c) => c.label.startsWith('预约：14:00'));
    if (later === undefined) throw new Error(`no later appointment in ${codes.map((c) => c.label).join(', ')}`);
    const url = new URL(later.text);
    const shown = value(await core.handlers['appointment.lookup']({ code: url.searchParams.get('no') ?? '', verifier: url.searchParams.get('v') ?? '' }));
    expect(shown.window).toEqual({ state: 'early', message: '预约时段为 14:00–14:30，请于 13:30 后签到' });
    expect(await core.handlers['appointment.checkIn']({ code: shown.code })).toMatchObject({ ok: false, error: { message: shown.window.message } });
  });

  it('counter mode: a window system asks over loopback HTTP and the simulated pad answers', async () => {
    const status = core.status().devices.find((d) => d.kind === 'evaluationPad');
    expect(status).toMatchObject({ state: 'online', isSimulated: true });
    const post = (body: unknown): Promise<{ status: number; body: Record<string, unknown> }> =>
      new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: counterPort, method: 'POST', path: '/v1/evaluation-requests', headers: { 'content-type': 'application/json' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    // A press with no prompt does nothing.
    expect(value(await core.handlers['dev.pressPad']({ level: 1 }))).toEqual({ isPrompted: false });
    const asked = post({ windowId: 'W03', staffId: 'S001', caseNumber: 'ZZ20261124000001', timeoutSeconds: 10 });
    for (let tries = 0; tries < 200; tries += 1) {
      if (value(await core.handlers['dev.pressPad']({ level: 4 })).isPrompted) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await asked).toMatchObject({ status: 200, body: { outcome: 'rated', level: 4, label: '满意' } });
    // Busy: one prompt at a time.
    const first = post({ windowId: 'W03', timeoutSeconds: 5 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post({ windowId: 'W04', timeoutSeconds: 5 })).status).toBe(409);
    core.handlers['dev.pressPad']({ level: 5 }).catch(() => undefined);
    expect((await first).body).toMatchObject({ outcome: 'rated', level: 5 });
  });
});
