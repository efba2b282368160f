/**
 * The screens of 办件查询, 预约签到 and 好差评 as static markup: what they say, their test ids
 * (the e2e suite drives them), and that nothing scanned or sent by the platform becomes markup.
 */
import { describe, expect, it } from 'vitest';
import type { AppointmentView, CaseProgressView, EvaluationPrompt, SystemStatus, TicketView } from '../../electron/ipc/contract';
import { FAKE_STATUS } from '../../renderer/api/fake-kiosk';
import { FAKE_CASES, FAKE_EVALUATION_REASONS } from '../../renderer/api/fake-kiosk-services';
import { hasSimulatedScanner } from '../../renderer/components/dev-card-panel';
import { AppointmentListScreen, AppointmentScreen } from '../../renderer/screens/appointment-screen';
import { CaseDetailScreen } from '../../renderer/screens/case-detail-screen';
import { CaseListScreen } from '../../renderer/screens/case-list-screen';
import { EvaluationThanks } from '../../renderer/screens/evaluation-journey';
import { EvaluationScreen, type EvaluationScreenProps, groupPhone } from '../../renderer/screens/evaluation-screen';
import { LookupCardScreen, LookupChoiceScreen } from '../../renderer/screens/lookup-screens';
import { LookupStatusScreen } from '../../renderer/screens/lookup-status-screen';
import { ScanScreen } from '../../renderer/screens/scan-screen';
import { TicketScreen } from '../../renderer/screens/ticket-screen';
import { render, testIds, textOf } from './renderer-static-render';

const noop = (): void => undefined;
const STATUS: SystemStatus = FAKE_STATUS;

function caseOf(caseNumber: string): CaseProgressView {
  const found = FAKE_CASES.find((c) => c.caseNumber === caseNumber);
  if (!found) throw new Error(caseNumber);
  return found;
}

const CORRECTION = caseOf('ZW20251118000123');
const COMPLETED = caseOf('ZW20251105000087');

function appointment(window: AppointmentView['window'], ticketNumber: string | null = null): AppointmentView {
  return {
    code: 'YY20251124000101',
    categoryId: 'general',
    categoryName: '综合受理',
    itemName: '户口迁移（市内）',
    applicantMaskedName: '李**',
    day: '2025-11-24',
    slotStart: '09:30',
    slotEnd: '10:00',
    window,
    ticketNumber,
  };
}

const PROMPT: EvaluationPrompt = {
  promptId: '00000000-0000-4000-8000-000000000001',
  subjectLabel: '号票 A012',
  levels: [
    { level: 5, label: '非常满意' },
    { level: 4, label: '满意' },
    { level: 3, label: '基本满意' },
    { level: 2, label: '不满意' },
    { level: 1, label: '非常不满意' },
  ],
  reasons: FAKE_EVALUATION_REASONS,
  lowLevels: [2, 1],
  timeoutSeconds: 60,
};

