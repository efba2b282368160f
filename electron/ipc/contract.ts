/**
 * The one contract between the renderer and the Node core, used by both hosts (Electron IPC
 * and the web host's WebSocket). It imports nothing from Node, the DOM or Electron, so the
 * renderer can `import type` from it and main can validate against the same schemas.
 *
 * Every method takes one object argument and resolves to an {@link IpcResult}; expected
 * failures are values, never thrown. Channel names are `kiosk:<area>.<method>`.
 */
import { z } from 'zod';
import type { EVENT_NAMES, METHOD_NAMES } from './kiosk-api.js';
import { MAX_PREVIEW_BASE64, MAX_UPLOAD_BYTES, MAX_UPLOAD_CHUNK_BASE64 } from './contract-capture.js';
import { MAX_FORM_VALUE_LENGTH, MAX_SIGNATURE_POINTS, MAX_SIGNATURE_STROKES } from './contract-application.js';
import type { ApplicationBegun, ApplicationMaterialView, ApplicationPartyView, ApplicationReview, ApplicationSubmitted, FormErrors } from './contract-application.js';
import type { CaptureBegun, CaptureDeviceView, CaptureMaterialView, CapturePreview, CaptureReview } from './contract-capture.js';
import type {
  AdminEventView,
  AdminOverview,
  AdminPinState,
  AdminSession,
  AuditView,
  DetectReport,
  DeviceTestResult,
  ExportTarget,
  HallSettings,
} from './contract-console.js';

export {
  CHANNEL_PREFIX,
  EVENT_CHANNEL,
  EVENT_NAMES,
  METHOD_NAMES,
  buildKioskApi,
  channelOf,
  isEventName,
  isMethodName,
} from './kiosk-api.js';

/** Longest free-text value any method accepts; anything longer is refused before parsing. */
export const MAX_TEXT_LENGTH = 256;

// ---------------------------------------------------------------------------------------
// Errors

export type IpcErrorCode =
  /** The argument failed its schema: wrong type, extra key, too long. */
  | 'invalidArgument'
  /** No such method. */
  | 'unknownMethod'
  /** The caller is not our window, frame or origin. */
  | 'forbidden'
  /** The terminal cannot serve (database unreadable, disk full). */
  | 'outOfService'
  /** The thing named by the argument does not exist (e.g. an unknown category). */
  | 'notFound'
  /** The call is valid but not in this state (e.g. a category closed for today). */
  | 'unavailable'
  /** A bug or unexpected failure; details went to the log, not to the screen. */
  | 'internal';

export interface IpcError {
  readonly code: IpcErrorCode;
  /** Short, polite Chinese text a citizen can read. */
  readonly message: string;
}

export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

// ---------------------------------------------------------------------------------------
// Values

export type DeviceKind =
  | 'receiptPrinter'
  | 'idCardReader'
  | 'documentPrinter'
  | 'barcodeScanner'
  | 'evaluationPad'
  | 'documentCamera'
  | 'scanner';

/** XFS-style health of one peripheral, without any personal data. */
export interface DeviceHealth {
  readonly kind: DeviceKind;
  readonly isSimulated: boolean;
  readonly state: 'online' | 'offline' | 'error' | 'disabled';
  /** Device-specific condition, e.g. `paperNearEnd`, `paperEmpty`, `coverOpen`. */
  readonly condition: string | null;
  /** Plain words for the technician. */
  readonly detail: string | null;
}

export interface SystemStatus {
  readonly mode: 'ready' | 'outOfService';
  /** Why the terminal is out of service, in Chinese for the screen; null when ready. */
  readonly outOfServiceReason: string | null;
  readonly hallName: string;
  readonly terminalId: string;
  /** True when any peripheral is simulated (the screen shows "模拟设备"). */
  readonly isSimulated: boolean;
  readonly devices: readonly DeviceHealth[];
  /** Idle timeouts in seconds, from the terminal configuration. */
  readonly idle: { readonly timeoutSeconds: number; readonly countdownSeconds: number };
  /** IANA zone of the hall; screens show the hall's time, whatever the OS clock zone is. */
  readonly timeZone: string;
  /**
   * Whether 取号 asks for the ID card: `optional` offers it (70+ get the priority lane) with
   * a "直接取号" way out, `required` allows only card tickets, `off` never asks.
   */
  readonly ticketIdentification: 'optional' | 'required' | 'off';
  /**
   * How a scanner typing as an OS keyboard sends CJK (Alt held, keypad digits, Alt released):
   * the Unicode code point or the GBK double-byte value (protocols.md §3.1).
   */
  readonly scannerAltCodes: 'unicode' | 'gbk';
}

