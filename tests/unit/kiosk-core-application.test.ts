/**
 * Self-service applications through the real core (issue #6): the simulated reader and
 * 高拍仪, the local platform, the printers writing to the data folder. A complete application
 * with 代办 and a signed 告知承诺书 gets a case, a receipt and an acceptance notice; an
 * incomplete one gets the one-time notice; wrong-state calls are refused in Chinese; nothing
 * personal is readable in the data folder (R-P5), and a wrong data key stops the terminal.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, MethodArgument, MethodName, MethodValues } from '../../electron/ipc/contract.js';
import { createKioskCore } from '../../electron/services/kiosk-core.js';
import { PLATFORM_COMMAND } from '../../electron/services/platform/platform-cli.js';
import type { DoctorIo } from '../../hardware/cli/doctor.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { maskIdNumber } from '../../electron/services/privacy/mask.js';
import { DATA_KEY_FILE } from '../../electron/services/storage/vault.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { type JourneyCaller, SIGNATURE, applyOnce, prepareApplication, validFormValues, value } from '../support/application-journey.js';
import { scanForCanaries } from '../support/canary-scan.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

/** 生育登记: 告知承诺, 代办 allowed, the ID card photographed. */
const COMMITMENT_ITEM = '320700-WJ-GG-0001';
/** 失业保险金申领: a 容缺 material, no agent, no commitment. */
const DEFERRABLE_ITEM = '320700-RS-JF-0005';

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** What the simulated thermal printer printed, as its job store decoded it (`.txt`). */
const receiptsText = (dir: string): string =>
  readdirSync(path.join(dir, 'printer'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(path.join(dir, 'printer', name), 'utf8'))
    .join('\n');
const caller = (core: KioskCore): JourneyCaller => ({
  call: <M extends MethodName>(method: M, arg: MethodArgument<M>) =>
    (core.handlers[method] as (a: MethodArgument<M>) => Promise<IpcResult<MethodValues[M]>>)(arg),
});

describe('kiosk core: self-service application (#6)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: KioskCore | undefined;

  beforeEach(() => {
    dir = makeTempDir('kiosk-core-6-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1 }));
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.remove();
  });

  it('submits a complete application with 代办 and a signed commitment: case, receipt, acceptance notice, nothing readable at rest', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    const submitted = await applyOnce(caller(core), { itemCode: COMMITMENT_ITEM, agentSpecimenId: 'resident-elder' });
    expect(submitted.caseNumber).toMatch(/^ZZ\d{8}\d{6}$/u);
    expect(submitted.reference).toMatch(/^SB\d{8}\d{6}$/u);
    expect(submitted.receipt).toEqual({ status: 'printed' });
    expect(submitted.notice).toMatchObject({ status: 'printed' });

    const receipt = receiptsText(dir.path);
    expect(receipt).toContain('生育登记');
    expect(receipt).toContain(submitted.caseNumber);
    expect(receipt).toContain(maskIdNumber(SPECIMEN_CARDS.resident.idNumber));
    expect(receipt).not.toContain(SPECIMEN_CARDS.resident.idNumber);
    const notice = pdfText(path.join(dir.path, 'a4', '1.pdf'));
    expect(notice).toContain('受理通知书');
    expect(notice).toContain(submitted.caseNumber);

    // The evaluation that follows binds to the new case.
    const prompt = value(await core.handlers['evaluation.begin']({ journey: 'application', caseNumber: submitted.caseNumber ?? '' }));
    expect(prompt.subjectLabel).toContain(submitted.caseNumber);

    // Submitting again (a screen that timed out retries) answers the same submission and prints nothing; changes are refused.
    const printedBefore = readdirSync(path.join(dir.path, 'printer')).length;
    expect(await core.handlers['application.submit']({})).toEqual({ ok: true, value: submitted });
    expect(readdirSync(path.join(dir.path, 'printer'))).toHaveLength(printedBefore);
    expect(await core.handlers['application.setForm']({ values: {} })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await core.handlers['session.end']({ reason: 'finished' });
    await core.close();
    core = undefined;

    // R-P5: names, ID numbers and form values of both people appear nowhere in the data folder.
    const canaries = [SPECIMEN_CARDS.resident.name, SPECIMEN_CARDS.resident.idNumber, SPECIMEN_CARDS['resident-elder'].name, SPECIMEN_CARDS['resident-elder'].idNumber, '连云港市海州区样例路3号', '13800000000'];
    const hits = readdirSync(dir.path, { recursive: true, withFileTypes: true })
      .filter((file) => file.isFile())
      .flatMap((file) => scanForCanaries(readFileSync(path.join(file.parentPath, file.name)), canaries, file.name));
    expect(hits).toEqual([]);
  }, 60_000);

  it('files the case at the local platform so progress lookup by ID card finds it', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    const submitted = await applyOnce(caller(core), { itemCode: DEFERRABLE_ITEM });
    expect(submitted.deferred).toHaveLength(1);
    expect(receiptsText(dir.path)).toContain(`请于 ${submitted.deferred[0]?.promiseDate ?? '?'} 前补交`);
    value(await core.handlers['session.begin']({}));
    value(await core.handlers['identity.startReading']({}));
    value(await core.handlers['dev.presentCard']({ specimenId: 'resident' }));
    await expect.poll(async () => (await core!.handlers['progress.listByIdCard']({})).ok, { timeout: 5000 }).toBe(true);
    const { cases } = value(await core.handlers['progress.listByIdCard']({}));
    expect(cases).toEqual(expect.arrayContaining([expect.objectContaining({ caseNumber: submitted.caseNumber, itemName: '失业保险金申领' })]));
  }, 60_000);

  it('does not submit an incomplete application; prints the one-time notice listing what is missing and where to get it', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    await prepareApplication(caller(core), { itemCode: DEFERRABLE_ITEM, missing: 1 });
    const review = value(await core.handlers['application.review']({}));
    expect(review).toMatchObject({ isComplete: false, canSubmit: false });
    expect(review.missing).toHaveLength(1);
    expect(review.blockers).toContain('尚缺1项材料，可打印一次性告知书');
    expect(await core.handlers['application.submit']({})).toMatchObject({ ok: false, error: { message: '尚缺1项材料，可打印一次性告知书' } });

    const printed = value(await core.handlers['application.printNotice']({}));
    expect(printed.notice).toMatchObject({ status: 'printed' });
    const text = pdfText(path.join(dir.path, 'a4', '1.pdf')).replace(/\s+/gu, '');
    expect(text).toContain('一次性告知');
    expect(text).toContain((review.missing[0]?.name ?? '?').replace(/\s+/gu, ''));
    expect(text).toContain((review.missing[0]?.source ?? '?').replace(/\s+/gu, ''));
    expect(await core.handlers['application.printNotice']({})).toMatchObject({ ok: false, error: { message: '一次性告知书已打印' } });
  }, 60_000);

  it('submits once when 确认提交 is tapped twice, and finishes a submission the idle timeout interrupts', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    await prepareApplication(caller(core), { itemCode: DEFERRABLE_ITEM });
    const [first, second] = await Promise.all([core.handlers['application.submit']({}), core.handlers['application.submit']({})]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(first.ok ? second : first).toMatchObject({ ok: false, error: { message: '正在处理，请稍候' } });

    await prepareApplication(caller(core), { itemCode: DEFERRABLE_ITEM });
    const submitting = core.handlers['application.submit']({});
    await core.handlers['session.end']({ reason: 'idleTimeout' });
    const outcome = await submitting;
    // Either refused before COMMIT or submitted in full; never a crash or half a receipt.
    if (outcome.ok) expect(outcome.value.caseNumber).toMatch(/^ZZ/u);
    else expect(outcome.error.message).toBe('操作已超时，请重新开始');
    expect(readdirSync(path.join(dir.path, 'printer')).filter((name) => name.endsWith('.txt'))).toHaveLength(outcome.ok ? 2 : 1);
  }, 60_000);

  it('refuses calls in the wrong state, in Chinese', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    const kiosk = core;
    value(await kiosk.handlers['session.begin']({}));
    expect(await kiosk.handlers['application.review']({})).toMatchObject({ ok: false, error: { message: '请先选择要申办的事项' } });
    expect(await kiosk.handlers['application.begin']({ itemCode: '320700-GA-QR-0002' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const begun = value(await kiosk.handlers['application.begin']({ itemCode: COMMITMENT_ITEM }));
    expect(begun.commitment?.clauses.length).toBeGreaterThan(1);
    expect(await kiosk.handlers['application.takeCard']({ role: 'applicant' })).toMatchObject({ ok: false, error: { message: '请将身份证放置在感应区' } });
    expect(await kiosk.handlers['application.takeCard']({ role: 'agent' })).toMatchObject({ ok: false, error: { message: '请先选择代他人办理' } });
    const idCard = begun.materials.find((m) => m.materialId === 'id-card');
    expect(await kiosk.handlers['application.setMaterial']({ materialId: 'id-card', choice: 'captured' })).toMatchObject({ ok: false, error: { message: '请先拍摄「夫妻双方居民身份证」（共需4页）' } });
    expect(idCard?.choices).not.toContain('shared');
    expect(await kiosk.handlers['application.setMaterial']({ materialId: 'id-card', choice: 'deferred', promiseDate: begun.promiseDates.earliest })).toMatchObject({
      ok: false,
      error: { code: 'invalidArgument' },
    });
    expect(await kiosk.handlers['application.sign']({ aspect: 3, strokes: [[0.5, 0.5, 0.51, 0.5]] })).toMatchObject({ ok: false, error: { message: '签名过短，请在框内写下您的姓名' } });
    const form = value(await kiosk.handlers['application.setForm']({ values: { ...validFormValues(begun.fields), contactPhone: '123' } }));
    expect(form.isValid).toBe(false);
    const review = value(await kiosk.handlers['application.review']({}));
    expect(review.blockers).toEqual(expect.arrayContaining(['请先读取申请人身份证', '请完整填写申请表', '请阅读并签署告知承诺书']));
    expect(await kiosk.handlers['application.submit']({})).toMatchObject({ ok: false, error: { message: '请先读取申请人身份证' } });

    // 代办: the agent cannot be the applicant.
    value(await kiosk.handlers['application.setAgent']({ hasAgent: true }));
    for (const role of ['applicant', 'agent'] as const) {
      value(await kiosk.handlers['identity.startReading']({}));
      value(await kiosk.handlers['dev.presentCard']({ specimenId: 'resident' }));
      await expect.poll(async () => (await kiosk.handlers['application.takeCard']({ role })).ok === (role === 'applicant'), { timeout: 5000 }).toBe(true);
      value(await kiosk.handlers['dev.removeCard']({}));
    }
    expect(await kiosk.handlers['application.takeCard']({ role: 'agent' })).toMatchObject({ ok: false });
    value(await kiosk.handlers['application.sign'](SIGNATURE));

    // Idle timeout / session end wipes the draft.
    await kiosk.handlers['session.end']({ reason: 'idleTimeout' });
    value(await kiosk.handlers['session.begin']({}));
    expect(await kiosk.handlers['application.review']({})).toMatchObject({ ok: false, error: { message: '请先选择要申办的事项' } });
  }, 60_000);

  it('goes out of service with a wrong data key instead of starting on a new one (R-P5)', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    expect(core.status().mode).toBe('ready');
    await core.close();
    writeFileSync(path.join(dir.path, DATA_KEY_FILE), randomBytes(32).toString('base64'));
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    expect(core.status()).toMatchObject({ mode: 'outOfService', outOfServiceReason: '数据密钥异常，设备暂停服务' });
    expect(core.diagnostics().join('\n')).toMatch(/data key does not match this database/u);
    expect(await core.handlers['application.begin']({ itemCode: COMMITMENT_ITEM })).toMatchObject({ ok: false, error: { code: 'outOfService' } });
  });
});

