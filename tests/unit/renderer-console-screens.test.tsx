/**
 * The technician console's screens as static markup: what they say, their test ids (the e2e
 * suite drives them), the PIN only as dots, masked test results, the audit chain's verdict.
 */
import { describe, expect, it } from 'vitest';
import type { AdminOverview, AuditView, SystemStatus } from '../../electron/ipc/contract';
import { createFakeKiosk, FAKE_STATUS } from '../../renderer/api/fake-kiosk';
import { AuditBody } from '../../renderer/screens/console-audit-screen';
import { formatBytes, formatCountdown, formatEventTime } from '../../renderer/screens/console-format';
import { ConsoleLayout } from '../../renderer/screens/console-layout';
import { ConsoleOverviewScreen, QuarantineSection, type ReleaseState } from '../../renderer/screens/console-overview-screen';
import { ConsolePinScreen, type ConsolePinScreenProps } from '../../renderer/screens/console-pin-screen';
import { ConsoleTestsScreen } from '../../renderer/screens/console-tests-screen';
import { RENDER_NOW, render, testIds, textOf } from './renderer-static-render';

const noop = (): void => undefined;
const STATUS: SystemStatus = FAKE_STATUS;

function pin(props: Partial<ConsolePinScreenProps>): string {
  return render(
    <ConsolePinScreen
      status={STATUS}
      stage="login"
      pinLength={0}
      notice={null}
      lockSecondsLeft={0}
      isBusy={false}
      onKey={noop}
      onSubmit={noop}
      onCancel={noop}
      {...props}
    />,
  );
}

async function fakeOverview(): Promise<AdminOverview> {
  const fake = createFakeKiosk({ now: () => RENDER_NOW, admin: { pin: '314159', workMs: 0 } });
  const session = await fake.kiosk.admin.login({ pin: '314159' });
  if (!session.ok) throw new Error(session.error.message);
  const overview = await fake.kiosk.admin.overview({ token: session.value.token });
  if (!overview.ok) throw new Error(overview.error.message);
  return overview.value;
}

describe('PIN pad', () => {
  it('asks for a new PIN on first start, with the rule, and shows typed digits as dots only', () => {
    const html = pin({ stage: 'setFirst', pinLength: 4 });
    expect(textOf(html)).toContain('首次使用，请设置管理密码');
    expect(textOf(html)).toContain('6–12 位数字');
    expect(html).toContain('data-count="4"');
    expect(html.match(/pin-dots__dot--filled/gu)).toHaveLength(4);
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['screen-console-pin', 'console-pin-dots', 'console-pin-key-0', 'console-pin-key-backspace', 'console-pin-submit', 'console-pin-cancel', 'go-home']),
    );
  });

  it('lets a technician’s keyboard through to the pad', () => {
    expect(pin({})).toMatch(/<main[^>]*data-physical-keys="allow"/u);
  });

  it('shows the core’s words after a wrong PIN, and local ones by key', () => {
    expect(textOf(pin({ notice: { text: '密码错误，还可尝试 4 次' } }))).toContain('密码错误，还可尝试 4 次');
    expect(textOf(pin({ stage: 'setFirst', notice: { key: 'mismatch' } }))).toContain('两次输入的密码不一致');
  });

  it('counts down a lock with the keys disabled', () => {
    const html = pin({ stage: 'locked', lockSecondsLeft: 27, notice: { text: '密码错误次数过多，请 30 秒后再试' } });
    expect(textOf(html)).toContain('控制台已锁定');
    expect(textOf(html)).toContain('请 27 秒后再试');
    // The core's message would name a stale number: only the countdown speaks.
    expect(textOf(html)).not.toContain('30 秒');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="console-pin-key-5"/u);
  });
});

describe('console frame', () => {
  it('shows the session countdown, every page in the menu, and 退出', () => {
    const html = render(
      <ConsoleLayout status={STATUS} tab="binding" sessionSecondsLeft={299} onTab={noop} onExit={noop}>
        <p>page</p>
      </ConsoleLayout>,
    );
    expect(textOf(html)).toContain('会话剩余 4:59');
    for (const tab of ['overview', 'binding', 'tests', 'settings', 'diagnostics', 'audit']) expect(testIds(html)).toContain(`console-tab-${tab}`);
    expect(html).toMatch(/aria-current="page"[^>]*data-testid="console-tab-binding"/u);
    expect(testIds(html)).toContain('console-exit');
    expect(textOf(render(<ConsoleLayout status={STATUS} tab="audit" sessionSecondsLeft={42} onTab={noop} onExit={noop}>x</ConsoleLayout>, 'en'))).toContain(
      'Session 0:42',
    );
  });
});

