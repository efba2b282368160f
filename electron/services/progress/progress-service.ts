/**
 * 办件查询: a case by its receipt QR (number + verification code) or the cases of the ID card
 * in the session, from the platform adapter, shaped for the screen with the applicant's name
 * masked here in main (R-P2) and times in the hall's zone.
 */
import createDebug from 'debug';
import type { CaseProgressView, CaseStatus, IpcResult } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import type { CaseRecord, PlatformAdapter, PlatformError, PlatformHolder } from '../platform/platform-adapter.js';
import { maskName } from '../privacy/mask.js';
import type { SessionSubjects } from '../session/session-subjects.js';

const debug = createDebug('kiosk:services:progress');

/** Cases listed for one ID card at most. */
export const MAX_CASES_PER_HOLDER = 20;

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  submitted: '已提交',
  accepted: '已受理',
  correctionRequired: '需补正',
  completed: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
};

/** The citizen's words for a platform that cannot answer now. */
export function platformUnavailable(error: PlatformError, what: string): IpcResult<never> {
  debug('platform %s: %s', error.kind, error.message);
  return { ok: false, error: { code: 'unavailable', message: `${what}暂时无法连接，请稍后再试或咨询大厅工作人员` } };
}

/** `YYYY-MM-DD HH:mm` in the hall's zone, whatever offset the platform wrote. */
export function hallDisplay(iso: string, timeZone: string): string {
  const epoch = Date.parse(iso);
  return Number.isNaN(epoch) ? iso.slice(0, 16).replace('T', ' ') : hallTime(epoch, timeZone).display;
}

export function caseView(record: CaseRecord, timeZone: string): CaseProgressView {
  return {
    caseNumber: record.caseNumber,
    itemCode: record.itemCode,
    itemName: record.itemName,
    departmentName: record.departmentName,
    status: record.status,
    statusLabel: CASE_STATUS_LABELS[record.status],
    applicantMaskedName: maskName(record.applicantName),
    submittedAt: hallDisplay(record.submittedAt, timeZone),
    promisedDate: record.promisedDate,
    steps: record.steps.map((step) => ({ ...step, at: step.at === null ? null : hallDisplay(step.at, timeZone) })),
    missingMaterials: record.missingMaterials,
    collection: record.collection,
  };
}

export class ProgressService {
  readonly #adapter: PlatformAdapter;
  readonly #subjects: SessionSubjects;
  readonly #timeZone: string;

  constructor(options: { readonly adapter: PlatformAdapter; readonly subjects: SessionSubjects; readonly timeZone: string }) {
    this.#adapter = options.adapter;
    this.#subjects = options.subjects;
    this.#timeZone = options.timeZone;
  }

  async lookup(caseNumber: string, verifier: string): Promise<IpcResult<CaseProgressView>> {
    const found = await this.#adapter.findCase(caseNumber, verifier);
    if (!found.ok) return platformUnavailable(found.error, '办件查询');
    if (found.value === null) return { ok: false, error: { code: 'notFound', message: '未查询到该办件，请核对回执后重试' } };
    this.#subjects.addCase(found.value.caseNumber);
    return { ok: true, value: caseView(found.value, this.#timeZone) };
  }

  async listByHolder(holder: PlatformHolder): Promise<IpcResult<{ readonly cases: readonly CaseProgressView[] }>> {
    const found = await this.#adapter.casesOfHolder(holder, MAX_CASES_PER_HOLDER);
    if (!found.ok) return platformUnavailable(found.error, '办件查询');
    for (const record of found.value) this.#subjects.addCase(record.caseNumber);
    return { ok: true, value: { cases: found.value.map((record) => caseView(record, this.#timeZone)) } };
  }
}
