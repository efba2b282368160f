/**
 * The screens as static markup (react-dom/server, no DOM): what they say, which test ids and
 * states they carry. Behaviour lives in the machines and is tested there; the whole app runs
 * in Chromium in scripts/screenshot-dev.ts and the e2e suite.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { render, testIds, textOf } from './renderer-static-render';
import type { IdentityView, QueueCategory, SystemStatus, TicketView } from '../../electron/ipc/contract';
import { FAKE_CATEGORIES, FAKE_STATUS, fakeQrPath } from '../../renderer/api/fake-kiosk';
import { hasSimulatedReader } from '../../renderer/components/dev-card-panel';
import { IdleDialog } from '../../renderer/components/idle-dialog';
import { QrCode } from '../../renderer/components/qr-code';
import { StepIndicator } from '../../renderer/components/step-indicator';
import type { Language } from '../../renderer/i18n';
import { BootScreen } from '../../renderer/screens/boot-screen';
import { CategoryScreen } from '../../renderer/screens/category-screen';
import { HomeScreen } from '../../renderer/screens/home-screen';
import { IdentifyScreen } from '../../renderer/screens/identify-screen';
import { IdentityConfirmScreen } from '../../renderer/screens/identity-confirm-screen';
import { OutOfServiceScreen } from '../../renderer/screens/out-of-service-screen';
import { ReaderUnavailableScreen } from '../../renderer/screens/reader-unavailable-screen';
import { TakingScreen } from '../../renderer/screens/taking-screen';
import { TicketFailedScreen } from '../../renderer/screens/ticket-failed-screen';
import { TicketScreen } from '../../renderer/screens/ticket-screen';

const noop = (): void => undefined;


const STATUS: SystemStatus = FAKE_STATUS;
const CATEGORIES: readonly QueueCategory[] = FAKE_CATEGORIES;

function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    ticketNumber: 'A012',
    categoryId: 'general',
    categoryName: '综合受理',
    hallName: STATUS.hallName,
    waitingAhead: 7,
    issuedAt: '2025-11-24T09:31:05+08:00',
    qrPayload: 'ZWQ1|LYG-ZW-017|A012|2025-11-24',
    qrPath: 'M0 0h7v1h-7z',
    qrModules: 21,
    print: { status: 'printed' },
    isPriority: false,
    holderMaskedName: null,
    isExisting: false,
    ...overrides,
  };
}

const IDENTITY: IdentityView = {
  cardType: 'resident',
  cardTypeLabel: '居民身份证',
  maskedName: '张**',
  maskedIdNumber: '3207**********1234',
  genderLabel: '男',
  age: 76,
  isPriority: true,
  validUntil: '长期',
};

/** A status whose ID card reader is real: no dev panel. */
const REAL_READER: SystemStatus = {
  ...STATUS,
  devices: STATUS.devices.map((device) => (device.kind === 'idCardReader' ? { ...device, isSimulated: false } : device)),
};

