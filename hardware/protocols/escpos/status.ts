/**
 * ESC/POS status bytes: decode the printer's replies into a typed {@link PrinterStatus},
 * and encode them from a physical model (the simulator speaks with the same codec).
 * Bit tables: shared/protocols.md §2.4. Pure: no timers, no I/O.
 */
import type { RealtimeStatusKind } from './commands.js';

/** Roll-paper state from `DLE EOT 4` or ASB byte 3. */
export type PaperState = 'ok' | 'nearEnd' | 'empty';

/** The printer's condition as the kiosk needs it. */
export interface PrinterStatus {
  /** False when the printer stopped: paper end, cover open, error (`DLE EOT 1` b3). */
  readonly online: boolean;
  /** Cover open (`DLE EOT 2` b2); the printer is offline while it is open. */
  readonly coverOpen: boolean;
  readonly paper: PaperState;
  /** Autocutter error, e.g. a jam (`DLE EOT 3` b3). Needs `DLE ENQ` after fixing. */
  readonly cutterError: boolean;
  /** Recoverable mechanical error (`DLE EOT 3` b2). */
  readonly recoverableError: boolean;
  /** Unrecoverable error (`DLE EOT 3` b5): needs a technician / power cycle. */
  readonly unrecoverableError: boolean;
  /** Auto-recoverable error such as head overheat (`DLE EOT 3` b6). */
  readonly autoRecoverableError: boolean;
  /** Waiting for online recovery (`DLE EOT 1` b5). */
  readonly waitingForRecovery: boolean;
}

/** A status with nothing wrong; handy for simulators and tests. */
export const PRINTER_STATUS_OK: PrinterStatus = {
  online: true,
  coverOpen: false,
  paper: 'ok',
  cutterError: false,
  recoverableError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  waitingForRecovery: false,
};

const BIT = (n: number): number => 1 << n;

/** `DLE EOT n` replies match `0xx1xx10` (protocols.md §2.4 "Identification"). */
export const REALTIME_STATUS_MASK = 0x93;
export const REALTIME_STATUS_PATTERN = 0x12;
/** ASB byte 1 matches `0xx1xx00`. */
export const ASB_HEADER_MASK = 0x93;
export const ASB_HEADER_PATTERN = 0x10;
/** ASB bytes 2–4 and `GS r` replies match `0xx0xxxx`. */
export const ASB_TAIL_MASK = 0x90;
export const ASB_TAIL_PATTERN = 0x00;
/** Length of an Automatic Status Back block. */
export const ASB_LENGTH = 4;

export function isRealtimeStatusByte(byte: number): boolean {
  return (byte & REALTIME_STATUS_MASK) === REALTIME_STATUS_PATTERN;
}

export function isAsbHeaderByte(byte: number): boolean {
  return (byte & ASB_HEADER_MASK) === ASB_HEADER_PATTERN;
}

/** True for ASB bytes 2–4 and for buffered `GS r` replies (same pattern). */
export function isAsbTailByte(byte: number): boolean {
  return (byte & ASB_TAIL_MASK) === ASB_TAIL_PATTERN;
}

/** `DLE EOT 1`: printer status. */
export interface PrinterStatusByte {
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  readonly waitingForRecovery: boolean;
  readonly feedButtonPressed: boolean;
}

/** `DLE EOT 2`: offline cause. */
export interface OfflineCauseByte {
  readonly coverOpen: boolean;
  readonly feedingByButton: boolean;
  readonly stoppedByPaperEnd: boolean;
  readonly errorOccurred: boolean;
}

/** `DLE EOT 3`: error cause. */
export interface ErrorCauseByte {
  readonly recoverableError: boolean;
  readonly cutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
}

export function decodePrinterStatusByte(byte: number): PrinterStatusByte {
  return {
    drawerPin3High: (byte & BIT(2)) !== 0,
    offline: (byte & BIT(3)) !== 0,
    waitingForRecovery: (byte & BIT(5)) !== 0,
    feedButtonPressed: (byte & BIT(6)) !== 0,
  };
}

export function decodeOfflineCauseByte(byte: number): OfflineCauseByte {
  return {
    coverOpen: (byte & BIT(2)) !== 0,
    feedingByButton: (byte & BIT(3)) !== 0,
    stoppedByPaperEnd: (byte & BIT(5)) !== 0,
    errorOccurred: (byte & BIT(6)) !== 0,
  };
}

export function decodeErrorCauseByte(byte: number): ErrorCauseByte {
  return {
    recoverableError: (byte & BIT(2)) !== 0,
    cutterError: (byte & BIT(3)) !== 0,
    unrecoverableError: (byte & BIT(5)) !== 0,
    autoRecoverableError: (byte & BIT(6)) !== 0,
  };
}

/**
 * `DLE EOT 4` roll paper. The manual sets two bits per condition (one per sensor); printers
 * with a single sensor set only one of them, so either bit counts (protocols.md §2.4 row 4).
 */
export function decodeRollPaperByte(byte: number): PaperState {
  if ((byte & (BIT(5) | BIT(6))) !== 0) return 'empty';
  if ((byte & (BIT(2) | BIT(3))) !== 0) return 'nearEnd';
  return 'ok';
}

/** The four `DLE EOT n` reply bytes, keyed by `n`. */
export type RealtimeStatusReplies = Readonly<Record<RealtimeStatusKind, number>>;

