/**
 * The one interface to the government service platform (一网通办平台, design.md §5). Two
 * implementations: `local` (the embedded default: cases and appointments in this terminal's
 * SQLite, statuses set by hall staff through the CLI or console) and `http` (a real
 * platform by the API written down in `docs/platform-api.yaml`).
 *
 * Reads (progress, appointments) are live calls with a deadline; writes (evaluations,
 * check-ins, later applications) never call the adapter directly — they are committed to the
 * outbox first and delivered by the sync worker with their idempotency key (R-D5), so
 * nothing a citizen did is lost while the platform is unreachable.
 *
 * Values here carry personal data only where the platform needs it (the holder's ID number
 * for "my cases"); what reaches the screen is masked by the services (R-P2).
 */
import type { Result } from '../../../hardware/result.js';
import type { CaseStatus } from '../../ipc/contract.js';

/**
 * Who asks, by ID card. A remote platform is sent the number (over TLS, in a POST body);
 * the local one files holders under its own keyed hash of it and never stores the number.
 */
export interface PlatformHolder {
  readonly idNumber: string;
}

export interface CaseStep {
  readonly name: string;
  readonly state: 'done' | 'current' | 'pending';
  /** ISO 8601 with offset once the step was reached, else null. */
  readonly at: string | null;
  readonly note: string | null;
}

/** A case as the platform knows it. `applicantName` is masked before it reaches a screen. */
export interface CaseRecord {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly departmentName: string;
  readonly status: CaseStatus;
  readonly applicantName: string;
  /** ISO 8601 with offset. */
  readonly submittedAt: string;
  /** `YYYY-MM-DD`, or null when no deadline applies (yet). */
  readonly promisedDate: string | null;
  readonly steps: readonly CaseStep[];
  readonly missingMaterials: readonly { readonly name: string; readonly reason: string }[];
  readonly collection: { readonly method: string; readonly place: string; readonly hours: string } | null;
}

export type AppointmentStatus = 'booked' | 'checkedIn' | 'cancelled';

export interface AppointmentRecord {
  readonly code: string;
  /** Queue category the ticket is issued in. */
  readonly categoryId: string;
  readonly itemName: string | null;
  readonly applicantName: string;
  /** ISO 8601 with offset: the booked slot. */
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly status: AppointmentStatus;
  /**
   * Where the ticket goes in the queue: `appointment` ahead of walk-in tickets, `priority`
   * (e.g. a booked 绿色通道) ahead of those too.
   */
  readonly lane: 'appointment' | 'priority';
}

/** Why a platform call failed, for the sync worker (retry or not) and the technician. */
export interface PlatformError {
  readonly kind:
    /** Connection refused, DNS failure, reset: the network or the platform is down. */
    | 'unreachable'
    /** No answer (or not all of it) within the deadline. */
    | 'timeout'
    /** 429 or 503 with Retry-After. */
    | 'rateLimited'
    /** The platform answered with something that is not its API (HTML, wrong schema, too big). */
    | 'badResponse'
    /** A business refusal (`code` ≠ 0): retrying the same request will not help. */
    | 'rejected'
    /** The adapter is misconfigured (no URL, bad certificate settings). */
    | 'misconfigured';
  readonly isRetryable: boolean;
  /** Milliseconds the platform asked us to wait (Retry-After), when it did. */
  readonly retryAfterMs?: number;
  /** Plain words for the technician; never personal data. */
  readonly message: string;
}

/** What the sync worker hands the adapter: one outbox record. */
export type OutboxDelivery =
  | { readonly kind: 'evaluation'; readonly idempotencyKey: string; readonly payload: EvaluationUpload }
  | { readonly kind: 'checkIn'; readonly idempotencyKey: string; readonly payload: CheckInUpload }
  | { readonly kind: 'application'; readonly idempotencyKey: string; readonly payload: ApplicationUpload };

/**
 * What the platform answers a delivery with. Applications get their case: 办件编号, the
 * verification code for progress lookup, and the promised date the platform computed.
 * The same key delivered twice answers with the same case.
 */