export interface QueueCategory {
  readonly id: string;
  readonly name: string;
  /** One capital letter that starts every ticket number of this category. */
  readonly prefix: string;
  readonly description: string;
  /** Tickets of this category issued today and not yet called. */
  readonly waitingCount: number;
}

export type PrintOutcome =
  | { readonly status: 'printed' }
  /** Nothing was sent: an existing ticket shown again (reprint on request). */
  | { readonly status: 'notPrinted' }
  /** The ticket is valid but could not be printed; `reason` is Chinese for the screen. */
  | { readonly status: 'failed'; readonly reason: string };

export interface TicketView {
  readonly ticketNumber: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly hallName: string;
  /** People of the same category waiting ahead of this ticket when it was issued. */
  readonly waitingAhead: number;
  /** ISO 8601 with offset, local time of the hall. */
  readonly issuedAt: string;
  /** The text encoded in the ticket's QR code. */
  readonly qrPayload: string;
  /**
   * The QR code for the screen as SVG path data (`d` attribute) over a square grid of
   * `qrModules` × `qrModules` units, quiet zone excluded. Path data only, never markup, so
   * the renderer cannot be handed script or remote images (CSP, R-E3).
   */
  readonly qrPath: string;
  readonly qrModules: number;
  readonly print: PrintOutcome;
  /** 绿色通道: the holder is 70 or older (from the ID card's birth date). */
  readonly isPriority: boolean;
  /** Taken with an ID card: the holder's masked name as on the ticket (`张*`), else null. */
  readonly holderMaskedName: string | null;
  /**
   * True when the holder already had a ticket of this category today: the same ticket is
   * shown again (one ticket per person per category per day) and may be reprinted.
   */
  readonly isExisting: boolean;
}

export type IdCardType = 'resident' | 'hkMacaoTaiwan' | 'foreignPermanent2017' | 'foreignPermanent2023';

/**
 * What the renderer may know of the card on the reader: masked in main before IPC (R-P2).
 * The photo never crosses; screens show a neutral silhouette.
 */
export interface IdentityView {
  readonly cardType: IdCardType;
  /** 居民身份证 / 港澳台居民居住证 / 外国人永久居留身份证. */
  readonly cardTypeLabel: string;
  /** Surname kept, the rest masked: `张*`, `欧**`; for Latin names the initials: `J*** S****`. */
  readonly maskedName: string;
  /** First 4 and last 4 kept: `1100**********1234`. */
  readonly maskedIdNumber: string;
  readonly genderLabel: string;
  /** Whole years at the kiosk's date in the hall's zone. */
  readonly age: number;
  /** 70 or older: 绿色通道. */
  readonly isPriority: boolean;
  /** `YYYY-MM-DD`, or `长期`. */
  readonly validUntil: string;
}

/** Why a card could not be used, in Chinese for the screen. */
export type IdentityFailureReason = 'cardMoved' | 'expired' | 'unreadable' | 'readerFault';

// ---- Office guide (办事指南, issue #4) ----------------------------------------------------

export type Audience = 'personal' | 'legalPerson' | 'both';

export interface CatalogueSummary {
  /** Version date of the catalogue in use, `YYYY-MM-DD`. */
  readonly updatedAt: string;
  /** `bundled` (assets) or `synced` (from the platform). */
  readonly source: 'bundled' | 'synced';
  readonly itemCount: number;
  readonly departments: readonly { readonly id: string; readonly name: string; readonly shortName: string; readonly itemCount: number }[];
  readonly lifeEvents: readonly { readonly id: string; readonly name: string; readonly audience: 'personal' | 'legalPerson'; readonly itemCount: number }[];
}

export interface ItemSummary {
  readonly code: string;
  readonly name: string;
  readonly departmentShortName: string;
  readonly type: string;
  readonly audience: Audience;
  readonly isKioskApplicable: boolean;
  readonly isPopular: boolean;
  readonly isCommitment: boolean;
  readonly promisedDays: number;
}