describe('choice, card and scan screens', () => {
  it('offers the receipt code or the ID card, in the words of each journey', () => {
    const progress = render(<LookupChoiceScreen status={STATUS} flow="progress" onScan={noop} onCard={noop} onHome={noop} />);
    expect(testIds(progress)).toEqual(expect.arrayContaining(['screen-progress', 'lookup-scan', 'lookup-card', 'step-chooseMethod']));
    expect(textOf(progress)).toContain('扫描回执二维码');
    expect(textOf(progress)).toContain('刷身份证');
    const checkIn = render(<LookupChoiceScreen status={STATUS} flow="checkIn" onScan={noop} onCard={noop} onHome={noop} />);
    expect(testIds(checkIn)).toContain('screen-checkin');
    expect(textOf(checkIn)).toContain('扫描预约二维码');
    const evaluate = render(<LookupChoiceScreen status={STATUS} flow="evaluate" onScan={noop} onCard={noop} onHome={noop} />);
    expect(textOf(evaluate)).toContain('请扫描回执二维码或刷身份证，选择要评价的办件');
  });

  it('disables a way whose device is offline, and says why', () => {
    const offline: SystemStatus = {
      ...STATUS,
      devices: STATUS.devices.map((d) => (d.kind === 'barcodeScanner' ? { ...d, state: 'offline' } : d)),
    };
    const html = render(<LookupChoiceScreen status={offline} flow="progress" onScan={noop} onCard={noop} onHome={noop} />);
    expect(html).toMatch(/<button[^>]*data-testid="lookup-scan"[^>]*disabled=""|<button[^>]*disabled=""[^>]*data-testid="lookup-scan"/u);
    expect(textOf(html)).toContain('扫码器暂不可用');
  });

  it('asks for the card, with what it is for', () => {
    const html = render(<LookupCardScreen status={STATUS} flow="checkIn" notice={null} onBack={noop} onHome={noop} />);
    expect(testIds(html)).toEqual(expect.arrayContaining(['screen-identify', 'card-reader-illustration', 'lookup-back', 'dev-card-panel']));
    expect(textOf(html)).toContain('读取后显示您今天的预约');
  });

  it('asks for the code; a refusal shows the core’s message, never the scanned text', () => {
    const html = render(
      <ScanScreen
        status={STATUS}
        flow="progress"
        accept="receipt"
        onCode={noop}
        onBack={noop}
        onHome={noop}
        initialNotice={{ kind: 'refused', message: '该二维码不是本中心出具的，无法使用' }}
      />,
    );
    expect(testIds(html)).toEqual(expect.arrayContaining(['screen-scan', 'scanner-illustration', 'scan-notice', 'dev-scan-panel']));
    expect(textOf(html)).toContain('请将二维码对准扫码窗口');
    expect(textOf(html)).toContain('该二维码不是本中心出具的，无法使用');
    expect(html).toContain('data-kind="refused"');
  });

  it('says where a code of the other kind belongs', () => {
    const html = render(
      <ScanScreen status={STATUS} flow="checkIn" accept="appointment" onCode={noop} onBack={noop} onHome={noop} initialNotice={{ kind: 'wrongKind' }} />,
    );
    expect(textOf(html)).toContain('这是办件回执二维码');
  });

  it('offers 模拟扫码 only for a simulated scanner', () => {
    expect(hasSimulatedScanner(STATUS)).toBe(true);
    const real: SystemStatus = { ...STATUS, devices: STATUS.devices.map((d) => ({ ...d, isSimulated: false })) };
    expect(hasSimulatedScanner(real)).toBe(false);
    const html = render(<ScanScreen status={real} flow="progress" accept="receipt" onCode={noop} onBack={noop} onHome={noop} />);
    expect(testIds(html)).not.toContain('dev-scan-panel');
  });
});

describe('progress screens', () => {
  it('shows a case that needs correction: status, dated steps, every missing material with why', () => {
    const html = render(
      <CaseDetailScreen status={STATUS} view={CORRECTION} hasReadCard={false} canGoBack={false} onBack={noop} onEvaluate={noop} onDone={noop} onHome={noop} />,
    );
    const ids = testIds(html);
    expect(ids).toEqual(expect.arrayContaining(['screen-progress-case', 'case-status', 'case-missing', 'progress-evaluate', 'progress-done']));
    expect(ids.filter((id) => id === 'case-step')).toHaveLength(5);
    expect(ids.filter((id) => id === 'missing-material')).toHaveLength(2);
    expect(ids).not.toContain('case-back');
    const text = textOf(html);
    expect(text).toContain('需补正');
    expect(text).toContain('婚姻关系证明');
    expect(text).toContain('原因：缺少契税完税凭证');
    expect(text).toContain('2025-11-19 15:02');
    expect(text).toContain('承诺办结 2025-11-28');
    expect(html).toContain('data-state="current"');
  });

  it('shows where to collect a completed case', () => {
    const html = render(
      <CaseDetailScreen status={STATUS} view={COMPLETED} hasReadCard canGoBack onBack={noop} onEvaluate={noop} onDone={noop} onHome={noop} />,
    );
    expect(testIds(html)).toEqual(expect.arrayContaining(['case-collection', 'case-back', 'take-card-reminder']));
    expect(testIds(html)).not.toContain('case-missing');
    expect(textOf(html)).toContain('市政务服务中心一楼 综合受理区 8号窗口');
  });

  it('renders platform text as text, never as markup', () => {
    const hostile: CaseProgressView = {
      ...CORRECTION,
      itemName: '<img src=x onerror=alert(1)>',
      missingMaterials: [{ name: '<script>alert(1)</script>', reason: '<b>x</b>' }],
    };
    const html = render(
      <CaseDetailScreen status={STATUS} view={hostile} hasReadCard={false} canGoBack={false} onBack={noop} onEvaluate={noop} onDone={noop} onHome={noop} />,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });

  it('lists the card’s cases, one button each', () => {
    const cases = FAKE_CASES.filter((c) => c.applicantMaskedName === '李**');
    const html = render(<CaseListScreen status={STATUS} purpose="progress" cases={cases} hasReadCard onOpen={noop} onBack={noop} onHome={noop} />);
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['screen-progress', 'progress-list', ...cases.map((c) => `progress-case-${c.caseNumber}`)]),
    );
    expect(textOf(html)).toContain('您名下的办件（共 3 件）');
    const rate = render(<CaseListScreen status={STATUS} purpose="evaluate" cases={cases} hasReadCard={false} onOpen={noop} onBack={noop} onHome={noop} />);
    expect(textOf(rate)).toContain('请点击要评价的办件');
    expect(testIds(rate)).toContain('step-chooseCase');
  });

  it('says politely when nothing was found, and shows a platform failure with 重试', () => {
    const empty = render(
      <LookupStatusScreen status={STATUS} flow="progress" phase="empty" message={null} hasReadCard onRetry={noop} onChooseAgain={noop} onDone={noop} onHome={noop} />,
    );
    expect(testIds(empty)).toEqual(expect.arrayContaining(['lookup-empty', 'lookup-choose-again', 'lookup-done']));
    expect(textOf(empty)).toContain('未查询到您的办件');
    const failed = render(
      <LookupStatusScreen
        status={STATUS}
        flow="checkIn"
        phase="failed"
        message="办件查询服务暂时无法连接，请稍后再试"
        hasReadCard={false}
        onRetry={noop}
        onChooseAgain={noop}
        onDone={noop}
        onHome={noop}
      />,
    );
    expect(testIds(failed)).toEqual(expect.arrayContaining(['screen-checkin', 'lookup-failed', 'lookup-retry']));
    expect(textOf(failed)).toContain('办件查询服务暂时无法连接，请稍后再试');
  });
});

