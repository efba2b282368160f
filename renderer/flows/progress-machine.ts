/**
 * 办件查询: find the citizen's cases by the receipt's QR code or by the ID card, and show
 * where they stand. The same journey picks the case to rate from the home tile 好差评
 * (`purpose: 'evaluate'`): a scanned receipt goes straight to the evaluation, a card's list
 * asks which case.
 *
 *   choosing ──SCAN──▶ scanning ──CODE──▶ lookingUp ──▶ detail | empty | failed
 *      │  ▲               │ waitTimeout / BACK ▲
 *      │  └───────────────┘                     │ BACK (from a list)
 *      └──CARD──▶ identifying ──CARD_READ──▶ listing ──▶ list ──OPEN──▶ detail
 *                   │ waitTimeout / BACK           └──▶ empty | failed
 *   detail ──EVALUATE──▶ done (evaluate) · DONE / HOME ──▶ done
 *
 * The scanner itself is run by the scan screen (scan.start / scan.stop while it is shown);
 * the machine only hears the recognised receipt (CODE). The reader runs as the `readCards`
 * actor for exactly as long as the journey is in `identifying`. The core is reached through
 * actors supplied with `machine.provide` ({@link provideProgressKiosk}); delays are named so a
 * test clock drives them.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, fromCallback, fromPromise, setup } from 'xstate';
import type { CaseProgressView, IpcResult, KioskApi, MethodValues } from '../../electron/ipc/contract';
import {
  type CardNotice,
  LOOKUP_CALL_TIMEOUT_MS,
  LOOKUP_WAIT_SECONDS,
  type LookupFailure,
  type LookupMethod,
  TIMEOUT_FAILURE,
  TRANSPORT_FAILURE,
  cardNoticeOf,
  failureOf,
  readCardsActor,
} from './lookup-common';
import type { CardEvent, JourneyEndReason } from './ticket-machine';

export type ProgressPurpose = 'progress' | 'evaluate';

export interface ProgressInput {
  readonly purpose: ProgressPurpose;
  /** Seconds to wait for a code or a card (stretched in 关怀模式). */
  readonly waitSeconds: number;
}

export const DEFAULT_PROGRESS_INPUT: ProgressInput = { purpose: 'progress', waitSeconds: LOOKUP_WAIT_SECONDS };

export interface ReceiptCode {
  readonly caseNumber: string;
  readonly verifier: string;
}

export interface ProgressContext {
  readonly purpose: ProgressPurpose;
  readonly waitSeconds: number;
  readonly method: LookupMethod | null;
  /** The code being looked up, kept for 重试. */
  readonly code: ReceiptCode | null;
  readonly cases: readonly CaseProgressView[];
  readonly selected: CaseProgressView | null;
  readonly failure: LookupFailure | null;
  readonly cardNotice: CardNotice | null;
  /** A card was read in this journey: remind the citizen to take it back. */
  readonly hasReadCard: boolean;
  /** Something was shown: leaving now counts as a finished journey. */
  readonly hasResult: boolean;
  readonly evaluateCase: string | null;
  readonly endReason: JourneyEndReason | null;
}

export type ProgressEvent =
  | { readonly type: 'SCAN' }
  | { readonly type: 'CARD' }
  /** A receipt code recognised on the scan screen. */
  | ({ readonly type: 'CODE' } & ReceiptCode)
  | { readonly type: 'OPEN'; readonly caseNumber: string }
  | { readonly type: 'BACK' }
  | { readonly type: 'RETRY' }
  /** 评价本次服务 on a case, or the case picked in `evaluate` mode. */
  | { readonly type: 'EVALUATE' }
  | { readonly type: 'DONE' }
  | { readonly type: 'HOME' }
  | CardEvent;

export type ProgressOutput =
  | { readonly reason: JourneyEndReason }
  | { readonly reason: 'evaluate'; readonly caseNumber: string };

type LookupValue = MethodValues['progress.lookup'];
type ListValue = MethodValues['progress.listByIdCard'];

function notProvided(name: string): never {
  throw new Error(`progressMachine: actor ${name} not provided`);
}

