/**
 * The fake core's scanning, 办件查询, 预约签到 and 好差评 (issue #7), wired into
 * fake-kiosk.ts: a few demo cases in different statuses (需补正 with missing materials,
 * 已办结 with a collection place, …), today's appointments (early, open, late, already
 * checked in) placed around the fake's clock so the dev build works at any time of day,
 * sample codes for the dev panel, and evaluation prompts with the national default reasons.
 *
 * Codes are classified the way the core does it in spirit: only our own receipt and
 * appointment links are recognised; script links, control and hidden characters are
 * `unsafe`; other hosts `otherHost`; anything else `unknownFormat`. Names are masked as main
 * masks them (R-P2). Specimen people, not real ones.
 */
import type {
  AppointmentView,
  CaseProgressView,
  CheckInWindow,
  EvaluationJourney,
  EvaluationLevel,
  EvaluationPrompt,
  EventName,
  IpcError,
  IpcResult,
  KioskApi,
  KioskEvents,
  ScanResult,
  TicketView,
} from '../../electron/ipc/contract';

/** The platform host the demo codes point at; other hosts are refused. */
export const FAKE_PLATFORM_HOST = 'zwfw.lyg.gov.cn';
/** The contract's limit on `scan.submitText` (contract.ts MAX_SCAN_TEXT_LENGTH). */
const MAX_SCAN_TEXT_LENGTH = 4096;
/** QR version 40 holds at most 2953 bytes: a longer text is no code we issued. */
const MAX_CODE_LENGTH = 2953;
const MINUTE_MS = 60_000;
/** Check-in opens this long before the slot starts and closes when the slot ends. */
const CHECK_IN_EARLY_MINUTES = 30;

export function receiptCode(caseNumber: string, verifier: string): string {
  return `https://${FAKE_PLATFORM_HOST}/progress?case=${caseNumber}&v=${verifier}`;
}

export function appointmentCode(code: string, verifier: string): string {
  return `https://${FAKE_PLATFORM_HOST}/appointment?no=${code}&v=${verifier}`;
}

interface FakeCase extends CaseProgressView {
  readonly verifier: string;
  /** Specimen id of the applicant's card (fake-kiosk.ts FAKE_SPECIMENS). */
  readonly holder: string;
}

interface FakeAppointmentSeed {
  readonly code: string;
  readonly verifier: string;
  readonly holder: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly itemName: string | null;
  readonly applicantMaskedName: string;
  /** Minutes from the fake's start, rounded to the half hour. */
  readonly startOffsetMinutes: number;
  readonly lengthMinutes: number;
  readonly isCancelled?: boolean;
}

const STEPS_SUBMITTED = (day: string) => [
  { name: '提交申请', state: 'done' as const, at: `${day} 09:12`, note: '自助终端提交' },
  { name: '受理', state: 'current' as const, at: null, note: null },
  { name: '审查决定', state: 'pending' as const, at: null, note: null },
  { name: '办结', state: 'pending' as const, at: null, note: null },
];