/** A search result: the item and the spans of its name that matched (for highlighting). */
export interface SearchHit extends ItemSummary {
  /** Half-open character ranges `[start, end)` in `name`. */
  readonly highlights: readonly (readonly [number, number])[];
  /** When the match was on a keyword (俗称) rather than the name, that keyword. */
  readonly matchedKeyword: string | null;
}

export interface GuideMaterial {
  readonly id: string;
  readonly name: string;
  readonly form: string;
  readonly copies: number;
  readonly requirement: 'required' | 'deferrable' | 'conditional';
  readonly condition: string | null;
  readonly isSharedData: boolean;
  readonly source: string;
  readonly hasSample: boolean;
  readonly sampleDescription: string | null;
  readonly commonMistakes: readonly string[];
}

/** Every element of one item's office guide, ready to show. */
export interface GuideView extends ItemSummary {
  readonly departmentName: string;
  readonly implementingBody: string;
  readonly acceptingWindow: string;
  readonly legalBasis: readonly { readonly title: string; readonly article: string | null }[];
  readonly conditions: readonly string[];
  readonly process: readonly { readonly name: string; readonly description: string }[];
  readonly materials: readonly GuideMaterial[];
  readonly fees: { readonly isFree: true } | { readonly isFree: false; readonly items: readonly { readonly name: string; readonly amount: string; readonly basis: string }[] };
  readonly statutoryDays: number;
  readonly specialSteps: readonly { readonly name: string; readonly days: number }[];
  readonly place: string;
  readonly hours: string;
  readonly phone: string;
  readonly onlineUrl: string;
  readonly queueCategoryId: string;
  readonly queueCategoryName: string;
  readonly lifeEvents: readonly string[];
  readonly keywords: readonly string[];
}

/** Outcome of an A4 print (PDF to the document printer; simulated: a file in `a4/`). */
export type DocumentPrintOutcome =
  | { readonly status: 'printed'; readonly pages: number }
  | { readonly status: 'failed'; readonly reason: string };

export interface SpecimenCard {
  readonly id: string;
  /** A short Chinese description for the dev panel, e.g. "居民身份证（75岁）". */
  readonly label: string;
}


// ---- Document capture (issue #5) and technician console (issue #8): their own files --------

export * from './contract-capture.js';
export * from './contract-application.js';
export * from './contract-console.js';
// ---- Scanning, progress lookup, appointment check-in, evaluation (issue #7) ------------

/**
 * What a scanned code turned out to be. Only the kinds the kiosk acts on are recognised;
 * everything else is refused with Chinese text for the screen and never rendered as markup.
 */
export type ScanResult =
  /** 受理回执 QR: the case number and its verification code (查询码). */
  | { readonly kind: 'receipt'; readonly caseNumber: string; readonly verifier: string }
  /** 预约 QR: the appointment number and its verification code. */
  | { readonly kind: 'appointment'; readonly code: string; readonly verifier: string }
  | { readonly kind: 'refused'; readonly reason: ScanRefusal; readonly message: string };

export type ScanRefusal =
  /** Not a code this kiosk knows (a product barcode, someone's WeChat QR). */
  | 'unknownFormat'
  /** A link to a host other than the platform's. */
  | 'otherHost'
  /** Script links, control characters, bidi overrides, hidden characters. */
  | 'unsafe'
  | 'tooLong'
  /** The bytes could not be read as text (damaged print, wrong scanner setting). */
  | 'garbled';

export type CaseStatus = 'submitted' | 'accepted' | 'correctionRequired' | 'completed' | 'rejected' | 'withdrawn';

/** One case (办件) as the progress screen shows it; the applicant's name masked in main. */
export interface CaseProgressView {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly departmentName: string;
  readonly status: CaseStatus;
  /** 已提交 / 已受理 / 需补正 / 已办结 / 不予受理 / 已撤回. */
  readonly statusLabel: string;
  readonly applicantMaskedName: string;
  /** `YYYY-MM-DD HH:mm`, hall time. */
  readonly submittedAt: string;
  /** `YYYY-MM-DD` by which the case is promised, or null. */
  readonly promisedDate: string | null;
  /** The case's steps in order; `at` is `YYYY-MM-DD HH:mm` once reached. */
  readonly steps: readonly {
    readonly name: string;
    readonly state: 'done' | 'current' | 'pending';
    readonly at: string | null;
    readonly note: string | null;
  }[];
  /** What the applicant still has to bring (补正), each with why; empty otherwise. */
  readonly missingMaterials: readonly { readonly name: string; readonly reason: string }[];
  /** Where and when to collect the result, once there is one to collect. */
  readonly collection: { readonly method: string; readonly place: string; readonly hours: string } | null;
}