describe('device overview', () => {
  it('puts devices that need someone first, with the action in words and the counters', async () => {
    const overview = await fakeOverview();
    const html = render(<ConsoleOverviewScreen status={STATUS} overview={overview} loadedAt={RENDER_NOW} isLoading={false} error={null} onRefresh={noop} />);
    const devices = testIds(html).filter((id) => /^console-device-[a-zA-Z]+$/u.test(id));
    expect(devices[0]).toBe('console-device-evaluationPad');
    expect(devices[1]).toBe('console-device-receiptPrinter');
    const text = textOf(html);
    expect(text).toContain('请补充打印纸');
    expect(text).toContain('请重置设备');
    expect(text).toContain('建议操作：复位');
    expect(text).toContain('今日打印小票 128');
    expect(text).toContain('待上报 3 条 · 隔离 2 条');
    expect(html).toMatch(/console-facts__fact--attention" data-testid="console-outbox"/u);
    expect(text).toContain('剩余空间 18.4 GB');
    expect(text).toContain('小票打印机纸卷将尽');
    expect(html).toContain('data-state="error"');
  });

  it('lists quarantined records with kind, attempts, time and what went wrong, each with 重新发送', async () => {
    const overview = await fakeOverview();
    const html = render(<ConsoleOverviewScreen status={STATUS} overview={overview} loadedAt={RENDER_NOW} isLoading={false} error={null} onRefresh={noop} />);
    const start = html.indexOf('<section class="console-quarantine"');
    const section = html.slice(start, html.indexOf('</section>', start));
    expect(textOf(section)).toMatch(/^隔离记录 .*可重新发送/u);
    // Newest first: the application refused an hour and a half ago, then yesterday's evaluation.
    expect(testIds(section).filter((id) => id.startsWith('console-quarantine-record-'))).toEqual(['console-quarantine-record-41', 'console-quarantine-record-17']);
    expect(textOf(section)).toContain('自助申办 07:55:00 已尝试 1 次 platform answer does not match the API at /applications (invalid_type) 重新发送');
    expect(textOf(section)).toContain('好差评 11-23 07:30 已尝试 12 次 platform server error (HTTP 503) 重新发送');
    expect(section).not.toMatch(/<button[^>]*disabled/u);
  });

  const records = [
    { id: 41, kind: 'application', kindLabel: '自助申办', attempts: 1, lastError: null, createdAt: '2025-11-24T01:00:00.000Z' },
    { id: 17, kind: 'evaluation', kindLabel: '好差评', attempts: 12, lastError: 'platform server error (HTTP 503)', createdAt: '2025-11-23T01:00:00.000Z' },
  ] as const;
  const isoMinute = (epoch: number): string => new Date(epoch).toISOString().slice(5, 16);
  const section = (release: ReleaseState, quarantined = 2): string =>
    render(<QuarantineSection outbox={{ pending: 0, quarantined, quarantinedRecords: records }} release={release} onRelease={noop} at={isoMinute} />);

  it('disables every 重新发送 while one is sending, and says which', () => {
    const html = section({ phase: 'running', record: records[1], error: null });
    expect(html.match(/<button[^>]*disabled=""/gu)).toHaveLength(2);
    expect(textOf(html)).toContain('好差评 11-23T01:00 已尝试 12 次 platform server error (HTTP 503) 正在发送…');
    expect(textOf(html)).toContain('未记录失败原因');
  });

  it('shows how a send went: back in line, or the core’s refusal', () => {
    expect(textOf(section({ phase: 'done', record: records[0], error: null }))).toContain('自助申办记录已放回上报队列，正在重新发送');
    const refused = section({ phase: 'failed', record: records[0], error: { code: 'notFound', message: '没有这条隔离记录：它可能已重新发送或已送达，请刷新后再看' } });
    expect(refused).toMatch(/role="alert"[^>]*data-testid="console-quarantine-error"[^>]*data-code="notFound"/u);
    expect(textOf(section({ phase: 'idle', record: null, error: null }, 35))).toContain('仅显示最新 2 条，共 35 条');
    expect(textOf(render(<QuarantineSection outbox={{ pending: 0, quarantined: 0, quarantinedRecords: [] }} release={{ phase: 'idle', record: null, error: null }} onRelease={noop} at={isoMinute} />))).toBe('隔离记录 没有隔离记录');
  });

  it('shows the core’s error when the overview cannot be read', () => {
    const html = render(
      <ConsoleOverviewScreen status={STATUS} overview={null} loadedAt={null} isLoading={false} error={{ code: 'outOfService', message: '数据库不可读' }} onRefresh={noop} />,
    );
    expect(testIds(html)).toContain('console-overview-error');
    expect(textOf(html)).toContain('数据库不可读');
  });
});

describe('device tests', () => {
  it('offers every test and shows a masked card read', () => {
    const html = render(
      <ConsoleTestsScreen
        status={STATUS}
        running={null}
        last={{ kind: 'readCard', result: { ok: true, summary: '读卡成功：张*  3201**********1234', details: ['居民身份证'] } }}
        error={null}
        events={[{ at: RENDER_NOW - 60_000, device: 'idCardReader', text: '读卡器已连接' }]}
        onTest={noop}
      />,
    );
    for (const kind of ['printTicket', 'readCard', 'scanCode', 'capturePage', 'requestRating']) expect(testIds(html)).toContain(`console-test-${kind}`);
    expect(html).toMatch(/data-testid="console-test-result"[^>]*data-ok="true"/u);
    expect(textOf(html)).toContain('3201**********1234');
    expect(textOf(html)).toContain('09:29:00 身份证阅读器 读卡器已连接');
  });

  it('tells the technician what to do while a test runs, and blocks the others', () => {
    const html = render(<ConsoleTestsScreen status={STATUS} running="scanCode" last={null} error={null} events={[]} onTest={noop} />);
    expect(textOf(html)).toContain('请用扫码器扫描任意二维码');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="console-test-printTicket"/u);
  });
});