export type DeliveryAck =
  | { readonly kind: 'recorded' }
  | { readonly kind: 'caseFiled'; readonly caseNumber: string; readonly verifier: string; readonly promisedDate: string | null };

/** A person on an application, from their ID card (read at the kiosk, never typed). */
export interface ApplicationParty {
  readonly name: string;
  readonly idNumber: string;
  /** IdCardType of the card (resident, hkMacaoTaiwan …). */
  readonly cardType: string;
}

/**
 * One self-service application (自助申办) as submitted. Personal data throughout: sealed at
 * rest in the outbox (R-P5) and blanked once acknowledged and retained long enough (R-P4).
 */
export interface ApplicationUpload {
  /** 申报编号, this terminal's number for the submission (e.g. `SB20261124A01000007`). */
  readonly reference: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly departmentName: string;
  readonly terminalId: string;
  /** ISO 8601 with offset. */
  readonly submittedAt: string;
  readonly applicant: ApplicationParty;
  /** 代办人, or null when the applicant applies in person. */
  readonly agent: ApplicationParty | null;
  readonly materials: readonly {
    readonly materialId: string;
    readonly name: string;
    readonly provision: 'captured' | 'shared' | 'deferred' | 'notApplicable';
    /** `deferred` (容缺): `YYYY-MM-DD`. */
    readonly promiseDate: string | null;
    readonly pageCount: number;
  }[];
  /** Form values by field id, as validated (number digits, `YYYY-MM-DD`, choice values). */
  readonly form: Readonly<Record<string, string>>;
  /** The captured materials as one PDF (base64), or null when nothing was captured. */
  readonly materialsPdf: string | null;
  /** The signed 告知承诺书 as PDF (base64), or null when the item has none. */
  readonly commitmentPdf: string | null;
}

/** One evaluation (好差评) as uploaded: level codes as the provincial platform counts them. */
export interface EvaluationUpload {
  readonly evaluationId: string;
  /** 5 非常满意 … 1 非常不满意; null = not rated (timeout or skipped). */
  readonly level: 1 | 2 | 3 | 4 | 5 | null;
  readonly reasons: readonly string[];
  /** For 12345 follow-up of a low rating, when the citizen left one. */
  readonly phone: string | null;
  readonly isFollowUp: boolean;
  readonly caseNumber: string | null;
  readonly ticketNumber: string | null;
  readonly windowId: string | null;
  readonly staffId: string | null;
  readonly terminalId: string;
  /** `kiosk` (on the screen) or `pad` (评价器 at a window). */
  readonly channel: 'kiosk' | 'pad';
  /** ISO 8601 with offset. */
  readonly ratedAt: string;
}

export interface CheckInUpload {
  readonly appointmentCode: string;
  readonly ticketNumber: string;
  readonly terminalId: string;
  /** ISO 8601 with offset. */
  readonly checkedInAt: string;
}

export interface PlatformAdapter {
  readonly kind: 'local' | 'http';
  /** The case with this number if the verification code matches; null if none does. */
  findCase(caseNumber: string, verifier: string): Promise<Result<CaseRecord | null, PlatformError>>;
  /** The holder's cases, newest first, at most `limit`. */
  casesOfHolder(holder: PlatformHolder, limit: number): Promise<Result<CaseRecord[], PlatformError>>;
  /** The appointment with this number if the verification code matches; null if none does. */
  findAppointment(code: string, verifier: string): Promise<Result<AppointmentRecord | null, PlatformError>>;
  /** The holder's appointments on `day` (`YYYY-MM-DD`, hall time). */
  appointmentsOfHolder(holder: PlatformHolder, day: string): Promise<Result<AppointmentRecord[], PlatformError>>;
  /**
   * Delivers one outbox record. Must be idempotent per `idempotencyKey`: delivering the same
   * record twice has one effect.
   */
  deliver(delivery: OutboxDelivery): Promise<Result<DeliveryAck, PlatformError>>;
  close(): Promise<void>;
}
