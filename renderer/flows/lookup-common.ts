/**
 * What 办件查询 (progress-machine.ts) and 预约签到 (checkin-machine.ts) share: finding the
 * citizen's records by a scanned code or by the ID card, the card reader as an actor, the
 * failure shape and the timings.
 */
import { fromCallback } from 'xstate';
import type { IdentityFailureReason, IpcResult, KioskApi } from '../../electron/ipc/contract';
import type { CardEvent } from './ticket-machine';

/** Waiting for a code or a card this long without one goes back to the choice (关怀模式 stretches it). */
export const LOOKUP_WAIT_SECONDS = 30;
/** A lookup still unanswered after this is shown as failed. */
export const LOOKUP_CALL_TIMEOUT_MS = 15_000;

/** How the citizen finds their records. */
export type LookupMethod = 'scan' | 'card';

export interface LookupFailure {
  /** The core's error code, `transport` when the call broke, `timeout` when it never came. */
  readonly code: string;
  /** Polite Chinese from the core; null when the screen uses its own text. */
  readonly message: string | null;
}

export const TRANSPORT_FAILURE: LookupFailure = { code: 'transport', message: null };
export const TIMEOUT_FAILURE: LookupFailure = { code: 'timeout', message: null };

export function failureOf(result: IpcResult<unknown>): LookupFailure {
  return result.ok ? TRANSPORT_FAILURE : { code: result.error.code, message: result.error.message || null };
}

/** A line on the card screen, under the instruction. */
export type CardNotice =
  | { readonly kind: 'readFailed'; readonly reason: IdentityFailureReason; readonly message: string | null }
  | { readonly kind: 'readerUnavailable'; readonly message: string | null };

export function cardNoticeOf(event: CardEvent): CardNotice | null {
  switch (event.type) {
    case 'READ_FAILED':
      return { kind: 'readFailed', reason: event.reason, message: event.message };
    case 'READER_UNAVAILABLE':
      return { kind: 'readerUnavailable', message: event.message };
    case 'CARD_READ':
    case 'CARD_REMOVED':
      return null;
  }
}

function ignore(): void {
  // stopReading is best effort: the session's end stops the reader as well.
}

/**
 * The reader's events for as long as the actor runs: `identity.startReading` when it starts,
 * `identity.stopReading` when it stops, however the state that invoked it is left (R-P3).
 */
export function readCardsActor(kiosk: KioskApi) {
  return fromCallback<CardEvent>(({ sendBack }) => {
    let isStopped = false;
    // Subscribed before reading starts, so a card already on the reader is not missed.
    const unsubscribe = [
      kiosk.on('identity.cardRead', (identity) => sendBack({ type: 'CARD_READ', identity })),
      kiosk.on('identity.cardRemoved', () => sendBack({ type: 'CARD_REMOVED' })),
      kiosk.on('identity.readFailed', ({ reason, message }) => sendBack({ type: 'READ_FAILED', reason, message: message || null })),
    ];
    kiosk.identity.startReading({}).then(
      (result) => {
        if (!isStopped && !result.ok) sendBack({ type: 'READER_UNAVAILABLE', message: result.error.message || null });
      },
      () => {
        if (!isStopped) sendBack({ type: 'READER_UNAVAILABLE', message: null });
      },
    );
    return () => {
      isStopped = true;
      for (const off of unsubscribe) off();
      kiosk.identity.stopReading({}).then(ignore, ignore);
    };
  });
}
