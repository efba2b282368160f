/**
 * The fake core's technician console (issue #8), wired into fake-kiosk.ts: an admin PIN
 * (unset at first, as on a new terminal), its lockout (5 wrong PINs lock for 30 s, each
 * further one doubles it), admin sessions with a token and an idle timeout, an overview of
 * simulated devices (the receipt printer near the end of its roll, the evaluation pad in
 * error), auto-detect proposing a reader, a printer and a keyboard-like scanner, one-tap
 * tests with masked results (R-P2), hall settings that round-trip with the core's kind of
 * validation, an audit log whose chain can be made to fail, a diagnostics export, and two
 * quarantined outbox records (an application, an evaluation) to send again.
 * Specimen data only; nothing here is personal.
 */
import type {
  AdminDeviceView,
  AdminEventView,
  AuditEntryView,
  DetectReport,
  DeviceKind,
  DeviceTestKind,
  DeviceTestResult,
  ExportTarget,
  HallSettings,
  IpcError,
  IpcResult,
  KioskApi,
  QuarantinedRecordView,
  SystemStatus,
} from '../../electron/ipc/contract';

export const FAKE_ADMIN_IDLE_MS = 5 * 60_000;
export const FAKE_ADMIN_MAX_MS = 30 * 60_000;
export const FAKE_MAX_FAILURES = 5;
export const FAKE_FIRST_LOCK_MS = 30_000;
/** How long detect, tests and the export take in the dev build (0 in unit tests). */
const DEFAULT_WORK_MS = 900;
const BAUD_RATES = [9600, 19200, 38400, 57600, 115200];

export interface FakeAdminOptions {
  /** The PIN already set; null (the default) is a terminal on its first start. */
  readonly pin?: string | null;
  /** How long detect, tests, the export and a release take. */
  readonly workMs?: number;
}

export interface FakeAdminDeps {
  readonly now: () => number;
  readonly wait: (ms: number) => Promise<void>;
  readonly record: (method: string, arg: unknown) => void;
  readonly status: () => SystemStatus;
}

