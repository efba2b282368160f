/**
 * The 自助申办 screens as static markup, fed by the fake core: the guide's way in, the 须知,
 * the cards (masked only, R-P2), the materials and their choices, the review — complete, or
 * 材料不齐全 with the one-time notice offered — and the result, in Chinese and English.
 */
import { describe, expect, it } from 'vitest';
import type { ApplicationBegun, ApplicationReview, ApplicationSubmitted, SystemStatus } from '../../electron/ipc/contract';
import { fakeGuide } from '../../renderer/api/fake-catalogue';
import { FAKE_SPECIMENS, FAKE_STATUS, type FakeKiosk, createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { ApplicationCardScreen, ApplicationCardsSummaryScreen } from '../../renderer/screens/application-card-screen';
import { ApplicationCommitmentScreen } from '../../renderer/screens/application-commitment-screen';
import { ApplicationFormScreen } from '../../renderer/screens/application-form-screen';
import { ApplicationIntroScreen } from '../../renderer/screens/application-intro-screen';
import { hallDay } from '../../renderer/screens/application-journey';
import { ApplicationMaterialsScreen, type ApplicationMaterialsScreenProps } from '../../renderer/screens/application-materials-screen';
import { ApplicationFailedScreen, ApplicationWaitScreen } from '../../renderer/screens/application-notices';
import { ApplicationNoticeScreen, ApplicationResultScreen } from '../../renderer/screens/application-result-screen';
import { ApplicationReviewScreen } from '../../renderer/screens/application-review-screen';
import { GuidePageScreen } from '../../renderer/screens/guide-page-screen';
import { RENDER_NOW, render, testIds, textOf } from './renderer-static-render';

const noop = (): void => undefined;
const STATUS: SystemStatus = FAKE_STATUS;
const UNEMPLOYMENT = '320700-RS-0001';
const ID_RENEWAL = '320700-GA-0001';
const RESIDENT = FAKE_SPECIMENS.find((s) => s.id === 'resident');
const ELDER = FAKE_SPECIMENS.find((s) => s.id === 'elder');

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** An application begun in the fake core, the applicant's card (and the agent's) taken. */
async function begun(itemCode: string, hasAgent = false): Promise<{ fake: FakeKiosk; begun: ApplicationBegun }> {
  const fake = createFakeKiosk({ now: () => RENDER_NOW, cardReadDelayMs: 0 });
  await fake.kiosk.session.begin({});
  const value = ok(await fake.kiosk.application.begin({ itemCode }));
  ok(await fake.kiosk.application.setAgent({ hasAgent }));
  await fake.kiosk.identity.startReading({});
  await fake.control.presentCard('resident');
  ok(await fake.kiosk.application.takeCard({ role: 'applicant' }));
  if (hasAgent) {
    fake.control.removeCard();
    await fake.control.presentCard('elder');
    ok(await fake.kiosk.application.takeCard({ role: 'agent' }));
  }
  return { fake, begun: value };
}

describe('the way in from a guide', () => {
  function guidePage(code: string, onApply?: () => void): string {
    const guide = fakeGuide(code);
    if (!guide) throw new Error('fake catalogue changed');
    return render(
      <GuidePageScreen
        status={STATUS}
        phase="ready"
        guide={guide}
        printing={null}
        notice={null}
        failureMessage={null}
        onPrintChecklist={noop}
        onPrintGuide={noop}
        onTakeTicket={noop}
        {...(onApply ? { onApply } : {})}
        onDismiss={noop}
        onRetry={noop}
        onBack={noop}
        onHome={noop}
      />,
    );
  }

  it('offers 我要申办 on the guide of an item applicable at the kiosk, and nothing to capture apart', () => {
    const html = guidePage(ID_RENEWAL, noop);
    expect(textOf(html)).toContain('我要申办 在本机自助申请');
    expect(html).not.toMatch(/disabled=""[^>]*data-testid="guide-apply"/u);
    expect(testIds(html)).toContain('guide-apply');
    expect(testIds(html)).not.toContain('guide-capture');
    expect(testIds(guidePage('320700-BDC-0001', noop))).not.toContain('guide-apply');
  });
});

