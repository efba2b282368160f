/**
 * What 办件查询 (progress-machine.ts) and 预约签到 (checkin-machine.ts) share: finding the
 * citizen's records by a scanned code or by the ID card, the card reader as an actor, the
 * failure shape and the timings, and the states of the search itself (choosing, scanning,
 * identifying, empty, failed) with the actions, guards and delays they name.
 */
import { type EventObject, assign, fromCallback } from 'xstate';
import type { IdentityFailureReason, IpcResult, KioskApi } from '../../electron/ipc/contract';
import type { CardEvent, JourneyEndReason } from './ticket-machine';

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

/** What both lookup machines keep about the search; each adds its own records. */
export interface LookupContext {
  readonly waitSeconds: number;
  readonly method: LookupMethod | null;
  /** The code being looked up, kept for 重试. */
  readonly code: object | null;
  readonly selected: object | null;
  readonly failure: LookupFailure | null;
  readonly cardNotice: CardNotice | null;
  /** A card was read in this journey: remind the citizen to take it back. */
  readonly hasReadCard: boolean;
  /** Something was shown: leaving now counts as a finished journey. */
  readonly hasResult: boolean;
  readonly endReason: JourneyEndReason | null;
}

/** The events both lookup machines take; each adds CODE, OPEN and its own. */
export type LookupEvent =
  | { readonly type: 'SCAN' }
  | { readonly type: 'CARD' }
  | { readonly type: 'BACK' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'DONE' }
  | { readonly type: 'HOME' }
  | CardEvent;

/** The search's part of a new lookup context. */
export const LOOKUP_START = {
  method: null,
  code: null,
  selected: null,
  failure: null,
  cardNotice: null,
  hasReadCard: false,
  hasResult: false,
  endReason: null,
} as const;

export function notProvided(machine: string, name: string): never {
  throw new Error(`${machine}: actor ${name} not provided`);
}

type CardProblem = Extract<CardEvent, { readonly type: 'READ_FAILED' | 'READER_UNAVAILABLE' }>;

function isCardProblem(event: EventObject): event is CardProblem {
  return event.type === 'READ_FAILED' || event.type === 'READER_UNAVAILABLE';
}

/** The failure in a call's done event (`output` holds the core's result). */
function failureOfDone(event: EventObject): LookupFailure {
  return 'output' in event ? failureOf(event.output as IpcResult<unknown>) : TRANSPORT_FAILURE;
}

/**
 * The actions the lookup states name, for a machine's `setup`. `records` empties the
 * machine's own lists when the citizen chooses again.
 */
export function lookupActions<TContext extends LookupContext, TEvent extends EventObject>(records: Partial<TContext>) {
  // Typed against the machine's context so that `setup` accepts them; each only touches
  // the fields of LookupContext.
  const patch = (values: (event: TEvent, context: TContext) => Partial<LookupContext>) =>
    assign<TContext, TEvent, undefined, TEvent, never>(({ event, context }) => values(event, context) as Partial<TContext>);
  return {
    resetLookup: patch(() => ({ ...records, method: null, code: null, selected: null, failure: null, cardNotice: null })),
    chooseScan: patch(() => ({ method: 'scan' })),
    chooseCard: patch(() => ({ method: 'card' })),
    noteCardRead: patch(() => ({ hasReadCard: true })),
    noteCard: patch((event) => (isCardProblem(event) ? { cardNotice: cardNoticeOf(event) } : {})),
    clearCardNotice: patch(() => ({ cardNotice: null })),
    clearFailure: patch(() => ({ failure: null })),
    failWithResult: patch((event) => ({ failure: failureOfDone(event) })),
    failTransport: patch(() => ({ failure: TRANSPORT_FAILURE })),
    failTimeout: patch(() => ({ failure: TIMEOUT_FAILURE })),
    endFinished: patch(() => ({ endReason: 'finished' })),
    endHome: patch((_event, context) => ({ endReason: context.hasResult ? 'finished' : 'home' })),
  };
}

/** The guards the lookup states name. */
export const LOOKUP_GUARDS = {
  canLookUpAgain: ({ context }: { readonly context: LookupContext }) => context.method === 'scan' && context.code !== null,
  canListAgain: ({ context }: { readonly context: LookupContext }) => context.method === 'card',
};

/** The delays the lookup states name. */
export const LOOKUP_DELAYS = {
  waitTimeout: ({ context }: { readonly context: Pick<LookupContext, 'waitSeconds'> }) => context.waitSeconds * 1_000,
  callTimeout: LOOKUP_CALL_TIMEOUT_MS,
};

/** A lookup call answered with an error: `failed` shows the core's message. */
export const FAIL_WITH_RESULT = { target: 'failed', actions: 'failWithResult' } as const;
/** A lookup call that broke (the promise rejected). */
export const FAIL_ON_ERROR = { target: 'failed', actions: 'failTransport' } as const;
/** A lookup call still unanswered after `callTimeout`. */
export const FAIL_AFTER_CALL_TIMEOUT = { callTimeout: { target: 'failed', actions: 'failTimeout' } } as const;

/**
 * The states of the search, for the machine whose `id` is `machineId`: the choice of
 * method, the scan screen (its CODE is kept by the machine's own `keepCode` and looked up in
 * `lookingUp`), the card reader (a card read goes on to `listing`), nothing found, and a
 * failed call (重试 repeats the call that failed).
 */
export function lookupStates(machineId: string) {
  return {
    choosing: {
      entry: 'resetLookup',
      on: {
        SCAN: { target: 'scanning', actions: 'chooseScan' },
        CARD: { target: 'identifying', actions: 'chooseCard' },
      },
    },
    scanning: {
      after: { waitTimeout: 'choosing' },
      on: {
        BACK: 'choosing',
        CODE: { target: 'lookingUp', actions: 'keepCode' },
      },
    },
    identifying: {
      invoke: { src: 'readCards' },
      exit: 'clearCardNotice',
      initial: 'waiting',
      on: {
        BACK: 'choosing',
        CARD_READ: { target: 'listing', actions: 'noteCardRead' },
        READER_UNAVAILABLE: { actions: 'noteCard' },
        CARD_REMOVED: { actions: 'clearCardNotice' },
      },
      states: {
        waiting: {
          after: { waitTimeout: `#${machineId}.choosing` },
          // Each failed read starts the wait again: the citizen is trying.
          on: { READ_FAILED: { target: 'waiting', reenter: true, actions: 'noteCard' } },
        },
      },
    },
    empty: {
      on: { BACK: 'choosing', RETRY: 'choosing', DONE: { target: 'done', actions: 'endFinished' } },
    },
    failed: {
      on: {
        RETRY: [
          { guard: 'canLookUpAgain', target: 'lookingUp' },
          { guard: 'canListAgain', target: 'listing' },
          { target: 'choosing' },
        ],
        BACK: 'choosing',
      },
    },
  } as const;
}