export interface FakeAdminControl {
  /** Sets (or with null removes) the PIN; clears failures and sessions. */
  setAdminPin(pin: string | null): void;
  /** Wrong PINs in a row so far. */
  adminFailures(): number;
  /** Ends every admin session, as the core's idle timeout would. */
  expireAdminSessions(): void;
  /** The audit chain fails from `seq` on; null verifies again. */
  setAuditTampered(seq: number | null): void;
  /** The test of `kind` fails with this summary; null passes again. */
  setTestFailure(kind: DeviceTestKind, summary: string | null): void;
  /** Bindings saved through `admin.bind`, by device. */
  bindings(): Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  restarts(): number;
  /** Replaces the quarantined outbox records (newest first), e.g. with none. */
  setQuarantined(records: readonly QuarantinedRecordView[]): void;
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const fail = (code: IpcError['code'], message: string): IpcResult<never> => ({ ok: false, error: { code, message } });
const SESSION_OVER = fail('forbidden', '管理会话已结束，请重新输入密码');

/** The core's PIN rules (electron/services/admin/pin-rules.ts), in brief. */
function weakPinReason(pin: string): string | null {
  if (!/^\d{6,12}$/u.test(pin)) return 'PIN 须为 6–12 位数字';
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return 'PIN 不能全部是同一个数字';
  const steps = digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'PIN 不能是连续的数字（如 123456、654321）';
  for (let period = 2; period <= pin.length / 2; period += 1) {
    if (pin.length % period === 0 && pin.slice(0, period).repeat(pin.length / period) === pin) return 'PIN 不能是重复的数字组（如 121212、123123）';
  }
  return null;
}

function lockMs(failures: number): number {
  return failures < FAKE_MAX_FAILURES ? 0 : Math.min(FAKE_FIRST_LOCK_MS * 2 ** (failures - FAKE_MAX_FAILURES), 60 * 60_000);
}

/** What the fake knows of each device beyond the status: binding, action, counters. */
const DEVICE_EXTRAS: Readonly<Partial<Record<DeviceKind, Omit<AdminDeviceView, 'kind' | 'isSimulated' | 'state' | 'lastEvent'>>>> = {
  receiptPrinter: {
    condition: 'paperNearEnd',
    detail: '纸卷将尽',
    binding: '串口 /dev/ttyS1 @115200',
    action: null,
    actionText: '请补充打印纸',
    counters: [
      { label: '今日打印小票', value: 128 },
      { label: '累计打印小票', value: 15_234 },
    ],
  },
  idCardReader: { condition: null, detail: null, binding: '串口 /dev/ttyUSB0 @115200', action: null, actionText: null, counters: [{ label: '今日读卡', value: 57 }] },
  barcodeScanner: { condition: null, detail: null, binding: 'HID 0x0C2E:0x0B61', action: null, actionText: null, counters: [{ label: '今日扫码', value: 23 }] },
  documentCamera: { condition: null, detail: null, binding: '模拟', action: null, actionText: null, counters: [{ label: '今日拍摄', value: 12 }] },
  evaluationPad: {
    condition: 'noResponse',
    detail: '评价器无应答',
    binding: '串口 /dev/ttyS2 @9600',
    action: 'reset',
    actionText: '请重置设备',
    counters: [{ label: '今日评价', value: 41 }],
  },
};

const TEST_RESULTS: Readonly<Record<DeviceTestKind, DeviceTestResult>> = {
  printTicket: { ok: true, summary: '测试小票已打印', details: ['纸宽 80 mm', '打印机状态：纸卷将尽'] },
  readCard: { ok: true, summary: '读卡成功：张*  3201**********1234', details: ['居民身份证', '照片已丢弃，未保存任何信息'] },
  scanCode: { ok: true, summary: '扫码成功：识别为其他条码（本机不处理）', details: [] },
  capturePage: { ok: true, summary: '拍摄成功：2592×1944，清晰', details: ['已找到纸张边缘', '图片未保存'] },
  requestRating: { ok: true, summary: '评价器应答：按键 5（非常满意）', details: ['用时 2.4 秒'] },
};

export function createFakeAdmin(deps: FakeAdminDeps, options: FakeAdminOptions = {}): { api: KioskApi['admin']; control: FakeAdminControl } {
  const { now, record } = deps;
  const workMs = options.workMs ?? DEFAULT_WORK_MS;
  const work = (): Promise<void> => (workMs > 0 ? deps.wait(workMs) : Promise.resolve());
  let pin: string | null = options.pin ?? null;
  let failures = 0;
  let lockedUntil = 0;
  let tokenCount = 0;
  let restarts = 0;
  let tamperedFrom: number | null = null;
  const sessions = new Map<string, { expiresAt: number; maxAt: number }>();
  const testFailures = new Map<DeviceTestKind, string>();
  let pending = 3;
  // The core's words for the two ways a record ends up here: a refusal, and attempts used up.
  let quarantined: QuarantinedRecordView[] = [
    {
      id: 41,
      kind: 'application',
      kindLabel: '自助申办',
      attempts: 1,
      lastError: 'platform answer does not match the API at /applications (invalid_type)',
      createdAt: new Date(now() - 95 * 60_000).toISOString(),
    },
    {
      id: 17,
      kind: 'evaluation',
      kindLabel: '好差评',
      attempts: 12,
      lastError: 'platform server error (HTTP 503)',
      createdAt: new Date(now() - 26 * 3_600_000).toISOString(),
    },
  ];
  const bindings: Record<string, Readonly<Record<string, unknown>>> = {};
  const started = now();
  let settings: HallSettings = {
    hallName: deps.status().hallName,
    terminalId: deps.status().terminalId,
    idleTimeoutSeconds: deps.status().idle.timeoutSeconds,
    idleCountdownSeconds: deps.status().idle.countdownSeconds,
    platformAdapter: 'local',
    platformBaseUrl: null,
    publicBaseUrl: 'https://zwfw.lyg.gov.cn',
    retentionDays: 30,
  };
  const events: AdminEventView[] = [
    { at: started - 42 * 60_000, device: 'system', text: '终端启动，版本 0.1.0' },
    { at: started - 40 * 60_000, device: 'idCardReader', text: '读卡器已连接（SAM 状态正常）' },
    { at: started - 31 * 60_000, device: 'evaluationPad', text: '评价器无应答，已重试 3 次' },
    { at: started - 12 * 60_000, device: 'receiptPrinter', text: '纸卷将尽' },
    { at: started - 3 * 60_000, device: 'barcodeScanner', text: '测试 scanCode：通过' },
  ];
  const audit: AuditEntryView[] = [
    { seq: 1, at: started - 7 * 86_400_000, actor: 'technician', event: 'pin.set', outcome: 'ok', detail: 'admin PIN set' },
    { seq: 2, at: started - 7 * 86_400_000 + 60_000, actor: 'technician', event: 'device.bound', outcome: 'ok', detail: 'idCardReader → serial /dev/ttyUSB0' },
    { seq: 3, at: started - 86_400_000, actor: 'technician', event: 'pin.failed', outcome: 'refused', detail: 'wrong PIN (1 in a row)' },
    { seq: 4, at: started - 86_400_000 + 20_000, actor: 'technician', event: 'pin.login', outcome: 'ok', detail: 'console opened' },
    { seq: 5, at: started - 86_400_000 + 90_000, actor: 'technician', event: 'settings.changed', outcome: 'ok', detail: 'hall settings saved' },
    { seq: 6, at: started - 86_400_000 + 400_000, actor: 'system', event: 'session.timeout', outcome: 'ok', detail: 'idle 5 min' },
  ];

  const note = (device: AdminEventView['device'], text: string): void => {
    events.push({ at: now(), device, text });
  };
  const auditAppend = (event: string, outcome: string, detail: string): void => {
    audit.push({ seq: audit.length + 1, at: now(), actor: 'technician', event, outcome, detail });
  };

  /** Checks the token and moves its idle timeout on, as every admin call does in the core. */
  const touch = async (method: string, arg: { readonly token: string }): Promise<boolean> => {
    record(method, arg);
    await Promise.resolve();
    const session = sessions.get(arg.token);
    if (!session || now() > session.expiresAt) {
      sessions.delete(arg.token);
      return false;
    }
    session.expiresAt = Math.min(now() + FAKE_ADMIN_IDLE_MS, session.maxAt);
    return true;
  };
  const openSession = (): { token: string; expiresAt: number } => {
    tokenCount += 1;
    const token = `fakeAdminToken${String(tokenCount).padStart(4, '0')}`.padEnd(40, 'x');
    const expiresAt = now() + FAKE_ADMIN_IDLE_MS;
    sessions.set(token, { expiresAt, maxAt: now() + FAKE_ADMIN_MAX_MS });
    return { token, expiresAt };
  };
  const lockedMessage = (ms: number): string => `密码错误次数过多，请 ${Math.ceil(ms / 1_000)} 秒后再试`;

  const deviceViews = (): AdminDeviceView[] => {
    const health = deps.status().devices;
    const kinds: DeviceKind[] = [...health.map((device) => device.kind), 'evaluationPad'];
    return [...new Set(kinds)].map((kind): AdminDeviceView => {
      const status = health.find((device) => device.kind === kind);
      const extras = DEVICE_EXTRAS[kind] ?? { condition: null, detail: null, binding: '模拟', action: null, actionText: null, counters: [] };
      const state = kind === 'evaluationPad' ? 'error' : (status?.state ?? 'offline');
      const isHealthy = state === 'online';
      const last = [...events].reverse().find((event) => event.device === kind) ?? null;
      return {
        kind,
        isSimulated: status?.isSimulated ?? true,
        state,
        ...extras,
        ...(isHealthy || extras.action ? {} : { action: 'maintenance' as const, actionText: '请联系维修' }),
        lastEvent: last ? { at: last.at, text: last.text } : null,
      };
    });
  };

  const api: KioskApi['admin'] = {
    pinStatus: async (arg) => {
      record('admin.pinStatus', arg);
      await Promise.resolve();
      return ok(pin === null ? { state: 'unset' } : { state: 'set', lockedForMs: Math.max(0, lockedUntil - now()) });
    },
    setPin: async (arg) => {
      record('admin.setPin', { pin: '******' });
      await Promise.resolve();
      if (pin !== null) return fail('unavailable', '管理密码已设置');
      const weak = weakPinReason(arg.pin);
      if (weak !== null) return fail('unavailable', weak);
      pin = arg.pin;
      auditAppend('pin.set', 'ok', 'admin PIN set');
      return ok(openSession());
    },
    login: async (arg) => {
      // The PIN is never recorded, as the core never logs it.
      record('admin.login', { pin: '******' });
      await Promise.resolve();
      if (pin === null) return fail('forbidden', '尚未设置管理密码，请先设置');
      if (now() < lockedUntil) return fail('forbidden', lockedMessage(lockedUntil - now()));
      if (arg.pin !== pin) {
        failures += 1;
        auditAppend('pin.failed', 'refused', `wrong PIN (${failures} in a row)`);
        const lock = lockMs(failures);
        if (lock > 0) {
          lockedUntil = now() + lock;
          return fail('forbidden', lockedMessage(lock));
        }
        return fail('forbidden', `密码错误，还可尝试 ${FAKE_MAX_FAILURES - failures} 次`);
      }
      failures = 0;
      auditAppend('pin.login', 'ok', 'console opened');
      return ok(openSession());
    },
    logout: async (arg) => {
      record('admin.logout', arg);
      await Promise.resolve();
      if (sessions.delete(arg.token)) auditAppend('session.logout', 'ok', 'console closed');
      return ok({ loggedOut: true });
    },
    changePin: async (arg) => {
      if (!(await touch('admin.changePin', { token: arg.token }))) return SESSION_OVER;
      if (arg.oldPin !== pin) return fail('unavailable', '原密码不正确');
      if (arg.newPin === pin) return fail('unavailable', '新密码不能与原密码相同');
      const weak = weakPinReason(arg.newPin);
      if (weak !== null) return fail('unavailable', weak);
      pin = arg.newPin;
      auditAppend('pin.changed', 'ok', 'admin PIN changed');
      return ok({ changed: true });
    },
    overview: async (arg) => {
      if (!(await touch('admin.overview', arg))) return SESSION_OVER;
      const status = deps.status();
      return ok({
        hallName: settings.hallName,
        terminalId: settings.terminalId,
        version: '0.1.0',
        mode: status.mode,
        outOfServiceReason: status.outOfServiceReason,
        devices: deviceViews(),
        alarms: [
          { at: started - 12 * 60_000, source: 'receiptPrinter', code: 'paperNearEnd', message: '小票打印机纸卷将尽' },
          { at: started - 31 * 60_000, source: 'evaluationPad', code: 'noResponse', message: '评价器无应答' },
        ],
        outbox: { pending, quarantined: quarantined.length, quarantinedRecords: quarantined.slice(0, 20) },
        freeBytes: 18_400_000_000,
      });
    },
    releaseOutbox: async (arg) => {
      if (!(await touch('admin.releaseOutbox', { token: arg.token }))) return SESSION_OVER;
      await work();
      const record = quarantined.find((candidate) => candidate.id === arg.id);
      auditAppend('outbox.released', record ? 'ok' : 'refused', `outbox #${arg.id} ${record?.kind ?? '(not quarantined)'}`);
      if (!record) return fail('notFound', '没有这条隔离记录：它可能已重新发送或已送达，请刷新后再看');
      quarantined = quarantined.filter((candidate) => candidate !== record);
      pending += 1;
      note('system', `隔离记录已重新发送（${record.kindLabel}）`);
      return ok({ released: true });
    },
    events: async (arg) => {
      if (!(await touch('admin.events', arg))) return SESSION_OVER;
      return ok({ events: [...events].reverse().slice(0, 100) });
    },
    detect: async (arg) => {
      if (!(await touch('admin.detect', { token: arg.token }))) return SESSION_OVER;
      await work();
      const report: DetectReport = {
        proposals: [
          { device: 'idCardReader', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 }, evidence: '/dev/ttyUSB0：SAM 状态 0x90 @115200', needsConfirmation: false },
          { device: 'receiptPrinter', transport: { type: 'serial', path: '/dev/ttyS1', baudRate: 115200 }, evidence: '/dev/ttyS1：ESC/POS 实时状态应答 @115200', needsConfirmation: false },
          {
            device: 'barcodeScanner',
            transport: { type: 'hid', vendorId: '0x0C2E', productId: '0x0B61', mode: 'hidKeyboard' },
            evidence: 'HID 0c2e:0b61：键盘类设备（请扫码确认）',
            needsConfirmation: true,
          },
        ],
        looked: [
          { where: '/dev/ttyS0', result: '无应答' },
          { where: '/dev/ttyS1', result: 'receiptPrinter @115200' },
          { where: '/dev/ttyUSB0', result: 'idCardReader @115200' },
          ...arg.ports.map((port) => ({ where: port, result: '无应答' })),
        ],
      };
      note('system', `自动识别：找到 ${report.proposals.length} 台设备`);
      return ok(report);
    },
    bind: async (arg) => {
      if (!(await touch('admin.bind', { token: arg.token }))) return SESSION_OVER;
      const problems = bindingProblems(arg.transport);
      auditAppend('device.bound', problems.length === 0 ? 'ok' : 'refused', `${arg.device} → ${String(arg.transport['type'])}`);
      if (problems.length > 0) return fail('invalidArgument', `配置未保存：${problems.join('；')}`);
      bindings[arg.device] = { ...arg.transport };
      note('system', `已绑定 ${arg.device}（重启后生效）`);
      return ok({ saved: true, restartRequired: true });
    },
    unbind: async (arg) => {
      if (!(await touch('admin.unbind', { token: arg.token }))) return SESSION_OVER;
      delete bindings[arg.device];
      auditAppend('device.bound', 'ok', `${arg.device} unbound`);
      return ok({ saved: true, restartRequired: true });
    },
    testDevice: async (arg) => {
      if (!(await touch('admin.testDevice', { token: arg.token }))) return SESSION_OVER;
      await work();
      const failure = testFailures.get(arg.test);
      const result: DeviceTestResult = failure === undefined ? TEST_RESULTS[arg.test] : { ok: false, summary: failure, details: [] };
      auditAppend('device.test', result.ok ? 'ok' : 'failed', `${arg.test}: ${result.ok ? 'ok' : 'failed'}`);
      note('system', `测试 ${arg.test}：${result.ok ? '通过' : '未通过'}`);
      return ok(result);
    },
    settings: async (arg) => {
      if (!(await touch('admin.settings', arg))) return SESSION_OVER;
      return ok(settings);
    },
    saveSettings: async (arg) => {
      if (!(await touch('admin.saveSettings', { token: arg.token }))) return SESSION_OVER;
      const problems = settingsProblems(arg.settings);
      auditAppend('settings.changed', problems.length === 0 ? 'ok' : 'refused', problems.length === 0 ? 'hall settings saved' : `refused: ${problems.length} problem(s)`);
      if (problems.length > 0) return fail('invalidArgument', `配置未保存：${problems.join('；')}`);
      settings = { ...arg.settings };
      return ok({ saved: true, restartRequired: true });
    },
    exportTargets: async (arg) => {
      if (!(await touch('admin.exportTargets', arg))) return SESSION_OVER;
      const targets: ExportTarget[] = [
        { path: '/media/kiosk/KINGSTON', label: 'U盘 KINGSTON', isRemovable: true },
        { path: '/var/lib/zhengwu-kiosk/diagnostics', label: '数据目录', isRemovable: false },
      ];
      return ok({ targets });
    },
    exportDiagnostics: async (arg) => {
      if (!(await touch('admin.exportDiagnostics', { token: arg.token }))) return SESSION_OVER;
      await work();
      const dir = arg.targetDir ?? '/var/lib/zhengwu-kiosk/diagnostics';
      auditAppend('diagnostics.exported', 'ok', '2481152 bytes');
      return ok({ path: `${dir}/diagnostics-${settings.terminalId}-20251124-0930.tar.gz`, bytes: 2_481_152 });
    },
    audit: async (arg) => {
      if (!(await touch('admin.audit', arg))) return SESSION_OVER;
      const entries = [...audit].reverse();
      return ok({
        entries,
        chain: tamperedFrom === null ? { ok: true, count: audit.length } : { ok: false, firstBadSeq: tamperedFrom, reason: '哈希值与上一条不符' },
      });
    },
    restart: async (arg) => {
      if (!(await touch('admin.restart', arg))) return SESSION_OVER;
      restarts += 1;
      auditAppend('config.changed', 'ok', 'restart requested');
      return ok({ restarting: true });
    },
  };

