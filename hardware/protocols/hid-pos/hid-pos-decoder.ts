/**
 * HID POS barcode scanner (usage page 0x8C) scanned-data reports, protocols.md §3.2, in
 * the common Honeywell-style layout (Access-IS and many OEM engines use it too):
 *
 * ```
 * 0: report ID 0x02 | 1: data length in this report (≤56) | 2–4: AIM ID (']', code, mod)
 * 5–60: decoded data (56 bytes, zero-padded) | 61–62: vendor bytes | 63: flags, bit0 =
 * Decode Data Continued (more reports follow)
 * ```
 *
 * node-hid / WebHID / our HidTransport strip the report ID, so by default every offset is
 * one less ({@link HidPosDecoderOptions.hasReportId}). Multi-report symbols are joined
 * until a report without the continuation bit. Pure, no timers (the device calls
 * {@link HidPosDecoder.flush} when a continued symbol stops arriving); never throws.
 */
import { parseAimId } from '../barcode/aim.js';

/** Data bytes one report carries. */
export const HID_POS_DATA_BYTES = 56;
/** Report bytes including the report ID; 63 without it. */
export const HID_POS_REPORT_BYTES = 64;
/** The scanned-data input report's ID in this layout. */
export const HID_POS_SCANNED_DATA_REPORT_ID = 0x02;
/** Default cap on a joined symbol; more is discarded and reported `tooLong`. */
export const MAX_HID_POS_SYMBOL_BYTES = 8192;
/** Flag bit 0: Decode Data Continued (usage 0xFF). */
export const HID_POS_CONTINUED = 0x01;

/** Offsets with the report ID present (§3.2); all one less without it. */
const OFFSET = { length: 1, aim: 2, data: 5, flags: 63 } as const;
/** Some vendors count the 3 AIM bytes in the length: a length up to 56 + 3 is plausible. */
const MAX_PLAUSIBLE_LENGTH = HID_POS_DATA_BYTES + 3;

/** Options of {@link HidPosDecoder}. */
export interface HidPosDecoderOptions {
  /** Reports start with the report ID byte (raw hidraw reads). Default false. */
  readonly hasReportId?: boolean;
  /** With a report ID: reports with any other ID are ignored. Default 0x02. */
  readonly scannedDataReportId?: number;
  /** Default {@link MAX_HID_POS_SYMBOL_BYTES}. */
  readonly maxBytes?: number;
}

/** What a report (or {@link HidPosDecoder.flush}) produced. */
export type HidPosOutcome =
  | {
      readonly kind: 'symbol';
      readonly bytes: Uint8Array;
      /** From the first report of the symbol; null when the scanner sends none. */
      readonly aimId: string | null;
      /** Reports the symbol was spread over. */
      readonly reports: number;
    }
  /** A report that cannot be a scanned-data report, or a continued symbol cut short. */
  | { readonly kind: 'garbled'; readonly reason: string }
  | { readonly kind: 'tooLong'; readonly bytes: number }
  /** Another report of the device (trigger, attribute), or an empty one: nothing to do. */
  | { readonly kind: 'ignored'; readonly reason: string };

interface ParsedReport {
  readonly data: Uint8Array;
  readonly aimId: string | null;
  readonly isContinued: boolean;
}

/**
 * ```ts
 * const decoder = new HidPosDecoder();
 * transport.onData((report) => decoder.push(report).forEach(handle));
 * ```
 */
export class HidPosDecoder {
  readonly #shift: number;
  readonly #reportId: number;
  readonly #maxBytes: number;
  #parts: Uint8Array[] = [];
  #length = 0;
  #reports = 0;
  #aimId: string | null = null;

  constructor(options: HidPosDecoderOptions = {}) {
    this.#shift = options.hasReportId === true ? 0 : -1;
    this.#reportId = options.hasReportId === true ? (options.scannedDataReportId ?? HID_POS_SCANNED_DATA_REPORT_ID) : -1;
    this.#maxBytes = options.maxBytes ?? MAX_HID_POS_SYMBOL_BYTES;
  }

  /** Bytes of one whole report in this layout. */
  get reportSize(): number {
    return HID_POS_REPORT_BYTES + this.#shift;
  }

  /** A continued symbol is waiting for its next report. */
  get hasPending(): boolean {
    return this.#reports > 0;
  }

