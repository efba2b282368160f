/**
 * The fake core's self-service application (自助申办, issue #6), wired into fake-kiosk.ts: the
 * draft of one application per session with the semantics of the core's ApplicationService
 * (electron/services/application/application-service.ts) — which choices a material allows,
 * `captured` once enough usable pages were taken, the review's blockers, the one-time notice
 * for missing materials, submission with a case number (or none while the platform is
 * "offline"), one reprint of a failed receipt — over the application rules below, which the
 * real catalogue keeps beside each kiosk item. Form checks follow the core's
 * form-validation.ts closely enough for the screens; the core's are what count.
 */
import type {
  ApplicationBegun,
  ApplicationFieldView,
  ApplicationMaterialView,
  ApplicationPartyView,
  ApplicationReview,
  ApplicationRole,
  ApplicationSubmitted,
  CaptureBegun,
  CaptureMaterialView,
  DocumentPrintOutcome,
  FormErrors,
  GuideMaterial,
  GuideView,
  IdentityView,
  IpcError,
  IpcResult,
  KioskApi,
  MaterialChoice,
  PrintOutcome,
} from '../../electron/ipc/contract';
import { fakeCandidates, fakeGuide, normalizeQuery } from './fake-catalogue';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** What the catalogue adds to a kiosk item for applying at the terminal (catalogue-schema.ts). */
export interface FakeApplicationRules {
  readonly fields: readonly ApplicationFieldView[];
  readonly commitment: { readonly title: string; readonly clauses: readonly string[] } | null;
  /** 容缺: the latest promise date, in calendar days after the application. */
  readonly deferralDays: number;
  readonly collectionMethod: string;
  readonly allowsAgent: boolean;
}

const BLANK_FIELD = {
  isRequired: true,
  hint: null,
  maxLength: null,
  min: null,
  max: null,
  isInteger: false,
  unit: null,
  range: null,
  options: [],
  accepts: null,
} as const;

function field(id: string, label: string, type: ApplicationFieldView['type'], extra: Partial<ApplicationFieldView> = {}): ApplicationFieldView {
  return { ...BLANK_FIELD, id, label, type, ...extra };
}

function options(...pairs: readonly (readonly [string, string])[]): ApplicationFieldView['options'] {
  return pairs.map(([value, label]) => ({ value, label }));
}

