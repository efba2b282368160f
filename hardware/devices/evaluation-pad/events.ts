/**
 * Request, result and event types of `EvaluationPad` (protocols.md §4.3 driver
 * contract; UnifiedPOS words for status).
 */
import type { EvaluationLevel } from '../../protocols/evaluation-pad/code-table.js';

/** How the pad is attached: serial frames (serial-pad-frame.ts) or HID keyboard reports. */
export type EvaluationPadKind = 'serial' | 'hidKeyboard';

/**
 * One request for a rating. The case, window and staff IDs are what the service binds the
 * rating to (§4.1); the pad itself never sees them, and the device never logs them.
 */
export interface EvaluationRequest {
  /** 办件编号 of the case being rated, if any. */
  readonly caseNumber: string | null;
  readonly windowId: string | null;
  readonly staffId: string | null;
  /**
   * How long the citizen has to press a button, in ms, counted from the moment the pad
   * shows the prompt (its ack for serial pads). §4.2: vendors use about 10 s.
   */
  readonly timeoutMs: number;
  /** Serial pads: which voice/text prompt to show, 0–255; omitted = the pad's default. */
  readonly promptId?: number;
}

/**
 * What came of a request. `timeout` is recorded as "not rated" by the service, never as a
 * level (§4.1).
 */
export type PadEvaluation =
  | {
      readonly outcome: 'rated';
      readonly level: EvaluationLevel;
      /** The vendor key code or HID usage that was pressed, e.g. `0x35`. */
      readonly keyCode: string;
      /** When the press arrived, on the injected clock (ms). */
      readonly at: number;
    }
  | { readonly outcome: 'timeout' }
  | { readonly outcome: 'cancelled' };

/**
 * Where the evaluation cycle stands (§4.3): `idle → prompting → awaiting → (rated |
 * timeout | cancelled | deviceError) → idle`. The four end states are passed through on
 * the way back to `idle`, so listeners see them; `state` reads `idle` once a request has
 * returned.
 */
export type EvaluationPadState = 'idle' | 'prompting' | 'awaiting' | 'rated' | 'timeout' | 'cancelled' | 'deviceError';

/**
 * Link condition: `unknown` before first contact, `online` after the pad answered (or the
 * HID link opened), `noReply` when a serial pad stopped answering, `powerOff` while the link
 * is gone (unplug).
 */
export type EvaluationPadCondition = 'unknown' | 'online' | 'noReply' | 'powerOff';

/** What changed about the pad, as a tagged union (style.md "Driver pattern"). */
export type EvaluationPadStatusUpdate =
  /** The pad answered (serial) or its link opened (HID). */
  | { readonly kind: 'online' }
  /** The link is up but a serial pad does not answer (power, cable, address, baud). */
  | { readonly kind: 'noReply' }
  /** The link went away (USB-serial adapter or HID pad unplugged). */
  | { readonly kind: 'powerOff'; readonly detail: string }
  /** The link is back after a `powerOff` and the pad answered (serial) or opened (HID). */
  | { readonly kind: 'powerOn' };

/** A serial pad's answer to a query (technician test, auto-detect). */
export interface PadIdentity {
  readonly model: string;
  readonly firmware: string;
}
