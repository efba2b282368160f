/**
 * Event payloads of {@link IdCardReader} (UnifiedPOS words: DataEvent, StatusUpdate,
 * Error). Card payloads are personal data (protocols.md §1.9 "Privacy", reliability.md
 * R-P2): hand them to the service that needs them, never to a log.
 */
import type { IdCardText } from '../../protocols/sam/id-card-text.js';

/** One card read, reported once per presentation. */
export interface CardRead {
  /** Decoded text block (§1.6); the card type is in `text.cardType`. */
  readonly text: IdCardText;
  /** The 1024-byte WLT photo, undecoded (§1.8). */
  readonly photo: Uint8Array;
  /**
   * Fingerprint templates, only when the reader was built with `isFingerprintRead` and the
   * card has them; otherwise null (biometric data, R-P1).
   */
  readonly fingerprint: Uint8Array | null;
  /** Consistency warnings from the text decoder (e.g. ID check digit); no card data. */
  readonly warnings: readonly string[];
  /** From the FIND that saw the card to the decoded read, on the injected clock. */
  readonly durationMs: number;
}

/**
 * Why a read did not produce a card (a closed set the UI maps to words):
 * - `cardMoved`: SW3 41/31/32/33 or a reply cut short (§1.9) — "请不要移动身份证";
 * - `unsupportedCard`: SW3 40, not a card type the SAM knows;
 * - `badCardData`: the reply arrived but the text block does not decode (R-V6);
 * - `noReply` / `badFrame`: the reply did not arrive or was corrupt, twice (one silent
 *   retry via FIND + SELECT first);
 * - `readerFault`: the SAM reported a fault (60/66) or rejected our frame (10/11/21);
 * - `cardError`: any other SW3 (23, 24, 34, 47, unknown).
 */
export type ReadFailedReason = 'cardMoved' | 'unsupportedCard' | 'badCardData' | 'noReply' | 'badFrame' | 'readerFault' | 'cardError';

export interface ReadFailed {
  readonly reason: ReadFailedReason;
  /** The SW3 that ended the read, when the module sent one. */
  readonly sw3?: number;
  /** Technician words; never contains card data. */
  readonly detail: string;
}

/** A card that produced a READ reply (cardRead or readFailed `badCardData`) left the field. */
export interface CardRemoved {
  /** How long the card was on the reader after it was read, on the injected clock. */
  readonly presentMs: number;
}

/** XFS4IoT-style recovery action for the `faulty` status. */
export type RecoveryAction = 'reset' | 'maintenance';

/** What changed about the reader, as a tagged union (style.md "Driver pattern"). */
export type IdCardReaderStatusUpdate =
  /** The SAM answered a status check: ready to read cards (after enable or recovery). */
  | { readonly kind: 'ready' }
  /** The link is up but the module does not answer (power, cable, firmware hang). */
  | { readonly kind: 'noReply' }
  /**
   * A `10 FF` reset is under way: automatic after SAM fault `sw3` (R-V5; `attempt` counts
   * automatic resets in the window), or requested by `reset()` (no `sw3`).
   */
  | { readonly kind: 'resetting'; readonly sw3?: number; readonly attempt: number }
  /** The reader cannot be used until someone acts (R-V5: after the automatic resets). */
  | { readonly kind: 'faulty'; readonly action: RecoveryAction; readonly sw3?: number; readonly detail: string }
  /** The link went away (USB unplug, pty hang-up): UnifiedPOS power state "off". */
  | { readonly kind: 'powerOff'; readonly detail: string }
  /** The link is back and the SAM passed its status check (R-V4). */
  | { readonly kind: 'powerOn' };

/** Condition of the reader as the last status update said. */
export type IdCardReaderCondition = 'unknown' | 'online' | 'noReply' | 'resetting' | 'faulty' | 'powerOff';

/** Whether the device is doing something (UnifiedPOS State). */
export type IdCardReaderState = 'idle' | 'busy' | 'error';
