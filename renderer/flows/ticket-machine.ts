/**
 * The 取号 journey: choose a category, take a ticket, show it.
 *
 *   choosing (loading → ready | loadFailed) ──CHOOSE──▶ taking ──▶ issued ──▶ done
 *                                              ▲          │
 *                                              └─RETRY── failed
 *
 * The core is reached through three actors (`listCategories`, `takeTicket`, `watchWaiting`)
 * that the caller supplies with `machine.provide` — {@link provideKiosk} does it from a
 * `KioskApi`, tests hand in fakes. Delays are named so a `SimulatedClock` drives them.
 * The final state's output says how the journey ended, for `session.end`.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, fromCallback, fromPromise, setup } from 'xstate';
import type { IpcResult, KioskApi, QueueCategory, TicketView } from '../../electron/ipc/contract';

export const AUTO_RETURN_TICK_MS = 1_000;
/** The ticket screen goes home after this long unless the citizen taps 完成. */
export const AUTO_RETURN_SECONDS = 20;
/**
 * Longer when the receipt did not print: the number on the screen is all the citizen has,
 * and a photo takes a moment.
 */
export const PRINT_FAILED_AUTO_RETURN_SECONDS = 45;
/**
 * Taps on the category list are refused this long after it appears: the second tap of a
 * double tap on 取号 would otherwise land on the category under the finger.
 */
export const TAP_GUARD_MS = 400;
/** A takeTicket call still unanswered after this is shown as a failure. */
export const TAKE_TICKET_TIMEOUT_MS = 30_000;

export type JourneyEndReason = 'finished' | 'home';

/** Why the last call failed: the core's error, or `transport` when the call itself broke. */
export interface TicketFailure {
  readonly code: string;
  /** Polite Chinese from the core; null when the screen must use its own generic text. */
  readonly message: string | null;
}

export interface TicketInput {
  readonly autoReturnSeconds: number;
  readonly printFailedAutoReturnSeconds: number;
}

/** The standard theme's countdowns; 关怀模式 stretches them. */
export const DEFAULT_TICKET_INPUT: TicketInput = {
  autoReturnSeconds: AUTO_RETURN_SECONDS,
  printFailedAutoReturnSeconds: PRINT_FAILED_AUTO_RETURN_SECONDS,
};

export interface TicketContext {
  readonly categories: readonly QueueCategory[];
  readonly categoryId: string | null;
  readonly ticket: TicketView | null;
  readonly failure: TicketFailure | null;
  readonly secondsLeft: number;
  readonly autoReturnSeconds: number;
  readonly printFailedAutoReturnSeconds: number;
  readonly endReason: JourneyEndReason | null;
}

export type WaitingChanged = { readonly type: 'WAITING_CHANGED'; readonly categoryId: string; readonly waitingCount: number };

export type TicketEvent =
  | { readonly type: 'CHOOSE'; readonly categoryId: string }
  | { readonly type: 'RETRY' }
  | { readonly type: 'CHOOSE_AGAIN' }
  /** 完成 on the ticket screen. */
  | { readonly type: 'DONE' }
  /** 返回首页. */
  | { readonly type: 'HOME' }
  | WaitingChanged;

export interface TicketOutput {
  readonly reason: JourneyEndReason;
}

const TRANSPORT_FAILURE: TicketFailure = { code: 'transport', message: null };

function failureOf(result: IpcResult<unknown>): TicketFailure {
  return result.ok ? TRANSPORT_FAILURE : { code: result.error.code, message: result.error.message || null };
}

function notProvided(name: string): never {
  throw new Error(`ticketMachine: actor ${name} not provided`);
}

