/**
 * What a scanner sends for one symbol, per mode (protocols.md §3.5 "Simulator"): wedge key
 * reports, HID POS scanned-data reports, serial bytes. Pure encoders shared by the
 * simulator and the tests; they use the same tables as the decoders.
 */
import iconv from 'iconv-lite';
import { encodeAimId } from '../../protocols/barcode/aim.js';
import { MODIFIER, USAGE_ERROR_ROLL_OVER, encodeBootReport } from '../../protocols/hid-keyboard/boot-report.js';
import { USAGE, charToUsage, keypadUsage } from '../../protocols/hid-keyboard/usage-table.js';
import type { AltCodeMode } from '../../protocols/hid-keyboard/wedge-decoder.js';
import { HID_POS_DATA_BYTES, encodeHidPosReport } from '../../protocols/hid-pos/hid-pos-decoder.js';

/**
 * The suffix a simulated scanner appends. Keyboard: `enter`/`cr`/`lf`/`crlf` = Enter key,
 * `keypadEnter`, `tab`. Serial: `enter`/`cr`/`keypadEnter` = CR, `lf`, `crlf`, `tab` = HT.
 */
export type SimulatedSuffix = 'enter' | 'keypadEnter' | 'tab' | 'cr' | 'lf' | 'crlf' | 'none';
/** Payload charset in the byte modes (HID POS, serial). */
export type PayloadCharset = 'utf-8' | 'gbk';

/** Every key released; also the release after each press. */
export const RELEASE_ALL_MODIFIERS = 0;
const ALT = MODIFIER.leftAlt;
const CTRL_SHIFT = MODIFIER.leftCtrl | MODIFIER.leftShift;
/** F12, a typical vendor suffix chord key (Ctrl+Shift+F12); types nothing. */
const USAGE_F12 = 0x45;

/** How wedge reports are encoded. */
export interface WedgeEncodeOptions {
  readonly altCodes?: AltCodeMode;
  /** Prefix each report with this report ID. */
  readonly reportId?: number;
}

/**
 * The Alt+numpad number for `char` in `mode` (§3.1): its code point, or its GBK value
 * (two bytes as one number; ASCII as itself). Undefined when GBK has no code for it.
 */
export function altCodeValue(char: string, mode: AltCodeMode): number | undefined {
  const codePoint = char.codePointAt(0) ?? 0;
  if (mode === 'unicode') return codePoint;
  if (codePoint < 0x80) return codePoint;
  const bytes = iconv.encode(char, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== char) return undefined;
  const [lead, trail] = bytes;
  // GBK's one non-ASCII single byte (0x80 = €) reads back as U+0080: no number for it.
  return bytes.length === 2 && lead !== undefined && trail !== undefined ? (lead << 8) | trail : undefined;
}

/** A press report and its release, for a key with or without Shift. */
export function keyStroke(usage: number, modifiers = 0, reportId?: number): Uint8Array[] {
  return [encodeBootReport(modifiers, [usage], reportId), encodeBootReport(RELEASE_ALL_MODIFIERS, [], reportId)];
}

/**
 * Reports typing `char`: its key on the US layout (with Shift), else an Alt+numpad group
 * (Alt down, keypad digits pressed and released with Alt held, Alt up). A character with
 * no number in `gbk` mode is typed as `?`, as scanners do.
 */
export function charReports(char: string, options: WedgeEncodeOptions = {}): Uint8Array[] {
  const { reportId } = options;
  if (char === '\n') return keyStroke(USAGE.enter, 0, reportId);
  if (char === '\t') return keyStroke(USAGE.tab, 0, reportId);
  const key = charToUsage(char);
  if (key !== undefined) return keyStroke(key.usage, key.isShift ? MODIFIER.leftShift : 0, reportId);
  const value = altCodeValue(char, options.altCodes ?? 'unicode');
  if (value === undefined) return charReports('?', options);
  const reports = [encodeBootReport(ALT, [], reportId)];
  for (const digit of String(value)) {
    reports.push(encodeBootReport(ALT, [keypadUsage(Number(digit))], reportId), encodeBootReport(ALT, [], reportId));
  }
  reports.push(encodeBootReport(RELEASE_ALL_MODIFIERS, [], reportId));
  return reports;
}