describe('home screen', () => {
  const home = (status: SystemStatus = STATUS, language: Language = 'zh-CN') =>
    render(
      <HomeScreen
        status={status}
        theme="standard"
        isStarting={false}
        onTakeTicket={noop}
        onOpenGuide={noop}
        onOpenProgress={noop}
        onCheckIn={noop}
        onEvaluate={noop}
        onToggleTheme={noop}
        onToggleLanguage={noop}
      />,
      language,
    );

  it('shows the hall, the terminal, the date and the six services, all open but 自助申办', () => {
    const html = home();
    const text = textOf(html);
    expect(text).toContain('连云港市政务服务中心');
    expect(text).toContain('终端 LYG-ZW-017');
    expect(text).toContain('2025年11月24日 星期一');
    for (const name of ['取号', '办事指南', '自助申办', '办件查询', '预约签到', '好差评']) expect(text).toContain(name);
    expect(text.match(/即将开放/gu)).toHaveLength(1);
    expect(html).toMatch(/<button[^>]*data-testid="home-take-ticket"/u);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="home-take-ticket"/u);
    expect(html).toMatch(/<button type="button" class="tile tile--open"[^>]*data-testid="home-guide"/u);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="home-guide"/u);
    expect(html.match(/<button[^>]*disabled=""[^>]*class="tile tile--closed"|class="tile tile--closed"[^>]*disabled=""/gu)).toHaveLength(1);
    for (const id of ['home-progress', 'home-appointment', 'home-evaluation']) {
      expect(html).toMatch(new RegExp(`<button type="button" class="tile tile--open"[^>]*data-testid="${id}"`, 'u'));
    }
  });

  it('shows 模拟设备 only when a device is simulated', () => {
    expect(testIds(home())).toContain('simulated-badge');
    expect(textOf(home())).toContain('模拟设备');
    expect(testIds(home({ ...STATUS, isSimulated: false }))).not.toContain('simulated-badge');
  });

  it('offers 关怀模式 and English', () => {
    const html = home();
    expect(testIds(html)).toEqual(expect.arrayContaining(['care-mode-toggle', 'language-toggle']));
    expect(textOf(html)).toContain('关怀模式');
    expect(html).toContain('lang="en"');
  });

  it('speaks English when asked', () => {
    const text = textOf(home(STATUS, 'en'));
    expect(text).toContain('Queue ticket');
    expect(text).toContain('Monday, November 24, 2025');
    expect(text).not.toContain('即将开放');
  });
});