  const control: FakeAdminControl = {
    setAdminPin: (next) => {
      pin = next;
      failures = 0;
      lockedUntil = 0;
      sessions.clear();
    },
    adminFailures: () => failures,
    expireAdminSessions: () => sessions.clear(),
    setAuditTampered: (seq) => {
      tamperedFrom = seq;
    },
    setTestFailure: (kind, summary) => {
      if (summary === null) testFailures.delete(kind);
      else testFailures.set(kind, summary);
    },
    bindings: () => bindings,
    restarts: () => restarts,
    setQuarantined: (records) => {
      quarantined = [...records];
    },
  };
  return { api, control };
}

/** The configuration schema's checks on a binding, in brief and in its words. */
function bindingProblems(transport: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (transport['type'] === 'serial') {
    if (typeof transport['path'] !== 'string' || transport['path'] === '') problems.push('devices.transport.path: 不能为空');
    if (!BAUD_RATES.includes(Number(transport['baudRate']))) problems.push(`devices.transport.baudRate: 须为 ${BAUD_RATES.join('、')} 之一`);
  }
  if (transport['type'] === 'hid') {
    for (const key of ['vendorId', 'productId']) {
      if (!/^0x[0-9a-f]{1,4}$/iu.test(String(transport[key]))) problems.push(`devices.transport.${key}: 须为 0x 开头的十六进制 USB ID`);
    }
  }
  return problems;
}