export const ticketMachine = setup({
  types: {
    context: {} as TicketContext,
    events: {} as TicketEvent,
    input: {} as TicketInput,
    output: {} as TicketOutput,
  },
  actors: {
    listCategories: fromPromise<IpcResult<readonly QueueCategory[]>>(() => notProvided('listCategories')),
    takeTicket: fromPromise<IpcResult<TicketView>, { readonly categoryId: string }>(() => notProvided('takeTicket')),
    watchWaiting: fromCallback<WaitingChanged>(() => notProvided('watchWaiting')),
  },
  delays: {
    autoReturnTick: AUTO_RETURN_TICK_MS,
    takeTicketTimeout: TAKE_TICKET_TIMEOUT_MS,
    tapGuard: TAP_GUARD_MS,
  },
  guards: {
    isLastSecond: ({ context }) => context.secondsLeft <= 1,
  },
  actions: {
    updateWaiting: assign(({ context, event }) => {
      if (event.type !== 'WAITING_CHANGED') return {};
      return {
        categories: context.categories.map((category) =>
          category.id === event.categoryId ? { ...category, waitingCount: event.waitingCount } : category,
        ),
      };
    }),
    startAutoReturn: assign(({ context }) => ({
      secondsLeft:
        context.ticket?.print.status === 'failed' ? context.printFailedAutoReturnSeconds : context.autoReturnSeconds,
    })),
    countDown: assign(({ context }) => ({ secondsLeft: context.secondsLeft - 1 })),
    clearFailure: assign({ failure: null }),
    endFinished: assign({ endReason: 'finished' as const }),
    endHome: assign({ endReason: 'home' as const }),
  },
}).createMachine({
  id: 'ticket',
  context: ({ input }) => ({
    categories: [],
    categoryId: null,
    ticket: null,
    failure: null,
    secondsLeft: 0,
    autoReturnSeconds: input.autoReturnSeconds,
    printFailedAutoReturnSeconds: input.printFailedAutoReturnSeconds,
    endReason: null,
  }),
  initial: 'choosing',
  on: {
    HOME: { target: '.done', actions: 'endHome' },
  },
  states: {
    choosing: {
      invoke: { src: 'watchWaiting' },
      on: { WAITING_CHANGED: { actions: 'updateWaiting' } },
      initial: 'loading',
      states: {
        loading: {
          entry: 'clearFailure',
          invoke: {
            src: 'listCategories',
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'ready',
                actions: assign(({ event }) => ({ categories: event.output.ok ? event.output.value : [] })),
              },
              { target: 'loadFailed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
            ],
            onError: { target: 'loadFailed', actions: assign({ failure: TRANSPORT_FAILURE }) },
          },
        },
        ready: {
          initial: 'settling',
          states: {
            settling: {
              after: { tapGuard: 'open' },
            },
            open: {
              on: {
                CHOOSE: {
                  guard: ({ context, event }) =>
                    context.categories.some((category) => category.id === event.categoryId),
                  target: '#ticket.taking',
                  actions: assign(({ event }) => ({ categoryId: event.categoryId })),
                },
              },
            },
          },
        },
        loadFailed: {
          on: { RETRY: 'loading' },
        },
      },
    },
    taking: {
      entry: 'clearFailure',
      invoke: {
        src: 'takeTicket',
        input: ({ context }) => ({ categoryId: context.categoryId ?? '' }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'issued',
            actions: assign(({ event }) => ({ ticket: event.output.ok ? event.output.value : null })),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'failed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: {
        takeTicketTimeout: { target: 'failed', actions: assign({ failure: { code: 'timeout', message: null } }) },
      },
    },
    failed: {
      on: {
        RETRY: 'taking',
        CHOOSE_AGAIN: 'choosing',
      },
    },
    issued: {
      entry: 'startAutoReturn',
      initial: 'counting',
      states: {
        counting: {
          after: {
            autoReturnTick: [
              { guard: 'isLastSecond', target: '#ticket.done', actions: 'endFinished' },
              { target: 'counting', reenter: true, actions: 'countDown' },
            ],
          },
        },
      },
      on: {
        DONE: { target: 'done', actions: 'endFinished' },
        // Leaving the ticket screen by any button means the journey was completed.
        HOME: { target: 'done', actions: 'endFinished' },
      },
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }) => ({ reason: context.endReason ?? 'home' }),
});

export type TicketMachine = typeof ticketMachine;
export type TicketSnapshot = SnapshotFrom<TicketMachine>;
export type TicketActorRef = ActorRefFrom<TicketMachine>;

/** The machine wired to the core through `kiosk`. */
export function provideKiosk(kiosk: KioskApi): TicketMachine {
  return ticketMachine.provide({
    actors: {
      listCategories: fromPromise(() => kiosk.queue.listCategories({})),
      takeTicket: fromPromise(({ input }) => kiosk.queue.takeTicket({ categoryId: input.categoryId })),
      watchWaiting: fromCallback<WaitingChanged>(({ sendBack }) =>
        kiosk.on('queue.waitingChanged', ({ categoryId, waitingCount }) => {
          sendBack({ type: 'WAITING_CHANGED', categoryId, waitingCount });
        }),
      ),
    },
  });
}
