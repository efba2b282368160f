/**
 * Self-service application (自助申办, issue #6): the draft of one citizen's application in the
 * session — the item, the applicant's (and a 代办 agent's) ID card, how each material is
 * provided, the form, the signed 告知承诺书 — then submission: committed locally with its
 * outbox record before the citizen is told (R-D2), delivered by the sync worker with its
 * idempotency key (R-D5), the case number awaited briefly, then the 受理回执 and the
 * 受理通知书 printed. An incomplete application is not submitted: it gets the 一次性告知书
 * listing everything missing, with where to get it.
 *
 * The draft is personal data: it lives in memory only, is wiped with the session (R-P3), and
 * reaches the database only sealed inside the outbox record (R-P5).
 */
import createDebug from 'debug';
import type {
  ApplicationBegun,
  ApplicationMaterialView,
  ApplicationPartyView,
  ApplicationReview,
  ApplicationRole,
  ApplicationSubmitted,
  CaptureMaterialView,
  DocumentPrintOutcome,
  FormErrors,
  IdCardType,
  IpcResult,
  MaterialChoice,
  PrintOutcome,
} from '../../ipc/contract.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { CaptureService } from '../capture/capture-service.js';
import type { ApplicationRules, CatalogueItem, Material } from '../catalogue/catalogue-schema.js';
import type { CatalogueService } from '../catalogue/catalogue-service.js';
import { hallTime } from '../clock.js';
import type { IdentityService } from '../identity/identity-service.js';
import { addDays, addWorkingDays } from '../platform/working-days.js';
import type { ApplicationParty, ApplicationUpload, DeliveryAck } from '../platform/platform-adapter.js';
import { type DocumentPrinterPort, printPdf } from '../printing/document-printer-port.js';
import type { PrintService } from '../printing/print-service.js';
import { applicationReceiptMarkup } from '../printing/application-receipt.js';
import { renderEscPos } from '../printing/receipt-document.js';
import { maskIdNumber, maskName } from '../privacy/mask.js';
import { receiptQrText } from '../scan/scan-payload.js';
import type { SessionService } from '../session/session-service.js';
import type { ApplicationStore } from './application-store.js';
import { checkForm, displayValue, fieldView, isCalendarDay } from './form-validation.js';
import { failpoint } from '../failpoints.js';

const debug = createDebug('kiosk:services:application');

/** How long submit waits for the platform's case number before printing without it. */
export const CASE_NUMBER_WAIT_MS = 8_000;

interface TakenCard {
  readonly name: string;
  readonly idNumber: string;
  readonly cardType: IdCardType;
  readonly view: ApplicationPartyView;
}

interface Signature {
  readonly aspect: number;
  readonly strokes: readonly (readonly number[])[];
  readonly signedAt: number;
}

interface Submission {
  readonly result: ApplicationSubmitted;
  readonly receiptJob: Uint8Array;
  isReceiptReprinted: boolean;
}

interface Draft {
  readonly sessionId: string;
  readonly item: CatalogueItem;
  readonly rules: ApplicationRules;
  readonly departmentName: string;
  hasAgent: boolean;
  applicant: TakenCard | null;
  agent: TakenCard | null;
  readonly choices: Map<string, { choice: MaterialChoice; promiseDate: string | null }>;
  form: { values: Readonly<Record<string, string>>; errors: FormErrors; isValid: boolean } | null;
  signature: Signature | null;
  submission: Submission | null;
  notice: DocumentPrintOutcome | null;
  /** A submission or a notice is being made: everything else waits (a double tap submits once). */
  isBusy: boolean;
}

export interface ApplicationServiceOptions {
  readonly session: SessionService;
  readonly identity: IdentityService;
  readonly capture: CaptureService;
  readonly catalogue: CatalogueService | null;
  readonly store: ApplicationStore;
  readonly sync: { whenDelivered(outboxId: number, timeoutMs: number): Promise<DeliveryAck | null> };
  readonly printing: PrintService;
  readonly documentPrinter: DocumentPrinterPort;
  readonly alarms: AlarmService;
  readonly hall: { readonly name: string; readonly terminalId: string; readonly timeZone: string; readonly charactersPerLine: 48 | 32; readonly publicBaseUrl: string };
  readonly assetsDir: string;
  readonly now: () => number;
  readonly caseNumberWaitMs?: number;
}

