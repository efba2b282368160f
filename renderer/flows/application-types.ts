/**
 * Types, timings and pure rules of the 自助申办 journey (application-machine.ts runs it):
 * what the renderer keeps of the draft while the citizen goes back and forth, which steps the
 * item has, when a material has an answer, and where a failed call is retried.
 */
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
  IdentityFailureReason,
  IdentityView,
  IpcResult,
  MaterialChoice,
} from '../../electron/ipc/contract';

/** begin, setAgent, takeCard, setMaterial, setForm, sign, review: unanswered after this is shown as failed. */
export const APPLICATION_CALL_TIMEOUT_MS = 15_000;
/**
 * Submission commits, waits up to ~8 s for the platform's case number, then prints the
 * receipt and the A4 notice: give it well over that before calling it failed.
 */
export const APPLICATION_SUBMIT_TIMEOUT_MS = 60_000;
/** The 一次性告知书 and a receipt reprint go to a printer. */
export const APPLICATION_PRINT_TIMEOUT_MS = 45_000;

/** The journey's steps, in order; `commitment` only for items with a 告知承诺书. */
export type ApplicationStepId = 'intro' | 'card' | 'materials' | 'form' | 'commitment' | 'review' | 'done';

/** Where 重试 goes back to after a failed call. */
export type ApplicationRetry = 'begin' | 'setAgent' | 'setForm' | 'sign' | 'review' | 'submit' | 'printNotice';

export interface ApplicationFailure {
  /** The core's error code; `transport` when the call broke, `timeout` when it never came. */
  readonly code: string;
  /** Polite Chinese from the core; null when the screen uses its own text for the code. */
  readonly message: string | null;
  readonly retry: ApplicationRetry;
}

export const TRANSPORT = 'transport';
export const TIMEOUT = 'timeout';

export function failureOf(result: IpcResult<unknown>, retry: ApplicationRetry): ApplicationFailure {
  return result.ok ? { code: TRANSPORT, message: null, retry } : { code: result.error.code, message: result.error.message || null, retry };
}

/** A line on the card screen, under the instruction. */
export type ApplicationCardNotice =
  | { readonly kind: 'readFailed'; readonly reason: IdentityFailureReason; readonly message: string | null }
  | { readonly kind: 'readerUnavailable'; readonly message: string | null }
  /** 重新读取 on the confirmation: take that card away, put the right one down. */
  | { readonly kind: 'swapCard' }
  /** The card left the reader before 确认. */
  | { readonly kind: 'cardRemoved' }
  /** The agent's card is wanted, and the applicant's still lies on the reader. */
  | { readonly kind: 'applicantCard' }
  /** The core refused the card (the agent's equal to the applicant's, …): its words. */
  | { readonly kind: 'refused'; readonly message: string | null };

/** The touch signature as `application.sign` takes it. */
export interface Signature {
  readonly aspect: number;
  readonly strokes: readonly (readonly number[])[];
}

/** 拍摄 of one material, in the capture screens embedded in the materials step. */
export interface CaptureTask {
  readonly materialId: string;
  /** `recapture`: the material's pages are discarded first (重新拍摄). */
  readonly mode: 'open' | 'recapture';
  /** The capture machine was sent OPEN / RECAPTURE. */
  readonly isStarted: boolean;
  /** It has left its list since: back at its list, it is done with the material. */
  readonly hasLeftList: boolean;
}

/** 容缺后补: the promise date being chosen for a material. */
export interface DateChoice {
  readonly materialId: string;
  readonly date: string;
}

export interface ReprintView {
  readonly phase: 'idle' | 'printing' | 'printed' | 'failed';
  /** Chinese from the core (or the printer) when it failed; null uses the screen's own text. */
  readonly reason: string | null;
}

export interface ApplicationInput {
  readonly itemCode: string;
  /** 关怀模式: passed on to the embedded capture (the photo takes itself). */
  readonly isCareMode: boolean;
  readonly timeFactor: number;
}

