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
  FAIL_AFTER_CALL_TIMEOUT,
  FAIL_ON_ERROR,
  FAIL_WITH_RESULT,
  LOOKUP_DELAYS,
  LOOKUP_GUARDS,
  LOOKUP_START,
  LOOKUP_WAIT_SECONDS,
  type LookupContext,
  type LookupEvent,
  lookupActions,
  lookupStates,
  notProvided,
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

export interface CheckInContext extends CheckInInput, LookupContext {
  readonly code: AppointmentCode | null;
  readonly appointments: readonly AppointmentView[];
  readonly selected: AppointmentView | null;
  readonly ticket: TicketView | null;
  readonly secondsLeft: number;
  readonly isEvaluating: boolean;
}

export type CheckInEvent =
  | LookupEvent
  | ({ readonly type: 'CODE' } & AppointmentCode)
  | { readonly type: 'OPEN'; readonly code: string }
  | { readonly type: 'CHECK_IN' }
  | { readonly type: 'EVALUATE' };

export type CheckInOutput = { readonly reason: JourneyEndReason } | { readonly reason: 'evaluate' };

type LookupValue = MethodValues['appointment.lookup'];
type ListValue = MethodValues['appointment.listByIdCard'];
type CheckInValue = MethodValues['appointment.checkIn'];

export const checkInMachine = setup({
  types: {
    context: {} as CheckInContext,
    events: {} as CheckInEvent,
    input: {} as CheckInInput,
    output: {} as CheckInOutput,
  },
  actors: {
    lookup: fromPromise<IpcResult<LookupValue>, AppointmentCode>(() => notProvided('checkInMachine', 'lookup')),
    listByIdCard: fromPromise<IpcResult<ListValue>>(() => notProvided('checkInMachine', 'listByIdCard')),
    checkIn: fromPromise<IpcResult<CheckInValue>, { readonly code: string }>(() => notProvided('checkInMachine', 'checkIn')),
    readCards: fromCallback<CardEvent>(() => notProvided('checkInMachine', 'readCards')),
  },
  delays: {
    ...LOOKUP_DELAYS,
    checkInTimeout: CHECK_IN_TIMEOUT_MS,
    autoReturnTick: AUTO_RETURN_TICK_MS,
  },
  guards: {
    ...LOOKUP_GUARDS,
    isOpen: ({ context }) => context.selected?.window.state === 'open',
    cameFromList: ({ context }) => context.appointments.length > 1,
    isLastSecond: ({ context }) => context.secondsLeft <= 1,
  },
  actions: {
    ...lookupActions<CheckInContext, CheckInEvent>({ appointments: [] }),
    keepCode: assign(({ event }) => (event.type === 'CODE' ? { code: { code: event.code, verifier: event.verifier } } : {})),
  },
}).createMachine({
  id: 'checkIn',
  context: ({ input }) => ({
    ...input,
    ...LOOKUP_START,
    appointments: [],
    selected: null,
    ticket: null,
    secondsLeft: 0,
    isEvaluating: false,
  }),
  initial: 'choosing',
  on: {
    HOME: { target: '.done', actions: 'endHome' },
  },
  states: {
    ...lookupStates('checkIn'),
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
          FAIL_WITH_RESULT,
        ],
        onError: FAIL_ON_ERROR,
      },
      after: FAIL_AFTER_CALL_TIMEOUT,
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
          { target: 'checkInFailed', actions: 'failWithResult' },
        ],
        onError: { target: 'checkInFailed', actions: 'failTransport' },
      },
      after: { checkInTimeout: { target: 'checkInFailed', actions: 'failTimeout' } },
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