export const progressMachine = setup({
  types: {
    context: {} as ProgressContext,
    events: {} as ProgressEvent,
    input: {} as ProgressInput,
    output: {} as ProgressOutput,
  },
  actors: {
    lookup: fromPromise<IpcResult<LookupValue>, ReceiptCode>(() => notProvided('lookup')),
    listByIdCard: fromPromise<IpcResult<ListValue>>(() => notProvided('listByIdCard')),
    readCards: fromCallback<CardEvent>(() => notProvided('readCards')),
  },
  delays: {
    waitTimeout: ({ context }) => context.waitSeconds * 1_000,
    callTimeout: LOOKUP_CALL_TIMEOUT_MS,
  },
  guards: {
    isEvaluating: ({ context }) => context.purpose === 'evaluate',
    cameFromList: ({ context }) => context.method === 'card',
    hasSelected: ({ context }) => context.selected !== null,
  },
  actions: {
    clearFailure: assign({ failure: null }),
    noteCard: assign(({ event }) => (event.type === 'CARD_READ' || event.type === 'READ_FAILED' || event.type === 'READER_UNAVAILABLE' ? { cardNotice: cardNoticeOf(event) } : {})),
    selectOpened: assign(({ context, event }) =>
      event.type === 'OPEN' ? { selected: context.cases.find((c) => c.caseNumber === event.caseNumber) ?? null } : {},
    ),
    evaluateSelected: assign(({ context }) => ({ evaluateCase: context.selected?.caseNumber ?? null, endReason: 'finished' as const })),
    endFinished: assign({ endReason: 'finished' as const }),
    endHome: assign(({ context }) => ({ endReason: context.hasResult ? ('finished' as const) : ('home' as const) })),
  },
}).createMachine({
  id: 'progress',
  context: ({ input }) => ({
    purpose: input.purpose,
    waitSeconds: input.waitSeconds,
    method: null,
    code: null,
    cases: [],
    selected: null,
    failure: null,
    cardNotice: null,
    hasReadCard: false,
    hasResult: false,
    evaluateCase: null,
    endReason: null,
  }),
  initial: 'choosing',
  on: {
    HOME: { target: '.done', actions: 'endHome' },
  },
  states: {
    choosing: {
      entry: assign({ method: null, code: null, cases: [], selected: null, failure: null, cardNotice: null }),
      on: {
        SCAN: { target: 'scanning', actions: assign({ method: 'scan' as const }) },
        CARD: { target: 'identifying', actions: assign({ method: 'card' as const }) },
      },
    },
    scanning: {
      after: { waitTimeout: 'choosing' },
      on: {
        BACK: 'choosing',
        CODE: {
          target: 'lookingUp',
          actions: assign(({ event }) => ({ code: { caseNumber: event.caseNumber, verifier: event.verifier } })),
        },
      },
    },
    identifying: {
      invoke: { src: 'readCards' },
      exit: assign({ cardNotice: null }),
      initial: 'waiting',
      on: {
        BACK: 'choosing',
        CARD_READ: { target: 'listing', actions: assign({ hasReadCard: true }) },
        READER_UNAVAILABLE: { actions: 'noteCard' },
        CARD_REMOVED: { actions: assign({ cardNotice: null }) },
      },
      states: {
        waiting: {
          after: { waitTimeout: '#progress.choosing' },
          // Each failed read starts the wait again: the citizen is trying.
          on: { READ_FAILED: { target: 'waiting', reenter: true, actions: 'noteCard' } },
        },
      },
    },
    lookingUp: {
      entry: 'clearFailure',
      invoke: {
        src: 'lookup',
        input: ({ context }) => context.code ?? { caseNumber: '', verifier: '' },
        onDone: [
          {
            guard: ({ event, context }) => event.output.ok && context.purpose === 'evaluate',
            target: 'done',
            actions: assign(({ event }) => ({
              evaluateCase: event.output.ok ? event.output.value.caseNumber : null,
              endReason: 'finished' as const,
            })),
          },
          {
            guard: ({ event }) => event.output.ok,
            target: 'detail',
            actions: assign(({ event }) => {
              const found = event.output.ok ? event.output.value : null;
              return { selected: found, cases: found ? [found] : [], hasResult: true };
            }),
          },
          {
            guard: ({ event }) => !event.output.ok && event.output.error.code === 'notFound',
            target: 'empty',
            actions: assign(({ event }) => ({ failure: failureOf(event.output), hasResult: true })),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'failed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: { callTimeout: { target: 'failed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
    },
    listing: {
      entry: 'clearFailure',
      invoke: {
        src: 'listByIdCard',
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.value.cases.length > 0,
            target: 'list',
            actions: assign(({ event }) => ({ cases: event.output.ok ? event.output.value.cases : [], hasResult: true })),
          },
          { guard: ({ event }) => event.output.ok, target: 'empty', actions: assign({ hasResult: true }) },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'failed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: { callTimeout: { target: 'failed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
    },
    list: {
      entry: assign({ selected: null }),
      on: {
        OPEN: [
          { guard: 'isEvaluating', target: 'done', actions: ['selectOpened', 'evaluateSelected'] },
          { target: 'detail', actions: 'selectOpened' },
        ],
        BACK: 'choosing',
      },
    },
    detail: {
      always: { guard: ({ context }) => context.selected === null, target: 'list' },
      on: {
        BACK: [{ guard: 'cameFromList', target: 'list' }, { target: 'choosing' }],
        EVALUATE: { guard: 'hasSelected', target: 'done', actions: 'evaluateSelected' },
        DONE: { target: 'done', actions: 'endFinished' },
      },
    },
    empty: {
      on: { BACK: 'choosing', RETRY: 'choosing', DONE: { target: 'done', actions: 'endFinished' } },
    },
    failed: {
      on: {
        RETRY: [
          { guard: ({ context }) => context.method === 'scan' && context.code !== null, target: 'lookingUp' },
          { guard: ({ context }) => context.method === 'card', target: 'listing' },
          { target: 'choosing' },
        ],
        BACK: 'choosing',
      },
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }) =>
    context.evaluateCase !== null
      ? { reason: 'evaluate', caseNumber: context.evaluateCase }
      : { reason: context.endReason ?? 'home' },
});

export type ProgressMachine = typeof progressMachine;
export type ProgressSnapshot = SnapshotFrom<ProgressMachine>;
export type ProgressActorRef = ActorRefFrom<ProgressMachine>;

/** The machine wired to the core through `kiosk`. */
export function provideProgressKiosk(kiosk: KioskApi): ProgressMachine {
  return progressMachine.provide({
    actors: {
      lookup: fromPromise<IpcResult<LookupValue>, ReceiptCode>(({ input }) =>
        kiosk.progress.lookup({ caseNumber: input.caseNumber, verifier: input.verifier }),
      ),
      listByIdCard: fromPromise<IpcResult<ListValue>>(() => kiosk.progress.listByIdCard({})),
      readCards: readCardsActor(kiosk),
    },
  });
}