/** Demo cases; dates are fixed, as on paper receipts. */
export const FAKE_CASES: readonly FakeCase[] = [
  {
    caseNumber: 'ZW20251118000123',
    verifier: 'K7M2Q9',
    holder: 'resident',
    itemCode: '320700-BDC-0012',
    itemName: '不动产转移登记（二手房买卖）',
    departmentName: '市自然资源和规划局',
    status: 'correctionRequired',
    statusLabel: '需补正',
    applicantMaskedName: '李**',
    submittedAt: '2025-11-18 10:24',
    promisedDate: '2025-11-28',
    steps: [
      { name: '提交申请', state: 'done', at: '2025-11-18 10:24', note: null },
      { name: '补正材料', state: 'current', at: '2025-11-19 15:02', note: '请在 2025-12-03 前补齐材料' },
      { name: '受理', state: 'pending', at: null, note: null },
      { name: '审查决定', state: 'pending', at: null, note: null },
      { name: '办结', state: 'pending', at: null, note: null },
    ],
    missingMaterials: [
      { name: '婚姻关系证明', reason: '提交的结婚证复印件不清晰，请提供原件核验' },
      { name: '完税证明', reason: '缺少契税完税凭证' },
    ],
    collection: null,
  },
  {
    caseNumber: 'ZW20251105000087',
    verifier: 'P3X8D4',
    holder: 'resident',
    itemCode: '320700-GA-0031',
    itemName: '居住证签注',
    departmentName: '市公安局',
    status: 'completed',
    statusLabel: '已办结',
    applicantMaskedName: '李**',
    submittedAt: '2025-11-05 14:40',
    promisedDate: '2025-11-12',
    steps: [
      { name: '提交申请', state: 'done', at: '2025-11-05 14:40', note: null },
      { name: '受理', state: 'done', at: '2025-11-05 15:10', note: null },
      { name: '审查决定', state: 'done', at: '2025-11-10 09:30', note: '准予签注' },
      { name: '办结', state: 'done', at: '2025-11-11 16:20', note: null },
    ],
    missingMaterials: [],
    collection: { method: '窗口领取', place: '市政务服务中心一楼 综合受理区 8号窗口', hours: '工作日 9:00–17:00，请携带身份证' },
  },
  {
    caseNumber: 'ZW20251121000210',
    verifier: 'B6T4W1',
    holder: 'resident',
    itemCode: '320700-SB-0008',
    itemName: '灵活就业人员参保登记',
    departmentName: '市人力资源和社会保障局',
    status: 'accepted',
    statusLabel: '已受理',
    applicantMaskedName: '李**',
    submittedAt: '2025-11-21 09:05',
    promisedDate: '2025-11-26',
    steps: [
      { name: '提交申请', state: 'done', at: '2025-11-21 09:05', note: null },
      { name: '受理', state: 'done', at: '2025-11-21 09:40', note: null },
      { name: '审查决定', state: 'current', at: null, note: null },
      { name: '办结', state: 'pending', at: null, note: null },
    ],
    missingMaterials: [],
    collection: null,
  },
  {
    caseNumber: 'ZW20251124000031',
    verifier: 'H2N5R8',
    holder: 'elder',
    itemCode: '320700-MZ-0004',
    itemName: '高龄津贴申领',
    departmentName: '市民政局',
    status: 'submitted',
    statusLabel: '已提交',
    applicantMaskedName: '张**',
    submittedAt: '2025-11-24 09:12',
    promisedDate: null,
    steps: STEPS_SUBMITTED('2025-11-24'),
    missingMaterials: [],
    collection: null,
  },
  {
    caseNumber: 'ZW20251020000450',
    verifier: 'M9C3V7',
    holder: 'foreign-permanent',
    itemCode: '320700-SC-0101',
    itemName: '个体工商户设立登记',
    departmentName: '市市场监督管理局',
    status: 'rejected',
    statusLabel: '不予受理',
    applicantMaskedName: 'J*** S****',
    submittedAt: '2025-10-20 11:02',
    promisedDate: null,
    steps: [
      { name: '提交申请', state: 'done', at: '2025-10-20 11:02', note: null },
      { name: '不予受理', state: 'done', at: '2025-10-21 10:15', note: '经营场所不在本市辖区，请向所在地市场监管部门申请' },
    ],
    missingMaterials: [],
    collection: null,
  },
];

const APPOINTMENTS: readonly FakeAppointmentSeed[] = [
  {
    code: 'YY20251124000101',
    verifier: 'A4F7K2',
    holder: 'resident',
    categoryId: 'general',
    categoryName: '综合受理',
    itemName: '户口迁移（市内）',
    applicantMaskedName: '李**',
    startOffsetMinutes: 0,
    lengthMinutes: 30,
  },
  {
    code: 'YY20251124000102',
    verifier: 'C8J3N6',
    holder: 'resident',
    categoryId: 'real-estate',
    categoryName: '不动产登记',
    itemName: '不动产抵押登记',
    applicantMaskedName: '李**',
    startOffsetMinutes: 120,
    lengthMinutes: 30,
  },
  {
    code: 'YY20251124000103',
    verifier: 'D5G9P4',
    holder: 'elder',
    categoryId: 'social-security',
    categoryName: '社保医保',
    itemName: '异地就医备案',
    applicantMaskedName: '张**',
    startOffsetMinutes: -120,
    lengthMinutes: 30,
  },
  {
    code: 'YY20251124000104',
    verifier: 'E2H6Q8',
    holder: 'elder',
    categoryId: 'housing-fund',
    categoryName: '住房公积金',
    itemName: null,
    applicantMaskedName: '张**',
    startOffsetMinutes: 0,
    lengthMinutes: 60,
  },
];

