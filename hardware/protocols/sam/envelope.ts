/**
 * Pluggable link envelopes around SAM frames (shared/protocols.md §1.1: "Treat all HID
 * envelopes as pluggable codecs"). UART and USB-CDC carry the frames as-is (`none`); HID
 * readers tunnel them in vendor reports (`miaxis-hid-envelope.ts`). Pure: no I/O.
 *
 * A codec has a side: the host wraps requests and unwraps responses; the device (the
 * simulator) wraps responses and unwraps requests. Both sides use the same byte rules so
 * the simulator speaks exactly what the driver expects.
 */

/** Which end of the link a codec serves. */
export type EnvelopeSide = 'host' | 'device';

/**
 * Why envelope bytes were dropped: `badHeader` (wrong marker or too short), `badLength`,
 * `badChecksum` (sum16), `sequenceGap` (a report missing from a multi-report response;
 * the partial response is dropped too), `stale` (partial state dropped by `reset()`).
 */
export type EnvelopeDiscardReason = 'badHeader' | 'badLength' | 'badChecksum' | 'sequenceGap' | 'stale';

export type SamEnvelopeEvent =
  /** SAM bytes for the frame parser (`SamFramer`), in order. */
  | { readonly kind: 'sam'; readonly bytes: Uint8Array }
  /** A well-formed report carrying a vendor command instead of a SAM frame. */
  | { readonly kind: 'vendor'; readonly command: number; readonly payload: Uint8Array }
  | { readonly kind: 'discarded'; readonly bytes: number; readonly reason: EnvelopeDiscardReason };

/**
 * One side of a link envelope. `unwrap`/`wrap`/`reset` match the device layer's
 * `SamEnvelope` shape, so a codec can be passed where that is expected.
 */
export interface SamEnvelopeCodec {
  /** `none` or the vendor envelope's name, for logs and `doctor`. */
  readonly name: string;
  /** Chunks to write for one SAM frame, one `write` each (one HID report each). */
  wrap(frame: Uint8Array): readonly Uint8Array[];
  /** Interprets one received chunk (one HID report). Never throws. */
  push(chunk: Uint8Array): SamEnvelopeEvent[];
  /** The SAM bytes of `push(chunk)`, discards dropped: the shape the device layer uses. */
  unwrap(chunk: Uint8Array): Uint8Array;
  /** Drops partial reassembly (before each command, after reconnect). */
  reset(): SamEnvelopeEvent[];
}

/** Concatenates the SAM bytes of a list of events. */
export function samBytesOf(events: readonly SamEnvelopeEvent[]): Uint8Array {
  const parts = events.flatMap((e) => (e.kind === 'sam' ? [e.bytes] : []));
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** UART / USB-CDC: the byte stream is the SAM frames (§1.1). Same on both sides. */
export function noneEnvelope(): SamEnvelopeCodec {
  return {
    name: 'none',
    wrap: (frame) => [frame],
    push: (chunk) => (chunk.length > 0 ? [{ kind: 'sam', bytes: chunk }] : []),
    unwrap: (chunk) => chunk,
    reset: () => [],
  };
}
