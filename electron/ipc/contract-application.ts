/**
 * The self-service application part of the IPC contract (自助申办, issue #6), split from
 * contract.ts to keep it readable; contract.ts re-exports everything here. Stands alone like
 * the contract: no Node, DOM or Electron imports.
 *
 * The draft lives in the core's session (R-P3: wiped with it); the renderer keeps a copy of
 * what it shows so back and forward keep what was entered, and sends each step's values as
 * the citizen confirms them. Everything personal that reaches the screen is masked (R-P2),
 * except what the citizen typed themselves on the form.
 */
import type { CaptureBegun } from './contract-capture.js';
import type { DocumentPrintOutcome, PrintOutcome } from './contract.js';

export type ApplicationFieldType = 'text' | 'number' | 'date' | 'choice' | 'phone' | 'address';

/** One form field as the screen draws it (from the catalogue's application form). */
export interface ApplicationFieldView {
  /** lower camelCase, the key in `application.setForm`'s values. */
  readonly id: string;
  readonly label: string;
  readonly type: ApplicationFieldType;
  readonly isRequired: boolean;
  readonly hint: string | null;
  /** `text` and `address`: longest value in characters. */
  readonly maxLength: number | null;
  /** `number`: bounds, whether decimals are allowed, unit shown after the value (元, 平方米). */
  readonly min: number | null;
  readonly max: number | null;
  readonly isInteger: boolean;
  readonly unit: string | null;
  /** `date`: `past` up to today, `future` from today, `any`. */
  readonly range: 'past' | 'future' | 'any' | null;
  /** `choice`: the options. */
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** `phone`: `mobile` only, or also a landline (0518-85801234). */
  readonly accepts: 'mobile' | 'mobileOrLandline' | null;
}

/**
 * How one material is provided:
 * - `captured`: photographed or scanned at the kiosk (at least `minPages` usable pages);
 * - `shared`: 已在政府留存 — the hall takes it from shared data (only when the catalogue says so);
 * - `deferred`: 容缺 — promised by `promiseDate` (only `deferrable` materials);
 * - `notApplicable`: a `conditional` material whose condition does not hold;
 * - `missing`: the citizen does not have it; the application is then incomplete and gets a
 *   一次性告知书 instead of being submitted.
 */
export type MaterialChoice = 'captured' | 'shared' | 'deferred' | 'notApplicable' | 'missing';

export interface ApplicationMaterialView {
  readonly materialId: string;
  readonly name: string;
  readonly requirement: 'required' | 'deferrable' | 'conditional';
  readonly condition: string | null;
  /** Where to get it (出具单位 / 来源渠道), for the one-time notice. */
  readonly source: string;
  /** The choices this material allows, in the order the screen offers them. */
  readonly choices: readonly MaterialChoice[];
  /** The citizen's choice so far; `shared` materials start as `shared`. */
  readonly choice: MaterialChoice | null;
  /** `deferred`: `YYYY-MM-DD`. */
  readonly promiseDate: string | null;
  /** Usable pages captured in this session, and how many a complete material needs. */
  readonly capturedPages: number;
  readonly minPages: number;
}

export interface ApplicationBegun {
  readonly itemCode: string;
  readonly itemName: string;
  readonly departmentName: string;
  /** 承诺办结时限 in working days (0: on the spot). */
  readonly promisedDays: number;
  readonly collectionMethod: string;
  readonly place: string;
  readonly hours: string;
  readonly allowsAgent: boolean;
  readonly materials: readonly ApplicationMaterialView[];
  readonly fields: readonly ApplicationFieldView[];
  /** 告知承诺书 to sign, or null when the item has none. */
  readonly commitment: { readonly title: string; readonly clauses: readonly string[] } | null;
  /** Range of promise dates a 容缺 material may take (`YYYY-MM-DD`, inclusive). */
  readonly promiseDates: { readonly earliest: string; readonly latest: string };
  /** Capture of this item's materials, begun with the application (null: nothing to capture). */
  readonly capture: CaptureBegun | null;
}

export type ApplicationRole = 'applicant' | 'agent';

export interface ApplicationPartyView {
  readonly role: ApplicationRole;
  readonly maskedName: string;
  readonly maskedIdNumber: string;
  readonly cardTypeLabel: string;
}

/** Chinese sentence per field id for the values that failed, e.g. 请输入11位手机号码. */
export type FormErrors = Readonly<Record<string, string>>;

export interface ApplicationReview {
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicant: ApplicationPartyView | null;
  readonly agent: ApplicationPartyView | null;
  readonly materials: readonly ApplicationMaterialView[];
  /** The form as entered, with choice labels and units, for the citizen to check. */
  readonly fields: readonly { readonly id: string; readonly label: string; readonly display: string }[];
  readonly needsSignature: boolean;
  readonly isSigned: boolean;
  /** Materials marked `missing` (or required and still without a choice). */
  readonly missing: readonly { readonly materialId: string; readonly name: string; readonly source: string }[];
  readonly deferred: readonly { readonly materialId: string; readonly name: string; readonly promiseDate: string }[];
  /** No material missing. */
  readonly isComplete: boolean;
  /** Complete, card read, form valid, signed when needed. */
  readonly canSubmit: boolean;
  /** Why not, in Chinese, one sentence each (请先读取申请人身份证 …). */
  readonly blockers: readonly string[];
}

export interface ApplicationSubmitted {
  /** 申报编号: this terminal's number for the submission, known at once. */
  readonly reference: string;
  /** 办件编号 from the platform; null while the platform has not answered (offline). */
  readonly caseNumber: string | null;
  /** `YYYY-MM-DD HH:mm`, hall time. */
  readonly submittedAt: string;
  /** 承诺办结日期 `YYYY-MM-DD`, or null (on the spot / not known yet). */
  readonly promisedDate: string | null;
  readonly collectionMethod: string;
  readonly place: string;
  readonly hours: string;
  /** The 受理回执 on the thermal printer. */
  readonly receipt: PrintOutcome;
  /** The 受理通知书 on the A4 printer. */
  readonly notice: DocumentPrintOutcome;
  readonly deferred: readonly { readonly name: string; readonly promiseDate: string }[];
}

/**
 * Signature strokes: each stroke is flat `[x0, y0, x1, y1, …]` in shares (0…1) of the pad,
 * rounded to 4 decimals by the renderer so the longest signature stays under the 64 KB cap.
 */
export const MAX_SIGNATURE_STROKES = 64;
export const MAX_SIGNATURE_POINTS = 3000;
/** Longest form value the core accepts (characters); fields have their own, shorter limits. */
export const MAX_FORM_VALUE_LENGTH = 200;
