/**
 * Scripted faults of the ID-card reader simulator (protocols.md §1.10; reliability.md
 * table (c) "ID-card reader frames"). Persistent faults stay until changed; one-shot faults
 * apply to the next matching command and are then used up.
 */
import type { SamCommandName } from '../../protocols/sam/frame.js';

/** Split each reply into chunks of `minChunk..maxChunk` bytes with `0..maxGapMs` between. */
export interface SplitDelivery {
  readonly minChunk: number;
  readonly maxChunk: number;
  readonly maxGapMs: number;
}

/** Faults that stay until changed. Mutable: set or clear fields at any time. */
export interface IdCardReaderFaults {
  /** Sent right before every reply (noise after power-up / hot-plug, §1.9). */
  garbageBeforeReply?: Uint8Array | undefined;
  /** Replies arrive in pieces (§1.10: 1–64 B chunks, 0–50 ms gaps). */
  split?: SplitDelivery | undefined;
  /** Every reply is sent this many ms late. */
  replyDelayMs?: number | undefined;
  /** No replies at all (module dead, TX broken). */
  isMute?: boolean | undefined;
}

/** Faults that hit the next command matching `on` (any command when absent), once. */
export type OneShotFault =
  /** The reply's CHK is wrong (line noise). */
  | { readonly kind: 'badChecksum'; readonly on?: SamCommandName }
  /** The reply is sent `ms` late (R-V3). */
  | { readonly kind: 'delayReply'; readonly ms: number; readonly on?: SamCommandName }
  /** No reply to that command. */
  | { readonly kind: 'noReply'; readonly on?: SamCommandName }
  /** Answer with this SW3 and no data instead (e.g. 40, 31, 10 for driver-bug paths). */
  | { readonly kind: 'answer'; readonly sw3: number; readonly on?: SamCommandName }
  /**
   * The card is pulled away during the next READ: the module answers SW3 41 (`sw41`), or
   * the reply stops after `truncateAt` bytes (default: half) and nothing more comes
   * (`truncate`). Either way the card is then absent (§1.9).
   */
  | { readonly kind: 'removeMidRead'; readonly mode: 'sw41' | 'truncate'; readonly truncateAt?: number };

/** §1.10 default split: 1–64 B chunks with 0–50 ms gaps. */
export const DEFAULT_SPLIT: SplitDelivery = { minChunk: 1, maxChunk: 64, maxGapMs: 50 };

/** Garbage as seen after a hot-plug: line noise, a partial preamble, a bogus LEN. */
export const DEFAULT_GARBAGE = Uint8Array.of(0x00, 0xff, 0x3c, 0xaa, 0xaa, 0x96, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x17, 0xaa, 0xaa);

export function isReadCommand(command: SamCommandName | 'unknown'): boolean {
  return command === 'readTextAndPhoto' || command === 'readWithFingerprint';
}

export function matches(fault: OneShotFault, command: SamCommandName | 'unknown'): boolean {
  if (fault.kind === 'removeMidRead') return isReadCommand(command);
  return fault.on === undefined || fault.on === command;
}