describe('须知', () => {
  it('says what it takes, with 本人办理 and 代他人办理 where 代办 is allowed', async () => {
    const { begun: value } = await begun(UNEMPLOYMENT);
    const html = render(<ApplicationIntroScreen status={STATUS} begun={value} onStart={noop} onHome={noop} />);
    const text = textOf(html);
    expect(text).toContain('失业保险金申领');
    expect(text).toContain('承诺 3 个工作日内办结');
    expect(text).toContain('本事项实行告知承诺制');
    expect(text).toContain('申请材料 3 项，其中 1 项已在政府留存，无需提交');
    expect(text).toContain('阅读并签署告知承诺书');
    expect(testIds(html)).toEqual(expect.arrayContaining(['application-start-self', 'application-start-agent', 'step-application-commitment', 'go-home']));
  });

  it('offers only 开始申办 for an item to be applied for in person, without a commitment step', async () => {
    const { begun: value } = await begun(ID_RENEWAL);
    const html = render(<ApplicationIntroScreen status={STATUS} begun={value} onStart={noop} onHome={noop} />);
    expect(testIds(html)).toContain('application-start-self');
    expect(testIds(html)).not.toContain('application-start-agent');
    expect(testIds(html)).not.toContain('step-application-commitment');
    expect(textOf(html)).toContain('本事项须申请人本人办理');
  });

  it('is English in English, but for the catalogue’s own words', async () => {
    const { begun: value } = await begun(UNEMPLOYMENT);
    const text = textOf(render(<ApplicationIntroScreen status={STATUS} begun={value} onStart={noop} onHome={noop} />, 'en'));
    expect(text).toContain('For myself');
    expect(text).toContain('For someone else');
    expect(text).not.toMatch(/本人办理|代他人办理|申办须知|承诺书后/u);
  });
});

describe('读取身份证', () => {
  it('asks the agent for their card once the applicant’s is taken, saying so', async () => {
    const { begun: value } = await begun(UNEMPLOYMENT);
    const html = render(
      <ApplicationCardScreen
        status={STATUS}
        begun={value}
        role="agent"
        phase="reading"
        card={null}
        notice={{ kind: 'applicantCard' }}
        applicant={{ role: 'applicant', maskedName: '李**', maskedIdNumber: '3207**********2346', cardTypeLabel: '居民身份证' }}
        onConfirm={noop}
        onReread={noop}
        onBack={noop}
        onHome={noop}
      />,
    );
    const text = textOf(html);
    expect(text).toContain('请代办人将身份证放置在感应区');
    expect(text).toContain('读卡器上仍是申请人的身份证');
    expect(testIds(html)).toEqual(expect.arrayContaining(['application-card-reading', 'application-card-applicant-taken', 'application-card-notice']));
  });

  it('shows the card read for 确认 masked: never the full name or number', () => {
    if (!RESIDENT?.view || !ELDER) throw new Error('specimens changed');
    const html = render(
      <ApplicationCardScreen
        status={STATUS}
        begun={null}
        role="applicant"
        phase="confirming"
        card={RESIDENT.view}
        notice={null}
        applicant={null}
        onConfirm={noop}
        onReread={noop}
        onBack={noop}
        onHome={noop}
      />,
    );
    const text = textOf(html);
    expect(text).toContain('李**');
    expect(text).toContain('3207**********2346');
    expect(text).not.toContain(RESIDENT.fullName);
    expect(testIds(html)).toEqual(expect.arrayContaining(['application-card-confirm', 'application-card-confirm-take', 'application-card-reread']));
  });

  it('lists both cards taken, masked, each with 重新读取', () => {
    const html = render(
      <ApplicationCardsSummaryScreen
        status={STATUS}
        begun={null}
        applicant={{ role: 'applicant', maskedName: '李**', maskedIdNumber: '3207**********2346', cardTypeLabel: '居民身份证' }}
        agent={{ role: 'agent', maskedName: '张**', maskedIdNumber: '3207**********1234', cardTypeLabel: '居民身份证' }}
        onReread={noop}
        onNext={noop}
        onBack={noop}
        onHome={noop}
      />,
    );
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['application-party-applicant', 'application-party-agent', 'application-card-reread-agent', 'application-cards-next']),
    );
    expect(textOf(html)).not.toMatch(/李晓梅|张建国/u);
  });
});