/** National default reasons (好差评 indicators), per level. */
export const FAKE_EVALUATION_REASONS: Readonly<Record<EvaluationLevel, readonly string[]>> = {
  5: ['服务热情周到', '办事效率高', '指引清楚易懂', '一次办成'],
  4: ['服务态度好', '办理较快', '流程清楚'],
  3: ['等候时间稍长', '指引不够清楚', '操作不够方便'],
  2: ['等候时间过长', '材料要求不清楚', '服务态度不好', '需要多次跑腿', '设备操作困难'],
  1: ['等候时间过长', '材料要求不清楚', '服务态度不好', '需要多次跑腿', '设备操作困难', '事项没有办成'],
};

const LEVEL_LABELS: Readonly<Record<EvaluationLevel, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

export const FAKE_EVALUATION_TIMEOUT_SECONDS = 60;

export interface FakeEvaluationRecord {
  readonly journey: EvaluationJourney;
  readonly caseNumber: string | null;
  readonly outcome:
    | { readonly kind: 'rated'; readonly level: EvaluationLevel; readonly reasons: readonly string[]; readonly phone: string | null }
    | { readonly kind: 'declined'; readonly why: 'skipped' | 'timeout' };
}

export interface FakeServicesControl {
  /** Scans `text` as the simulated scanner would (as `dev.scan`, without its checks). */
  scan(text: string): void;
  /** True between `scan.start` and `scan.stop`. */
  isScanning(): boolean;
  /** Lookups (progress, appointment) answer with this error, as a platform outage; null serves again. */
  setPlatformError(error: IpcError | null): void;
  /** Every evaluation recorded, in order. */
  evaluations(): readonly FakeEvaluationRecord[];
}

export interface FakeServicesDeps {
  readonly now: () => number;
  readonly utcOffsetMinutes: number;
  readonly record: (method: string, arg: unknown) => void;
  readonly emit: <E extends EventName>(event: E, payload: KioskEvents[E]) => void;
  /** A microtask, then what stops every call: out of service. */
  readonly gate: () => Promise<IpcError | null>;
  /** The specimen id of the card read into the session, if any. */
  readonly holder: () => string | null;
  /** Issues a ticket in a category (the queue's numbering) for a checked-in appointment. */
  readonly issueTicket: (categoryId: string, holderMaskedName: string) => Promise<IpcResult<TicketView>>;
  /** The ticket issued in this session, for the evaluation's subject. */
  readonly sessionTicket: () => string | null;
  readonly isScannerSimulated: () => boolean;
}

export type FakeServicesApi = Pick<KioskApi, 'scan' | 'progress' | 'appointment' | 'evaluation'> & {
  readonly dev: Pick<KioskApi['dev'], 'scan' | 'listSampleCodes' | 'pressPad'>;
};

export interface FakeServices {
  readonly api: FakeServicesApi;
  readonly control: FakeServicesControl;
  /** Forgets what the session looked up (session.begin / session.end). */
  readonly resetSession: () => void;
  /** A case this session filed (自助申办): the evaluation may rate it, as the core's subjects.addCase. */
  readonly addSessionCase: (caseNumber: string) => void;
}

function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

function fail(error: IpcError): IpcResult<never> {
  return { ok: false, error };
}