/** The suffix key strokes in keyboard mode. */
export function wedgeSuffixReports(suffix: SimulatedSuffix, reportId?: number): Uint8Array[] {
  switch (suffix) {
    case 'enter':
    case 'cr':
    case 'lf':
    case 'crlf':
      return keyStroke(USAGE.enter, 0, reportId);
    case 'keypadEnter':
      return keyStroke(USAGE.keypadEnter, 0, reportId);
    case 'tab':
      return keyStroke(USAGE.tab, 0, reportId);
    case 'none':
      return [];
  }
}

/** A vendor suffix chord (Ctrl+Shift+F12): keys that must type nothing. */
export function vendorChordReports(reportId?: number): Uint8Array[] {
  return keyStroke(USAGE_F12, CTRL_SHIFT, reportId);
}

/** An ErrorRollOver report: every key slot 0x01 (§3.1). */
export function rollOverReport(reportId?: number): Uint8Array {
  return encodeBootReport(0, Array.from({ length: 6 }, () => USAGE_ERROR_ROLL_OVER), reportId);
}

/** Every report typing `text` (code point by code point), without the suffix. */
export function wedgeTextReports(text: string, options: WedgeEncodeOptions = {}): Uint8Array[] {
  return Array.from(text).flatMap((char) => charReports(char, options));
}

/**
 * A text payload as the symbol would hold it. With `eci`, the ECI designator `\nnnnnn`
 * comes first and backslashes in the data are doubled (AIM ECI transmission rules).
 */
export function encodePayload(text: string, charset: PayloadCharset, eci?: number): Uint8Array {
  const data = charset === 'gbk' ? Uint8Array.from(iconv.encode(text, 'gb18030')) : new TextEncoder().encode(text);
  if (eci === undefined) return data;
  const escaped = Array.from(data).flatMap((byte) => (byte === 0x5c ? [0x5c, 0x5c] : [byte]));
  const designator = Array.from(`\\${String(eci).padStart(6, '0')}`, (char) => char.charCodeAt(0));
  return Uint8Array.from([...designator, ...escaped]);
}

/** How HID POS reports are encoded (the vendor variants of §3.2). */
export interface HidPosEncodeOptions {
  /** Default `]Q1`; null sends zeros where the AIM id goes. */
  readonly aimId?: string | null;
  readonly hasReportId?: boolean;
  readonly lengthCountsAim?: boolean;
}

/** `payload` split into 56-byte scanned-data reports with the continuation bit (§3.2). */
export function hidPosReports(payload: Uint8Array, options: HidPosEncodeOptions = {}): Uint8Array[] {
  const aimId = options.aimId === undefined ? ']Q1' : options.aimId;
  const aim = aimId === null ? null : encodeAimId(aimId);
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset === 0 || offset < payload.length; offset += HID_POS_DATA_BYTES) {
    const end = offset + HID_POS_DATA_BYTES;
    reports.push(
      encodeHidPosReport(payload.subarray(offset, end), {
        aimId: aim,
        isContinued: end < payload.length,
        ...(options.hasReportId === undefined ? {} : { hasReportId: options.hasReportId }),
        ...(options.lengthCountsAim === undefined ? {} : { lengthCountsAim: options.lengthCountsAim }),
      }),
    );
  }
  return reports;
}

/** The suffix bytes in serial mode. */
export function serialSuffixBytes(suffix: SimulatedSuffix): Uint8Array {
  switch (suffix) {
    case 'enter':
    case 'cr':
    case 'keypadEnter':
      return Uint8Array.of(0x0d);
    case 'lf':
      return Uint8Array.of(0x0a);
    case 'crlf':
      return Uint8Array.of(0x0d, 0x0a);
    case 'tab':
      return Uint8Array.of(0x09);
    case 'none':
      return new Uint8Array(0);
  }
}

/** Serial bytes of one symbol: AIM id (when given), payload, suffix. */
export function serialSymbolBytes(payload: Uint8Array, suffix: SimulatedSuffix, aimId: string | null = null): Uint8Array {
  const aim = aimId === null ? new Uint8Array(0) : encodeAimId(aimId);
  const tail = serialSuffixBytes(suffix);
  const out = new Uint8Array(aim.length + payload.length + tail.length);
  out.set(aim);
  out.set(payload, aim.length);
  out.set(tail, aim.length + payload.length);
  return out;
}
