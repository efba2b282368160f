/**
 * 预约签到: find today's appointment by its QR code or by the ID card, show it with the
 * check-in rule in plain words, check it in, show the ticket.
 *
 *   choosing ──SCAN──▶ scanning ──CODE──▶ lookingUp ──▶ appointment | failed
 *      └──CARD──▶ identifying ──CARD_READ──▶ listing ──▶ appointment (one) | list | empty | failed
 *   appointment ──CHECK_IN (window open)──▶ checkingIn ──▶ issued ──▶ done
 *                                               └──▶ checkInFailed ──RETRY──▶ checkingIn
 *   issued: countdown to home ∥ EVALUATE ──▶ done (evaluate)
 *
 * Only an appointment whose window is `open` can be checked in; the others show the core's
 * message (early: when to come back; late: take a new ticket; checked in: its number again).
 * The core is reached through actors supplied with `machine.provide`
 * ({@link provideCheckInKiosk}); delays are named so a test clock drives them.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, fromCallback, fromPromise, setup } from 'xstate';
import type { AppointmentView, IpcResult, KioskApi, MethodValues, TicketView } from '../../electron/ipc/contract';
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
import { AUTO_RETURN_SECONDS, AUTO_RETURN_TICK_MS, type CardEvent, type JourneyEndReason, PRINT_FAILED_AUTO_RETURN_SECONDS } from './ticket-machine';

/** A check-in still unanswered after this is shown as failed (it prints a ticket). */
export const CHECK_IN_TIMEOUT_MS = 30_000;

export interface CheckInInput {
  readonly waitSeconds: number;
  readonly autoReturnSeconds: number;
  readonly printFailedAutoReturnSeconds: number;
}

export const DEFAULT_CHECK_IN_INPUT: CheckInInput = {
  waitSeconds: LOOKUP_WAIT_SECONDS,
  autoReturnSeconds: AUTO_RETURN_SECONDS,
  printFailedAutoReturnSeconds: PRINT_FAILED_AUTO_RETURN_SECONDS,
};

export interface AppointmentCode {
  readonly code: string;
  readonly verifier: string;
}

export interface CheckInContext extends CheckInInput {
  readonly method: LookupMethod | null;
  readonly code: AppointmentCode | null;
  readonly appointments: readonly AppointmentView[];
  readonly selected: AppointmentView | null;
  readonly ticket: TicketView | null;
  readonly failure: LookupFailure | null;
  readonly cardNotice: CardNotice | null;
  readonly hasReadCard: boolean;
  readonly hasResult: boolean;
  readonly secondsLeft: number;
  readonly isEvaluating: boolean;
  readonly endReason: JourneyEndReason | null;
}

export type CheckInEvent =
  | { readonly type: 'SCAN' }
  | { readonly type: 'CARD' }
  | ({ readonly type: 'CODE' } & AppointmentCode)
  | { readonly type: 'OPEN'; readonly code: string }
  | { readonly type: 'CHECK_IN' }
  | { readonly type: 'BACK' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'EVALUATE' }
  | { readonly type: 'DONE' }
  | { readonly type: 'HOME' }
  | CardEvent;

export type CheckInOutput = { readonly reason: JourneyEndReason } | { readonly reason: 'evaluate' };

type LookupValue = MethodValues['appointment.lookup'];
type ListValue = MethodValues['appointment.listByIdCard'];
type CheckInValue = MethodValues['appointment.checkIn'];

function notProvided(name: string): never {
  throw new Error(`checkInMachine: actor ${name} not provided`);
}

