/**
 * Event payloads of {@link BarcodeScanner} (UnifiedPOS Scanner words: DataEvent,
 * ErrorEvent, StatusUpdate). Scanned text may be personal data (a 办件回执 code, an ID
 * number in a health code): hand it to the service that asked, never to a log.
 */
import type { SymbolCharset } from '../../protocols/barcode/qr-text.js';

/** How the scanner talks to the kiosk (a scanner setting; protocols.md §3.1–§3.3). */
export type BarcodeScannerMode = 'hidKeyboard' | 'hidPos' | 'serial';

/** One symbol read. A double scan is two events: the service dedupes, not the driver. */
export interface ScannedCode {
  /** Decoded text, without AIM id and suffix. */
  readonly text: string;
  /**
   * The payload as the scanner sent it (HID POS, serial). In keyboard-wedge mode the keys
   * are all there is, so this is the UTF-8 of `text`.
   */
  readonly bytes: Uint8Array;
  /** AIM symbology id (`]Q1`), when the scanner sends one. */
  readonly aimId: string | null;
  /** From the AIM id (`qr`, `ean13`, `code128`…), else null. */
  readonly symbology: string | null;
  /** How `bytes` were read (protocols.md §3.4); the configured Alt-code mode for wedges. */
  readonly charset: SymbolCharset;
  /** The charset was a guess with little evidence (Latin-1 fallback, odd GB18030). */
  readonly isCharsetUncertain: boolean;
  readonly source: BarcodeScannerMode;
}

/**
 * Why a symbol was received but not delivered:
 * - `tooLong`: longer than `maxSymbolBytes` (or the decoder's cap): not a code we read;
 * - `garbled`: HID POS reports that cannot be scanned-data reports, or a multi-report
 *   symbol cut short;
 * - `undecodable`: the bytes arrived but part of the text cannot be read (Alt+numpad
 *   numbers that are no character, bytes that do not fit the ECI's charset).
 */
export type ScanFailedReason = 'tooLong' | 'garbled' | 'undecodable';

/** A symbol that arrived while enabled but is not delivered (`onScanFailed`). */
export interface ScanFailed {
  readonly reason: ScanFailedReason;
  readonly source: BarcodeScannerMode;
  /** Technician words: lengths and counts, never scanned content. */
  readonly detail: string;
}

/** What changed about the scanner, as a tagged union (style.md "Driver pattern"). */
export type BarcodeScannerStatusUpdate =
  /** The link went away (USB unplug, pty hang-up): UnifiedPOS power state "off". */
  | { readonly kind: 'powerOff'; readonly detail: string }
  /** The link is back after a reconnect. */
  | { readonly kind: 'powerOn' };

/**
 * `unknown` before the first successful open; `online` while the link is up; `powerOff`
 * after an unplug until the link is back. A scanner has no status query: a link that is
 * up is all we can know.
 */
export type BarcodeScannerCondition = 'online' | 'powerOff' | 'unknown';
