/**
 * Options and default timings of `EvaluationPad`. Every wait can be overridden, so
 * tests can shorten them and a site can lengthen them for a slow RS-485 converter.
 */
import type { Clock } from '../../clock.js';
import type { VendorCodeTable } from '../../protocols/evaluation-pad/code-table.js';
import type { HidKeyTable } from '../../protocols/evaluation-pad/hid-pad-keys.js';
import type { Transport } from '../../transports/transport.js';
import type { ReconnectOptions } from '../reconnect.js';
import type { EvaluationPadKind } from './events.js';

/** A serial pad acks `S`/`C` at once; 1 s covers a slow RS-485 converter and 9600 bps. */
export const ACK_TIMEOUT_MS = 1_000;
/** A partial frame followed by this much silence is line noise (38 bytes take 40 ms). */
export const INTER_BYTE_TIMEOUT_MS = 100;
/** A write the OS has not accepted within this time means a stuck link. */
export const WRITE_TIMEOUT_MS = 1_000;
export { RECONNECT_INITIAL_DELAY_MS, RECONNECT_MAX_DELAY_MS } from '../reconnect.js';

export interface EvaluationPadOptions extends ReconnectOptions {
  readonly transport: Transport;
  readonly kind: EvaluationPadKind;
  /** Serial pads: multi-drop address 1–254. Default `DEFAULT_PAD_ADDRESS` (1). */
  readonly address?: number;
  /** Serial pads: vendor key code → level. Default `DEFAULT_CODE_TABLE`. */
  readonly codeTable?: VendorCodeTable;
  /** HID pads: usage → level. Default `DEFAULT_HID_KEY_TABLE`. */
  readonly keyTable?: HidKeyTable;
  readonly clock?: Clock;
  /** HID pads: each report starts with a report-ID byte. Default false. */
  readonly hasReportId?: boolean;
  /**
   * Serial pads: wait for the ack of `S` and for a query reply.
   * Default {@link ACK_TIMEOUT_MS}.
   */
  readonly ackTimeoutMs?: number;
  /** Default {@link INTER_BYTE_TIMEOUT_MS}. */
  readonly interByteTimeoutMs?: number;
  /** Default {@link WRITE_TIMEOUT_MS}. */
  readonly writeTimeoutMs?: number;
}