describe('check-in screens', () => {
  const screen = (view: AppointmentView, phase: 'ready' | 'checkingIn' | 'failed' = 'ready') =>
    render(
      <AppointmentScreen
        status={STATUS}
        appointment={view}
        phase={phase}
        failureMessage={phase === 'failed' ? '签到服务暂不可用' : null}
        hasReadCard={false}
        canGoBack={false}
        onCheckIn={noop}
        onRetry={noop}
        onBack={noop}
        onEvaluate={noop}
        onDone={noop}
        onHome={noop}
      />,
    );

  it('offers 签到取号 when the window is open, with the masked name and the slot', () => {
    const html = screen(appointment({ state: 'open', message: '请于 10:00 前签到' }));
    expect(testIds(html)).toEqual(expect.arrayContaining(['screen-checkin-appointment', 'appointment', 'checkin-submit']));
    const text = textOf(html);
    expect(text).toContain('李**');
    expect(text).toContain('2025-11-24 09:30–10:00');
    expect(text).toContain('可以签到');
  });

  it('says the rule plainly when it is too early or too late, without 签到', () => {
    const early = screen(appointment({ state: 'early', message: '请于 09:30 后签到' }));
    expect(textOf(early)).toContain('请于 09:30 后签到');
    expect(testIds(early)).not.toContain('checkin-submit');
    expect(testIds(early)).toContain('checkin-done');
    const late = screen(appointment({ state: 'late', message: '已超过签到时间（10:00），本次预约已失效，请重新取号' }));
    expect(textOf(late)).toContain('请重新取号');
  });

  it('shows the number of an appointment checked in already, with the evaluation offer', () => {
    const html = screen(appointment({ state: 'checkedIn', message: '您已签到，号码 A105，请留意叫号' }, 'A105'));
    expect(testIds(html)).toEqual(expect.arrayContaining(['appointment-ticket-number', 'checkin-evaluate']));
    expect(textOf(html)).toContain('A105');
  });

  it('shows a failed check-in with the core’s words', () => {
    const html = screen(appointment({ state: 'open', message: '请于 10:00 前签到' }), 'failed');
    expect(testIds(html)).toContain('checkin-failed');
    expect(textOf(html)).toContain('签到服务暂不可用');
  });

  it('lists today’s appointments', () => {
    const list = [appointment({ state: 'open', message: '' }), { ...appointment({ state: 'early', message: '' }), code: 'YY20251124000102' }];
    const html = render(<AppointmentListScreen status={STATUS} appointments={list} hasReadCard onOpen={noop} onBack={noop} onHome={noop} />);
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['screen-checkin', 'checkin-list', 'checkin-appointment-YY20251124000101', 'checkin-appointment-YY20251124000102']),
    );
  });

  it('puts 评价本次服务 on the ticket screen only when offered', () => {
    const ticket: TicketView = {
      ticketNumber: 'A001',
      categoryId: 'general',
      categoryName: '综合受理',
      hallName: STATUS.hallName,
      waitingAhead: 3,
      issuedAt: '2025-11-24T09:31:05+08:00',
      qrPayload: 'x',
      qrPath: 'M0 0h7v1h-7z',
      qrModules: 21,
      print: { status: 'printed' },
      isPriority: false,
      holderMaskedName: '李**',
      isExisting: false,
    };
    const offered = render(<TicketScreen status={STATUS} ticket={ticket} secondsLeft={20} title="签到成功" onEvaluate={noop} onDone={noop} onHome={noop} />);
    expect(testIds(offered)).toContain('ticket-evaluate');
    expect(textOf(offered)).toContain('签到成功');
    const plain = render(<TicketScreen status={STATUS} ticket={ticket} secondsLeft={20} onDone={noop} onHome={noop} />);
    expect(testIds(plain)).not.toContain('ticket-evaluate');
  });
});

