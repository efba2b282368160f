/**
 * What the `http` platform adapter accepts from the platform (docs/platform-api.yaml), as zod
 * schemas: every answer is validated before a value leaves the adapter (R-N1), and every
 * text a citizen may see is passed through `sanitizePlatformText` on the way.
 *
 * Objects are "strict-ish": declared keys are checked, unknown keys are dropped rather than
 * refused (zod's default), so a platform that adds a field does not take the kiosks down,
 * and nothing undeclared (`__proto__` included) is ever carried into an object we spread.
 */
import { z } from 'zod';
import { methodSchemas } from '../../ipc/contract.js';
import type { CaseStatus } from '../../ipc/contract.js';
import type { AppointmentRecord, AppointmentStatus, CaseRecord } from './platform-adapter.js';

/** Longest text taken from the platform for one displayed field, in code points. */
export const PLATFORM_TEXT_MAX_CHARS = 200;

/** C0/C1 controls and line breaks that would otherwise reflow a layout: read as a space. */
const BREAKING_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;

/**
 * Invisible characters that can reorder or hide text (Trojan Source, CVE-2021-42574): bidi
 * embeddings and overrides U+202A–202E, isolates U+2066–2069, marks U+200E/200F/061C,
 * zero-width characters, word joiner, BOM, interlinear annotations and tag characters, plus
 * the remaining C0/C1 controls. None belongs in a government notice.
 */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** In `u` mode a well-formed pair is one code point, so only lone surrogates match. */
const LONE_SURROGATE = /[\ud800-\udfff]/gu;

/**
 * Makes a string from the platform safe to show or print as plain text: line breaks and tabs
 * become spaces, controls, bidi overrides/isolates and zero-width characters are removed,
 * lone surrogates become U+FFFD, the result is NFC-normalised, whitespace runs collapse and
 * the text is cut to `maxChars` code points (ending in `…` when cut).
 *
 * It does not escape HTML, on purpose: platform text is never HTML. React renders it as
 * text and the receipt printer prints it literally, so `<script>` stays visible and inert.
 */
export function sanitizePlatformText(text: string, maxChars: number = PLATFORM_TEXT_MAX_CHARS): string {
  const cleaned = text
    .replace(BREAKING_CONTROLS, ' ')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = [...cleaned];
  if (chars.length <= maxChars) return cleaned;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('').trimEnd()}…`;
}

/** Displayed text: any string, sanitised and capped; `min1` refuses one that ends up empty. */
const shownText = (maxChars = PLATFORM_TEXT_MAX_CHARS) => z.string().transform((s) => sanitizePlatformText(s, maxChars));
const requiredShownText = (maxChars = PLATFORM_TEXT_MAX_CHARS) => shownText(maxChars).pipe(z.string().min(1));

/** Numbers and codes the kiosk puts into URLs, QR codes and receipts: plain ASCII only. */
const identifier = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/u);
const isoWithOffset = z.iso.datetime({ offset: true });
const isoDay = z.iso.date();

// A mapped type makes each list name every member of its union and nothing else, so a status
// added to the contract fails the typecheck here instead of refusing the platform's answers.
type EnumOf<T extends string> = { readonly [K in T]: K };
const CASE_STATUSES = {
  submitted: 'submitted',
  accepted: 'accepted',
  correctionRequired: 'correctionRequired',
  completed: 'completed',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
} as const satisfies EnumOf<CaseStatus>;
const APPOINTMENT_STATUSES = { booked: 'booked', checkedIn: 'checkedIn', cancelled: 'cancelled' } as const satisfies EnumOf<AppointmentStatus>;

/** Upper bounds on list lengths: a real case has a handful of steps; more is garbage. */
const MAX_STEPS = 50;
const MAX_MATERIALS = 50;
const MAX_RECORDS = 100;

export const caseRecordSchema: z.ZodType<CaseRecord> = z.object({
  caseNumber: identifier,
  itemCode: identifier,
  itemName: requiredShownText(),
  departmentName: requiredShownText(),
  status: z.enum(CASE_STATUSES),
  // Masked by the services before it reaches a screen; sanitised here all the same.
  applicantName: shownText(60),
  submittedAt: isoWithOffset,
  promisedDate: isoDay.nullable(),
  steps: z
    .array(
      z.object({
        name: requiredShownText(),
        state: z.enum(['done', 'current', 'pending']),
        at: isoWithOffset.nullable(),
        note: shownText().nullable(),
      }),
    )
    .max(MAX_STEPS),
  missingMaterials: z.array(z.object({ name: requiredShownText(), reason: shownText() })).max(MAX_MATERIALS),
  collection: z.object({ method: shownText(), place: shownText(), hours: shownText() }).nullable(),
});

export const appointmentRecordSchema: z.ZodType<AppointmentRecord> = z.object({
  code: identifier,
  categoryId: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,31}$/u),
  itemName: shownText().nullable(),
  applicantName: shownText(60),
  slotStart: isoWithOffset,
  slotEnd: isoWithOffset,
  status: z.enum(APPOINTMENT_STATUSES),
  lane: z.enum(['appointment', 'priority']),
});

/**
 * Every answer's envelope. `code` is a string by the API; a platform that sends a number is
 * read as its decimal string rather than refused, since `0` and `"0"` mean the same to it.
 */
export const envelopeSchema = z.object({
  code: z.union([z.string().regex(/^[0-9A-Za-z_.-]{1,32}$/u), z.number().int().nonnegative().transform(String)]),
  // Never shown or logged: it may echo personal data (see HttpPlatformAdapter).
  message: z.string().optional().catch(undefined),
  data: z.unknown().optional(),
});

/** `findCase` / `findAppointment`: the record, or null when nothing matches. */
export const caseOrNullSchema = caseRecordSchema.nullable();
export const appointmentOrNullSchema = appointmentRecordSchema.nullable();
export const caseListSchema = z.object({ cases: z.array(caseRecordSchema).max(MAX_RECORDS) });
export const appointmentListSchema = z.object({ appointments: z.array(appointmentRecordSchema).max(MAX_RECORDS) });

/** The acknowledgement of one delivery; the key is compared with ours by the adapter. */
export const deliveryAckSchema = z.object({ accepted: z.literal(true), idempotencyKey: z.string().max(64) });

/**
 * 办件编号 and 查询码 exactly as the kiosk accepts them back from a citizen (progress lookup by
 * typing or by the receipt's QR code): a case the kiosk could not look up again must not be
 * printed on a receipt. Taken from the contract so the two cannot drift apart.
 */
const { caseNumber: kioskCaseNumber, verifier: kioskVerifier } = methodSchemas['progress.lookup'].shape;

/**
 * The acknowledgement of an application: the case the platform filed for it. A replay of the
 * key answers the same case. Nothing in it is free text, so nothing in it can carry markup.
 */
export const applicationAckSchema = deliveryAckSchema.extend({
  caseNumber: kioskCaseNumber,
  verifier: kioskVerifier,
  promisedDate: isoDay.nullable(),
});