  /** Feeds one input report; returns at most one outcome. */
  push(report: Uint8Array): HidPosOutcome[] {
    if (this.#reportId >= 0 && report.length > 0 && report[0] !== this.#reportId) {
      return [{ kind: 'ignored', reason: `report ID ${report[0] ?? 0}` }];
    }
    const parsed = this.#parse(report);
    if (typeof parsed === 'string') {
      // A broken report in the middle of a symbol breaks the symbol too.
      this.#clear();
      return [{ kind: 'garbled', reason: parsed }];
    }
    if (this.#reports === 0 && parsed.data.length === 0 && !parsed.isContinued) {
      return [{ kind: 'ignored', reason: 'no data' }];
    }
    if (this.#reports === 0) this.#aimId = parsed.aimId;
    this.#reports += 1;
    this.#length += parsed.data.length;
    if (this.#length <= this.#maxBytes) this.#parts.push(parsed.data);
    if (parsed.isContinued) return [];
    return [this.#complete()];
  }

  /** Gives up on a continued symbol whose next report never came (device's idle gap). */
  flush(): HidPosOutcome | null {
    if (this.#reports === 0) return null;
    const reports = this.#reports;
    this.#clear();
    return { kind: 'garbled', reason: `symbol cut short after ${reports} report(s)` };
  }

  /** Drops a partial symbol (link lost). */
  reset(): void {
    this.#clear();
  }

  /** The report's fields, or why it is garbled. */
  #parse(report: Uint8Array): ParsedReport | string {
    const flagsAt = OFFSET.flags + this.#shift;
    if (report.length <= flagsAt) return `short report (${report.length} bytes, need ${flagsAt + 1})`;
    const declared = report[OFFSET.length + this.#shift] ?? 0;
    if (declared > MAX_PLAUSIBLE_LENGTH) return `length ${declared} > ${MAX_PLAUSIBLE_LENGTH}`;
    const aimAt = OFFSET.aim + this.#shift;
    const aimFlag = report[aimAt] ?? 0;
    const aimId = parseAimId(report, aimAt);
    const hasNoAim = aimFlag === 0 && report[aimAt + 1] === 0 && report[aimAt + 2] === 0;
    if (aimId === null && !hasNoAim) return 'bytes 2–4 are neither an AIM id nor zero';
    const dataAt = OFFSET.data + this.#shift;
    const slice = report.subarray(dataAt, dataAt + Math.min(declared, HID_POS_DATA_BYTES));
    // Vendors differ on whether the length counts the AIM id, so up to three bytes past the
    // data may be padding: strip trailing zeros (text symbols never end in NUL).
    let end = slice.length;
    while (end > 0 && slice[end - 1] === 0) end -= 1;
    const flags = report[flagsAt] ?? 0;
    return { data: slice.slice(0, end), aimId, isContinued: (flags & HID_POS_CONTINUED) !== 0 };
  }

  #complete(): HidPosOutcome {
    const length = this.#length;
    const outcome: HidPosOutcome =
      length > this.#maxBytes
        ? { kind: 'tooLong', bytes: length }
        : { kind: 'symbol', bytes: concat(this.#parts, length), aimId: this.#aimId, reports: this.#reports };
    this.#clear();
    return outcome;
  }

  #clear(): void {
    this.#parts = [];
    this.#length = 0;
    this.#reports = 0;
    this.#aimId = null;
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Encodes one scanned-data report (simulator, tests). `data` is at most 56 bytes;
 * `lengthCountsAim` mimics vendors whose length byte includes the 3 AIM bytes.
 */
export function encodeHidPosReport(
  data: Uint8Array,
  options: { readonly aimId?: Uint8Array | null; readonly isContinued?: boolean; readonly hasReportId?: boolean; readonly lengthCountsAim?: boolean } = {},
): Uint8Array {
  const shift = options.hasReportId === true ? 0 : -1;
  const report = new Uint8Array(HID_POS_REPORT_BYTES + shift);
  if (options.hasReportId === true) report[0] = HID_POS_SCANNED_DATA_REPORT_ID;
  const body = data.subarray(0, HID_POS_DATA_BYTES);
  const aim = options.aimId ?? null;
  report[OFFSET.length + shift] = body.length + (options.lengthCountsAim === true && aim !== null ? 3 : 0);
  if (aim !== null) report.set(aim.subarray(0, 3), OFFSET.aim + shift);
  report.set(body, OFFSET.data + shift);
  report[OFFSET.flags + shift] = options.isContinued === true ? HID_POS_CONTINUED : 0;
  return report;
}