/** The application rules of the fake catalogue's kiosk items (fake-catalogue-data.ts). */
export const FAKE_APPLICATION_RULES: ReadonlyMap<string, FakeApplicationRules> = new Map([
  [
    '320700-GA-0001',
    {
      fields: [
        field('reason', '换领原因', 'choice', {
          options: options(['expired', '有效期满'], ['damaged', '证件损坏'], ['changed', '登记项目变更']),
        }),
        field('phone', '联系电话', 'phone', { accepts: 'mobile', hint: '制证进度将短信通知此号码' }),
        field('mailAddress', '邮寄地址', 'address', { isRequired: false, maxLength: 60, hint: '选择邮寄送达时填写，写到门牌号' }),
      ],
      commitment: null,
      deferralDays: 30,
      collectionMethod: '窗口领取或免费邮寄送达',
      allowsAgent: false,
    },
  ],
  [
    '320700-BDC-0003',
    {
      fields: [
        field('purpose', '查询目的', 'choice', {
          options: options(['ownProperty', '查询本人名下房产'], ['noProperty', '开具无房证明'], ['beforeSale', '交易前查询']),
        }),
        field('phone', '联系电话', 'phone', { accepts: 'mobileOrLandline' }),
      ],
      commitment: null,
      deferralDays: 7,
      collectionMethod: '当场打印查询结果',
      allowsAgent: false,
    },
  ],
  [
    '320700-RS-0001',
    {
      fields: [
        field('phone', '联系电话', 'phone', { accepts: 'mobileOrLandline' }),
        field('leftOn', '离职日期', 'date', { range: 'past', hint: '劳动合同终止或解除的日期' }),
        field('leavingReason', '离职原因', 'choice', {
          options: options(['contractEnded', '劳动合同期满'], ['dismissed', '用人单位解除'], ['closed', '单位关闭或破产'], ['other', '其他非本人意愿']),
        }),
        field('months', '累计缴费月数', 'number', { min: 12, max: 600, isInteger: true, unit: '个月', hint: '可在社保缴费记录中查到' }),
        field('address', '现居住地址', 'address', { maxLength: 60 }),
      ],
      commitment: {
        title: '失业保险金申领告知承诺书',
        clauses: [
          '本人已办理失业登记，有求职要求，愿意接受职业介绍和职业培训。',
          '本人失业前用人单位和本人已累计缴纳失业保险费满一年，且系非因本人意愿中断就业。',
          '领取失业保险金期间，本人重新就业、应征服兵役、移居境外或享受基本养老保险待遇的，将在5个工作日内告知经办机构并停止领取。',
          '本人提供的信息和材料真实、准确、完整。如有虚假，愿意承担相应法律责任，并退还已领取的待遇。',
        ],
      },
      deferralDays: 30,
      collectionMethod: '按月发放至本人社会保障卡',
      allowsAgent: true,
    },
  ],
  [
    '320700-RS-0003',
    {
      fields: [
        field('bank', '合作银行', 'choice', {
          options: options(['icbc', '工商银行'], ['abc', '农业银行'], ['boc', '中国银行'], ['ccb', '建设银行'], ['jsb', '江苏银行']),
        }),
        field('phone', '联系电话', 'phone', { accepts: 'mobile' }),
        field('mailAddress', '邮寄地址', 'address', { isRequired: false, maxLength: 60, hint: '需要邮寄时填写' }),
      ],
      commitment: null,
      deferralDays: 15,
      collectionMethod: '窗口当场领取',
      allowsAgent: true,
    },
  ],
]);

/** A few words for names and addresses, so the form's pinyin keyboard has something to offer. */
const FORM_WORDS: readonly (readonly [string, string])[] = [
  ['lianyungangshi', '连云港市'],
  ['lianyungang', '连云港'],
  ['haizhouqu', '海州区'],
  ['lianyunqu', '连云区'],
  ['ganyuqu', '赣榆区'],
  ['chaoyangdonglu', '朝阳东路'],
  ['chaoyang', '朝阳'],
  ['tongguanlu', '通灌路'],
  ['jiefanglu', '解放路'],
  ['xinpujiedao', '新浦街道'],
  ['jiedao', '街道'],
  ['xiaoqu', '小区'],
  ['shequ', '社区'],
  ['danyuan', '单元'],
  ['lu', '路'],
  ['hao', '号'],
  ['lou', '楼'],
  ['shi', '室'],
  ['dong', '东'],
  ['xi', '西'],
  ['nan', '南'],
  ['bei', '北'],
  ['jie', '街'],
  ['cun', '村'],
  ['zhen', '镇'],
];

const MOBILE = /^1[3-9]\d{9}$/u;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const DECIMAL = /^-?\d{1,12}(\.\d{1,2})?$/u;