export interface ApplicationContext extends ApplicationInput {
  /** What `application.begin` answered: item, materials, fields, commitment, capture. */
  readonly begun: ApplicationBegun | null;
  /** 代他人办理 was chosen. */
  readonly hasAgent: boolean;
  /** The cards taken (masked only, R-P2). */
  readonly applicant: ApplicationPartyView | null;
  readonly agent: ApplicationPartyView | null;
  /** Whose card is being read now. */
  readonly role: ApplicationRole;
  /** The card on the reader, read but not yet taken (masked); only while reading. */
  readonly card: IdentityView | null;
  readonly cardNotice: ApplicationCardNotice | null;
  /**
   * A card left the reader since this reading began: a card that looks like the applicant's
   * is then put down anew and shown (the core decides whether it is the same person).
   */
  readonly hasCardLeft: boolean;
  /** The materials as the core last described them. */
  readonly materials: readonly ApplicationMaterialView[];
  /** The capture's materials with their pages (from application.begin, then the capture). */
  readonly captureMaterials: readonly CaptureMaterialView[];
  readonly captureTask: CaptureTask | null;
  readonly dateChoice: DateChoice | null;
  /** The choice being saved (`application.setMaterial`). */
  readonly pendingChoice: { readonly materialId: string; readonly choice: MaterialChoice; readonly promiseDate: string | null } | null;
  /** Why the last choice was refused, in the core's words. */
  readonly materialNotice: string | null;
  /** The form as typed: kept across 上一步 and 下一步. */
  readonly values: Readonly<Record<string, string>>;
  readonly formErrors: FormErrors;
  /** Ink on the pad, not yet sent. */
  readonly signature: Signature | null;
  readonly isSigned: boolean;
  readonly review: ApplicationReview | null;
  readonly submitted: ApplicationSubmitted | null;
  readonly noticePrinted: { readonly notice: DocumentPrintOutcome; readonly missing: readonly string[] } | null;
  readonly reprint: ReprintView;
  readonly failure: ApplicationFailure | null;
  /** Something was handed in or printed: leaving now is a finished journey. */
  readonly isFinished: boolean;
  readonly isEvaluating: boolean;
}

export type ApplicationEndReason = 'home' | 'finished';

export type ApplicationOutput =
  | { readonly reason: ApplicationEndReason }
  /** 评价本次服务: the evaluation follows, bound to the case when there is one. */
  | { readonly reason: 'evaluate'; readonly caseNumber: string | null };

/** What the card reader actor sends back (as lookup-common.ts's readCardsActor does). */
export type ApplicationCardEvent =
  | { readonly type: 'CARD_READ'; readonly identity: IdentityView }
  | { readonly type: 'CARD_REMOVED' }
  | { readonly type: 'READ_FAILED'; readonly reason: IdentityFailureReason; readonly message: string | null }
  | { readonly type: 'READER_UNAVAILABLE'; readonly message: string | null };

export type ApplicationEvent =
  /** 本人办理 / 代他人办理 on the 须知. */
  | { readonly type: 'START'; readonly hasAgent: boolean }
  | ApplicationCardEvent
  /** 确认 on the card confirmation. */
  | { readonly type: 'CONFIRM_CARD' }
  /** 重新读取: of the card on the screen, or of a party already taken. */
  | { readonly type: 'REREAD'; readonly role?: ApplicationRole }
  /** 拍摄 / 重新拍摄 a material. */
  | { readonly type: 'CAPTURE'; readonly materialId: string }
  /** 不适用, 暂无此材料 (and 已在政府留存 where offered). */
  | { readonly type: 'CHOOSE'; readonly materialId: string; readonly choice: 'shared' | 'notApplicable' | 'missing' }
  /** 容缺后补: opens the date choice. */
  | { readonly type: 'DEFER'; readonly materialId: string }
  | { readonly type: 'PICK_DATE'; readonly date: string }
  | { readonly type: 'CONFIRM_DATE' }
  | { readonly type: 'CANCEL' }
  /** A form field's value as the citizen typed or chose it. */
  | { readonly type: 'CHANGE'; readonly fieldId: string; readonly value: string }
  /** The pad's ink changed (null: cleared). */
  | { readonly type: 'SIGNATURE'; readonly signature: Signature | null }
  /** 我已阅读并承诺. */
  | { readonly type: 'AGREE' }
  /** From the review: back to the materials or the form to change them. */
  | { readonly type: 'EDIT'; readonly step: 'card' | 'materials' | 'form' | 'commitment' }
  | { readonly type: 'SUBMIT' }
  | { readonly type: 'PRINT_NOTICE' }
  | { readonly type: 'REPRINT' }
  | { readonly type: 'NEXT' }
  /** 上一步: everything entered stays. */
  | { readonly type: 'BACK' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'EVALUATE' }
  | { readonly type: 'DONE' }
  | { readonly type: 'HOME' }
  /** The theme changed (关怀模式 on or off): passed on to the capture. */
  | { readonly type: 'CONFIGURE'; readonly isCareMode: boolean; readonly timeFactor: number };