/** Whether an appointment can be checked in now, with the rule in plain words. */
export type CheckInWindow =
  | { readonly state: 'open'; readonly message: string }
  | { readonly state: 'early' | 'late' | 'otherDay' | 'checkedIn' | 'cancelled'; readonly message: string };

export interface AppointmentView {
  readonly code: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly itemName: string | null;
  readonly applicantMaskedName: string;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** `HH:mm`–`HH:mm`, hall time. */
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly window: CheckInWindow;
  /** The ticket already issued for it (a second scan shows it again), else null. */
  readonly ticketNumber: string | null;
}

export type EvaluationLevel = 1 | 2 | 3 | 4 | 5;

/** The journey an evaluation follows; the core binds it to that journey's case or ticket. */
export type EvaluationJourney = 'ticket' | 'guide' | 'progress' | 'checkIn' | 'application';

export interface EvaluationPrompt {
  readonly promptId: string;
  /** What is being rated, for the screen: `办件 …`, `号票 A012`, or the terminal. */
  readonly subjectLabel: string;
  /** Five levels, 5 (非常满意) first; no level is preselected. */
  readonly levels: readonly { readonly level: EvaluationLevel; readonly label: string }[];
  /** Reasons offered per level (configurable; defaults from the national indicators). */
  readonly reasons: Readonly<Record<EvaluationLevel, readonly string[]>>;
  /** Levels whose rating needs at least one reason and may leave a phone number. */
  readonly lowLevels: readonly EvaluationLevel[];
  /** Seconds before the prompt closes by itself and "not rated" is recorded. */
  readonly timeoutSeconds: number;
}

// ---------------------------------------------------------------------------------------
// Methods: argument schemas (the single source of the method list)

const noArgument = z.object({}).strict();
const itemCode = z.string().regex(/^[0-9A-Z][0-9A-Z-]{5,39}$/u);
const identifier = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-zA-Z0-9-]*$/u);
/** 办件编号 and 预约号: capital letters and digits. */
const caseNumber = z.string().regex(/^[0-9A-Z]{6,32}$/u);
const verifier = z.string().regex(/^[0-9A-Z]{4,16}$/u);
/** QR version 40 holds at most 2953 bytes; a longer text is no code we issued. */
export const MAX_SCAN_TEXT_LENGTH = 4096;
/** Admin PIN: 6–12 digits (weak ones are refused by the service with the reason). */
const adminPin = z.string().regex(/^\d{6,12}$/u);
const adminCall = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/u) }).strict();
/** A device path or folder: absolute, no `..` segment, printable. */
const devicePath = z
  .string()
  .min(2)
  .max(200)
  .regex(/^(\/|[A-Za-z]:\\)[^\0]*$/u)
  .refine((value) => !value.split(/[\\/]/u).includes('..'), 'no .. in paths');