function isCalendarDay(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why `value` does not fit `field`, in the core's words, or null. */
function problemOf(field: ApplicationFieldView, value: string, today: string): string | null {
  if (value === '') return field.isRequired ? `请填写${field.label}` : null;
  switch (field.type) {
    case 'text':
    case 'address':
      return field.maxLength !== null && [...value].length > field.maxLength ? `${field.label}最多${field.maxLength}个字` : null;
    case 'number': {
      if (!DECIMAL.test(value) || (field.isInteger && value.includes('.'))) return field.isInteger ? `${field.label}请输入整数` : `${field.label}请输入数字`;
      const number = Number(value);
      if ((field.min !== null && number < field.min) || (field.max !== null && number > field.max)) {
        return `${field.label}应在${field.min ?? ''}至${field.max ?? ''}${field.unit ?? ''}之间`;
      }
      return null;
    }
    case 'date':
      if (!isCalendarDay(value)) return `请选择正确的${field.label}`;
      if (field.range === 'past' && value > today) return `${field.label}不能晚于今天`;
      if (field.range === 'future' && value < today) return `${field.label}不能早于今天`;
      return null;
    case 'choice':
      return field.options.some((option) => option.value === value) ? null : `请选择${field.label}`;
    case 'phone':
      if (MOBILE.test(value) || (field.accepts === 'mobileOrLandline' && LANDLINE.test(value))) return null;
      return field.accepts === 'mobile' ? '请输入11位手机号码' : '请输入11位手机号码或带区号的固定电话';
  }
}

function displayValue(field: ApplicationFieldView, value: string | undefined): string {
  if (value === undefined || value === '') return '未填写';
  if (field.type === 'choice') return field.options.find((option) => option.value === value)?.label ?? value;
  if (field.type === 'number' && field.unit !== null) return `${value} ${field.unit}`;
  return value;
}

/** The same choices as the core's `choicesOf`, in the order the screen offers them. */
export function fakeChoicesOf(material: GuideMaterial): MaterialChoice[] {
  if (material.isSharedData) return ['shared'];
  switch (material.requirement) {
    case 'required':
      return ['captured', 'missing'];
    case 'deferrable':
      return ['captured', 'deferred', 'missing'];
    case 'conditional':
      return ['captured', 'notApplicable', 'missing'];
  }
}

/** The card just read into the session, as fake-kiosk.ts keeps it. */
export interface FakeReadCard {
  readonly holderId: string;
  readonly view: IdentityView;
}

export interface FakeApplicationDeps {
  readonly now: () => number;
  /** Offset of the hall's time zone in minutes east of UTC. */
  readonly utcOffsetMinutes: number;
  readonly record: (method: string, arg: unknown) => void;
  /** A microtask, then what stops every call: out of service. */
  readonly gate: () => Promise<IpcError | null>;
  readonly wait: (ms: number) => Promise<void>;
  /** Hands over the card read into the session and forgets it there (identity.take in the core). */
  readonly takeCard: () => FakeReadCard | null;
  readonly capture: {
    readonly beginFor: (itemCode: string) => IpcResult<CaptureBegun>;
    readonly materials: () => readonly CaptureMaterialView[];
  };
  /** The receipt printer's outcome for the next job. */
  readonly printReceipt: () => PrintOutcome;
  /** The A4 printer's failure reason, or null when it prints. */
  readonly a4Failure: () => string | null;
  /** A case filed in this session, which the evaluation may then rate (subjects.addCase). */
  readonly noteCase: (caseNumber: string) => void;
}

export interface FakeApplicationOptions {
  /** How long `application.submit` takes (the core waits for the platform's case number). */
  readonly submitDelayMs?: number;
}

export type FakeApplicationMethod = keyof KioskApi['application'];

export interface FakeApplicationControl {
  /** The platform does not answer: submissions get no case number (申报编号 only). */
  setPlatformOffline(isOffline: boolean): void;
  setSubmitDelay(ms: number): void;
  /** The next call of `method` answers with `error`. */
  failNext(method: FakeApplicationMethod, error: IpcError): void;
  /** Every application submitted, as the platform received it (masked parties only). */
  readonly submitted: readonly FakeSubmission[];
  /** True while a draft exists (begun and not wiped). */
  hasDraft(): boolean;
}

export interface FakeSubmission {
  readonly reference: string;
  readonly itemCode: string;
  readonly applicant: ApplicationPartyView;
  readonly agent: ApplicationPartyView | null;
  readonly materials: readonly { readonly materialId: string; readonly choice: MaterialChoice | null; readonly promiseDate: string | null }[];
  readonly values: Readonly<Record<string, string>>;
  readonly isSigned: boolean;
}

export type FakeApplicationApi = Pick<KioskApi, 'application' | 'input'>;

export interface FakeApplication {
  readonly api: FakeApplicationApi;
  readonly control: FakeApplicationControl;
  /** Forgets the draft (session.begin / session.end). */
  readonly resetSession: () => void;
}

interface TakenCard {
  readonly holderId: string;
  readonly view: ApplicationPartyView;
}

interface Draft {
  readonly guide: GuideView;
  readonly rules: FakeApplicationRules;
  hasAgent: boolean;
  applicant: TakenCard | null;
  agent: TakenCard | null;
  readonly choices: Map<string, { readonly choice: MaterialChoice; readonly promiseDate: string | null }>;
  form: { readonly values: Readonly<Record<string, string>>; readonly isValid: boolean } | null;
  isSigned: boolean;
  submission: { readonly result: ApplicationSubmitted; isReceiptReprinted: boolean } | null;
  isNoticePrinted: boolean;
}

function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

function refuse(code: 'unavailable' | 'invalidArgument' | 'notFound', message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

const NO_DRAFT = refuse('unavailable', '请先选择要申办的事项');
const SUBMITTED = refuse('unavailable', '该申请已提交，请勿重复操作');

function usablePages(material: CaptureMaterialView): number {
  return material.pages.filter((page) => page.isUsable).length;
}

/** `YYYY-MM-DD` `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` `days` working days (Monday to Friday) after `day`. */
export function addWorkingDays(day: string, days: number): string {
  let at = day;
  let left = days;
  while (left > 0) {
    at = addDays(at, 1);
    const weekday = new Date(`${at}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
}

export function createFakeApplication(deps: FakeApplicationDeps, options: FakeApplicationOptions = {}): FakeApplication {
  let draft: Draft | null = null;
  let isOffline = false;
  let submitDelayMs = options.submitDelayMs ?? 0;
  let sequence = 0;
  const nextError = new Map<FakeApplicationMethod, IpcError>();
  const submitted: FakeSubmission[] = [];

  /** The hall's wall clock: `YYYY-MM-DD` and `HH:mm`. */
  function hallNow(): { readonly day: string; readonly time: string } {
    const iso = new Date(deps.now() + deps.utcOffsetMinutes * MINUTE_MS).toISOString();
    return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
  }

  async function gate(method: FakeApplicationMethod, arg: unknown): Promise<IpcError | null> {
    deps.record(`application.${method}`, arg);
    const stopped = await deps.gate();
    if (stopped) return stopped;
    const scripted = nextError.get(method);
    nextError.delete(method);
    return scripted ?? null;
  }

  function captureViews(): Map<string, CaptureMaterialView> {
    return new Map(deps.capture.materials().map((material) => [material.materialId, material]));
  }

  /** The citizen's choice, or `captured` once enough pages were taken (as the core decides). */
  function effectiveChoice(current: Draft, material: GuideMaterial, captured: CaptureMaterialView | undefined) {
    const chosen = current.choices.get(material.id);
    const isCaptured = captured !== undefined && usablePages(captured) >= captured.minPages;
    if (chosen === undefined) return { choice: isCaptured ? ('captured' as const) : null, promiseDate: null };
    // Pages discarded after the choice: undecided again.
    if (chosen.choice === 'captured' && !isCaptured) return { choice: null, promiseDate: null };
    return chosen;
  }

  function materialViews(current: Draft): ApplicationMaterialView[] {
    const captured = captureViews();
    return current.guide.materials.map((material) => {
      const view = captured.get(material.id);
      const effective = effectiveChoice(current, material, view);
      return {
        materialId: material.id,
        name: material.name,
        requirement: material.requirement,
        condition: material.condition,
        source: material.source,
        choices: fakeChoicesOf(material),
        choice: effective.choice,
        promiseDate: effective.promiseDate,
        capturedPages: view === undefined ? 0 : usablePages(view),
        minPages: view?.minPages ?? 0,
      };
    });
  }

  function reviewOf(current: Draft): ApplicationReview {
    const materials = materialViews(current);
    const missing = materials.filter((m) => m.choice === 'missing').map((m) => ({ materialId: m.materialId, name: m.name, source: m.source }));
    const undecided = materials.filter((m) => m.choice === null);
    const deferred = materials
      .filter((m) => m.choice === 'deferred' && m.promiseDate !== null)
      .map((m) => ({ materialId: m.materialId, name: m.name, promiseDate: m.promiseDate ?? '' }));
    const needsSignature = current.rules.commitment !== null;
    const blockers: string[] = [];
    if (current.applicant === null) blockers.push('请先读取申请人身份证');
    if (current.hasAgent && current.agent === null) blockers.push('请读取代办人身份证');
    if (undecided.length > 0) blockers.push(`请为「${undecided[0]?.name ?? ''}」等${undecided.length}项材料选择提交方式`);
    if (missing.length > 0) blockers.push(`尚缺${missing.length}项材料，可打印一次性告知书`);
    if (current.form === null || !current.form.isValid) blockers.push('请完整填写申请表');
    if (needsSignature && !current.isSigned) blockers.push('请阅读并签署告知承诺书');
    const values = current.form?.values ?? {};
    return {
      itemCode: current.guide.code,
      itemName: current.guide.name,
      applicant: current.applicant?.view ?? null,
      agent: current.agent?.view ?? null,
      materials,
      fields: current.rules.fields.map((f) => ({ id: f.id, label: f.label, display: displayValue(f, values[f.id]) })),
      needsSignature,
      isSigned: current.isSigned,
      missing,
      deferred,
      isComplete: missing.length === 0 && undecided.length === 0,
      canSubmit: blockers.length === 0,
      blockers,
    };
  }

  function a4Outcome(pages: number): DocumentPrintOutcome {
    const reason = deps.a4Failure();
    return reason === null ? { status: 'printed', pages } : { status: 'failed', reason };
  }

  function number(prefix: string, day: string): string {
    sequence += 1;
    return `${prefix}${day.replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
  }

  const api: FakeApplicationApi = {
    application: {
      begin: async (arg) => {
        const error = await gate('begin', arg);
        if (error) return { ok: false, error };
        const guide = fakeGuide(arg.itemCode);
        const rules = FAKE_APPLICATION_RULES.get(arg.itemCode);
        if (!guide) return refuse('notFound', '未找到该事项，请返回重新选择');
        if (!guide.isKioskApplicable || !rules) return refuse('unavailable', '该事项暂不支持在本机自助办理，请到窗口办理');
        const capture = deps.capture.beginFor(arg.itemCode);
        draft = {
          guide,
          rules,
          hasAgent: false,
          applicant: null,
          agent: null,
          choices: new Map(guide.materials.filter((m) => m.isSharedData).map((m) => [m.id, { choice: 'shared' as const, promiseDate: null }])),
          form: null,
          isSigned: false,
          submission: null,
          isNoticePrinted: false,
        };
        const { day } = hallNow();
        const begun: ApplicationBegun = {
          itemCode: guide.code,
          itemName: guide.name,
          departmentName: guide.departmentName,
          promisedDays: guide.promisedDays,
          collectionMethod: rules.collectionMethod,
          place: guide.place,
          hours: guide.hours,
          allowsAgent: rules.allowsAgent,
          materials: materialViews(draft),
          fields: rules.fields,
          commitment: rules.commitment,
          promiseDates: { earliest: addDays(day, 1), latest: addDays(day, rules.deferralDays) },
          capture: capture.ok ? capture.value : null,
        };
        return ok(begun);
      },
      setAgent: async (arg) => {
        const error = await gate('setAgent', arg);
        if (error) return { ok: false, error };
        if (draft === null) return NO_DRAFT;
        if (draft.submission !== null) return SUBMITTED;
        if (arg.hasAgent && !draft.rules.allowsAgent) return refuse('unavailable', '该事项须申请人本人办理');
        draft.hasAgent = arg.hasAgent;
        if (!arg.hasAgent) draft.agent = null;
        return ok({ hasAgent: arg.hasAgent });
      },
      takeCard: async (arg) => {
        const error = await gate('takeCard', arg);
        if (error) return { ok: false, error };
        if (draft === null) return NO_DRAFT;
        if (draft.submission !== null) return SUBMITTED;
        const role: ApplicationRole = arg.role;
        if (role === 'agent' && !draft.hasAgent) return refuse('unavailable', '请先选择代他人办理');
        const other = role === 'agent' ? draft.applicant : draft.agent;
        const card = deps.takeCard();
        if (card === null) return refuse('unavailable', '请将身份证放置在感应区');
        if (other !== null && other.holderId === card.holderId) return refuse('invalidArgument', '代办人与申请人不能为同一人');
        const view: ApplicationPartyView = {
          role,
          maskedName: card.view.maskedName,
          maskedIdNumber: card.view.maskedIdNumber,
          cardTypeLabel: card.view.cardTypeLabel,
        };
        if (role === 'applicant') draft.applicant = { holderId: card.holderId, view };
        else draft.agent = { holderId: card.holderId, view };
        return ok(view);
      },
      setMaterial: async (arg) => {
        const error = await gate('setMaterial', arg);
        if (error) return { ok: false, error };
        if (draft === null) return NO_DRAFT;
        if (draft.submission !== null) return SUBMITTED;
        const material = draft.guide.materials.find((m) => m.id === arg.materialId);
        if (!material) return refuse('notFound', '未找到该材料');
        if (!fakeChoicesOf(material).includes(arg.choice)) return refuse('invalidArgument', '该材料不能选择这种提交方式');
        if (arg.choice === 'captured') {
          const captured = captureViews().get(arg.materialId);
          if (captured === undefined || usablePages(captured) < captured.minPages) {
            const pages = captured !== undefined && captured.minPages > 1 ? `（共需${captured.minPages}页）` : '';
            return refuse('unavailable', `请先拍摄「${material.name}」${pages}`);
          }
        }
        let promiseDate: string | null = null;
        if (arg.choice === 'deferred') {
          const { day } = hallNow();
          const [earliest, latest] = [addDays(day, 1), addDays(day, draft.rules.deferralDays)];
          if (arg.promiseDate === undefined || !isCalendarDay(arg.promiseDate) || arg.promiseDate < earliest || arg.promiseDate > latest) {
            return refuse('invalidArgument', `请选择${earliest}至${latest}之间的补交日期`);
          }
          promiseDate = arg.promiseDate;
        }
        draft.choices.set(arg.materialId, { choice: arg.choice, promiseDate });
        return ok({ materials: materialViews(draft) });
      },
      setForm: async (arg) => {
        const error = await gate('setForm', arg);
        if (error) return { ok: false, error };
        if (draft === null) return NO_DRAFT;
        if (draft.submission !== null) return SUBMITTED;
        const { day } = hallNow();
        const values: Record<string, string> = {};
        const errors: Record<string, string> = {};
        for (const f of draft.rules.fields) {
          const raw = Object.hasOwn(arg.values, f.id) ? (arg.values[f.id] ?? '') : '';
          const value = f.type === 'phone' ? raw.replace(/\s/gu, '') : raw.trim();
          const problem = problemOf(f, value, day);
          if (problem !== null) errors[f.id] = problem;
          if (value !== '') values[f.id] = value;
        }
        const isValid = Object.keys(errors).length === 0;
        draft.form = { values, isValid };
        return ok({ errors: errors satisfies FormErrors, isValid });
      },
      sign: async (arg) => {
        const error = await gate('sign', { aspect: arg.aspect, strokes: arg.strokes.length });
        if (error) return { ok: false, error };
        if (draft === null) return NO_DRAFT;
        if (draft.submission !== null) return SUBMITTED;
        if (draft.rules.commitment === null) return refuse('unavailable', '该事项无需签署告知承诺书');
        const points = arg.strokes.reduce((sum, stroke) => sum + stroke.length / 2, 0);
        if (points < 8) return refuse('invalidArgument', '签名过短，请在框内写下您的姓名');
        draft.isSigned = true;
        return ok({ isSigned: true as const });
      },
      review: async (arg) => {
        const error = await gate('review', arg);
        if (error) return { ok: false, error };
        return draft === null ? NO_DRAFT : ok(reviewOf(draft));
      },
      submit: async (arg) => {
        const error = await gate('submit', arg);
        if (error) return { ok: false, error };
        const current = draft;
        if (current === null) return NO_DRAFT;
        // As the core: asked again (the screen timed out and retries), the same submission.
        if (current.submission !== null) return ok(current.submission.result);
        const review = reviewOf(current);
        if (!review.canSubmit || current.applicant === null) return refuse('unavailable', review.blockers[0] ?? '申请尚未填写完整');
        if (submitDelayMs > 0) await deps.wait(submitDelayMs);
        // Wiped while waiting (idle timeout, 返回首页): nothing to acknowledge.
        if (draft !== current) return refuse('unavailable', '操作已超时，请重新开始');
        const { day, time } = hallNow();
        const reference = number('SB', day);
        const caseNumber = isOffline ? null : number('ZW', day);
        const promisedDate = caseNumber === null ? null : current.guide.promisedDays === 0 ? day : addWorkingDays(day, current.guide.promisedDays);
        const result: ApplicationSubmitted = {
          reference,
          caseNumber,
          submittedAt: `${day} ${time}`,
          promisedDate,
          collectionMethod: current.rules.collectionMethod,
          place: current.guide.place,
          hours: current.guide.hours,
          receipt: deps.printReceipt(),
          notice: a4Outcome(1),
          deferred: review.deferred.map(({ name, promiseDate: date }) => ({ name, promiseDate: date })),
        };
        current.submission = { result, isReceiptReprinted: false };
        submitted.push({
          reference,
          itemCode: current.guide.code,
          applicant: current.applicant.view,
          agent: current.agent?.view ?? null,
          materials: review.materials.map((m) => ({ materialId: m.materialId, choice: m.choice, promiseDate: m.promiseDate })),
          values: current.form?.values ?? {},
          isSigned: current.isSigned,
        });
        if (caseNumber !== null) deps.noteCase(caseNumber);
        return ok(result);
      },
      printNotice: async (arg) => {
        const error = await gate('printNotice', arg);
        if (error) return { ok: false, error };
        if (draft === null) return NO_DRAFT;
        if (draft.submission !== null) return SUBMITTED;
        const review = reviewOf(draft);
        if (review.missing.length === 0) return refuse('unavailable', '材料已齐全，无需打印一次性告知书');
        if (draft.isNoticePrinted) return refuse('unavailable', '一次性告知书已打印');
        const notice = a4Outcome(1 + Math.floor(review.missing.length / 6));
        draft.isNoticePrinted = notice.status === 'printed';
        return ok({ notice, missing: review.missing.map((m) => m.name) });
      },
      reprintReceipt: async (arg) => {
        const error = await gate('reprintReceipt', arg);
        if (error) return { ok: false, error };
        const submission = draft?.submission ?? null;
        if (submission === null) return refuse('unavailable', '请先提交申请');
        if (submission.result.receipt.status === 'printed' || submission.isReceiptReprinted) return refuse('unavailable', '回执已打印，如需补打请到窗口');
        submission.isReceiptReprinted = true;
        return ok({ receipt: deps.printReceipt() });
      },
    },
    input: {
      candidates: async (arg) => {
        deps.record('input.candidates', arg);
        const stopped = await deps.gate();
        if (stopped) return { ok: false, error: stopped };
        const typed = normalizeQuery(arg.pinyin);
        if (typed === '') return ok({ candidates: [] });
        const own = FORM_WORDS.filter(([pinyin]) => pinyin.startsWith(typed)).map(([, word]) => word);
        const words = [...new Set([...own, ...fakeCandidates(typed, arg.limit)])];
        return ok({ candidates: words.slice(0, arg.limit) });
      },
    },
  };

  const control: FakeApplicationControl = {
    setPlatformOffline: (value) => {
      isOffline = value;
    },
    setSubmitDelay: (ms) => {
      submitDelayMs = ms;
    },
    failNext: (method, error) => {
      nextError.set(method, error);
    },
    submitted,
    hasDraft: () => draft !== null,
  };

  const resetSession = (): void => {
    draft = null;
  };

  return { api, control, resetSession };
}