export const checkInMachine = setup({
  types: {
    context: {} as CheckInContext,
    events: {} as CheckInEvent,
    input: {} as CheckInInput,
    output: {} as CheckInOutput,
  },
  actors: {
    lookup: fromPromise<IpcResult<LookupValue>, AppointmentCode>(() => notProvided('lookup')),
    listByIdCard: fromPromise<IpcResult<ListValue>>(() => notProvided('listByIdCard')),
    checkIn: fromPromise<IpcResult<CheckInValue>, { readonly code: string }>(() => notProvided('checkIn')),
    readCards: fromCallback<CardEvent>(() => notProvided('readCards')),
  },
  delays: {
    waitTimeout: ({ context }) => context.waitSeconds * 1_000,
    callTimeout: LOOKUP_CALL_TIMEOUT_MS,
    checkInTimeout: CHECK_IN_TIMEOUT_MS,
    autoReturnTick: AUTO_RETURN_TICK_MS,
  },
  guards: {
    isOpen: ({ context }) => context.selected?.window.state === 'open',
    cameFromList: ({ context }) => context.appointments.length > 1,
    isLastSecond: ({ context }) => context.secondsLeft <= 1,
  },
  actions: {
    clearFailure: assign({ failure: null }),
    noteCard: assign(({ event }) =>
      event.type === 'READ_FAILED' || event.type === 'READER_UNAVAILABLE' ? { cardNotice: cardNoticeOf(event) } : {},
    ),
    endFinished: assign({ endReason: 'finished' as const }),
    endHome: assign(({ context }) => ({ endReason: context.hasResult ? ('finished' as const) : ('home' as const) })),
  },
}).createMachine({
  id: 'checkIn',
  context: ({ input }) => ({
    ...input,
    method: null,
    code: null,
    appointments: [],
    selected: null,
    ticket: null,
    failure: null,
    cardNotice: null,
    hasReadCard: false,
    hasResult: false,
    secondsLeft: 0,
    isEvaluating: false,
    endReason: null,
  }),
  initial: 'choosing',
  on: {
    HOME: { target: '.done', actions: 'endHome' },
  },
  states: {
    choosing: {
      entry: assign({ method: null, code: null, appointments: [], selected: null, failure: null, cardNotice: null }),
      on: {
        SCAN: { target: 'scanning', actions: assign({ method: 'scan' as const }) },
        CARD: { target: 'identifying', actions: assign({ method: 'card' as const }) },
      },
    },
    scanning: {
      after: { waitTimeout: 'choosing' },
      on: {
        BACK: 'choosing',
        CODE: { target: 'lookingUp', actions: assign(({ event }) => ({ code: { code: event.code, verifier: event.verifier } })) },
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
          after: { waitTimeout: '#checkIn.choosing' },
          on: { READ_FAILED: { target: 'waiting', reenter: true, actions: 'noteCard' } },
        },
      },
    },
    lookingUp: {
      entry: 'clearFailure',
      invoke: {
        src: 'lookup',
        input: ({ context }) => context.code ?? { code: '', verifier: '' },
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'appointment',
            actions: assign(({ event }) => {
              const found = event.output.ok ? event.output.value : null;
              return { selected: found, appointments: found ? [found] : [], hasResult: true };
            }),
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
            guard: ({ event }) => event.output.ok && event.output.value.appointments.length === 1,
            target: 'appointment',
            actions: assign(({ event }) => {
              const appointments = event.output.ok ? event.output.value.appointments : [];
              return { appointments, selected: appointments[0] ?? null, hasResult: true };
            }),
          },
          {
            guard: ({ event }) => event.output.ok && event.output.value.appointments.length > 1,
            target: 'list',
            actions: assign(({ event }) => ({
              appointments: event.output.ok ? event.output.value.appointments : [],
              hasResult: true,
            })),
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
        OPEN: {
          target: 'appointment',
          actions: assign(({ context, event }) => ({ selected: context.appointments.find((a) => a.code === event.code) ?? null })),
        },
        BACK: 'choosing',
      },
    },
    appointment: {
      always: { guard: ({ context }) => context.selected === null, target: 'list' },
      on: {
        CHECK_IN: { guard: 'isOpen', target: 'checkingIn' },
        BACK: [{ guard: 'cameFromList', target: 'list' }, { target: 'choosing' }],
        // An appointment checked in earlier shows its number: rating the service is offered there too.
        EVALUATE: {
          guard: ({ context }) => context.selected?.window.state === 'checkedIn',
          target: 'done',
          actions: assign({ isEvaluating: true, endReason: 'finished' as const }),
        },
        DONE: { target: 'done', actions: 'endFinished' },
      },
    },
    checkingIn: {
      entry: 'clearFailure',
      invoke: {
        src: 'checkIn',
        input: ({ context }) => ({ code: context.selected?.code ?? '' }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'issued',
            actions: assign(({ event }) =>
              event.output.ok ? { selected: event.output.value.appointment, ticket: event.output.value.ticket } : {},
            ),
          },
          { target: 'checkInFailed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'checkInFailed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: { checkInTimeout: { target: 'checkInFailed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
    },
    checkInFailed: {
      on: { RETRY: 'checkingIn', BACK: 'appointment' },
    },
    issued: {
      entry: assign(({ context }) => ({
        secondsLeft:
          context.ticket?.print.status === 'printed' ? context.autoReturnSeconds : context.printFailedAutoReturnSeconds,
      })),
      initial: 'counting',
      states: {
        counting: {
          after: {
            autoReturnTick: [
              { guard: 'isLastSecond', target: '#checkIn.done', actions: 'endFinished' },
              { target: 'counting', reenter: true, actions: assign(({ context }) => ({ secondsLeft: context.secondsLeft - 1 })) },
            ],
          },
        },
      },
      on: {
        DONE: { target: 'done', actions: 'endFinished' },
        HOME: { target: 'done', actions: 'endFinished' },
        EVALUATE: { target: 'done', actions: assign({ isEvaluating: true, endReason: 'finished' as const }) },
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
  output: ({ context }) => (context.isEvaluating ? { reason: 'evaluate' } : { reason: context.endReason ?? 'home' }),
});

export type CheckInMachine = typeof checkInMachine;
export type CheckInSnapshot = SnapshotFrom<CheckInMachine>;
export type CheckInActorRef = ActorRefFrom<CheckInMachine>;

/** The machine wired to the core through `kiosk`. */
export function provideCheckInKiosk(kiosk: KioskApi): CheckInMachine {
  return checkInMachine.provide({
    actors: {
      lookup: fromPromise<IpcResult<LookupValue>, AppointmentCode>(({ input }) =>
        kiosk.appointment.lookup({ code: input.code, verifier: input.verifier }),
      ),
      listByIdCard: fromPromise<IpcResult<ListValue>>(() => kiosk.appointment.listByIdCard({})),
      checkIn: fromPromise<IpcResult<CheckInValue>, { readonly code: string }>(({ input }) =>
        kiosk.appointment.checkIn({ code: input.code }),
      ),
      readCards: readCardsActor(kiosk),
    },
  });
}
