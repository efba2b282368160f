/**
 * Scripted faults of the evaluation-pad simulator (protocols.md §4.3: no answer, double
 * press, disconnect mid-prompt; plus line noise). Mutable: set or clear fields at any time.
 */

export interface EvaluationPadFaults {
  /** The pad is dead: it records commands but never acks, answers or presses. */
  noAnswer?: boolean | undefined;
  /** Every press is sent twice (a bouncing button, an impatient citizen). */
  doublePress?: boolean | undefined;
  /**
   * Serial pads: right after acking the next `S`, the pad's side of the link goes away
   * (a memory link is disconnected, any other transport closed). One-shot: the simulator
   * clears it when it fires, so the replugged pad behaves.
   */
  unplugMidPrompt?: boolean | undefined;
  /**
   * Noise before every frame (serial) or report (HID): `true` for {@link DEFAULT_PAD_GARBAGE}
   * (or {@link DEFAULT_HID_GARBAGE}), or the bytes to send.
   */
  garbage?: boolean | Uint8Array | undefined;
}

/**
 * Serial noise that exercises every resync path of the framer: stray bytes, an STX with
 * an impossible LEN, a candidate with a wrong ETX, and a trailing lone STX.
 */
export const DEFAULT_PAD_GARBAGE = Uint8Array.of(0x00, 0xff, 0x55, 0x02, 0x01, 0x4b, 0x7f, 0x02, 0x03, 0x55, 0x00, 0x04, 0xaa, 0x02);

/** A HID read too short to be a boot report, then an ErrorRollOver report. */
export const DEFAULT_HID_GARBAGE = Uint8Array.of(0x00, 0x00);
/** ErrorRollOver (§3.1: 01 in every key slot), sent after {@link DEFAULT_HID_GARBAGE}. */
export const HID_ROLL_OVER_REPORT = Uint8Array.of(0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01);