describe('材料', () => {
  async function materials(itemCode: string, overrides: Partial<ApplicationMaterialsScreenProps> = {}): Promise<string> {
    const { begun: value } = await begun(itemCode);
    return render(
      <ApplicationMaterialsScreen
        status={STATUS}
        begun={value}
        materials={value.materials}
        captureMaterials={value.capture?.materials ?? []}
        savingId={null}
        notice={null}
        dateChoice={null}
        onCapture={noop}
        onChoose={noop}
        onDefer={noop}
        onPickDate={noop}
        onConfirmDate={noop}
        onCancelDate={noop}
        onNext={noop}
        onBack={noop}
        onHome={noop}
        {...overrides}
      />,
    );
  }

  it('offers each material its own choices, and shows shared data as held already', async () => {
    const html = await materials(ID_RENEWAL);
    const ids = testIds(html);
    expect(ids).toEqual(
      expect.arrayContaining(['material-id-card-capture', 'material-id-card-missing', 'material-photo-capture', 'material-photo-notApplicable', 'material-photo-missing']),
    );
    expect(ids).not.toContain('material-id-card-notApplicable');
    expect(ids.filter((id) => id.startsWith('material-household-'))).toEqual(['material-household-state']);
    expect(textOf(html)).toContain('居民户口簿 已在政府留存，无需提交');
    expect(textOf(html)).toContain('适用情形：不在窗口拍摄时提供符合标准的照片回执');
    expect(html).toMatch(/disabled=""[^>]*data-testid="application-materials-next"/u);
    expect(textOf(html)).toContain('还有 2 项材料未选择');
  });

  it('opens the 容缺 date within the allowed range', async () => {
    const html = await materials(UNEMPLOYMENT, { dateChoice: { materialId: 'bank-card', date: '2025-12-01' } });
    const text = textOf(html);
    expect(text).toContain('请选择承诺补交日期');
    expect(text).toContain('2025年12月1日');
    expect(text).toContain('星期一');
    expect(text).toContain('可选 2025-11-25 至 2025-12-24');
    expect(testIds(html)).toEqual(expect.arrayContaining(['application-date', 'application-date-confirm', 'material-bank-card-deferred']));
  });

  it('shows a refused choice in the core’s words', async () => {
    const html = await materials(UNEMPLOYMENT, { notice: '请先拍摄「申请人居民身份证」（共需2页）' });
    expect(textOf(html)).toContain('请先拍摄「申请人居民身份证」（共需2页）');
  });
});

describe('填表 and 告知承诺书', () => {
  it('draws the item’s form with 上一步 and 下一步, and says how many fields need changing', async () => {
    const { begun: value } = await begun(UNEMPLOYMENT);
    const html = render(
      <ApplicationFormScreen
        status={STATUS}
        begun={value}
        values={{ phone: '1380000' }}
        errors={{ phone: '请输入11位手机号码或带区号的固定电话' }}
        isSaving={false}
        today={hallDay(new Date(RENDER_NOW), 'Asia/Shanghai')}
        candidates={() => Promise.resolve([])}
        onChange={noop}
        onNext={noop}
        onBack={noop}
        onHome={noop}
      />,
    );
    expect(textOf(html)).toContain('有 1 项需要修改');
    expect(textOf(html)).toContain('联系电话');
    expect(testIds(html)).toEqual(expect.arrayContaining(['application-form-next', 'application-back', 'application-form-invalid']));
  });

  it('shows every clause, the pad, and 我已阅读并承诺 only with ink', async () => {
    const { begun: value } = await begun(UNEMPLOYMENT);
    if (!value.commitment) throw new Error('no commitment');
    const screen = (hasSignature: boolean): string =>
      render(
        <ApplicationCommitmentScreen
          status={STATUS}
          begun={value}
          commitment={value.commitment!}
          hasSignature={hasSignature}
          isSigned={false}
          isSigning={false}
          onSignature={noop}
          onAgree={noop}
          onBack={noop}
          onHome={noop}
        />,
      );
    const html = screen(false);
    expect(textOf(html)).toContain('失业保险金申领告知承诺书');
    for (const clause of value.commitment.clauses) expect(textOf(html)).toContain(clause);
    expect(html).toMatch(/disabled=""[^>]*data-testid="application-commit"/u);
    expect(screen(true)).not.toMatch(/disabled=""[^>]*data-testid="application-commit"/u);
  });
});

