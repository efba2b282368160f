/**
 * How SAM frames travel on the link (protocols.md §1.1): as-is on UART / USB-CDC, or
 * tunnelled in vendor reports (HID). The reader and the simulator only see whole byte
 * streams of SAM frames; an envelope translates at the transport boundary.
 */

/** Host side of a link envelope. Implementations keep their own reassembly state. */
export interface SamEnvelope {
  /** Bytes to write for one SAM request frame, one `write` per element (one HID report each). */
  wrap(frame: Uint8Array): readonly Uint8Array[];
  /** SAM bytes carried by one received chunk (may be empty while a report is incomplete). */
  unwrap(chunk: Uint8Array): Uint8Array;
  /** Drops partial reassembly state (before each command, after reconnect). */
  reset(): void;
}

/** UART / USB-CDC: the SAM frames are the byte stream. */
export const PASSTHROUGH_ENVELOPE: SamEnvelope = {
  wrap: (frame) => [frame],
  unwrap: (chunk) => chunk,
  reset: () => undefined,
};