/** Combines the replies to `DLE EOT 1..4` into one {@link PrinterStatus}. */
export function decodeRealtimeStatus(replies: RealtimeStatusReplies): PrinterStatus {
  const printer = decodePrinterStatusByte(replies[1]);
  const offline = decodeOfflineCauseByte(replies[2]);
  const error = decodeErrorCauseByte(replies[3]);
  return {
    online: !printer.offline,
    coverOpen: offline.coverOpen,
    paper: decodeRollPaperByte(replies[4]),
    cutterError: error.cutterError,
    recoverableError: error.recoverableError,
    unrecoverableError: error.unrecoverableError,
    autoRecoverableError: error.autoRecoverableError,
    waitingForRecovery: printer.waitingForRecovery,
  };
}

/**
 * Decodes a 4-byte Automatic Status Back block (protocols.md §2.4 "ASB").
 * @returns undefined when `block` is not 4 bytes or byte 1 lacks the ASB pattern.
 */
export function decodeAsb(block: Uint8Array): PrinterStatus | undefined {
  const [b1, b2, b3] = block;
  if (block.length !== ASB_LENGTH || b1 === undefined || b2 === undefined || b3 === undefined) {
    return undefined;
  }
  if (!isAsbHeaderByte(b1)) return undefined;
  const paper: PaperState =
    (b3 & (BIT(2) | BIT(3))) !== 0 ? 'empty' : (b3 & (BIT(0) | BIT(1))) !== 0 ? 'nearEnd' : 'ok';
  return {
    online: (b1 & BIT(3)) === 0,
    coverOpen: (b1 & BIT(5)) !== 0,
    paper,
    cutterError: (b2 & BIT(3)) !== 0,
    recoverableError: (b2 & BIT(2)) !== 0,
    unrecoverableError: (b2 & BIT(5)) !== 0,
    autoRecoverableError: (b2 & BIT(6)) !== 0,
    waitingForRecovery: (b2 & BIT(0)) !== 0,
  };
}

/** Physical condition a simulator encodes status bytes from. */
export interface PrinterCondition {
  readonly paper: PaperState;
  readonly coverOpen: boolean;
  readonly cutterError: boolean;
  /** Online switch / no other stop reason; offline is also implied by the faults above. */
  readonly online: boolean;
}

/** Whether the printer is stopped (offline) under `condition` (protocols.md §2.5). */
export function isStopped(condition: PrinterCondition): boolean {
  return !condition.online || condition.coverOpen || condition.paper === 'empty' || condition.cutterError;
}

/** Encodes the reply byte to `DLE EOT n` for `condition` (base value 0x12, §2.4). */
export function encodeRealtimeStatus(kind: RealtimeStatusKind, condition: PrinterCondition): number {
  let byte = REALTIME_STATUS_PATTERN;
  switch (kind) {
    case 1:
      if (isStopped(condition)) byte |= BIT(3);
      break;
    case 2:
      if (condition.coverOpen) byte |= BIT(2);
      if (condition.paper === 'empty') byte |= BIT(5);
      if (condition.cutterError) byte |= BIT(6);
      break;
    case 3:
      if (condition.cutterError) byte |= BIT(3);
      break;
    case 4:
      // Typical values (§2.4): 0x12 ok, 0x1E near end, 0x72 paper end.
      if (condition.paper === 'nearEnd') byte |= BIT(2) | BIT(3);
      if (condition.paper === 'empty') byte |= BIT(5) | BIT(6);
      break;
  }
  return byte;
}

/** Encodes the 4-byte ASB block for `condition`. */
export function encodeAsb(condition: PrinterCondition): Uint8Array {
  let b1 = ASB_HEADER_PATTERN;
  if (isStopped(condition)) b1 |= BIT(3);
  if (condition.coverOpen) b1 |= BIT(5);
  let b2 = 0;
  if (condition.cutterError) b2 |= BIT(3);
  let b3 = 0;
  if (condition.paper === 'nearEnd') b3 |= BIT(0) | BIT(1);
  if (condition.paper === 'empty') b3 |= BIT(2) | BIT(3);
  return Uint8Array.of(b1, b2, b3, 0);
}

/**
 * Encodes the reply to `GS r 1` (paper sensor): b0+b1 near end, b2+b3 paper end, pattern
 * `0xx0xxxx` (protocols.md §2.4).
 */
export function encodePaperSensorStatus(condition: PrinterCondition): number {
  let byte = 0;
  if (condition.paper === 'nearEnd') byte |= BIT(0) | BIT(1);
  if (condition.paper === 'empty') byte |= BIT(2) | BIT(3);
  return byte;
}

/** Short human summary for logs and error messages, e.g. `offline, coverOpen, paper empty`. */
export function describeStatus(status: PrinterStatus): string {
  const parts: string[] = [status.online ? 'online' : 'offline'];
  if (status.coverOpen) parts.push('coverOpen');
  if (status.paper !== 'ok') parts.push(`paper ${status.paper}`);
  if (status.cutterError) parts.push('cutterError');
  if (status.recoverableError) parts.push('recoverableError');
  if (status.unrecoverableError) parts.push('unrecoverableError');
  if (status.autoRecoverableError) parts.push('autoRecoverableError');
  if (status.waitingForRecovery) parts.push('waitingForRecovery');
  return parts.join(', ');
}
