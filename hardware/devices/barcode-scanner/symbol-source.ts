/**
 * One pipeline per scanner mode, from transport chunks to {@link ScannedCode}s: report
 * reassembly (HID modes), the mode's decoder or framer, then charset detection. Pure and
 * timer-free like the codecs; the device class owns the idle timer and calls `flush`.
 */
import { symbologyOf } from '../../protocols/barcode/aim.js';
import { decodeSymbolBytes, type SymbolCharset } from '../../protocols/barcode/qr-text.js';
import { SerialFramer, type SerialFrame, type SerialSuffix } from '../../protocols/barcode/serial-framer.js';
import { BOOT_REPORT_BYTES } from '../../protocols/hid-keyboard/boot-report.js';
import { WedgeDecoder, type AltCodeMode, type WedgeResult, type WedgeTerminatorKey } from '../../protocols/hid-keyboard/wedge-decoder.js';
import { HID_POS_REPORT_BYTES, HidPosDecoder, type HidPosOutcome } from '../../protocols/hid-pos/hid-pos-decoder.js';
import type { BarcodeScannerMode, ScanFailed, ScannedCode } from './events.js';

/** QR version 40-L in byte mode: the longest payload a scanner can hand over. */
export const QR_MAX_BYTES = 2953;
/** Keyboard wedge: flush a symbol without suffix this long after the last report. */
export const KEYBOARD_IDLE_GAP_MS = 100;
/** HID POS: give up on a continued symbol this long after its last report. */
export const HID_POS_IDLE_GAP_MS = 200;
/** Serial: frame a symbol without suffix this long after its last byte (§3.3: 50–100 ms). */
export const SERIAL_IDLE_GAP_MS = 80;

/** Keyboard-wedge settings (§3.1); match the scanner's configuration. */
export interface HidKeyboardSettings {
  readonly hasReportId?: boolean;
  /** Default `['enter']`. */
  readonly terminators?: readonly WedgeTerminatorKey[];
  /** The scanner's Alt+numpad setting. Default `unicode`. */
  readonly altCodes?: AltCodeMode;
  /** Default {@link KEYBOARD_IDLE_GAP_MS}. */
  readonly idleGapMs?: number;
  /** Bytes per report. Default 8, or 9 with a report ID. */
  readonly reportSize?: number;
}

/** HID POS settings (§3.2). */
export interface HidPosSettings {
  /** Default false: HidTransport strips the report ID (§3.2). */
  readonly hasReportId?: boolean;
  /** Default {@link HID_POS_IDLE_GAP_MS}. */
  readonly idleGapMs?: number;
  /** Bytes per report. Default 63, or 64 with a report ID. */
  readonly reportSize?: number;
}

/** Serial / USB-CDC settings (§3.3); match the scanner's configuration. */
export interface SerialSettings {
  /** Default `auto` (CR, LF or CRLF). */
  readonly suffix?: SerialSuffix;
  /** Default {@link SERIAL_IDLE_GAP_MS}. */
  readonly idleGapMs?: number;
  /** Symbols start with an AIM id. Default false. */
  readonly hasAimPrefix?: boolean;
}

/** What a pipeline produced. */
export type SourceOutcome = { readonly kind: 'scan'; readonly scan: ScannedCode } | { readonly kind: 'failed'; readonly failed: ScanFailed };

/** A mode's pipeline: chunks in, outcomes out; the caller owns the idle timer. */
export interface SymbolSource {
  readonly mode: BarcodeScannerMode;
  readonly idleGapMs: number;
  /** A symbol has started and not ended. */
  readonly hasPending: boolean;
  push(chunk: Uint8Array): SourceOutcome[];
  /** Called after `idleGapMs` without data. */
  flush(): SourceOutcome[];
  /** Forgets partial reports and symbols (link lost). */
  reset(): void;
}

/** Input of {@link createSymbolSource}: only the settings of `mode` are used. */
export interface SymbolSourceSettings {
  readonly mode: BarcodeScannerMode;
  readonly maxSymbolBytes: number;
  readonly hidKeyboard?: HidKeyboardSettings;
  readonly hidPos?: HidPosSettings;
  readonly serial?: SerialSettings;
}

/**
 * Cuts a byte stream into fixed-size reports. HidTransport hands over one report per
 * chunk already; a memory pair or a capture may split or join them.
 */