describe('category screen', () => {
  const screen = (props: Partial<Parameters<typeof CategoryScreen>[0]> = {}) =>
    render(
      <CategoryScreen
        status={STATUS}
        phase="ready"
        categories={CATEGORIES}
        failureMessage={null}
        isAcceptingTaps
        onChoose={noop}
        onRetry={noop}
        onHome={noop}
        {...props}
      />,
    );

  it('lists every category with its letter, description and waiting count', () => {
    const html = screen();
    const text = textOf(html);
    for (const category of CATEGORIES) {
      expect(testIds(html)).toContain(`category-${category.id}`);
      expect(text).toContain(category.name);
      expect(text).toContain(category.description);
      expect(text).toContain(`等候 ${category.waitingCount} 人`);
    }
    expect(text).toContain('请选择业务类别');
    expect(html).toContain('data-accepting="true"');
    expect(screen({ isAcceptingTaps: false })).toContain('data-accepting="false"');
  });

  it('has 返回首页 and the steps, 选择类别 current', () => {
    const html = screen();
    expect(testIds(html)).toContain('go-home');
    expect(textOf(html)).toContain('返回首页');
    expect(html).toMatch(/steps__item--current"[^>]*data-testid="step-chooseCategory"/u);
  });

  it('says when the list is loading, failed (with the core message) or empty', () => {
    expect(textOf(screen({ phase: 'loading', categories: [] }))).toContain('正在加载业务类别');
    const failed = screen({ phase: 'loadFailed', categories: [], failureMessage: '数据库不可用' });
    expect(textOf(failed)).toContain('数据库不可用');
    expect(testIds(failed)).toContain('category-retry');
    expect(textOf(screen({ phase: 'loadFailed', categories: [] }))).toContain('系统繁忙，请稍后再试');
    expect(testIds(screen({ categories: [] }))).toContain('category-empty');
  });
});

describe('taking and failure screens', () => {
  it('shows 正在出号 with the category while the core issues the ticket', () => {
    const html = render(<TakingScreen status={STATUS} categoryName="企业开办" onHome={noop} />);
    expect(textOf(html)).toContain('正在出号，请稍候');
    expect(textOf(html)).toContain('企业开办');
    expect(testIds(html)).toEqual(expect.arrayContaining(['ticket-taking', 'go-home']));
  });

  it('shows the core error message and offers retry, another category and home', () => {
    const html = render(
      <TicketFailedScreen status={STATUS} message="该业务今日已停止取号" onRetry={noop} onChooseAgain={noop} onHome={noop} />,
    );
    expect(textOf(html)).toContain('取号未成功');
    expect(textOf(html)).toContain('该业务今日已停止取号');
    expect(testIds(html)).toEqual(expect.arrayContaining(['ticket-retry', 'ticket-choose-again', 'go-home']));
  });
});

describe('ticket screen', () => {
  const screen = (ticket: TicketView, secondsLeft = 20) =>
    render(<TicketScreen status={STATUS} ticket={ticket} secondsLeft={secondsLeft} onDone={noop} onHome={noop} />);

  it('shows the number, category, people ahead, time, QR code and 请取走小票', () => {
    const html = screen(ticketView());
    const text = textOf(html);
    expect(html).toMatch(/data-testid="ticket-number"[^>]*>A012</u);
    expect(html).toMatch(/data-testid="ticket-category"[^>]*>综合受理</u);
    expect(html).toMatch(/data-testid="ticket-waiting"[^>]*>您前面还有 7 人等候</u);
    expect(text).toContain('取号成功');
    expect(text).toContain('取号时间 2025年11月24日 09:31');
    expect(text).toContain('请取走小票');
    expect(text).toContain('20 秒后自动返回首页');
    expect(testIds(html)).not.toContain('ticket-print-failed');
    expect(html).toContain('<path d="M0 0h7v1h-7z"');
  });

  it('says so when nobody is ahead', () => {
    expect(textOf(screen(ticketView({ waitingAhead: 0 })))).toContain('您前面没有人等候');
  });

  it('apologises when the receipt did not print, keeps the number, drops 请取走小票', () => {
    const html = screen(ticketView({ print: { status: 'failed', reason: '打印机缺纸' } }), 45);
    const text = textOf(html);
    expect(testIds(html)).toContain('ticket-print-failed');
    expect(text).toContain('小票打印失败，请拍照或牢记您的号码，我们已通知工作人员');
    expect(text).toContain('原因：打印机缺纸');
    expect(html).toMatch(/data-testid="ticket-number"[^>]*>A012</u);
    expect(html).toContain('ticket--print-failed');
    expect(text).not.toContain('请取走小票');
    expect(text).toContain('45 秒后自动返回首页');
  });
});

describe('QR code', () => {
  it('draws path data in a square view box with a quiet zone', () => {
    const html = renderToStaticMarkup(<QrCode path={fakeQrPath('x', 25)} modules={25} label="号票二维码" />);
    expect(html).toContain('viewBox="-4 -4 33 33"');
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="号票二维码"');
  });

  it('cannot be turned into markup by what the core sends', () => {
    const hostile = '"/><script>alert(1)</script><image href="https://evil.example/x.png"/><path d="';
    const html = renderToStaticMarkup(<QrCode path={hostile} modules={21} label="q" />);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<image');
    expect(html.match(/<path /gu)).toHaveLength(1);
  });
});

describe('out of service, idle and boot', () => {
  it('shows the reason, 请联系大厅工作人员 and nothing to press', () => {
    const html = render(
      <OutOfServiceScreen hallName={STATUS.hallName} terminalId="LYG-ZW-017" isSimulated={false} reason="打印机缺纸" />,
    );
    const text = textOf(html);
    expect(testIds(html)).toContain('out-of-service');
    expect(text).toContain('暂停服务');
    expect(text).toContain('打印机缺纸');
    expect(text).toContain('请联系大厅工作人员');
    expect(html).not.toContain('<button');
  });

  it('falls back to a generic reason', () => {
    const html = render(<OutOfServiceScreen hallName="h" terminalId="t" isSimulated={false} reason={null} />);
    expect(textOf(html)).toContain('终端正在维护');
  });

  it('counts down with a big 继续办理', () => {
    const html = render(<IdleDialog secondsLeft={7} onContinue={noop} />);
    expect(html).toMatch(/data-testid="idle-countdown"[^>]*>7</u);
    expect(html).toMatch(/data-testid="idle-continue"[^>]*>继续办理</u);
    expect(html).toContain('role="alertdialog"');
  });

  it('says the terminal is starting or unreachable', () => {
    expect(textOf(render(<BootScreen phase="starting" />))).toContain('正在启动');
    expect(textOf(render(<BootScreen phase="unreachable" />))).toContain('正在自动重试');
  });
});

describe('step indicator', () => {
  it('marks done, current and later steps', () => {
    const html = render(
      <StepIndicator
        steps={[
          { id: 'a', label: '读取身份证' },
          { id: 'b', label: '拍摄材料' },
          { id: 'c', label: '提交' },
        ]}
        current={1}
      />,
    );
    expect(html).toMatch(/steps__item--done"[^>]*data-testid="step-a"/u);
    expect(html).toMatch(/steps__item--current"[^>]*data-testid="step-b"[^>]*aria-current="step"/u);
    expect(html).toMatch(/steps__item--todo"[^>]*data-testid="step-c"/u);
    expect(textOf(html)).toBe('1 读取身份证 2 拍摄材料 3 提交');
  });
});

describe('identification screen', () => {
  const screen = (props: Partial<Parameters<typeof IdentifyScreen>[0]> = {}, language: Language = 'zh-CN') =>
    render(
      <IdentifyScreen
        status={STATUS}
        mode="optional"
        categoryName="综合受理"
        notice={null}
        isAcceptingTaps
        onSkip={noop}
        onHome={noop}
        {...props}
      />,
      language,
    );

  it('asks for the card, with the picture, the priority line and 不刷证，直接取号', () => {
    const html = screen();
    const text = textOf(html);
    expect(text).toContain('请将身份证放置在感应区');
    expect(text).toContain('70 岁以上老人刷证可走绿色通道优先办理');
    expect(text).toContain('办理业务：综合受理');
    expect(html).toMatch(/<button[^>]*data-testid="ticket-skip-id"[^>]*data-accepting="true"[^>]*>不刷证，直接取号</u);
    expect(screen({ isAcceptingTaps: false })).toContain('data-accepting="false"');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="示意图：身份证平放在读卡器感应区"/u);
    expect(html).not.toContain('style=');
    expect(html).toMatch(/steps__item--current"[^>]*data-testid="step-identify"/u);
    expect(testIds(html)).not.toContain('identify-notice');
  });

  it('has no 不刷证 in required mode, and says the card is needed', () => {
    const html = screen({ mode: 'required' });
    expect(testIds(html)).not.toContain('ticket-skip-id');
    expect(textOf(html)).toContain('本业务需刷身份证取号');
  });

  it('shows why a read failed, in the core’s words or its own', () => {
    const expired = screen({ notice: { kind: 'readFailed', reason: 'expired', message: '证件已过期，请使用有效证件' } });
    expect(expired).toMatch(/role="alert"[^>]*data-testid="identify-notice"[^>]*data-kind="readFailed"/u);
    expect(textOf(expired)).toContain('证件已过期，请使用有效证件');
    expect(textOf(screen({ notice: { kind: 'readFailed', reason: 'cardMoved', message: null } }))).toContain(
      '请不要移动身份证',
    );
    expect(textOf(screen({ notice: { kind: 'swapCard' } }))).toContain('请取走这张证件，再放置本人的身份证');
    expect(textOf(screen({ notice: { kind: 'cardRemoved' } }))).toContain('证件已移开');
    expect(textOf(screen({ notice: { kind: 'readerUnavailable', message: null } }))).toContain('身份证阅读器暂不可用');
  });

  it('offers 模拟刷证 only on a simulated terminal with a simulated reader', () => {
    expect(testIds(screen())).toContain('dev-card-panel');
    expect(textOf(screen())).toContain('模拟刷证');
    expect(testIds(screen({ status: REAL_READER }))).not.toContain('dev-card-panel');
    expect(testIds(screen({ status: { ...STATUS, isSimulated: false } }))).not.toContain('dev-card-panel');
    expect(hasSimulatedReader(STATUS)).toBe(true);
    expect(hasSimulatedReader({ ...STATUS, devices: [] })).toBe(false);
  });

  it('speaks English when asked', () => {
    const text = textOf(screen({}, 'en'));
    expect(text).toContain('Please place your ID card on the reader');
    expect(text).toContain('No card, just a ticket');
  });
});

describe('identity confirmation', () => {
  const screen = (props: Partial<Parameters<typeof IdentityConfirmScreen>[0]> = {}) =>
    render(
      <IdentityConfirmScreen
        status={STATUS}
        identity={IDENTITY}
        fullName="张建国"
        isNamePending={false}
        categoryName="社保医保"
        onConfirm={noop}
        onReread={noop}
        onHome={noop}
        {...props}
      />,
    );

  it('shows the full name, the masked number, the card type, 绿色通道 and a silhouette, never a photo', () => {
    const html = screen();
    const text = textOf(html);
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['identity-confirm', 'identity-confirm-take', 'identity-reread', 'identity-silhouette']),
    );
    expect(html).toMatch(/data-testid="identity-name"[^>]*>张建国</u);
    expect(html).toMatch(/data-testid="identity-id-number"[^>]*>3207\*{10}1234</u);
    expect(text).toContain('居民身份证');
    expect(text).toContain('社保医保');
    expect(testIds(html)).toContain('identity-priority');
    expect(text).toContain('绿色通道');
    expect(text).toContain('确认取号');
    expect(text).toContain('不是本人 / 重新刷证');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<image');
    // Gender and age are not needed for the check and stay off the screen.
    expect(text).not.toContain('76');
  });

  it('falls back to the masked name, and keeps the line empty while the name is on its way', () => {
    expect(screen({ fullName: null })).toMatch(/data-testid="identity-name"[^>]*>张\*\*</u);
    const pending = screen({ fullName: null, isNamePending: true });
    expect(pending).not.toContain('张**');
    expect(pending).toMatch(/data-testid="identity-name"[^>]*>\u00a0</u);
  });

  it('has no 绿色通道 below 70', () => {
    const html = screen({ identity: { ...IDENTITY, isPriority: false, age: 36 } });
    expect(testIds(html)).not.toContain('identity-priority');
    expect(textOf(html)).not.toContain('绿色通道');
  });
});

describe('reader unavailable (required mode)', () => {
  it('apologises, says whom to ask, and offers retry and another category', () => {
    const html = render(<ReaderUnavailableScreen status={STATUS} message={null} onRetry={noop} onChooseAgain={noop} onHome={noop} />);
    const text = textOf(html);
    expect(text).toContain('暂时无法读取身份证');
    expect(text).toContain('本业务需刷身份证取号，身份证阅读器暂不可用');
    expect(text).toContain('请联系大厅工作人员');
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['reader-unavailable', 'reader-unavailable-retry', 'reader-unavailable-choose-again', 'go-home']),
    );
    const withMessage = render(
      <ReaderUnavailableScreen status={STATUS} message="读卡器无响应" onRetry={noop} onChooseAgain={noop} onHome={noop} />,
    );
    expect(withMessage).toMatch(/data-testid="reader-unavailable-message"[^>]*>读卡器无响应</u);
  });
});