describe('核对', () => {
  async function review(complete: boolean, hasAgent = false): Promise<{ value: ApplicationBegun; review: ApplicationReview }> {
    const { fake, begun: value } = await begun(UNEMPLOYMENT, hasAgent);
    ok(await fake.kiosk.application.setMaterial({ materialId: 'id-card', choice: 'missing' }));
    if (complete) ok(await fake.kiosk.application.setMaterial({ materialId: 'bank-card', choice: 'deferred', promiseDate: '2025-12-01' }));
    else ok(await fake.kiosk.application.setMaterial({ materialId: 'bank-card', choice: 'missing' }));
    ok(await fake.kiosk.application.setForm({ values: { phone: '13800001234', leftOn: '2025-10-31', leavingReason: 'dismissed', months: '24', address: '连云港市海州区' } }));
    ok(await fake.kiosk.application.sign({ aspect: 3, strokes: [[0.1, 0.1, 0.2, 0.3, 0.3, 0.2, 0.4, 0.4, 0.5, 0.3, 0.6, 0.5, 0.7, 0.2, 0.8, 0.4]] }));
    return { value, review: ok(await fake.kiosk.application.review({})) };
  }

  function screen(value: ApplicationBegun, data: ApplicationReview, language: 'zh-CN' | 'en' = 'zh-CN'): string {
    return render(
      <ApplicationReviewScreen status={STATUS} begun={value} review={data} onSubmit={noop} onPrintNotice={noop} onEdit={noop} onBack={noop} onHome={noop} />,
      language,
    );
  }

  it('says 材料不齐全 with what is missing and where to get it, and offers the one-time notice instead of 提交', async () => {
    const { value, review: data } = await review(false, true);
    const html = screen(value, data);
    const text = textOf(html);
    expect(text).toContain('材料不齐全');
    expect(text).toContain('申请人居民身份证 获取途径：公安机关');
    expect(text).toContain('本人社会保障卡或银行卡 获取途径：人社部门或合作银行');
    expect(testIds(html)).toContain('application-print-notice');
    expect(testIds(html)).not.toContain('application-submit');
    // People masked only; the form as entered, with the choice's label.
    expect(text).toContain('李** 3207**********2346');
    expect(text).toContain('张** 3207**********1234');
    expect(text).not.toMatch(/李晓梅|张建国/u);
    expect(text).toContain('离职原因 用人单位解除');
    expect(text).toContain('告知承诺书 修改 已签署');
  });

  it('offers 确认提交 when complete, with the 容缺 reminder', async () => {
    const { fake, begun: value } = await begun(ID_RENEWAL);
    // The ID card needs two usable pages: mark it missing, then see the blockers instead.
    ok(await fake.kiosk.application.setMaterial({ materialId: 'photo', choice: 'notApplicable' }));
    const blocked = ok(await fake.kiosk.application.review({}));
    const blockedHtml = screen(value, blocked);
    expect(testIds(blockedHtml)).toContain('application-review-blockers');
    expect(textOf(blockedHtml)).toContain('请完整填写申请表');
    expect(blockedHtml).toMatch(/disabled=""[^>]*data-testid="application-submit"/u);

    const { value: unemployment, review: complete } = await review(true);
    expect(complete.canSubmit).toBe(false);
    const completeReview: ApplicationReview = {
      ...complete,
      materials: complete.materials.map((m) => (m.materialId === 'id-card' ? { ...m, choice: 'captured', capturedPages: 2 } : m)),
      missing: [],
      isComplete: true,
      canSubmit: true,
      blockers: [],
    };
    const html = screen(unemployment, completeReview);
    expect(html).not.toMatch(/disabled=""[^>]*data-testid="application-submit"/u);
    expect(textOf(html)).toContain('本人社会保障卡或银行卡：2025-12-01 前补交');
    expect(textOf(screen(unemployment, completeReview, 'en'))).toContain('Submit');
  });
});

