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
  FAIL_AFTER_CALL_TIMEOUT,
  FAIL_ON_ERROR,
  FAIL_WITH_RESULT,
  LOOKUP_DELAYS,
  LOOKUP_GUARDS,
  LOOKUP_START,
  LOOKUP_WAIT_SECONDS,
  type LookupContext,
  type LookupEvent,
  failureOf,
  lookupActions,
  lookupStates,
  notProvided,
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

export interface ProgressContext extends LookupContext {
  readonly purpose: ProgressPurpose;
  readonly code: ReceiptCode | null;
  readonly cases: readonly CaseProgressView[];
  readonly selected: CaseProgressView | null;
  readonly evaluateCase: string | null;
}

export type ProgressEvent =
  | LookupEvent
  /** A receipt code recognised on the scan screen. */
  | ({ readonly type: 'CODE' } & ReceiptCode)
  | { readonly type: 'OPEN'; readonly caseNumber: string }
  /** 评价本次服务 on a case, or the case picked in `evaluate` mode. */
  | { readonly type: 'EVALUATE' };

export type ProgressOutput =
  | { readonly reason: JourneyEndReason }
  | { readonly reason: 'evaluate'; readonly caseNumber: string };

type LookupValue = MethodValues['progress.lookup'];
type ListValue = MethodValues['progress.listByIdCard'];

export const progressMachine = setup({
  types: {
    context: {} as ProgressContext,
    events: {} as ProgressEvent,
    input: {} as ProgressInput,
    output: {} as ProgressOutput,
  },
  actors: {
    lookup: fromPromise<IpcResult<LookupValue>, ReceiptCode>(() => notProvided('progressMachine', 'lookup')),
    listByIdCard: fromPromise<IpcResult<ListValue>>(() => notProvided('progressMachine', 'listByIdCard')),
    readCards: fromCallback<CardEvent>(() => notProvided('progressMachine', 'readCards')),
  },
  delays: LOOKUP_DELAYS,
  guards: {
    ...LOOKUP_GUARDS,
    isEvaluating: ({ context }) => context.purpose === 'evaluate',
    cameFromList: ({ context }) => context.method === 'card',
    hasSelected: ({ context }) => context.selected !== null,
  },
  actions: {
    ...lookupActions<ProgressContext, ProgressEvent>({ cases: [] }),
    keepCode: assign(({ event }) =>
      event.type === 'CODE' ? { code: { caseNumber: event.caseNumber, verifier: event.verifier } } : {},
    ),
    selectOpened: assign(({ context, event }) =>
      event.type === 'OPEN' ? { selected: context.cases.find((c) => c.caseNumber === event.caseNumber) ?? null } : {},
    ),
    evaluateSelected: assign(({ context }) => ({ evaluateCase: context.selected?.caseNumber ?? null, endReason: 'finished' as const })),
  },
}).createMachine({
  id: 'progress',
  context: ({ input }) => ({
    purpose: input.purpose,
    waitSeconds: input.waitSeconds,
    ...LOOKUP_START,
    cases: [],
    selected: null,
    evaluateCase: null,
  }),
  initial: 'choosing',
  on: {
    HOME: { target: '.done', actions: 'endHome' },
  },
  states: {
    ...lookupStates('progress'),
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
          FAIL_WITH_RESULT,
        ],
        onError: FAIL_ON_ERROR,
      },
      after: FAIL_AFTER_CALL_TIMEOUT,
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
          FAIL_WITH_RESULT,
        ],
        onError: FAIL_ON_ERROR,
      },
      after: FAIL_AFTER_CALL_TIMEOUT,
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
