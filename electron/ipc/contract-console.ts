/**
 * The technician-console part of the IPC contract (issue #8), split from contract.ts to keep
 * it readable; contract.ts re-exports everything here.
 */
import type { DeviceHealth, DeviceKind, SystemStatus } from './contract.js';

// ---- Technician console (issue #8) ---------------------------------------------------------

/** Whether an admin PIN exists (first start asks for one) and how long logins are locked. */
export type AdminPinState = { readonly state: 'unset' } | { readonly state: 'set'; readonly lockedForMs: number };

/** An admin session: the token goes with every admin call; it lapses when idle. */
export interface AdminSession {
  readonly token: string;
  /** Epoch ms; every admin call moves it on by the idle timeout, up to a fixed maximum. */
  readonly expiresAt: number;
}

/** The XFS-style action a technician should take for a device, in plain Chinese words. */
export type DeviceAction = 'reset' | 'clear' | 'maintenance';

export interface AdminDeviceView {
  readonly kind: DeviceKind;
  readonly isSimulated: boolean;
  readonly state: DeviceHealth['state'];
  readonly condition: string | null;
  readonly detail: string | null;
  /** How it is bound, e.g. `串口 /dev/ttyUSB0 115200`, `HID 10c4:0007`, `模拟`. */
  readonly binding: string;
  readonly action: DeviceAction | null;
  /** What to do, e.g. 请补充打印纸; null when nothing to do. */
  readonly actionText: string | null;
  /** Epoch ms and plain words, never personal data. */
  readonly lastEvent: { readonly at: number; readonly text: string } | null;
  readonly counters: readonly { readonly label: string; readonly value: number }[];
}

export interface AdminAlarmView {
  readonly at: number;
  readonly source: string;
  readonly code: string;
  readonly message: string;
}

/** How many quarantined outbox records the overview lists (the count covers them all). */
export const MAX_QUARANTINED_SHOWN = 20;
/** A quarantined record's error is cut to this many characters for the screen. */
export const MAX_OUTBOX_ERROR_LENGTH = 200;

/**
 * An outbox record the sync worker gave up on (R-D5: a refusal retrying cannot fix, or too
 * many failed attempts), for the technician to release with `admin.releaseOutbox` once the
 * cause is fixed. Never the payload: nothing here is personal.
 */
export interface QuarantinedRecordView {
  /** The outbox row id, the argument of `admin.releaseOutbox`. */
  readonly id: number;
  readonly kind: 'evaluation' | 'checkIn' | 'application';
  /** 好差评, 预约签到, 自助申办. */
  readonly kindLabel: string;
  /** Delivery attempts made, the last one included. */
  readonly attempts: number;
  /**
   * What went wrong, in the adapter's plain words (routes, statuses, codes; never what the
   * platform wrote), cut to {@link MAX_OUTBOX_ERROR_LENGTH} characters; null if none kept.
   */
  readonly lastError: string | null;
  /** When the record was written, ISO 8601 UTC. */
  readonly createdAt: string;
}

export interface AdminOverview {
  readonly hallName: string;
  readonly terminalId: string;
  readonly version: string;
  readonly mode: SystemStatus['mode'];
  readonly outOfServiceReason: string | null;
  readonly devices: readonly AdminDeviceView[];
  readonly alarms: readonly AdminAlarmView[];
  readonly outbox: {
    readonly pending: number;
    readonly quarantined: number;
    /** The newest {@link MAX_QUARANTINED_SHOWN} quarantined records, newest first. */
    readonly quarantinedRecords: readonly QuarantinedRecordView[];
  };
  /** Free space in the data folder, bytes. */
  readonly freeBytes: number;
}

/** A device the technician can bind in config.json. */
export type BindableDevice = 'receiptPrinter' | 'idCardReader' | 'barcodeScanner' | 'evaluationPad' | 'documentCamera' | 'scanner' | 'documentPrinter';

/** One device auto-detect found, with the binding it proposes (a `devices.<device>.transport` value). */
export interface DetectedDevice {
  readonly device: BindableDevice;
  readonly transport: Readonly<Record<string, string | number | boolean | null>>;
  /** Why it is believed, e.g. `SAM 状态 0x90 @115200`. */
  readonly evidence: string;
  /** Keyboard-like HID devices can't be told apart by shape: the technician confirms by using it. */
  readonly needsConfirmation: boolean;
}

export interface DetectReport {
  readonly proposals: readonly DetectedDevice[];
  /** Every port or HID device looked at, and what came of it, in plain words. */
  readonly looked: readonly { readonly where: string; readonly result: string }[];
}

export type DeviceTestKind = 'printTicket' | 'readCard' | 'scanCode' | 'capturePage' | 'requestRating';

export interface DeviceTestResult {
  readonly ok: boolean;
  /** One line for the screen; card data masked (R-P2), scanned text shown only as kind and length. */
  readonly summary: string;
  readonly details: readonly string[];
}

export interface AdminEventView {
  readonly at: number;
  readonly device: DeviceKind | 'system';
  readonly text: string;
}

export interface HallSettings {
  readonly hallName: string;
  readonly terminalId: string;
  readonly idleTimeoutSeconds: number;
  readonly idleCountdownSeconds: number;
  readonly platformAdapter: 'local' | 'http';
  /** `http` adapter only. */
  readonly platformBaseUrl: string | null;
  readonly publicBaseUrl: string;
  readonly retentionDays: number;
}

export interface AuditEntryView {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly event: string;
  readonly outcome: string;
  readonly detail: string;
}

export interface AuditView {
  readonly entries: readonly AuditEntryView[];
  /** The hash chain checked end to end (R-P6). */
  readonly chain: { readonly ok: true; readonly count: number } | { readonly ok: false; readonly firstBadSeq: number; readonly reason: string };
}

export interface ExportTarget {
  readonly path: string;
  /** `U盘 KINGSTON`, `数据目录`. */
  readonly label: string;
  readonly isRemovable: boolean;
}