describe('hall staff move an application filed at the local platform (npm run platform -- case status)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const previous = process.env['KIOSK_DATA_DIR'];

  beforeEach(() => {
    dir = makeTempDir('kiosk-core-6-cli-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1 }));
    process.env['KIOSK_DATA_DIR'] = dir.path;
  });
  afterEach(() => {
    if (previous === undefined) delete process.env['KIOSK_DATA_DIR'];
    else process.env['KIOSK_DATA_DIR'] = previous;
    dir.remove();
  });

  async function platformCli(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const io: DoctorIo = { stdout: (text) => void (out += text), stderr: (text) => void (out += text), readStdin: () => Promise.resolve('') };
    const code = await PLATFORM_COMMAND.run(args, io);
    return { code, out };
  }

  it('受理, 补正 with the missing material, then 办结: progress lookup follows each step', async () => {
    const core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    const submitted = await applyOnce(caller(core), { itemCode: DEFERRABLE_ITEM });
    await core.close();
    const caseNumber = submitted.caseNumber ?? '';

    const statusAtKiosk = async (): Promise<unknown> => {
      const kiosk = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
      try {
        value(await kiosk.handlers['session.begin']({}));
        value(await kiosk.handlers['identity.startReading']({}));
        value(await kiosk.handlers['dev.presentCard']({ specimenId: 'resident' }));
        await expect.poll(async () => (await kiosk.handlers['progress.listByIdCard']({})).ok, { timeout: 5000 }).toBe(true);
        return value(await kiosk.handlers['progress.listByIdCard']({})).cases.find((c) => c.caseNumber === caseNumber);
      } finally {
        await kiosk.close();
      }
    };

    expect(await platformCli('case', 'status', caseNumber, 'correction')).toMatchObject({ code: 1, out: expect.stringContaining('补正 needs the list of missing materials') as string });
    expect(await platformCli('case', 'status', caseNumber, 'correction', '--missing', '解除劳动合同证明:原件印章不清')).toMatchObject({ code: 0 });
    expect(await statusAtKiosk()).toMatchObject({ status: 'correctionRequired', missingMaterials: [{ name: '解除劳动合同证明', reason: '原件印章不清' }] });
    expect((await platformCli('case', 'status', caseNumber, 'accepted', '--note', '已补正')).code).toBe(0);
    expect((await platformCli('case', 'status', caseNumber, 'completed')).code).toBe(0);
    expect((await platformCli('case', 'status', caseNumber, 'accepted')).code).toBe(1);
    expect(await statusAtKiosk()).toMatchObject({ status: 'completed' });
  }, 60_000);
});
