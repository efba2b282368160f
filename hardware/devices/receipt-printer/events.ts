/**
 * Event payloads of {@link ReceiptPrinter} (UnifiedPOS words: StatusUpdate, Error,
 * OutputComplete).
 */
import type { PrinterStatus } from '../../protocols/escpos/status.js';

/** What changed about the printer, as a tagged union (style.md "Driver pattern"). */
export type PrinterStatusUpdate =
  /** A status read by query or pushed by ASB. Sent when it differs from the last one. */
  | { readonly kind: 'status'; readonly status: PrinterStatus; readonly source: 'query' | 'asb' }
  /** The link is up but the printer does not answer status queries (off, dead, cable). */
  | { readonly kind: 'noReply' }
  /** The link went away (USB unplug, pty hang-up): UnifiedPOS power state "off". */
  | { readonly kind: 'powerOff'; readonly detail: string }
  /** The link is back and the printer answered a status query after the reconnect. */
  | { readonly kind: 'powerOn'; readonly status: PrinterStatus };

/** A job the printer confirmed as processed. */
export interface OutputComplete {
  /** Job size in bytes as given to `print`. */
  readonly bytes: number;
  /** From the start of `print` to confirmation, on the injected clock. */
  readonly durationMs: number;
  /** Status read after the job (e.g. paper near end). */
  readonly status: PrinterStatus;
}

/** Whether the device is doing something (UnifiedPOS State). */
export type PrinterState = 'idle' | 'busy' | 'error';

/** Link / power condition (UnifiedPOS PowerState, simplified). */
export type PrinterPowerState = 'unknown' | 'online' | 'offline' | 'off';