function settingsProblems(settings: HallSettings): string[] {
  const problems: string[] = [];
  if (settings.hallName.trim() === '' || settings.hallName.length > 40) problems.push('大厅名称：1–40 个字');
  if (!/^[A-Z0-9][A-Z0-9-]{2,31}$/u.test(settings.terminalId)) problems.push('终端编号：3–32 位大写字母、数字或 -');
  if (settings.idleTimeoutSeconds < 30 || settings.idleTimeoutSeconds > 600) problems.push('空闲超时：30–600 秒');
  if (settings.idleCountdownSeconds < 5 || settings.idleCountdownSeconds > 60) problems.push('倒计时：5–60 秒');
  if (settings.platformAdapter === 'http' && !/^https?:\/\/\S+$/u.test(settings.platformBaseUrl ?? '')) problems.push('平台地址：须以 http:// 或 https:// 开头');
  if (!/^https:\/\/\S+$/u.test(settings.publicBaseUrl)) problems.push('公开地址：须以 https:// 开头');
  if (settings.retentionDays < 1 || settings.retentionDays > 365) problems.push('保留天数：1–365 天');
  return problems;
}

/** Dev build: `adminPin=314159` sets the PIN; `adminLocked=1` has five wrong PINs behind it; `audit=tampered`. */
export async function applyDevAdminParams(api: KioskApi['admin'], control: FakeAdminControl, params: URLSearchParams): Promise<void> {
  const preset = params.get('adminPin');
  if (preset !== null) control.setAdminPin(preset);
  if (params.get('adminLocked') === '1' && preset !== null) {
    for (let attempt = 0; attempt < FAKE_MAX_FAILURES; attempt += 1) await api.login({ pin: '000000' });
  }
  if (params.get('audit') === 'tampered') control.setAuditTampered(4);
}