/** The steps this item has: 告知承诺 only when it has a commitment. */
export function stepsOf(begun: Pick<ApplicationBegun, 'commitment'> | null): readonly ApplicationStepId[] {
  const steps: ApplicationStepId[] = ['intro', 'card', 'materials', 'form'];
  if (begun?.commitment) steps.push('commitment');
  steps.push('review', 'done');
  return steps;
}

/** Every material has an answer: captured, shared, deferred, not applicable or missing. */
export function hasAllChoices(materials: readonly ApplicationMaterialView[]): boolean {
  return materials.every((material) => material.choice !== null);
}

/** The capture's material of this id, if it can be captured at all. */
export function captureMaterialOf(context: Pick<ApplicationContext, 'captureMaterials'>, materialId: string): CaptureMaterialView | null {
  return context.captureMaterials.find((material) => material.materialId === materialId) ?? null;
}

function usablePages(material: CaptureMaterialView): number {
  return material.pages.filter((page) => page.isUsable).length;
}

/** Enough usable pages for `captured` (the core's rule). */
export function isCaptureComplete(material: CaptureMaterialView): boolean {
  return usablePages(material) >= material.minPages;
}

/**
 * The materials with the capture's page counts, as the core would describe them: a material
 * whose pages were discarded below its minimum is undecided again.
 */
export function withCapturedPages(
  materials: readonly ApplicationMaterialView[],
  captured: readonly CaptureMaterialView[],
): readonly ApplicationMaterialView[] {
  return materials.map((material) => {
    const pages = captured.find((c) => c.materialId === material.materialId);
    if (!pages) return material;
    const isCaptured = isCaptureComplete(pages);
    const choice = material.choice === 'captured' && !isCaptured ? null : material.choice;
    return { ...material, capturedPages: usablePages(pages), minPages: pages.minPages, choice };
  });
}

/** 拍摄 sends OPEN (the next page) or RECAPTURE (afresh) to the capture machine. */
export function captureModeOf(material: CaptureMaterialView): CaptureTask['mode'] {
  const isFull = material.pages.length >= material.maxPages;
  return material.pages.length > 0 && (isCaptureComplete(material) || isFull) ? 'recapture' : 'open';
}

/** The same card as a party already taken (masked views: a hint only; the core decides). */
export function isSameCard(card: IdentityView | null, party: ApplicationPartyView | null): boolean {
  return card !== null && party !== null && card.maskedIdNumber === party.maskedIdNumber && card.maskedName === party.maskedName && card.cardTypeLabel === party.cardTypeLabel;
}

/** `YYYY-MM-DD` `days` after `day` (calendar days). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The date clamped into `range` (inclusive). */
export function clampDate(date: string, range: ApplicationBegun['promiseDates']): string {
  if (date < range.earliest) return range.earliest;
  if (date > range.latest) return range.latest;
  return date;
}

/** The promise date first offered: the material's own, else a week on, within the range. */
export function firstPromiseDate(material: ApplicationMaterialView | undefined, range: ApplicationBegun['promiseDates']): string {
  return clampDate(material?.promiseDate ?? addDays(range.earliest, 6), range);
}

/** Every field's value as `application.setForm` takes it: all fields, empty when untouched. */
export function formValues(begun: Pick<ApplicationBegun, 'fields'> | null, values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries((begun?.fields ?? []).map((field) => [field.id, values[field.id] ?? '']));
}