const bindableDevice = z.enum(['receiptPrinter', 'idCardReader', 'barcodeScanner', 'evaluationPad', 'documentCamera', 'scanner', 'documentPrinter']);
/** Standard base64 (the uploads and preview frames). */
const base64Text = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/u);
const evaluationLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const methodSchemas = {
  'system.getStatus': noArgument,
  'queue.listCategories': noArgument,
  'queue.takeTicket': z.object({ categoryId: identifier }).strict(),
  'session.begin': noArgument,
  'session.end': z.object({ reason: z.enum(['finished', 'idleTimeout', 'home']) }).strict(),
  'identity.startReading': noArgument,
  'identity.stopReading': noArgument,
  'identity.revealName': noArgument,
  'queue.takeTicketByIdCard': z.object({ categoryId: identifier }).strict(),
  'queue.reprintTicket': z.object({ ticketNumber: z.string().regex(/^[A-Z]\d{3}$/u) }).strict(),
  'dev.listSpecimenCards': noArgument,
  'dev.presentCard': z.object({ specimenId: identifier }).strict(),
  'dev.removeCard': noArgument,
  'catalogue.summary': noArgument,
  'catalogue.list': z
    .object({
      departmentId: identifier.optional(),
      lifeEventId: identifier.optional(),
      audience: z.enum(['personal', 'legalPerson']).optional(),
      isPopular: z.literal(true).optional(),
      offset: z.number().int().min(0).max(10_000).default(0),
      limit: z.number().int().min(1).max(100).default(50),
    })
    .strict(),
  /** Hanzi, full pinyin or initials, spaces and tone marks tolerated. */
  'catalogue.search': z.object({ query: z.string().max(40), limit: z.number().int().min(1).max(100).default(30) }).strict(),
  /** Candidate words and characters for pinyin typed on the on-screen keyboard. */
  'catalogue.candidates': z.object({ pinyin: z.string().regex(/^[a-zA-Z' ]{0,30}$/u), limit: z.number().int().min(1).max(50).default(20) }).strict(),
  'catalogue.guide': z.object({ code: itemCode }).strict(),
  'printing.printChecklist': z.object({ code: itemCode }).strict(),
  'printing.printGuide': z.object({ code: itemCode }).strict(),
  /** Enables the barcode scanner while a screen waits for a code; results come as `scan.scanned`. */
  'scan.start': noArgument,
  'scan.stop': noArgument,
  /**
   * A scanner burst caught by the renderer's keyboard guard (a scanner that can only act as
   * an OS keyboard): classified like a scan from the device. Also emitted as `scan.scanned`.
   */
  'scan.submitText': z.object({ text: z.string().max(MAX_SCAN_TEXT_LENGTH) }).strict(),
  'progress.lookup': z.object({ caseNumber, verifier }).strict(),
  /** The cases of the ID card in the session, newest first. */
  'progress.listByIdCard': noArgument,
  'appointment.lookup': z.object({ code: caseNumber, verifier }).strict(),
  /** Today's appointments of the ID card in the session. */
  'appointment.listByIdCard': noArgument,
  /** Checks in an appointment looked up in this session and issues its ticket. */
  'appointment.checkIn': z.object({ code: caseNumber }).strict(),
  /**
   * Opens an evaluation of the journey just finished, bound by the core to that journey's
   * ticket or case; `caseNumber` picks one of the cases looked up in this session.
   */
  'evaluation.begin': z
    .object({ journey: z.enum(['ticket', 'guide', 'progress', 'checkIn', 'application']), caseNumber: caseNumber.optional() })
    .strict(),
  'evaluation.submit': z
    .object({
      promptId: z.string().uuid(),
      level: evaluationLevel,
      reasons: z.array(z.string().min(1).max(40)).max(8).default([]),
      /** Optional contact for a low rating (12345 follow-up): mobile or landline digits. */
      phone: z
        .string()
        .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/u)
        .optional(),
    })
    .strict(),
  /** The citizen skipped, or the prompt timed out: recorded as "not rated", never a level. */
  'evaluation.decline': z.object({ promptId: z.string().uuid(), why: z.enum(['skipped', 'timeout']) }).strict(),
  /** Starts capturing the materials of `itemCode` in this session. */
  'capture.begin': z.object({ itemCode }).strict(),
  /** Opens `sourceId` for `materialId`; `frames` sources then send `capture.preview`. */
  'capture.open': z.object({ materialId: identifier, sourceId: identifier }).strict(),
  'capture.close': noArgument,
  /** `stream` mode: a small preview frame (JPEG, base64) to find the page on. */
  'capture.analyse': z.object({ frame: base64Text.max(MAX_PREVIEW_BASE64) }).strict(),
  /** Takes a still from the open Node-side source (simulated camera, scanner). */
  'capture.take': noArgument,
  /** `stream` mode: a still in pieces — begin, chunks in order, end. */
  'capture.uploadBegin': z.object({ byteLength: z.number().int().min(1).max(MAX_UPLOAD_BYTES) }).strict(),
  'capture.uploadChunk': z
    .object({ uploadId: z.string().uuid(), offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES), data: base64Text.min(4).max(MAX_UPLOAD_CHUNK_BASE64) })
    .strict(),
  'capture.uploadEnd': z.object({ uploadId: z.string().uuid() }).strict(),
  'capture.rotate': z.object({ pageId: z.string().uuid(), quarterTurns: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).strict(),
  'capture.discard': z.object({ pageId: z.string().uuid() }).strict(),
  /** The session's materials and their pages (thumbnails). */
  'capture.materials': noArgument,
  /** Simulated document camera only: what lies on the stage. */
  'dev.placeDocument': z
    .object({
      document: z.enum(['a4Text', 'idCardFront', 'idCardBack', 'a4Qr', 'none']),
      variant: z.enum(['clean', 'blur', 'glare', 'cutOff']).default('clean'),
    })
    .strict(),
  'admin.pinStatus': noArgument,
  /** First start only: sets the PIN and opens a session. */
  'admin.setPin': z.object({ pin: adminPin }).strict(),
  'admin.login': z.object({ pin: z.string().max(32) }).strict(),
  'admin.logout': adminCall,
  'admin.changePin': adminCall.extend({ oldPin: z.string().max(32), newPin: adminPin }).strict(),
  'admin.overview': adminCall,
  /**
   * Puts quarantined outbox record `id` (from the overview) back in line and sends it now,
   * with its original idempotency key — an application the platform filed before its answer
   * was lost gets that case back, not a second one; `notFound` when `id` is not quarantined,
   * `unavailable` when the outbox is not running.
   */
  'admin.releaseOutbox': adminCall.extend({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
  'admin.events': adminCall,
  /** `ports`: device paths the OS does not list (pseudo-terminals) to probe too. */
  'admin.detect': adminCall.extend({ ports: z.array(devicePath).max(16).default([]) }).strict(),
  /** Binds `device` to `transport` (a `devices.<device>.transport` value, checked by the config schema). */
  'admin.bind': adminCall
    .extend({
      device: bindableDevice,
      transport: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])),
    })
    .strict(),
  'admin.unbind': adminCall.extend({ device: bindableDevice }).strict(),
  'admin.testDevice': adminCall.extend({ test: z.enum(['printTicket', 'readCard', 'scanCode', 'capturePage', 'requestRating']) }).strict(),
  'admin.settings': adminCall,
  'admin.saveSettings': adminCall
    .extend({
      settings: z
        .object({
          hallName: z.string().max(80),
          terminalId: z.string().max(64),
          idleTimeoutSeconds: z.number().int(),
          idleCountdownSeconds: z.number().int(),
          platformAdapter: z.enum(['local', 'http']),
          platformBaseUrl: z.string().max(300).nullable(),
          publicBaseUrl: z.string().max(300),
          retentionDays: z.number().int(),
        })
        .strict(),
    })
    .strict(),
  'admin.exportTargets': adminCall,
  /** `targetDir` null: the data folder's diagnostics/ folder. */
  'admin.exportDiagnostics': adminCall.extend({ targetDir: devicePath.nullable() }).strict(),
  'admin.audit': adminCall,
  /** Restarts the terminal so a new binding or setting takes effect. */
  'admin.restart': adminCall,
  /** Simulated scanner only: scans `text` through the simulated device and its protocol. */
  'dev.scan': z.object({ text: z.string().min(1).max(MAX_SCAN_TEXT_LENGTH) }).strict(),
  /** Starts applying for `itemCode` in this session (and capturing its materials). */
  'application.begin': z.object({ itemCode }).strict(),
  /** Takes the ID card just read as the applicant's or, for 代办, the agent's. */
  'application.takeCard': z.object({ role: z.enum(['applicant', 'agent']) }).strict(),
  /** 代办 or not: `false` drops an agent's card taken before. */
  'application.setAgent': z.object({ hasAgent: z.boolean() }).strict(),
  'application.setMaterial': z
    .object({
      materialId: identifier,
      choice: z.enum(['captured', 'shared', 'deferred', 'notApplicable', 'missing']),
      promiseDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/u)
        .optional(),
    })
    .strict(),
  /** The whole form so far; the core validates it against the item's fields. */
  'application.setForm': z
    .object({
      values: z
        .record(z.string().regex(/^[a-z][a-zA-Z0-9]{1,31}$/u), z.string().max(MAX_FORM_VALUE_LENGTH))
        .refine((values) => Object.keys(values).length <= 24, 'too many fields'),
    })
    .strict(),
  /** The touch signature under the 告知承诺书; `aspect` is the pad's width / height. */
  'application.sign': z
    .object({
      aspect: z.number().min(0.5).max(8),
      strokes: z
        .array(z.array(z.number().min(0).max(1)).min(2).max(MAX_SIGNATURE_POINTS * 2))
        .min(1)
        .max(MAX_SIGNATURE_STROKES)
        .refine((strokes) => strokes.every((s) => s.length % 2 === 0), 'strokes are x, y pairs')
        .refine((strokes) => strokes.reduce((n, s) => n + s.length / 2, 0) <= MAX_SIGNATURE_POINTS, 'too many points'),
    })
    .strict(),
  'application.review': noArgument,
  /** Commits the application (acknowledged only after COMMIT), then prints 受理回执 and 受理通知书. */
  'application.submit': noArgument,
  /** Incomplete application: prints the 一次性告知书 listing every missing material. */
  'application.printNotice': noArgument,
  /** Prints the submitted application's 受理回执 again, once, when the first print failed. */
  'application.reprintReceipt': noArgument,
  /** Candidate characters and words for pinyin typed into a form field (names, addresses). */
  'input.candidates': z.object({ pinyin: z.string().regex(/^[a-zA-Z' ]{0,30}$/u), limit: z.number().int().min(1).max(50).default(20) }).strict(),
  /** Sample codes of the local platform's demo cases and appointments (dev panel). */
  'dev.listSampleCodes': noArgument,
  /** Simulated evaluation pad only: a citizen presses the button of `level`. */
  'dev.pressPad': z.object({ level: evaluationLevel }).strict(),
} as const satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof methodSchemas;
export type MethodArgument<M extends MethodName> = z.infer<(typeof methodSchemas)[M]>;

/** What each method resolves to on success. A missing entry fails the typecheck. */
export interface MethodValues {
  'system.getStatus': SystemStatus;
  'queue.listCategories': readonly QueueCategory[];
  'queue.takeTicket': TicketView;
  'session.begin': { readonly sessionId: string };
  'session.end': { readonly wiped: true };
  /** The reader polls until a card is read or reading stops; results come as events. */
  'identity.startReading': { readonly isReading: true };
  'identity.stopReading': { readonly isReading: false };
  /** The full name, once per card read, for the citizen's own confirmation screen. */
  'identity.revealName': { readonly fullName: string };
  'queue.takeTicketByIdCard': TicketView;
  'queue.reprintTicket': { readonly print: PrintOutcome };
  /** Simulated reader only (refused with `forbidden` for a real one). */
  'dev.listSpecimenCards': readonly SpecimenCard[];
  'dev.presentCard': { readonly presented: true };
  'dev.removeCard': { readonly removed: true };
  'catalogue.summary': CatalogueSummary;
  /** Popular items first, then by name. */
  'catalogue.list': { readonly items: readonly ItemSummary[]; readonly total: number };
  'catalogue.search': { readonly hits: readonly SearchHit[]; readonly total: number };
  'catalogue.candidates': { readonly candidates: readonly string[] };
  'catalogue.guide': GuideView;
  /** The materials checklist on the receipt printer, with a QR to the online guide. */
  'printing.printChecklist': { readonly print: PrintOutcome };
  /** The whole guide as an A4 PDF to the document printer. */
  'printing.printGuide': { readonly print: DocumentPrintOutcome };
  'scan.start': { readonly isScanning: true };
  'scan.stop': { readonly isScanning: false };
  'scan.submitText': ScanResult;
  'progress.lookup': CaseProgressView;
  'progress.listByIdCard': { readonly cases: readonly CaseProgressView[] };
  'appointment.lookup': AppointmentView;
  'appointment.listByIdCard': { readonly appointments: readonly AppointmentView[] };
  'appointment.checkIn': { readonly appointment: AppointmentView; readonly ticket: TicketView };
  'evaluation.begin': EvaluationPrompt;
  /** `isFollowUp`: a low rating flagged for 12345 follow-up. */
  'evaluation.submit': { readonly recorded: true; readonly isFollowUp: boolean };
  'evaluation.decline': { readonly recorded: true };
  'capture.begin': CaptureBegun;
  'application.begin': ApplicationBegun;
  'application.takeCard': ApplicationPartyView;
  'application.setAgent': { readonly hasAgent: boolean };
  'application.setMaterial': { readonly materials: readonly ApplicationMaterialView[] };
  'application.setForm': { readonly errors: FormErrors; readonly isValid: boolean };
  'application.sign': { readonly isSigned: true };
  'application.review': ApplicationReview;
  'application.submit': ApplicationSubmitted;
  'application.printNotice': { readonly notice: DocumentPrintOutcome; readonly missing: readonly string[] };
  'application.reprintReceipt': { readonly receipt: PrintOutcome };
  'input.candidates': { readonly candidates: readonly string[] };
  'capture.open': { readonly device: CaptureDeviceView };
  'capture.close': { readonly closed: true };
  'capture.analyse': CapturePreview;
  'capture.take': CaptureReview;
  'capture.uploadBegin': { readonly uploadId: string };
  'capture.uploadChunk': { readonly received: number };
  'capture.uploadEnd': CaptureReview;
  'capture.rotate': CaptureReview;
  'capture.discard': { readonly discarded: true };
  'capture.materials': { readonly materials: readonly CaptureMaterialView[] };
  'dev.placeDocument': { readonly placed: true };
  'admin.pinStatus': AdminPinState;
  'admin.setPin': AdminSession;
  'admin.login': AdminSession;
  'admin.logout': { readonly loggedOut: true };
  'admin.changePin': { readonly changed: true };
  'admin.overview': AdminOverview;
  'admin.releaseOutbox': { readonly released: true };
  'admin.events': { readonly events: readonly AdminEventView[] };
  'admin.detect': DetectReport;
  'admin.bind': { readonly saved: true; readonly restartRequired: true };
  'admin.unbind': { readonly saved: true; readonly restartRequired: true };
  'admin.testDevice': DeviceTestResult;
  'admin.settings': HallSettings;
  'admin.saveSettings': { readonly saved: true; readonly restartRequired: boolean };
  'admin.exportTargets': { readonly targets: readonly ExportTarget[] };
  'admin.exportDiagnostics': { readonly path: string; readonly bytes: number };
  'admin.audit': AuditView;
  'admin.restart': { readonly restarting: true };
  'dev.scan': { readonly scanned: true };
  'dev.listSampleCodes': readonly { readonly label: string; readonly text: string }[];
  /** `isPrompted`: the pad was waiting for a rating (a press when not prompted is ignored by the pad). */
  'dev.pressPad': { readonly isPrompted: boolean };
}

// A method without a value type, a value type without a schema, or a method missing from
// the zod-free name list (kiosk-api.ts) fails the typecheck here.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
export const VALUES_MATCH: SameKeys<keyof MethodValues, MethodName> = true;
export const NAMES_MATCH: SameKeys<(typeof METHOD_NAMES)[number], MethodName> = true;

/** The implementation side: one async function per method, argument already validated. */
export type KioskHandlers = {
  readonly [M in MethodName]: (arg: MethodArgument<M>) => Promise<IpcResult<MethodValues[M]>>;
};

// ---------------------------------------------------------------------------------------
// Events (main → renderer)

export interface KioskEvents {
  'system.statusChanged': SystemStatus;
  'queue.waitingChanged': { readonly categoryId: string; readonly waitingCount: number };
  /** A card was read and accepted into the session (masked view). */
  'identity.cardRead': IdentityView;
  /** The card left the reader. */
  'identity.cardRemoved': Record<string, never>;
  /** A card could not be used; `message` is Chinese for the screen. */
  'identity.readFailed': { readonly reason: IdentityFailureReason; readonly message: string };
  /** A code was scanned by the barcode scanner while scanning was on. */
  'scan.scanned': ScanResult;
  /** `frames` mode: a preview frame and where the page is on it. */
  'capture.preview': CapturePreview;
  /** The open capture device changed state (e.g. unplugged). */
  'capture.deviceChanged': CaptureDeviceView;
}
export type EventName = keyof KioskEvents;
export const EVENTS_MATCH: SameKeys<(typeof EVENT_NAMES)[number], EventName> = true;

// ---------------------------------------------------------------------------------------
// The renderer's view: window.kiosk

type Split<S extends string> = S extends `${infer A}.${infer B}` ? [A, B] : never;
type AreaOf<M extends MethodName> = Split<M>[0];

/** `window.kiosk.queue.takeTicket({...})` — nested by area, built from {@link METHOD_NAMES}. */
export type KioskApi = {
  readonly [A in AreaOf<MethodName>]: {
    readonly [M in MethodName as AreaOf<M> extends A ? Split<M>[1] : never]: (
      arg: MethodArgument<M>,
    ) => Promise<IpcResult<MethodValues[M]>>;
  };
} & {
  /** Subscribes to a main-side event; returns the unsubscribe function. */
  readonly on: <E extends EventName>(event: E, listener: (payload: KioskEvents[E]) => void) => () => void;
};