describe('结果', () => {
  const SUBMITTED: ApplicationSubmitted = {
    reference: 'SB20251124000001',
    caseNumber: 'ZW20251124000002',
    submittedAt: '2025-11-24 09:30',
    promisedDate: '2025-11-27',
    collectionMethod: '按月发放至本人社会保障卡',
    place: '连云港市政务服务中心三楼人社窗口',
    hours: '周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）',
    receipt: { status: 'printed' },
    notice: { status: 'printed', pages: 1 },
    deferred: [{ name: '本人社会保障卡或银行卡', promiseDate: '2025-12-01' }],
  };

  function result(submitted: ApplicationSubmitted, phase: 'idle' | 'printed' = 'idle'): string {
    return render(
      <ApplicationResultScreen
        status={STATUS}
        begun={null}
        submitted={submitted}
        reprint={{ phase, reason: null }}
        onReprint={noop}
        onEvaluate={noop}
        onDone={noop}
        onHome={noop}
      />,
    );
  }

  it('shows the case number, the promised date, where to collect, what printed and what to bring', () => {
    const html = result(SUBMITTED);
    const text = textOf(html);
    expect(text).toContain('办件编号 ZW20251124000002');
    expect(text).toContain('承诺办结日期 2025-11-27');
    expect(text).toContain('连云港市政务服务中心三楼人社窗口');
    expect(text).toContain('受理回执已打印');
    expect(text).toContain('受理通知书已打印（共 1 页）');
    expect(text).toContain('本人社会保障卡或银行卡：2025-12-01 前补交');
    expect(testIds(html)).toEqual(expect.arrayContaining(['application-result-case-number', 'application-evaluate', 'application-done', 'take-card-reminder']));
    expect(testIds(html)).not.toContain('application-reprint');
  });

  it('explains the 申报编号 while the platform has not answered, and offers one reprint of a failed receipt', () => {
    const offline = result({ ...SUBMITTED, caseNumber: null, promisedDate: null, receipt: { status: 'failed', reason: '打印机缺纸' } });
    const text = textOf(offline);
    expect(text).toContain('申报编号 SB20251124000001');
    expect(text).toContain('办件编号稍后生成');
    expect(text).toContain('以办件编号生成后为准');
    expect(text).toContain('原因：打印机缺纸');
    expect(testIds(offline)).toEqual(expect.arrayContaining(['application-result-reference', 'application-result-offline', 'application-reprint']));
    expect(testIds(offline)).not.toContain('application-result-case-number');
    const reprinted = result({ ...SUBMITTED, receipt: { status: 'failed', reason: '打印机缺纸' } }, 'printed');
    expect(testIds(reprinted)).not.toContain('application-reprint');
    expect(textOf(reprinted)).toContain('已重新打印');
  });

  it('lists what to bring after the one-time notice, printed or not', () => {
    const screen = (notice: { status: 'printed'; pages: number } | { status: 'failed'; reason: string }): string =>
      render(
        <ApplicationNoticeScreen
          status={STATUS}
          begun={null}
          printed={{ notice, missing: ['申请人居民身份证'] }}
          review={null}
          onEvaluate={noop}
          onDone={noop}
          onHome={noop}
        />,
      );
    expect(textOf(screen({ status: 'printed', pages: 1 }))).toContain('已打印一次性告知书');
    const failed = textOf(screen({ status: 'failed', reason: 'A4打印机缺纸' }));
    expect(failed).toContain('一次性告知书未能打印');
    expect(failed).toContain('原因：A4打印机缺纸');
    expect(failed).toContain('申请人居民身份证');
  });
});

describe('waiting and failures', () => {
  it('keeps the citizen calm while submitting, and shows the core’s words on failure', () => {
    const wait = render(<ApplicationWaitScreen status={STATUS} begun={null} step="review" title="正在提交申请，请稍候…" text="约需 10 秒" onHome={noop} />);
    expect(testIds(wait)).toEqual(expect.arrayContaining(['application-wait', 'go-home']));
    const failed = render(
      <ApplicationFailedScreen
        status={STATUS}
        begun={null}
        failure={{ code: 'unavailable', message: '该事项暂不支持在本机自助办理，请到窗口办理', retry: 'begin' }}
        onRetry={noop}
        onBack={noop}
        onHome={noop}
      />,
    );
    expect(textOf(failed)).toContain('暂时无法开始申办 该事项暂不支持在本机自助办理，请到窗口办理');
    const timeout = render(
      <ApplicationFailedScreen status={STATUS} begun={null} failure={{ code: 'timeout', message: null, retry: 'submit' }} onRetry={noop} onBack={noop} onHome={noop} />,
      'en',
    );
    expect(textOf(timeout)).toContain('The application could not be submitted The system did not answer in time');
  });
});
