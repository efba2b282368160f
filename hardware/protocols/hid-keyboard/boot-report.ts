/**
 * The USB HID boot-keyboard input report (protocols.md §3.1): `[modifier, reserved, k1..k6]`,
 * 8 bytes, sometimes preceded by a report ID. Shared by the barcode scanner in keyboard-wedge
 * mode and the keyboard-style evaluation pad. Pure: no timers, no I/O, never throws.
 */

/** Bytes of a boot-keyboard report without a report ID. */
export const BOOT_REPORT_BYTES = 8;

/** Modifier bits of byte 0. */
export const MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

/** Usage 0x01 in every key slot: ErrorRollOver (too many keys at once) — ignored. */
export const USAGE_ERROR_ROLL_OVER = 0x01;

export interface BootReport {
  /** The modifier byte as sent. */
  readonly modifiers: number;
  readonly isShift: boolean;
  readonly isCtrl: boolean;
  readonly isAlt: boolean;
  /** Usage IDs of the keys held, in slot order, without zeros; empty on a release report. */
  readonly keys: readonly number[];
  /** The report is an ErrorRollOver report (slots filled with 0x01); its keys are meaningless. */
  readonly isRollOver: boolean;
}

/**
 * Reads one report. `hasReportId`: the first byte is a report ID to skip. Returns null for a
 * report too short to be a boot report (a garbled read), never throws.
 */
export function parseBootReport(report: Uint8Array, hasReportId = false): BootReport | null {
  const start = hasReportId ? 1 : 0;
  if (report.length < start + 3) return null;
  const modifiers = report[start] ?? 0;
  const slots = Array.from(report.subarray(start + 2, start + BOOT_REPORT_BYTES));
  const isRollOver = slots.length > 0 && slots.every((usage) => usage === USAGE_ERROR_ROLL_OVER);
  return {
    modifiers,
    isShift: (modifiers & (MODIFIER.leftShift | MODIFIER.rightShift)) !== 0,
    isCtrl: (modifiers & (MODIFIER.leftCtrl | MODIFIER.rightCtrl)) !== 0,
    isAlt: (modifiers & (MODIFIER.leftAlt | MODIFIER.rightAlt)) !== 0,
    keys: isRollOver ? [] : slots.filter((usage) => usage !== 0),
    isRollOver,
  };
}

/** Encodes a report (simulators, tests): modifier byte, reserved zero, up to six keys. */
export function encodeBootReport(modifiers: number, keys: readonly number[] = [], reportId?: number): Uint8Array {
  const body = new Uint8Array(BOOT_REPORT_BYTES);
  body[0] = modifiers & 0xff;
  keys.slice(0, 6).forEach((usage, index) => {
    body[2 + index] = usage & 0xff;
  });
  if (reportId === undefined) return body;
  const withId = new Uint8Array(BOOT_REPORT_BYTES + 1);
  withId[0] = reportId & 0xff;
  withId.set(body, 1);
  return withId;
}