describe('audit log', () => {
  const entries: AuditView['entries'] = [
    { seq: 2, at: RENDER_NOW, actor: 'technician', event: 'device.bound', outcome: 'refused', detail: 'idCardReader → serial' },
    { seq: 1, at: RENDER_NOW - 86_400_000, actor: 'system', event: 'something.new', outcome: 'ok', detail: 'x' },
  ];

  it('says the chain is intact, with its length', () => {
    const html = render(<AuditBody audit={{ entries, chain: { ok: true, count: 2 } }} timeZone="Asia/Shanghai" />);
    expect(textOf(html)).toContain('审计链完整（共 2 条）');
    expect(textOf(html)).toContain('设备绑定');
    expect(textOf(html)).toContain('已拒绝');
    // An event the console does not know is shown as it is.
    expect(textOf(html)).toContain('something.new');
    expect(textOf(html)).toContain('11-23 09:30');
  });

  it('says prominently where the chain was tampered with', () => {
    const html = render(<AuditBody audit={{ entries, chain: { ok: false, firstBadSeq: 2, reason: '哈希值与上一条不符' } }} timeZone="Asia/Shanghai" />);
    expect(html).toMatch(/role="alert"[^>]*data-testid="console-audit-chain"[^>]*data-ok="false"/u);
    expect(textOf(html)).toContain('审计日志已被篡改（第 2 条）');
    expect(html).toMatch(/class="console-table__row--bad" data-testid="console-audit-entry-2"/u);
  });
});

describe('formats', () => {
  it('writes countdowns, sizes and event times', () => {
    expect(formatCountdown(300)).toBe('5:00');
    expect(formatCountdown(59.9)).toBe('0:59');
    expect(formatBytes(18_400_000_000)).toBe('18.4 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatEventTime(RENDER_NOW, RENDER_NOW, 'Asia/Shanghai')).toBe('09:30:00');
    expect(formatEventTime(RENDER_NOW - 400 * 86_400_000, RENDER_NOW, 'Asia/Shanghai')).toBe('2024-10-20 09:30');
  });
});