const NO_CASE: IpcError = { code: 'notFound', message: '未查询到该办件，请核对回执或咨询大厅工作人员' };
const NO_APPOINTMENT: IpcError = { code: 'notFound', message: '未查询到该预约，请核对预约信息或咨询大厅工作人员' };
const NO_CARD: IpcError = { code: 'unavailable', message: '请先将身份证放置在感应区' };
const FORBIDDEN_SCANNER: IpcError = { code: 'forbidden', message: '仅模拟扫码器可用' };

/** Bidi overrides, zero-width and other invisible characters, C0/C1 controls. */
function hasUnsafeCharacter(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x200b && code <= 0x200f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2060 && code <= 0x2064) ||
      code === 0xfeff
    );
  });
}

/** What a scanned text is, in the core's words. */
export function classifyScan(text: string): ScanResult {
  const refuse = (reason: Extract<ScanResult, { kind: 'refused' }>['reason'], message: string): ScanResult => ({
    kind: 'refused',
    reason,
    message,
  });
  if (text.length > MAX_CODE_LENGTH) return refuse('tooLong', '无法识别该二维码，请扫描办件回执或预约二维码');
  if (text.includes('\ufffd')) return refuse('garbled', '二维码读取不完整，请将二维码放平后重新扫描');
  if (hasUnsafeCharacter(text) || /^\s*(javascript|data|vbscript|file):/iu.test(text)) {
    return refuse('unsafe', '该二维码不是本中心出具的，无法使用');
  }
  let url: URL | null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return refuse('unknownFormat', '无法识别该二维码，请扫描办件回执或预约二维码');
  }
  if (url.hostname !== FAKE_PLATFORM_HOST || url.username !== '' || url.port !== '') {
    return refuse('otherHost', '该二维码不是本中心出具的，无法使用');
  }
  // The same links as the real core prints (electron/services/scan/scan-payload.ts).
  const number = url.searchParams.get(url.pathname === '/progress' ? 'case' : 'no') ?? '';
  const verifier = url.searchParams.get('v') ?? '';
  if (!/^[0-9A-Z]{6,32}$/u.test(number) || !/^[0-9A-Z]{4,16}$/u.test(verifier)) {
    return refuse('unknownFormat', '无法识别该二维码，请扫描办件回执或预约二维码');
  }
  if (url.pathname === '/progress') return { kind: 'receipt', caseNumber: number, verifier };
  if (url.pathname === '/appointment') return { kind: 'appointment', code: number, verifier };
  return refuse('unknownFormat', '无法识别该二维码，请扫描办件回执或预约二维码');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD` and `HH:mm` of an instant in the hall's zone. */
function hallDayTime(epochMs: number, utcOffsetMinutes: number): { day: string; time: string } {
  const shifted = new Date(epochMs + utcOffsetMinutes * MINUTE_MS);
  return {
    day: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  };
}

/** A UUID-shaped id (v4 layout), counted, so tests can predict it (the contract checks ids as UUIDs). */
export function countedUuid(count: number): string {
  return `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`;
}

export function createFakeServices(deps: FakeServicesDeps): FakeServices {
  const { now, utcOffsetMinutes, record, emit, gate } = deps;
  const HALF_HOUR_MS = 30 * MINUTE_MS;
  /** The fake's "now" at start, rounded down to the half hour: slots are placed around it. */
  const base = Math.floor(now() / HALF_HOUR_MS) * HALF_HOUR_MS;
  let isScanning = false;
  let platformError: IpcError | null = null;
  /** Appointment code → ticket, once checked in (kept across sessions, like the queue). */
  const checkedIn = new Map<string, TicketView>();
  const evaluations: FakeEvaluationRecord[] = [];
  let promptCount = 0;
  // What this session looked up, for checkIn and evaluation.begin (the core's rule).
  let sessionCases = new Set<string>();
  let sessionAppointments = new Set<string>();
  let openPrompt: { readonly promptId: string; readonly journey: EvaluationJourney; readonly caseNumber: string | null } | null = null;

  // The elder's 住房公积金 appointment was checked in before the kiosk came to it.
  const preCheckedIn: TicketView = {
    ticketNumber: 'F003',
    categoryId: 'housing-fund',
    categoryName: '住房公积金',
    hallName: '连云港市政务服务中心',
    waitingAhead: 2,
    issuedAt: '',
    qrPayload: '',
    qrPath: '',
    qrModules: 0,
    print: { status: 'notPrinted' },
    isPriority: true,
    holderMaskedName: '张**',
    isExisting: true,
  };
  checkedIn.set('YY20251124000104', preCheckedIn);

  function windowOf(seed: FakeAppointmentSeed, start: number, end: number): CheckInWindow {
    const opensAt = start - CHECK_IN_EARLY_MINUTES * MINUTE_MS;
    const current = now();
    const { day: today } = hallDayTime(current, utcOffsetMinutes);
    const slot = hallDayTime(start, utcOffsetMinutes);
    const ticket = checkedIn.get(seed.code);
    if (seed.isCancelled) return { state: 'cancelled', message: '该预约已取消，如需办理请重新取号' };
    if (ticket) return { state: 'checkedIn', message: `您已签到，号码 ${ticket.ticketNumber}，请留意叫号` };
    if (slot.day !== today) return { state: 'otherDay', message: `您预约的是 ${slot.day}，请在预约当天前来签到` };
    if (current < opensAt) {
      return { state: 'early', message: `请于 ${hallDayTime(opensAt, utcOffsetMinutes).time} 后签到` };
    }
    if (current > end) {
      return {
        state: 'late',
        message: `已超过签到时间（${hallDayTime(end, utcOffsetMinutes).time}），本次预约已失效，请重新取号`,
      };
    }
    return { state: 'open', message: `请于 ${hallDayTime(end, utcOffsetMinutes).time} 前签到` };
  }

  function appointmentView(seed: FakeAppointmentSeed): AppointmentView {
    const start = base + seed.startOffsetMinutes * MINUTE_MS;
    const end = start + seed.lengthMinutes * MINUTE_MS;
    return {
      code: seed.code,
      categoryId: seed.categoryId,
      categoryName: seed.categoryName,
      itemName: seed.itemName,
      applicantMaskedName: seed.applicantMaskedName,
      day: hallDayTime(start, utcOffsetMinutes).day,
      slotStart: hallDayTime(start, utcOffsetMinutes).time,
      slotEnd: hallDayTime(end, utcOffsetMinutes).time,
      window: windowOf(seed, start, end),
      ticketNumber: checkedIn.get(seed.code)?.ticketNumber ?? null,
    };
  }

  function caseView(fake: FakeCase): CaseProgressView {
    const { verifier: _verifier, holder: _holder, ...view } = fake;
    return view;
  }

  async function lookupGate(): Promise<IpcError | null> {
    return (await gate()) ?? platformError;
  }

  function scanned(text: string): void {
    if (isScanning) emit('scan.scanned', classifyScan(text));
  }

  function subjectOf(journey: EvaluationJourney, caseNumber: string | null): string {
    if (caseNumber !== null) {
      const fake = FAKE_CASES.find((c) => c.caseNumber === caseNumber);
      return fake ? `办件 ${fake.itemName}` : `办件 ${caseNumber}`;
    }
    const ticket = deps.sessionTicket();
    if ((journey === 'ticket' || journey === 'checkIn') && ticket !== null) return `号票 ${ticket}`;
    return journey === 'guide' ? '办事指南查询服务' : '本终端自助服务';
  }

  const api: FakeServicesApi = {
    scan: {
      start: async (arg) => {
        record('scan.start', arg);
        const error = await gate();
        if (error) return fail(error);
        isScanning = true;
        return ok({ isScanning: true });
      },
      stop: async (arg) => {
        record('scan.stop', arg);
        await Promise.resolve();
        isScanning = false;
        return ok({ isScanning: false });
      },
      submitText: async (arg) => {
        record('scan.submitText', arg);
        await Promise.resolve();
        if (arg.text.length > MAX_SCAN_TEXT_LENGTH) return fail({ code: 'invalidArgument', message: '二维码内容过长' });
        const result = classifyScan(arg.text);
        if (isScanning) emit('scan.scanned', result);
        return ok(result);
      },
    },
    progress: {
      lookup: async (arg) => {
        record('progress.lookup', arg);
        const error = await lookupGate();
        if (error) return fail(error);
        const fake = FAKE_CASES.find((c) => c.caseNumber === arg.caseNumber && c.verifier === arg.verifier);
        if (!fake) return fail(NO_CASE);
        sessionCases.add(fake.caseNumber);
        return ok(caseView(fake));
      },
      listByIdCard: async (arg) => {
        record('progress.listByIdCard', arg);
        const error = await lookupGate();
        if (error) return fail(error);
        const holder = deps.holder();
        if (holder === null) return fail(NO_CARD);
        const cases = FAKE_CASES.filter((c) => c.holder === holder).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
        for (const fake of cases) sessionCases.add(fake.caseNumber);
        return ok({ cases: cases.map(caseView) });
      },
    },
    appointment: {
      lookup: async (arg) => {
        record('appointment.lookup', arg);
        const error = await lookupGate();
        if (error) return fail(error);
        const seed = APPOINTMENTS.find((a) => a.code === arg.code && a.verifier === arg.verifier);
        if (!seed) return fail(NO_APPOINTMENT);
        sessionAppointments.add(seed.code);
        return ok(appointmentView(seed));
      },
      listByIdCard: async (arg) => {
        record('appointment.listByIdCard', arg);
        const error = await lookupGate();
        if (error) return fail(error);
        const holder = deps.holder();
        if (holder === null) return fail(NO_CARD);
        const today = hallDayTime(now(), utcOffsetMinutes).day;
        const views = APPOINTMENTS.filter((a) => a.holder === holder)
          .map(appointmentView)
          .filter((view) => view.day === today)
          .sort((a, b) => a.slotStart.localeCompare(b.slotStart));
        for (const view of views) sessionAppointments.add(view.code);
        return ok({ appointments: views });
      },
      checkIn: async (arg) => {
        record('appointment.checkIn', arg);
        const error = await lookupGate();
        if (error) return fail(error);
        const seed = APPOINTMENTS.find((a) => a.code === arg.code);
        if (!seed || !sessionAppointments.has(seed.code)) return fail(NO_APPOINTMENT);
        const view = appointmentView(seed);
        if (view.window.state !== 'open') return fail({ code: 'unavailable', message: view.window.message });
        const issued = await deps.issueTicket(seed.categoryId, seed.applicantMaskedName);
        if (!issued.ok) return issued;
        checkedIn.set(seed.code, issued.value);
        return ok({ appointment: appointmentView(seed), ticket: issued.value });
      },
    },
    evaluation: {
      begin: async (arg) => {
        record('evaluation.begin', arg);
        const error = await gate();
        if (error) return fail(error);
        const caseNumber = arg.caseNumber ?? null;
        if (caseNumber !== null && !sessionCases.has(caseNumber)) {
          return fail({ code: 'notFound', message: '请先查询要评价的办件' });
        }
        promptCount += 1;
        openPrompt = { promptId: countedUuid(promptCount), journey: arg.journey, caseNumber };
        const prompt: EvaluationPrompt = {
          promptId: openPrompt.promptId,
          subjectLabel: subjectOf(arg.journey, caseNumber),
          levels: ([5, 4, 3, 2, 1] as const).map((level) => ({ level, label: LEVEL_LABELS[level] })),
          reasons: FAKE_EVALUATION_REASONS,
          lowLevels: [2, 1],
          timeoutSeconds: FAKE_EVALUATION_TIMEOUT_SECONDS,
        };
        return ok(prompt);
      },
      submit: async (arg) => {
        record('evaluation.submit', arg);
        const error = await gate();
        if (error) return fail(error);
        const prompt = openPrompt;
        if (prompt === null || prompt.promptId !== arg.promptId) {
          return fail({ code: 'unavailable', message: '本次评价已结束' });
        }
        const isLow = arg.level <= 2;
        if (isLow && arg.reasons.length === 0) return fail({ code: 'invalidArgument', message: '请至少选择一项原因' });
        if (arg.reasons.some((reason) => !FAKE_EVALUATION_REASONS[arg.level].includes(reason))) {
          return fail({ code: 'invalidArgument', message: '评价原因不在可选范围内' });
        }
        openPrompt = null;
        evaluations.push({
          journey: prompt.journey,
          caseNumber: prompt.caseNumber,
          outcome: { kind: 'rated', level: arg.level, reasons: [...arg.reasons], phone: arg.phone ?? null },
        });
        return ok({ recorded: true, isFollowUp: isLow && arg.phone !== undefined });
      },
      decline: async (arg) => {
        record('evaluation.decline', arg);
        const error = await gate();
        if (error) return fail(error);
        const prompt = openPrompt;
        if (prompt === null || prompt.promptId !== arg.promptId) {
          return fail({ code: 'unavailable', message: '本次评价已结束' });
        }
        openPrompt = null;
        evaluations.push({ journey: prompt.journey, caseNumber: prompt.caseNumber, outcome: { kind: 'declined', why: arg.why } });
        return ok({ recorded: true });
      },
    },
    dev: {
      scan: async (arg) => {
        record('dev.scan', arg);
        await Promise.resolve();
        if (!deps.isScannerSimulated()) return fail(FORBIDDEN_SCANNER);
        scanned(arg.text);
        return ok({ scanned: true });
      },
      listSampleCodes: async (arg) => {
        record('dev.listSampleCodes', arg);
        await Promise.resolve();
        if (!deps.isScannerSimulated()) return fail(FORBIDDEN_SCANNER);
        return ok(FAKE_SAMPLE_CODES);
      },
      // The pad's rating goes to the core, not to the screen (no event carries it): the fake
      // only says whether a prompt was waiting.
      pressPad: async (arg) => {
        record('dev.pressPad', arg);
        await Promise.resolve();
        return ok({ isPrompted: openPrompt !== null });
      },
    },
  };

  const control: FakeServicesControl = {
    scan: scanned,
    isScanning: () => isScanning,
    setPlatformError: (error) => {
      platformError = error;
    },
    evaluations: () => evaluations,
  };

  const resetSession = (): void => {
    sessionCases = new Set();
    sessionAppointments = new Set();
    openPrompt = null;
  };

  const addSessionCase = (caseNumber: string): void => {
    sessionCases.add(caseNumber);
  };

  return { api, control, resetSession, addSessionCase };
}

function caseSample(caseNumber: string, label: string): { label: string; text: string } {
  const fake = FAKE_CASES.find((c) => c.caseNumber === caseNumber);
  return { label, text: receiptCode(caseNumber, fake?.verifier ?? 'XXXX') };
}

function appointmentSample(code: string, label: string): { label: string; text: string } {
  const seed = APPOINTMENTS.find((a) => a.code === code);
  return { label, text: appointmentCode(code, seed?.verifier ?? 'XXXX') };
}

/** What the dev panel offers to scan: demo receipts and appointments, and codes to refuse. */
export const FAKE_SAMPLE_CODES: readonly { readonly label: string; readonly text: string }[] = [
  caseSample('ZW20251118000123', '回执：需补正'),
  caseSample('ZW20251105000087', '回执：已办结'),
  caseSample('ZW20251121000210', '回执：已受理'),
  caseSample('ZW20251020000450', '回执：不予受理'),
  { label: '回执：查询不到', text: receiptCode('ZW20250101999999', 'ZZZZ') },
  appointmentSample('YY20251124000101', '预约：可签到'),
  appointmentSample('YY20251124000102', '预约：未到时间'),
  appointmentSample('YY20251124000103', '预约：已过时间'),
  appointmentSample('YY20251124000104', '预约：已签到'),
  { label: '商品条码', text: '6901234567892' },
  { label: '其他网站二维码', text: 'https://example.com/pay?id=1' },
  { label: '脚本链接', text: 'javascript:alert(1)' },
];