const refuse = (code: 'unavailable' | 'invalidArgument' | 'notFound', message: string): IpcResult<never> => ({ ok: false, error: { code, message } });
const NO_DRAFT = refuse('unavailable', '请先选择要申办的事项');
const SUBMITTED = refuse('unavailable', '该申请已提交，请勿重复操作');
const BUSY = refuse('unavailable', '正在处理，请稍候');
const TIMED_OUT = refuse('unavailable', '操作已超时，请重新开始');

/** The choices a material offers, in the order the screen shows them. */
function choicesOf(material: Material): MaterialChoice[] {
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

export class ApplicationService {
  readonly #options: ApplicationServiceOptions;
  #draft: Draft | null = null;

  constructor(options: ApplicationServiceOptions) {
    this.#options = options;
    options.session.onWipe(() => this.wipe());
  }

  begin(itemCode: string): IpcResult<ApplicationBegun> {
    const { session, catalogue, capture } = this.#options;
    const sessionId = session.currentSessionId;
    if (sessionId === null) return refuse('unavailable', '请返回首页重新开始');
    const item = catalogue?.item(itemCode) ?? null;
    const guide = catalogue?.guide(itemCode) ?? null;
    if (item === null || guide === null) return refuse('notFound', '未找到该事项，请返回重新选择');
    if (!item.isKioskApplicable || item.application === undefined) return refuse('unavailable', '该事项暂不支持在本机自助办理，请到窗口办理');
    this.wipe();
    const begun = capture.begin(guide);
    // An item whose materials are all shared data has nothing to capture; that is not an error.
    const captureBegun = begun.ok ? begun.value : null;
    this.#draft = {
      sessionId,
      item,
      rules: item.application,
      departmentName: guide.departmentName,
      hasAgent: false,
      applicant: null,
      agent: null,
      choices: new Map(item.materials.filter((m) => m.isSharedData).map((m) => [m.id, { choice: 'shared' as const, promiseDate: null }])),
      form: null,
      signature: null,
      submission: null,
      notice: null,
      isBusy: false,
    };
    const today = this.#today();
    return {
      ok: true,
      value: {
        itemCode: item.code,
        itemName: item.name,
        departmentName: guide.departmentName,
        promisedDays: item.timeLimits.promisedDays,
        collectionMethod: item.application.collectionMethod,
        place: item.place,
        hours: item.hours,
        allowsAgent: item.application.allowsAgent,
        materials: this.#materialViews(),
        fields: item.application.fields.map(fieldView),
        commitment: item.application.commitment ?? null,
        promiseDates: { earliest: addDays(today, 1), latest: addDays(today, item.application.deferralDays) },
        capture: captureBegun,
      },
    };
  }

  setAgent(hasAgent: boolean): IpcResult<{ hasAgent: boolean }> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return SUBMITTED;
    if (hasAgent && !draft.rules.allowsAgent) return refuse('unavailable', '该事项须申请人本人办理');
    draft.hasAgent = hasAgent;
    if (!hasAgent) draft.agent = null;
    return { ok: true, value: { hasAgent } };
  }

  takeCard(role: ApplicationRole): IpcResult<ApplicationPartyView> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return SUBMITTED;
    if (role === 'agent' && !draft.hasAgent) return refuse('unavailable', '请先选择代他人办理');
    const other = role === 'agent' ? draft.applicant : draft.agent;
    const card = this.#options.identity.take();
    if (card === null) return refuse('unavailable', '请将身份证放置在感应区');
    if (other !== null && other.idNumber === card.idNumber) return refuse('invalidArgument', '代办人与申请人不能为同一人');
    const view: ApplicationPartyView = {
      role,
      maskedName: card.view.maskedName,
      maskedIdNumber: card.view.maskedIdNumber,
      cardTypeLabel: card.view.cardTypeLabel,
    };
    const taken: TakenCard = { name: card.name, idNumber: card.idNumber, cardType: card.cardType, view };
    if (role === 'applicant') draft.applicant = taken;
    else draft.agent = taken;
    return { ok: true, value: view };
  }

  setMaterial(materialId: string, choice: MaterialChoice, promiseDate: string | undefined): IpcResult<{ materials: ApplicationMaterialView[] }> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return SUBMITTED;
    const material = draft.item.materials.find((m) => m.id === materialId);
    if (material === undefined) return refuse('notFound', '未找到该材料');
    if (!choicesOf(material).includes(choice)) return refuse('invalidArgument', '该材料不能选择这种提交方式');
    if (choice === 'captured') {
      const captured = this.#captureViews().get(materialId);
      if (captured === undefined || usablePages(captured) < captured.minPages) {
        return refuse('unavailable', `请先拍摄「${material.name}」${captured !== undefined && captured.minPages > 1 ? `（共需${captured.minPages}页）` : ''}`);
      }
    }
    let date: string | null = null;
    if (choice === 'deferred') {
      const today = this.#today();
      const [earliest, latest] = [addDays(today, 1), addDays(today, draft.rules.deferralDays)];
      if (promiseDate === undefined || !isCalendarDay(promiseDate) || promiseDate < earliest || promiseDate > latest) {
        return refuse('invalidArgument', `请选择${earliest}至${latest}之间的补交日期`);
      }
      date = promiseDate;
    }
    draft.choices.set(materialId, { choice, promiseDate: date });
    return { ok: true, value: { materials: this.#materialViews() } };
  }

  setForm(values: Readonly<Record<string, string>>): IpcResult<{ errors: FormErrors; isValid: boolean }> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return SUBMITTED;
    const checked = checkForm(draft.rules.fields, values, this.#today());
    draft.form = checked;
    return { ok: true, value: { errors: checked.errors, isValid: checked.isValid } };
  }

  sign(aspect: number, strokes: readonly (readonly number[])[]): IpcResult<{ isSigned: true }> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return SUBMITTED;
    if (draft.rules.commitment === undefined) return refuse('unavailable', '该事项无需签署告知承诺书');
    if (!isSignatureInked(strokes)) return refuse('invalidArgument', '签名过短，请在框内写下您的姓名');
    draft.signature = { aspect, strokes: strokes.map((stroke) => [...stroke]), signedAt: this.#options.now() };
    return { ok: true, value: { isSigned: true } };
  }

  review(): IpcResult<ApplicationReview> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    return { ok: true, value: this.#review(draft) };
  }

  /**
   * Submits once. Asked again in the same session (the screen timed out and retries), it
   * answers with the same submission, and prints nothing again.
   */
  async submit(): Promise<IpcResult<ApplicationSubmitted>> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return { ok: true, value: draft.submission.result };
    const review = this.#review(draft);
    const { applicant, agent } = draft;
    if (!review.canSubmit || applicant === null) return refuse('unavailable', review.blockers[0] ?? '申请尚未填写完整');
    draft.isBusy = true;
    try {
      return await this.#submit(draft, review, applicant, agent);
    } finally {
      draft.isBusy = false;
    }
  }

  /**
   * The submission proper. `applicant` and `agent` are held here because an idle timeout may
   * wipe the draft while the PDFs are built or the platform is awaited.
   */
  async #submit(draft: Draft, review: ApplicationReview, applicant: TakenCard, agent: TakenCard | null): Promise<IpcResult<ApplicationSubmitted>> {
    const { store, hall, now } = this.#options;
    const at = hallTime(now(), hall.timeZone);
    const reference = store.nextNumber('SB', at.day);
    failpoint('application.numbered');
    let upload: ApplicationUpload;
    try {
      upload = await this.#upload(draft, reference, at.iso, applicant, agent);
    } catch (error) {
      // The session ended while the PDFs were built: its scans were zeroed under pdfkit.
      if (this.#current() !== draft) return TIMED_OUT;
      throw error;
    }
    if (this.#current() !== draft) return TIMED_OUT;
    failpoint('application.beforeCommit');
    const committed = store.commit(upload);
    // From here the application exists: whatever fails below, the citizen is told it was submitted.
    failpoint('application.committed');
    debug('application %s committed as outbox record %d', reference, committed.outboxId);
    const ack = await this.#options.sync.whenDelivered(committed.outboxId, this.#options.caseNumberWaitMs ?? CASE_NUMBER_WAIT_MS);
    failpoint('application.acknowledged');
    const filed = ack?.kind === 'caseFiled' ? ack : null;
    const deferred = review.deferred.map(({ name, promiseDate }) => ({ name, promiseDate }));
    const promisedDate =
      filed?.promisedDate ?? (draft.item.timeLimits.promisedDays === 0 ? at.day : addWorkingDays(at.day, draft.item.timeLimits.promisedDays));
    const receiptJob = renderEscPos(
      applicationReceiptMarkup({
        hallName: hall.name,
        itemName: draft.item.name,
        departmentName: draft.departmentName,
        reference,
        caseNumber: filed?.caseNumber ?? null,
        submittedAtDisplay: at.display,
        promisedDate: filed === null ? null : promisedDate,
        promisedDays: draft.item.timeLimits.promisedDays,
        collectionMethod: draft.rules.collectionMethod,
        place: draft.item.place,
        hours: draft.item.hours,
        phone: draft.item.phone,
        applicantMaskedName: applicant.view.maskedName,
        applicantMaskedIdNumber: applicant.view.maskedIdNumber,
        agentMaskedName: agent?.view.maskedName ?? null,
        agentMaskedIdNumber: agent?.view.maskedIdNumber ?? null,
        deferred,
        qrPayload: filed === null ? null : receiptQrText(hall.publicBaseUrl, filed.caseNumber, filed.verifier),
        terminalId: hall.terminalId,
      }),
      { charactersPerLine: hall.charactersPerLine },
    );
    const receipt = await this.#options.printing.print('applicationReceipt', null, receiptJob);
    failpoint('application.receiptPrinted');
    const notice = await this.#printAcceptanceNotice(draft, upload, filed, filed === null ? null : promisedDate, at.display);
    const result: ApplicationSubmitted = {
      reference,
      caseNumber: filed?.caseNumber ?? null,
      submittedAt: at.display,
      promisedDate: filed === null ? null : promisedDate,
      collectionMethod: draft.rules.collectionMethod,
      place: draft.item.place,
      hours: draft.item.hours,
      receipt,
      notice,
      deferred,
    };
    draft.submission = { result, receiptJob, isReceiptReprinted: false };
    return { ok: true, value: result };
  }

  async reprintReceipt(): Promise<IpcResult<{ receipt: PrintOutcome }>> {
    const submission = this.#current()?.submission ?? null;
    if (submission === null) return refuse('unavailable', '请先提交申请');
    if (submission.result.receipt.status === 'printed' || submission.isReceiptReprinted) return refuse('unavailable', '回执已打印，如需补打请到窗口');
    submission.isReceiptReprinted = true;
    return { ok: true, value: { receipt: await this.#options.printing.print('applicationReceipt', null, submission.receiptJob) } };
  }

  /** The 一次性告知书 of an incomplete application (some material missing). */
  async printNotice(): Promise<IpcResult<{ notice: DocumentPrintOutcome; missing: string[] }>> {
    const draft = this.#current();
    if (draft === null) return NO_DRAFT;
    if (draft.isBusy) return BUSY;
    if (draft.submission !== null) return SUBMITTED;
    const review = this.#review(draft);
    if (review.missing.length === 0) return refuse('unavailable', '材料已齐全，无需打印一次性告知书');
    if (draft.notice?.status === 'printed') return refuse('unavailable', '一次性告知书已打印');
    draft.isBusy = true;
    try {
      return await this.#printNotice(draft, review);
    } finally {
      draft.isBusy = false;
    }
  }

  async #printNotice(draft: Draft, review: ApplicationReview): Promise<IpcResult<{ notice: DocumentPrintOutcome; missing: string[] }>> {
    const { store, hall, now } = this.#options;
    const at = hallTime(now(), hall.timeZone);
    const noticeNumber = store.nextNumber('GZ', at.day);
    const missingIds = new Set(review.missing.map((m) => m.materialId));
    const { buildOneTimeNoticePdf } = await import('../documents/application-notices.js');
    const pdf = await buildOneTimeNoticePdf(
      {
        itemName: draft.item.name,
        itemCode: draft.item.code,
        departmentName: draft.departmentName,
        implementingBody: draft.item.implementingBody,
        noticeNumber,
        issuedAtDisplay: at.display,
        applicantMaskedName: draft.applicant?.view.maskedName ?? null,
        missing: draft.item.materials
          .filter((m) => missingIds.has(m.id))
          .map((m) => ({
            name: m.name,
            reason: draft.choices.get(m.id)?.choice === 'missing' ? '申请人暂未取得该材料' : '申请人未提供该材料',
            source: m.source,
            form: m.form,
            copies: m.copies,
            sampleDescription: m.sampleDescription ?? null,
            commonMistakes: m.commonMistakes,
          })),
        provided: this.#materialViews()
          .filter((m) => !missingIds.has(m.materialId) && m.choice !== null && m.choice !== 'missing')
          .map((m) => ({ name: m.name, provision: m.choice as 'captured' | 'shared' | 'deferred' | 'notApplicable' })),
        place: draft.item.place,
        hours: draft.item.hours,
        phone: draft.item.phone,
        onlineUrl: draft.item.onlineUrl,
      },
      this.#pdfOptions(),
    );
    const notice = await this.#printA4(pdf.bytes, `一次性告知书 ${draft.item.name}`);
    draft.notice = notice;
    return { ok: true, value: { notice, missing: review.missing.map((m) => m.name) } };
  }

  /** Drops the draft: card text, form values and signature forgotten (R-P3). */
  wipe(): void {
    const draft = this.#draft;
    if (draft === null) return;
    draft.applicant = null;
    draft.agent = null;
    draft.form = null;
    draft.signature = null;
    draft.choices.clear();
    this.#draft = null;
  }

  // ---- internals -----------------------------------------------------------------

  /** The draft of the current session; a draft left from another session is dropped. */
  #current(): Draft | null {
    const draft = this.#draft;
    if (draft === null) return null;
    if (draft.sessionId !== this.#options.session.currentSessionId) {
      this.wipe();
      return null;
    }
    return draft;
  }

  #today(): string {
    return hallTime(this.#options.now(), this.#options.hall.timeZone).day;
  }

  #captureViews(): Map<string, CaptureMaterialView> {
    const listed = this.#options.capture.materials();
    return new Map(listed.ok ? listed.value.materials.map((m) => [m.materialId, m]) : []);
  }

  /** The choice in effect: the citizen's, or `captured` once enough pages were taken. */
  #effectiveChoice(draft: Draft, material: Material, captured: CaptureMaterialView | undefined): { choice: MaterialChoice | null; promiseDate: string | null } {
    const chosen = draft.choices.get(material.id);
    const pages = captured === undefined ? 0 : usablePages(captured);
    const isCaptured = captured !== undefined && pages >= captured.minPages;
    if (chosen === undefined) return { choice: isCaptured ? 'captured' : null, promiseDate: null };
    // Pages discarded after the choice: the material is undecided again.
    if (chosen.choice === 'captured' && !isCaptured) return { choice: null, promiseDate: null };
    return chosen;
  }

  #materialViews(): ApplicationMaterialView[] {
    const draft = this.#draft;
    if (draft === null) return [];
    const captured = this.#captureViews();
    return draft.item.materials.map((material) => {
      const view = captured.get(material.id);
      const effective = this.#effectiveChoice(draft, material, view);
      return {
        materialId: material.id,
        name: material.name,
        requirement: material.requirement,
        condition: material.condition ?? null,
        source: material.source,
        choices: choicesOf(material),
        choice: effective.choice,
        promiseDate: effective.promiseDate,
        capturedPages: view === undefined ? 0 : usablePages(view),
        minPages: view?.minPages ?? 0,
      };
    });
  }

  #review(draft: Draft): ApplicationReview {
    const materials = this.#materialViews();
    const missing = materials.filter((m) => m.choice === 'missing').map((m) => ({ materialId: m.materialId, name: m.name, source: m.source }));
    const undecided = materials.filter((m) => m.choice === null);
    const deferred = materials.filter((m) => m.choice === 'deferred' && m.promiseDate !== null).map((m) => ({ materialId: m.materialId, name: m.name, promiseDate: m.promiseDate ?? '' }));
    const needsSignature = draft.rules.commitment !== undefined;
    const blockers: string[] = [];
    if (draft.applicant === null) blockers.push('请先读取申请人身份证');
    if (draft.hasAgent && draft.agent === null) blockers.push('请读取代办人身份证');
    if (undecided.length > 0) blockers.push(`请为「${undecided[0]?.name ?? ''}」等${undecided.length}项材料选择提交方式`);
    if (missing.length > 0) blockers.push(`尚缺${missing.length}项材料，可打印一次性告知书`);
    if (draft.form === null || !draft.form.isValid) blockers.push('请完整填写申请表');
    if (needsSignature && draft.signature === null) blockers.push('请阅读并签署告知承诺书');
    return {
      itemCode: draft.item.code,
      itemName: draft.item.name,
      applicant: draft.applicant?.view ?? null,
      agent: draft.agent?.view ?? null,
      materials,
      fields: draft.rules.fields.map((field) => ({ id: field.id, label: field.label, display: displayValue(field, draft.form?.values[field.id]) })),
      needsSignature,
      isSigned: draft.signature !== null,
      missing,
      deferred,
      isComplete: missing.length === 0 && undecided.length === 0,
      canSubmit: blockers.length === 0,
      blockers,
    };
  }

  async #upload(draft: Draft, reference: string, submittedAt: string, applicant: TakenCard, agent: TakenCard | null): Promise<ApplicationUpload> {
    const { capture, hall } = this.#options;
    const party = (card: TakenCard): ApplicationParty => ({ name: card.name, idNumber: card.idNumber, cardType: card.cardType });
    const materials = this.#materialViews();
    const materialsPdf = materials.some((m) => m.choice === 'captured') ? await capture.materialsPdf({ maskedName: maskName(applicant.name), reference }) : null;
    let commitmentPdf: { readonly bytes: Uint8Array } | null = null;
    const { commitment } = draft.rules;
    if (commitment !== undefined && draft.signature !== null) {
      const { buildCommitmentPdf } = await import('../documents/application-notices.js');
      commitmentPdf = await buildCommitmentPdf(
        {
          title: commitment.title,
          itemName: draft.item.name,
          clauses: commitment.clauses,
          applicantName: applicant.name,
          applicantIdNumber: applicant.idNumber,
          agentName: agent?.name ?? null,
          signedAtDisplay: hallTime(draft.signature.signedAt, hall.timeZone).display,
          reference,
          signature: { aspect: draft.signature.aspect, strokes: draft.signature.strokes },
        },
        this.#pdfOptions(),
      );
    }
    return {
      reference,
      itemCode: draft.item.code,
      itemName: draft.item.name,
      departmentName: draft.departmentName,
      terminalId: hall.terminalId,
      submittedAt,
      applicant: party(applicant),
      agent: agent === null ? null : party(agent),
      materials: materials.map((m) => ({
        materialId: m.materialId,
        name: m.name,
        provision: m.choice as 'captured' | 'shared' | 'deferred' | 'notApplicable',
        promiseDate: m.promiseDate,
        pageCount: m.choice === 'captured' ? m.capturedPages : 0,
      })),
      form: draft.form?.values ?? {},
      materialsPdf: materialsPdf === null ? null : Buffer.from(materialsPdf.bytes).toString('base64'),
      commitmentPdf: commitmentPdf === null ? null : Buffer.from(commitmentPdf.bytes).toString('base64'),
    };
  }

  async #printAcceptanceNotice(
    draft: Draft,
    upload: ApplicationUpload,
    filed: Extract<DeliveryAck, { kind: 'caseFiled' }> | null,
    promisedDate: string | null,
    submittedAtDisplay: string,
  ): Promise<DocumentPrintOutcome> {
    const { hall } = this.#options;
    // Without the platform's case the terminal cannot say the office accepted the application.
    if (filed === null) return { status: 'failed', reason: '网络繁忙，受理通知书暂未出具，可凭回执查询进度或到窗口领取' };
    try {
      const { buildAcceptanceNoticePdf } = await import('../documents/application-notices.js');
      const pdf = await buildAcceptanceNoticePdf(
        {
          itemName: draft.item.name,
          itemCode: draft.item.code,
          departmentName: draft.departmentName,
          implementingBody: draft.item.implementingBody,
          reference: upload.reference,
          caseNumber: filed?.caseNumber ?? null,
          submittedAtDisplay,
          promisedDate,
          promisedDays: draft.item.timeLimits.promisedDays,
          statutoryDays: draft.item.timeLimits.statutoryDays,
          collectionMethod: draft.rules.collectionMethod,
          place: draft.item.place,
          hours: draft.item.hours,
          phone: draft.item.phone,
          applicantMaskedName: maskName(upload.applicant.name),
          applicantMaskedIdNumber: maskIdNumber(upload.applicant.idNumber),
          agentMaskedName: upload.agent === null ? null : maskName(upload.agent.name),
          materials: upload.materials.map(({ name, provision, promiseDate, pageCount }) => ({ name, provision, promiseDate, pageCount })),
          qrPayload: filed === null ? null : receiptQrText(hall.publicBaseUrl, filed.caseNumber, filed.verifier),
        },
        this.#pdfOptions(),
      );
      return await this.#printA4(pdf.bytes, `受理通知书 ${draft.item.name}`);
    } catch (error) {
      // The application is committed; a notice that cannot be made is reported, not fatal.
      debug('acceptance notice failed: %s', error instanceof Error ? error.message : String(error));
      return { status: 'failed', reason: '受理通知书未能打印，请凭回执到窗口领取' };
    }
  }

  #pdfOptions(): { hallName: string; terminalId: string; printedAt: Date; assetsDir: string; timeZone: string } {
    const { hall, assetsDir, now } = this.#options;
    return { hallName: hall.name, terminalId: hall.terminalId, printedAt: new Date(now()), assetsDir, timeZone: hall.timeZone };
  }

  #printA4(pdf: Uint8Array, title: string): Promise<DocumentPrintOutcome> {
    return printPdf(this.#options.documentPrinter, this.#options.alarms, pdf, title);
  }

}

function usablePages(material: CaptureMaterialView): number {
  return material.pages.filter((page) => page.isUsable).length;
}

/** Enough ink to be a signature: some points, spread over a part of the pad. */
export function isSignatureInked(strokes: readonly (readonly number[])[]): boolean {
  let points = 0;
  let [minX, minY, maxX, maxY] = [1, 1, 0, 0];
  for (const stroke of strokes) {
    for (let i = 0; i + 1 < stroke.length; i += 2) {
      const [x, y] = [stroke[i] ?? 0, stroke[i + 1] ?? 0];
      points += 1;
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    }
  }
  return points >= 8 && maxX - minX >= 0.1 && maxY - minY >= 0.05;
}
