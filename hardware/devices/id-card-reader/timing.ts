/**
 * Deadlines and intervals of the ID-card reader (protocols.md §1.9 "Timeouts used in public
 * code"; reliability.md R-V1, R-V3, R-V4, R-V5). Every value can be overridden through
 * {@link IdCardReaderTimings}, so tests can shorten them and a site can lengthen them for a
 * slow module.
 */

import type { SamCommandName } from '../../protocols/sam/frame.js';
import { RECONNECT_INITIAL_DELAY_MS, RECONNECT_MAX_DELAY_MS } from '../reconnect.js';

/** FIND is sent at most this often while enabled (§1.9: "poll find every ≥300 ms"). */
export const POLL_INTERVAL_MS = 300;
/** Reply deadline of `20 01` find and `20 02` select (§1.9). */
export const FIND_TIMEOUT_MS = 100;
export const SELECT_TIMEOUT_MS = 100;
/** Reply deadline of `11 FF` SAM status and `12 FF` SAM ID (§1.9). */
export const STATUS_TIMEOUT_MS = 300;
/**
 * Reply deadline of `30 01` text + photo (§1.9). The 1295-byte reply alone takes ≈113 ms on
 * the wire at 115200 baud; RF read and mutual authentication take 0.5–1.5 s.
 */
export const READ_TIMEOUT_MS = 2_000;
/** Reply deadline of `30 10` text + photo + fingerprint (§1.9), up to 2321 bytes. */
export const READ_FINGERPRINT_TIMEOUT_MS = 3_000;
/** Reply deadline of `30 03` appended address (§1.9). */
export const APPENDED_ADDRESS_TIMEOUT_MS = 1_500;
/**
 * Reply deadline of `10 FF` reset. §1.9 gives none; a reset is "like a power cycle" (§1.3),
 * so it gets more than a status query. [likely]
 */
export const RESET_TIMEOUT_MS = 1_000;
/**
 * A partial frame followed by this much silence is stale (§1.2: inter-byte timeout
 * 100–300 ms); during a command it means the reply was cut short (card moved, §1.9).
 */
export const INTER_BYTE_TIMEOUT_MS = 200;
/**
 * After a command failed without a complete reply, no command is sent until the line has
 * been silent this long, so a late reply lands while nothing is waiting and is dropped
 * (R-V3). Longer than any observed lateness of a module that finally answers.
 */
export const STALE_REPLY_GRACE_MS = 500;
/** Upper bound on waiting for a quiet line before a command (a babbling module). */
export const MAX_QUIET_WAIT_MS = 5_000;
/** A write the OS has not accepted within this time means a stuck link. */
export const WRITE_TIMEOUT_MS = 1_000;
/** Consecutive unanswered commands before the status says `noReply`. */
export const NO_REPLY_LIMIT = 3;
/** Automatic `10 FF` resets allowed within {@link RESET_WINDOW_MS} before `maintenance` (R-V5). */
export const MAX_AUTOMATIC_RESETS = 3;
/** Window in which automatic resets are counted (R-V5). */
export const RESET_WINDOW_MS = 10 * 60_000;
/** Wait before the second automatic reset in the window, doubled for the third (R-V5). */
export const RESET_BACKOFF_MS = 1_000;
export { RECONNECT_INITIAL_DELAY_MS, RECONNECT_MAX_DELAY_MS } from '../reconnect.js';

/** Overrides for the defaults above, all in milliseconds. */
export interface IdCardReaderTimings {
  readonly pollIntervalMs?: number;
  readonly findTimeoutMs?: number;
  readonly selectTimeoutMs?: number;
  readonly statusTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly readFingerprintTimeoutMs?: number;
  readonly appendedAddressTimeoutMs?: number;
  readonly resetTimeoutMs?: number;
  readonly interByteTimeoutMs?: number;
  readonly staleReplyGraceMs?: number;
  readonly writeTimeoutMs?: number;
  readonly resetBackoffMs?: number;
  readonly resetWindowMs?: number;
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
}

export type ResolvedTimings = Required<IdCardReaderTimings>;

export function resolveTimings(overrides: IdCardReaderTimings = {}): ResolvedTimings {
  return {
    pollIntervalMs: overrides.pollIntervalMs ?? POLL_INTERVAL_MS,
    findTimeoutMs: overrides.findTimeoutMs ?? FIND_TIMEOUT_MS,
    selectTimeoutMs: overrides.selectTimeoutMs ?? SELECT_TIMEOUT_MS,
    statusTimeoutMs: overrides.statusTimeoutMs ?? STATUS_TIMEOUT_MS,
    readTimeoutMs: overrides.readTimeoutMs ?? READ_TIMEOUT_MS,
    readFingerprintTimeoutMs: overrides.readFingerprintTimeoutMs ?? READ_FINGERPRINT_TIMEOUT_MS,
    appendedAddressTimeoutMs: overrides.appendedAddressTimeoutMs ?? APPENDED_ADDRESS_TIMEOUT_MS,
    resetTimeoutMs: overrides.resetTimeoutMs ?? RESET_TIMEOUT_MS,
    interByteTimeoutMs: overrides.interByteTimeoutMs ?? INTER_BYTE_TIMEOUT_MS,
    staleReplyGraceMs: overrides.staleReplyGraceMs ?? STALE_REPLY_GRACE_MS,
    writeTimeoutMs: overrides.writeTimeoutMs ?? WRITE_TIMEOUT_MS,
    resetBackoffMs: overrides.resetBackoffMs ?? RESET_BACKOFF_MS,
    resetWindowMs: overrides.resetWindowMs ?? RESET_WINDOW_MS,
    reconnectInitialDelayMs: overrides.reconnectInitialDelayMs ?? RECONNECT_INITIAL_DELAY_MS,
    reconnectMaxDelayMs: overrides.reconnectMaxDelayMs ?? RECONNECT_MAX_DELAY_MS,
  };
}

/** The reply deadline of `command` (§1.9; 60/61 get the status deadline). */
export function timeoutFor(timings: ResolvedTimings, command: SamCommandName): number {
  switch (command) {
    case 'findCard':
      return timings.findTimeoutMs;
    case 'selectCard':
      return timings.selectTimeoutMs;
    case 'readTextAndPhoto':
      return timings.readTimeoutMs;
    case 'readWithFingerprint':
      return timings.readFingerprintTimeoutMs;
    case 'readAppendedAddress':
      return timings.appendedAddressTimeoutMs;
    case 'resetSam':
      return timings.resetTimeoutMs;
    case 'samStatus':
    case 'readSamId':
    case 'setBaudRate':
    case 'setMaxFrameBytes':
      return timings.statusTimeoutMs;
  }
}