describe('ticket screen with an ID card', () => {
  const screen = (ticket: TicketView, props: Partial<Parameters<typeof TicketScreen>[0]> = {}) =>
    render(<TicketScreen status={STATUS} ticket={ticket} secondsLeft={20} onDone={noop} onHome={noop} {...props} />);

  it('shows 绿色通道 and the holder’s masked name, and 请取回身份证 when a card was read', () => {
    const html = screen(ticketView({ isPriority: true, holderMaskedName: '张*' }), { hasReadCard: true, hasIdentityStep: true });
    const text = textOf(html);
    expect(html).toMatch(/data-testid="ticket-priority"[^>]*>.*绿色通道</u);
    expect(html).toMatch(/data-testid="ticket-holder"[^>]*>持证人 张\*</u);
    expect(html).toMatch(/data-testid="take-card-reminder"[^>]*>.*请取回身份证/u);
    expect(text).toContain('取号成功');
    expect(text).toContain('请取走小票');
    // The reminder takes the steps' place.
    expect(html).not.toContain('data-testid="step-takeTicket"');
  });

  it('has no badge, holder or reminder for a ticket taken without a card', () => {
    const html = screen(ticketView(), { hasIdentityStep: true });
    for (const id of ['ticket-priority', 'ticket-holder', 'take-card-reminder', 'ticket-existing', 'ticket-reprint']) {
      expect(testIds(html)).not.toContain(id);
    }
    expect(html).toMatch(/steps__item--current"[^>]*data-testid="step-takeTicket"/u);
    expect(html).toMatch(/steps__item--done"[^>]*data-testid="step-identify"/u);
  });

  it('shows an existing ticket again with 您今天已取过该业务的号 and 重新打印小票 instead of 请取走小票', () => {
    const existing = ticketView({ isExisting: true, print: { status: 'notPrinted' }, holderMaskedName: '李*' });
    const html = screen(existing, { hasReadCard: true });
    const text = textOf(html);
    expect(html).toMatch(/data-testid="ticket-existing"[^>]*>.*您今天已取过该业务的号/u);
    expect(html).toMatch(/data-testid="ticket-number"[^>]*>A012</u);
    expect(html).toMatch(/<button[^>]*data-testid="ticket-reprint"[^>]*>.*重新打印小票/u);
    expect(text).not.toContain('请取走小票');
    expect(text).not.toContain('取号成功');
    expect(text).not.toContain('小票打印失败');
  });

  it('shows how the reprint went', () => {
    const existing = ticketView({ isExisting: true, print: { status: 'notPrinted' } });
    const printing = screen(existing, { reprint: { phase: 'printing', reason: null } });
    expect(printing).toMatch(/<button[^>]*data-testid="ticket-reprint"[^>]*disabled=""/u);
    expect(textOf(printing)).toContain('正在打印');
    const printed = screen(existing, { reprint: { phase: 'printed', reason: null } });
    expect(printed).toMatch(/data-testid="ticket-reprint-status"[^>]*data-phase="printed"/u);
    expect(textOf(printed)).toContain('已重新打印，请取走小票');
    expect(testIds(printed)).not.toContain('ticket-reprint');
    const failed = screen(existing, { reprint: { phase: 'failed', reason: '打印机缺纸' } });
    expect(textOf(failed)).toContain('小票未能打印，请牢记您的号码');
    expect(textOf(failed)).toContain('原因：打印机缺纸');
    expect(testIds(failed)).toContain('ticket-reprint');
  });

  it('says when the reader was skipped because it is unavailable', () => {
    const html = screen(ticketView(), { isReaderSkipped: true });
    expect(html).toMatch(/data-testid="ticket-reader-skipped"[^>]*>.*身份证阅读器暂不可用/u);
  });

  it('reminds to take the card before leaving when a card ticket failed', () => {
    const html = render(
      <TicketFailedScreen status={STATUS} message="该业务今日已停止取号" hasReadCard onRetry={noop} onChooseAgain={noop} onHome={noop} />,
    );
    expect(html).toMatch(/data-testid="take-card-reminder"[^>]*>.*离开前，请取回您的身份证/u);
    const withoutCard = render(
      <TicketFailedScreen status={STATUS} message="x" onRetry={noop} onChooseAgain={noop} onHome={noop} />,
    );
    expect(testIds(withoutCard)).not.toContain('take-card-reminder');
  });

  it('speaks English when asked', () => {
    const html = render(
      <TicketScreen
        status={STATUS}
        ticket={ticketView({ isPriority: true, holderMaskedName: '张*', isExisting: true, print: { status: 'notPrinted' } })}
        secondsLeft={20}
        hasReadCard
        onDone={noop}
        onHome={noop}
      />,
      'en',
    );
    const text = textOf(html);
    expect(text).toContain('Please take your ID card');
    expect(text).toContain('Priority lane');
    expect(text).toContain('You already have a ticket for this service today');
    expect(text).toContain('Print the ticket again');
  });
});

describe('steps with identification', () => {
  it('shows 选择类别 → 刷身份证 → 取号 when the terminal will ask for the card', () => {
    const html = render(
      <CategoryScreen
        status={STATUS}
        phase="ready"
        categories={CATEGORIES}
        failureMessage={null}
        isAcceptingTaps
        hasIdentityStep
        onChoose={noop}
        onRetry={noop}
        onHome={noop}
      />,
    );
    expect(textOf(html)).toContain('1 选择类别 2 刷身份证 3 取号');
    const taking = render(<TakingScreen status={STATUS} categoryName="综合受理" hasIdentityStep isReaderSkipped onHome={noop} />);
    expect(taking).toMatch(/steps__item--current"[^>]*data-testid="step-takeTicket"/u);
    expect(testIds(taking)).toContain('taking-reader-skipped');
  });
});