describe('evaluation screens', () => {
  const screen = (props: Partial<EvaluationScreenProps> = {}, language: 'zh-CN' | 'en' = 'zh-CN') =>
    render(
      <EvaluationScreen
        status={STATUS}
        prompt={PROMPT}
        level={null}
        reasons={[]}
        phone=""
        missing={null}
        phase="rating"
        failureMessage={null}
        onLevel={noop}
        onToggleReason={noop}
        onPhoneKey={noop}
        onSubmit={noop}
        onSkip={noop}
        onHome={noop}
        {...props}
      />,
      language,
    );

  it('offers five levels, 非常满意 first, none chosen, and 暂不评价', () => {
    const html = screen();
    const ids = testIds(html);
    expect(ids.filter((id) => id.startsWith('evaluation-level-'))).toEqual([5, 4, 3, 2, 1].map((n) => `evaluation-level-${n}`));
    expect(ids).toEqual(expect.arrayContaining(['screen-evaluation', 'evaluation-submit', 'evaluation-skip']));
    expect(ids).not.toContain('evaluation-reason');
    expect(html.match(/data-testid="evaluation-level-\d"[^>]*aria-pressed="false"/gu)).toHaveLength(5);
    expect(textOf(html)).toContain('评价对象：号票 A012');
    expect(textOf(html)).toContain('请点击一个评价等级');
    expect(html.match(/class="face face--\d/gu)).toHaveLength(5);
  });

  it('shows the chosen level’s reasons as toggles; a satisfied level needs none', () => {
    const html = screen({ level: 5, reasons: ['办事效率高'] });
    expect(html).toMatch(/aria-pressed="true"[^>]*data-testid="evaluation-level-5"|data-testid="evaluation-level-5"[^>]*aria-pressed="true"/u);
    expect(testIds(html).filter((id) => id === 'evaluation-reason')).toHaveLength(4);
    expect(html).toContain('data-reason="办事效率高"');
    expect(textOf(html)).toContain('请选择原因（可多选，可不选）');
    expect(testIds(html)).not.toContain('evaluation-keypad');
  });

  it('asks plainly for a reason on a low level, and offers the phone keypad', () => {
    const html = screen({ level: 1, phone: '13812345678', missing: 'reason' });
    const ids = testIds(html);
    expect(ids).toEqual(expect.arrayContaining(['evaluation-keypad', 'evaluation-phone', 'evaluation-key-0', 'evaluation-key-backspace', 'evaluation-missing']));
    const text = textOf(html);
    expect(text).toContain('请至少选择一项原因，便于我们改进');
    expect(text).toContain('留下电话以便回访（可不填）');
    expect(text).toContain('138 1234 5678');
  });

  it('groups phone digits for reading', () => {
    expect(groupPhone('13812345678')).toBe('138 1234 5678');
    expect(groupPhone('02587654321')).toBe('025 8765 4321');
    expect(groupPhone('138')).toBe('138');
  });

  it('thanks, and says a call will follow a low rating with a phone', () => {
    const html = render(<EvaluationThanks status={STATUS} isFollowUp onDone={noop} />);
    expect(testIds(html)).toEqual(expect.arrayContaining(['evaluation-thanks', 'evaluation-follow-up', 'evaluation-home']));
    expect(textOf(html)).toContain('感谢您的评价');
  });

  it('speaks English', () => {
    const text = textOf(screen({ level: 2 }, 'en'));
    expect(text).toContain('Please rate the service you received');
    expect(text).toContain('Not now');
  });
});