class ReportAssembler {
  readonly #size: number;
  #pending = new Uint8Array(0);

  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.#pending.length === 0 && chunk.length === this.#size) return [chunk];
    const joined = new Uint8Array(this.#pending.length + chunk.length);
    joined.set(this.#pending);
    joined.set(chunk, this.#pending.length);
    const reports: Uint8Array[] = [];
    let offset = 0;
    for (; offset + this.#size <= joined.length; offset += this.#size) reports.push(joined.slice(offset, offset + this.#size));
    this.#pending = joined.slice(offset);
    return reports;
  }

  reset(): void {
    this.#pending = new Uint8Array(0);
  }
}

const failed = (mode: BarcodeScannerMode, reason: ScanFailed['reason'], detail: string): SourceOutcome => ({
  kind: 'failed',
  failed: { reason, source: mode, detail },
});

/** Builds a scan from payload bytes (HID POS, serial): charset detection per §3.4. */
function byteScan(mode: BarcodeScannerMode, bytes: Uint8Array, aimId: string | null, maxBytes: number): SourceOutcome {
  if (bytes.length > maxBytes) return failed(mode, 'tooLong', `${bytes.length} bytes > ${maxBytes}`);
  const decoded = decodeSymbolBytes(bytes, { aimId });
  if (decoded.text.includes('\ufffd')) return failed(mode, 'undecodable', `${bytes.length} bytes do not fit ${decoded.charset}`);
  return {
    kind: 'scan',
    scan: {
      text: decoded.text,
      bytes,
      aimId,
      symbology: aimId === null ? null : symbologyOf(aimId),
      charset: decoded.charset,
      isCharsetUncertain: decoded.isUncertain,
      source: mode,
    },
  };
}

function keyboardSource(settings: HidKeyboardSettings, maxBytes: number): SymbolSource {
  const hasReportId = settings.hasReportId ?? false;
  const altCodes = settings.altCodes ?? 'unicode';
  const assembler = new ReportAssembler(settings.reportSize ?? BOOT_REPORT_BYTES + (hasReportId ? 1 : 0));
  const decoder = new WedgeDecoder({ hasReportId, altCodes, ...(settings.terminators === undefined ? {} : { terminators: settings.terminators }) });
  const toOutcome = (result: WedgeResult): SourceOutcome => {
    if (result.kind === 'tooLong') return failed('hidKeyboard', 'tooLong', `${result.chars} characters`);
    if (result.droppedAltCodes > 0) return failed('hidKeyboard', 'undecodable', `${result.droppedAltCodes} Alt code(s) are no character in ${altCodes} mode`);
    const bytes = new TextEncoder().encode(result.text);
    if (bytes.length > maxBytes) return failed('hidKeyboard', 'tooLong', `${bytes.length} bytes > ${maxBytes}`);
    const isAscii = bytes.every((byte) => byte < 0x80);
    const charset: SymbolCharset = isAscii ? 'ascii' : altCodes === 'gbk' ? 'gb18030' : 'utf-8';
    return {
      kind: 'scan',
      scan: { text: result.text, bytes, aimId: null, symbology: null, charset, isCharsetUncertain: false, source: 'hidKeyboard' },
    };
  };
  return {
    mode: 'hidKeyboard',
    idleGapMs: settings.idleGapMs ?? KEYBOARD_IDLE_GAP_MS,
    get hasPending() {
      return decoder.hasPending;
    },
    push: (chunk) => assembler.push(chunk).flatMap((report) => decoder.push(report).map(toOutcome)),
    flush: () => {
      const result = decoder.flush();
      return result === null ? [] : [toOutcome(result)];
    },
    reset: () => {
      assembler.reset();
      decoder.reset();
    },
  };
}

function hidPosSource(settings: HidPosSettings, maxBytes: number): SymbolSource {
  const hasReportId = settings.hasReportId ?? false;
  const assembler = new ReportAssembler(settings.reportSize ?? HID_POS_REPORT_BYTES - (hasReportId ? 0 : 1));
  const decoder = new HidPosDecoder({ hasReportId, maxBytes });
  const toOutcomes = (outcome: HidPosOutcome): SourceOutcome[] => {
    switch (outcome.kind) {
      case 'symbol':
        return [byteScan('hidPos', outcome.bytes, outcome.aimId, maxBytes)];
      case 'garbled':
        return [failed('hidPos', 'garbled', outcome.reason)];
      case 'tooLong':
        return [failed('hidPos', 'tooLong', `${outcome.bytes} bytes > ${maxBytes}`)];
      case 'ignored':
        return [];
    }
  };
  return {
    mode: 'hidPos',
    idleGapMs: settings.idleGapMs ?? HID_POS_IDLE_GAP_MS,
    get hasPending() {
      return decoder.hasPending;
    },
    push: (chunk) => assembler.push(chunk).flatMap((report) => decoder.push(report).flatMap(toOutcomes)),
    flush: () => {
      const outcome = decoder.flush();
      return outcome === null ? [] : toOutcomes(outcome);
    },
    reset: () => {
      assembler.reset();
      decoder.reset();
    },
  };
}

function serialSource(settings: SerialSettings, maxBytes: number): SymbolSource {
  const hasAimPrefix = settings.hasAimPrefix ?? false;
  // The framer counts the AIM id; the cap is on the payload.
  const framer = new SerialFramer({ suffix: settings.suffix ?? 'auto', hasAimPrefix, maxBytes: maxBytes + (hasAimPrefix ? 3 : 0) });
  const toOutcome = (frame: SerialFrame): SourceOutcome =>
    frame.kind === 'tooLong' ? failed('serial', 'tooLong', `${frame.bytes} bytes > ${maxBytes}`) : byteScan('serial', frame.bytes, frame.aimId, maxBytes);
  return {
    mode: 'serial',
    idleGapMs: settings.idleGapMs ?? SERIAL_IDLE_GAP_MS,
    get hasPending() {
      return framer.hasPending;
    },
    push: (chunk) => framer.push(chunk).map(toOutcome),
    flush: () => {
      const frame = framer.flush();
      return frame === null ? [] : [toOutcome(frame)];
    },
    reset: () => framer.reset(),
  };
}

/** The pipeline for `settings.mode`. */
export function createSymbolSource(settings: SymbolSourceSettings): SymbolSource {
  switch (settings.mode) {
    case 'hidKeyboard':
      return keyboardSource(settings.hidKeyboard ?? {}, settings.maxSymbolBytes);
    case 'hidPos':
      return hidPosSource(settings.hidPos ?? {}, settings.maxSymbolBytes);
    case 'serial':
      return serialSource(settings.serial ?? {}, settings.maxSymbolBytes);
  }
}
