/**
 * The 取号 journey: choose a category, show the ID card if the terminal asks for it, take a
 * ticket, show it.
 *
 *   choosing (loading → ready | loadFailed)
 *      │ CHOOSE (or a category preselected by the caller, e.g. 取号 from a guide, as soon as
 *      │ the list shows it is open), routed by status.ticketIdentification and the reader's health:
 *      ├── off, or optional without a working reader ─────────────────────────▶ taking
 *      ├── required without a working reader ──▶ readerUnavailable ──RETRY──▶ (routed again)
 *      └── optional / required ──▶ identifying
 *                                    reading ──CARD_READ──▶ confirming ──CONFIRM──▶ taking
 *                                      ▲  │ SKIP (optional only) ──────────────────▶ taking
 *                                      │  └ readingTimeout ──▶ choosing
 *                                      └──── REREAD / CARD_REMOVED ── confirming
 *   taking ──▶ issued (countdown ∥ reprint) ──▶ done
 *     ▲  │
 *     └RETRY── failed ──CHOOSE_AGAIN──▶ choosing
 *
 * The core is reached through actors (`listCategories`, `takeTicket`, `watchWaiting`,
 * `readCards`, `revealName`, `reprintTicket`) that the caller supplies with `machine.provide`
 * — {@link provideKiosk} does it from a `KioskApi`, tests hand in fakes. `readCards` runs for
 * exactly as long as the journey is in `identifying`: it calls `identity.startReading` when it
 * starts and `identity.stopReading` when it stops, however the state is left (R-P3).
 *
 * Personal data: the context holds the masked `IdentityView` only while in `identifying`, and
 * the full name (for the citizen's own confirmation) only while in `confirming`.
 *
 * Delays are named so a test clock drives them. The final state's output says how the
 * journey ended, for `session.end`.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, fromCallback, fromPromise, setup } from 'xstate';
import type {
  IdentityFailureReason,
  IdentityView,
  IpcResult,
  KioskApi,
  MethodValues,
  QueueCategory,
  SystemStatus,
  TicketView,
} from '../../electron/ipc/contract';
import { readCardsActor } from './lookup-common';

export const AUTO_RETURN_TICK_MS = 1_000;
/** The ticket screen goes home after this long unless the citizen taps 完成. */
export const AUTO_RETURN_SECONDS = 20;
/**
 * Longer when the citizen holds no fresh receipt (it did not print, or the ticket is one
 * taken earlier today): the number on the screen is all they have, and a photo or the
 * decision to reprint takes a moment.
 */
export const PRINT_FAILED_AUTO_RETURN_SECONDS = 45;
/**
 * Taps on the category list (and on 不刷证，直接取号) are refused this long after they
 * appear: the second tap of a double tap would otherwise land on what is under the finger.
 */
export const TAP_GUARD_MS = 400;
/** A takeTicket call still unanswered after this is shown as a failure. */
export const TAKE_TICKET_TIMEOUT_MS = 30_000;
/**
 * Without a card on the reader for this long, the journey goes back to the category list
 * (关怀模式 stretches it). Each failed read starts the period again: the citizen is trying.
 */
export const READING_TIMEOUT_SECONDS = 30;
/** The confirmation shows the masked name if the full name has not come by then. */
export const REVEAL_NAME_TIMEOUT_MS = 5_000;
/** A reprint still unanswered after this is shown as failed. */
export const REPRINT_TIMEOUT_MS = 30_000;

export type JourneyEndReason = 'finished' | 'home';

export type TicketIdentification = SystemStatus['ticketIdentification'];

/** What 取号 asks of the ID card, from the terminal status. */
export interface IdentificationSettings {
  readonly mode: TicketIdentification;
  /** False when the status lists no ID card reader, or one that is not online. */
  readonly isReaderAvailable: boolean;
}

const IDENTIFICATION_MODES: readonly TicketIdentification[] = ['optional', 'required', 'off'];

/**
 * The identification settings of a status. A core too old to send `ticketIdentification`
 * cannot read cards, so anything unknown counts as `off`.
 */
export function identificationOf(status: SystemStatus): IdentificationSettings {
  const mode = IDENTIFICATION_MODES.includes(status.ticketIdentification) ? status.ticketIdentification : 'off';
  const reader = status.devices.find((device) => device.kind === 'idCardReader');
  return { mode, isReaderAvailable: reader?.state === 'online' };
}

/** Where CHOOSE (or RETRY on readerUnavailable) leads with these settings. */
export type IdentificationRoute = 'direct' | 'identify' | 'directWithoutReader' | 'readerUnavailable';

export function routeOf(settings: IdentificationSettings): IdentificationRoute {
  if (settings.mode === 'off') return 'direct';
  if (settings.isReaderAvailable) return 'identify';
  return settings.mode === 'optional' ? 'directWithoutReader' : 'readerUnavailable';
}

/** Why the last call failed: the core's error, or `transport` when the call itself broke. */
export interface TicketFailure {
  readonly code: string;
  /** Polite Chinese from the core; null when the screen must use its own generic text. */
  readonly message: string | null;
}

/** A line on the reading screen, under the instruction. */
export type ReadingNotice =
  /** The core could not use the card (moved, expired, unreadable, reader fault). */
  | { readonly kind: 'readFailed'; readonly reason: IdentityFailureReason; readonly message: string | null }
  /** After 不是本人: take that card away and put one's own on the reader. */
  | { readonly kind: 'swapCard' }
  /** The card left the reader before 确认取号. */
  | { readonly kind: 'cardRemoved' }
  /** Reading could not start or the reader went offline; 直接取号 is the way on (optional). */
  | { readonly kind: 'readerUnavailable'; readonly message: string | null };

/** 重新打印小票 on an existing ticket. */
export interface ReprintView {
  readonly phase: 'idle' | 'printing' | 'printed' | 'failed';
  /** Chinese from the core when the reprint failed; null uses the screen's own text. */
  readonly reason: string | null;
}

export interface TicketInput {
  readonly autoReturnSeconds: number;
  readonly printFailedAutoReturnSeconds: number;
  readonly readingTimeoutSeconds: number;
  readonly identification: IdentificationSettings;
  /**
   * Chosen before the journey began (取号 on an office guide): taken as if tapped once the
   * list is loaded and has it; a category not on the list (closed today) shows the list.
   */
  readonly initialCategoryId?: string | null;
}

/**
 * The standard theme's countdowns; 关怀模式 stretches them. Identification is `off` here: the
 * journey passes the core's setting ({@link identificationOf}).
 */
export const DEFAULT_TICKET_INPUT: TicketInput = {
  autoReturnSeconds: AUTO_RETURN_SECONDS,
  printFailedAutoReturnSeconds: PRINT_FAILED_AUTO_RETURN_SECONDS,
  readingTimeoutSeconds: READING_TIMEOUT_SECONDS,
  identification: { mode: 'off', isReaderAvailable: false },
};

export interface TicketContext {
  readonly categories: readonly QueueCategory[];
  readonly categoryId: string | null;
  /** The preselected category until the first list arrives; used once. */
  readonly initialCategoryId: string | null;
  readonly ticket: TicketView | null;
  readonly failure: TicketFailure | null;
  readonly secondsLeft: number;
  readonly autoReturnSeconds: number;
  readonly printFailedAutoReturnSeconds: number;
  readonly readingTimeoutSeconds: number;
  readonly identification: IdentificationSettings;
  /** Whether the steps show 刷身份证: decided at CHOOSE. */
  readonly hasIdentityStep: boolean;
  /** The masked card on the reader; only while identifying. */
  readonly identity: IdentityView | null;
  /** From `identity.revealName`; only while confirming, null when it failed or is pending. */
  readonly fullName: string | null;
  readonly readingNotice: ReadingNotice | null;
  /** A card was read in this journey: the citizen must be reminded to take it back. */
  readonly hasReadCard: boolean;
  /** The ticket is (being) taken with the card read, not directly. */
  readonly isByIdCard: boolean;
  /** 取号 went direct because the reader was unavailable (optional mode): say so. */
  readonly isReaderSkipped: boolean;
  readonly reprint: ReprintView;
  readonly endReason: JourneyEndReason | null;
  readonly isEvaluating: boolean;
}

export type WaitingChanged = { readonly type: 'WAITING_CHANGED'; readonly categoryId: string; readonly waitingCount: number };

/** What `readCards` sends back: the reader's events and a failed start. */
export type CardEvent =
  | { readonly type: 'CARD_READ'; readonly identity: IdentityView }
  | { readonly type: 'CARD_REMOVED' }
  | { readonly type: 'READ_FAILED'; readonly reason: IdentityFailureReason; readonly message: string | null }
  | { readonly type: 'READER_UNAVAILABLE'; readonly message: string | null };

export type TicketEvent =
  | { readonly type: 'CHOOSE'; readonly categoryId: string }
  | { readonly type: 'RETRY' }
  | { readonly type: 'CHOOSE_AGAIN' }
  /** 不刷证，直接取号 (optional mode only). */
  | { readonly type: 'SKIP' }
  /** 确认取号 on the confirmation. */
  | { readonly type: 'CONFIRM' }
  /** 不是本人 / 重新刷证. */
  | { readonly type: 'REREAD' }
  /** 重新打印小票 on an existing ticket. */
  | { readonly type: 'REPRINT' }
  /** 完成 on the ticket screen. */
  | { readonly type: 'DONE' }
  /** 评价本次服务 on the ticket screen: the journey ends and the evaluation follows. */
  | { readonly type: 'EVALUATE' }
  /** 返回首页. */
  | { readonly type: 'HOME' }
  /** New identification settings from the status; used from the next CHOOSE on. */
  | { readonly type: 'CONFIGURE'; readonly identification: IdentificationSettings }
  | CardEvent
  | WaitingChanged;

export interface TicketOutput {
  readonly reason: JourneyEndReason;
  /** 评价本次服务 was tapped: the evaluation follows in the same session. */
  readonly isEvaluating?: true;
}

export interface TakeTicketInput {
  readonly categoryId: string;
  /** `queue.takeTicketByIdCard` instead of `queue.takeTicket`. */
  readonly isByIdCard: boolean;
}

const TRANSPORT_FAILURE: TicketFailure = { code: 'transport', message: null };
const NO_REPRINT: ReprintView = { phase: 'idle', reason: null };

function failureOf(result: IpcResult<unknown>): TicketFailure {
  return result.ok ? TRANSPORT_FAILURE : { code: result.error.code, message: result.error.message || null };
}

function notProvided(name: string): never {
  throw new Error(`ticketMachine: actor ${name} not provided`);
}

function isSameCard(a: IdentityView | null, b: IdentityView): boolean {
  return (
    a !== null &&
    a.cardType === b.cardType &&
    a.maskedIdNumber === b.maskedIdNumber &&
    a.maskedName === b.maskedName &&
    a.validUntil === b.validUntil
  );
}

type ChooseEvent = Extract<TicketEvent, { type: 'CHOOSE' }>;

function choosesRoute(context: TicketContext, event: TicketEvent, route: IdentificationRoute): boolean {
  const { categoryId } = event as ChooseEvent;
  return (
    context.categories.some((category) => category.id === categoryId) && routeOf(context.identification) === route
  );
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
    takeTicket: fromPromise<IpcResult<TicketView>, TakeTicketInput>(() => notProvided('takeTicket')),
    watchWaiting: fromCallback<WaitingChanged>(() => notProvided('watchWaiting')),
    readCards: fromCallback<CardEvent>(() => notProvided('readCards')),
    revealName: fromPromise<IpcResult<MethodValues['identity.revealName']>>(() => notProvided('revealName')),
    reprintTicket: fromPromise<IpcResult<MethodValues['queue.reprintTicket']>, { readonly ticketNumber: string }>(() =>
      notProvided('reprintTicket'),
    ),
  },
  delays: {
    autoReturnTick: AUTO_RETURN_TICK_MS,
    takeTicketTimeout: TAKE_TICKET_TIMEOUT_MS,
    tapGuard: TAP_GUARD_MS,
    readingTimeout: ({ context }) => context.readingTimeoutSeconds * 1_000,
    revealNameTimeout: REVEAL_NAME_TIMEOUT_MS,
    reprintTimeout: REPRINT_TIMEOUT_MS,
  },
  guards: {
    isLastSecond: ({ context }) => context.secondsLeft <= 1,
    choosesDirect: ({ context, event }) => choosesRoute(context, event, 'direct'),
    choosesIdentify: ({ context, event }) => choosesRoute(context, event, 'identify'),
    choosesDirectWithoutReader: ({ context, event }) => choosesRoute(context, event, 'directWithoutReader'),
    choosesReaderUnavailable: ({ context, event }) => choosesRoute(context, event, 'readerUnavailable'),
    routesDirect: ({ context }) => routeOf(context.identification) === 'direct',
    routesIdentify: ({ context }) => routeOf(context.identification) === 'identify',
    routesDirectWithoutReader: ({ context }) => routeOf(context.identification) === 'directWithoutReader',
    isOptional: ({ context }) => context.identification.mode === 'optional',
    isNewCard: ({ context, event }) => event.type === 'CARD_READ' && !isSameCard(context.identity, event.identity),
    isExistingTicket: ({ context }) => context.ticket?.isExisting === true,
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
    configure: assign(({ event }) => (event.type === 'CONFIGURE' ? { identification: event.identification } : {})),
    chooseCategory: assign(({ event }) => ({ categoryId: (event as ChooseEvent).categoryId })),
    takeDirectly: assign({ isByIdCard: false, hasIdentityStep: false, isReaderSkipped: false }),
    takeWithoutReader: assign({ isByIdCard: false, hasIdentityStep: false, isReaderSkipped: true }),
    takeByIdCard: assign({ isByIdCard: true }),
    showIdentityStep: assign({ hasIdentityStep: true, isReaderSkipped: false, readingNotice: null }),
    acceptCard: assign(({ event }) =>
      event.type === 'CARD_READ' ? { identity: event.identity, hasReadCard: true, fullName: null } : {},
    ),
    noteReadFailure: assign(({ event }) =>
      event.type === 'READ_FAILED'
        ? { readingNotice: { kind: 'readFailed' as const, reason: event.reason, message: event.message } }
        : {},
    ),
    noteReaderUnavailable: assign(({ event }) => ({
      readingNotice: {
        kind: 'readerUnavailable' as const,
        message: event.type === 'READER_UNAVAILABLE' ? event.message : null,
      },
    })),
    clearReadingNotice: assign({ readingNotice: null }),
    forgetCard: assign({ identity: null, fullName: null }),
    forgetFullName: assign({ fullName: null }),
    startAutoReturn: assign(({ context }) => ({
      secondsLeft:
        context.ticket?.print.status === 'printed' ? context.autoReturnSeconds : context.printFailedAutoReturnSeconds,
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
    initialCategoryId: input.initialCategoryId ?? null,
    ticket: null,
    failure: null,
    secondsLeft: 0,
    autoReturnSeconds: input.autoReturnSeconds,
    printFailedAutoReturnSeconds: input.printFailedAutoReturnSeconds,
    readingTimeoutSeconds: input.readingTimeoutSeconds,
    identification: input.identification,
    hasIdentityStep: false,
    identity: null,
    fullName: null,
    readingNotice: null,
    hasReadCard: false,
    isByIdCard: false,
    isReaderSkipped: false,
    reprint: NO_REPRINT,
    endReason: null,
    isEvaluating: false,
  }),
  initial: 'choosing',
  on: {
    HOME: { target: '.done', actions: 'endHome' },
    CONFIGURE: { actions: 'configure' },
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
                guard: ({ context, event }) =>
                  event.output.ok && event.output.value.some((category) => category.id === context.initialCategoryId),
                target: '#ticket.routing',
                actions: assign(({ context, event }) => ({
                  categories: event.output.ok ? event.output.value : [],
                  categoryId: context.initialCategoryId,
                  initialCategoryId: null,
                })),
              },
              {
                guard: ({ event }) => event.output.ok,
                target: 'ready',
                actions: assign(({ event }) => ({
                  categories: event.output.ok ? event.output.value : [],
                  initialCategoryId: null,
                })),
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
                CHOOSE: [
                  { guard: 'choosesDirect', target: '#ticket.taking', actions: ['chooseCategory', 'takeDirectly'] },
                  {
                    guard: 'choosesIdentify',
                    target: '#ticket.identifying',
                    actions: ['chooseCategory', 'showIdentityStep'],
                  },
                  {
                    guard: 'choosesDirectWithoutReader',
                    target: '#ticket.taking',
                    actions: ['chooseCategory', 'takeWithoutReader'],
                  },
                  {
                    guard: 'choosesReaderUnavailable',
                    target: '#ticket.readerUnavailable',
                    actions: ['chooseCategory', 'showIdentityStep'],
                  },
                ],
              },
            },
          },
        },
        loadFailed: {
          on: { RETRY: 'loading' },
        },
      },
    },
    // The preselected category, routed like a CHOOSE (transient: never on the screen).
    routing: {
      always: [
        { guard: 'routesDirect', target: 'taking', actions: 'takeDirectly' },
        { guard: 'routesIdentify', target: 'identifying', actions: 'showIdentityStep' },
        { guard: 'routesDirectWithoutReader', target: 'taking', actions: 'takeWithoutReader' },
        { target: 'readerUnavailable', actions: 'showIdentityStep' },
      ],
    },
    identifying: {
      invoke: { src: 'readCards' },
      exit: 'forgetCard',
      initial: 'reading',
      on: {
        READER_UNAVAILABLE: [
          { guard: 'isOptional', actions: 'noteReaderUnavailable' },
          {
            target: 'readerUnavailable',
            actions: assign(({ event }) => ({ failure: { code: 'unavailable', message: event.message } })),
          },
        ],
      },
      states: {
        reading: {
          initial: 'settling',
          after: { readingTimeout: { target: '#ticket.choosing', actions: 'clearReadingNotice' } },
          on: {
            CARD_READ: { target: 'confirming', actions: ['acceptCard', 'clearReadingNotice'] },
            READ_FAILED: { target: 'reading', reenter: true, actions: 'noteReadFailure' },
            // The card that failed (or was not the citizen's) is gone: back to the plain instruction.
            CARD_REMOVED: { actions: ['clearReadingNotice', 'forgetCard'] },
            // The reader's health changed under the citizen. Nothing is taken without a tap:
            // optional mode points at 不刷证，直接取号; required mode has no way on.
            CONFIGURE: [
              {
                guard: ({ event }) => !event.identification.isReaderAvailable && event.identification.mode === 'required',
                target: '#ticket.readerUnavailable',
                actions: ['configure', assign({ failure: null })],
              },
              {
                guard: ({ event }) => !event.identification.isReaderAvailable,
                actions: ['configure', 'noteReaderUnavailable'],
              },
              {
                guard: ({ context }) => context.readingNotice?.kind === 'readerUnavailable',
                actions: ['configure', 'clearReadingNotice'],
              },
              { actions: 'configure' },
            ],
          },
          states: {
            settling: {
              after: { tapGuard: 'open' },
            },
            open: {
              on: {
                SKIP: {
                  guard: 'isOptional',
                  target: '#ticket.taking',
                  actions: assign({ isByIdCard: false }),
                },
              },
            },
          },
        },
        confirming: {
          exit: 'forgetFullName',
          initial: 'revealing',
          on: {
            CONFIRM: { target: '#ticket.taking', actions: 'takeByIdCard' },
            // Either way the card on the screen is not used: forget it (R-P3).
            REREAD: {
              target: 'reading',
              actions: ['forgetCard', assign({ readingNotice: { kind: 'swapCard' as const } })],
            },
            CARD_REMOVED: {
              target: 'reading',
              actions: ['forgetCard', assign({ readingNotice: { kind: 'cardRemoved' as const } })],
            },
            // Another card put down instead: confirm that one. The same card read again is ignored,
            // or its second revealName (refused by the core) would hide the name.
            CARD_READ: { guard: 'isNewCard', target: 'confirming', reenter: true, actions: 'acceptCard' },
            READ_FAILED: { target: 'reading', actions: 'noteReadFailure' },
          },
          states: {
            revealing: {
              invoke: {
                src: 'revealName',
                onDone: {
                  target: 'revealed',
                  actions: assign(({ event }) => ({ fullName: event.output.ok ? event.output.value.fullName : null })),
                },
                onError: 'revealed',
              },
              after: { revealNameTimeout: 'revealed' },
            },
            revealed: {},
          },
        },
      },
    },
    readerUnavailable: {
      on: {
        RETRY: [
          { guard: 'routesIdentify', target: 'identifying', actions: 'showIdentityStep' },
          { guard: 'routesDirect', target: 'taking', actions: 'takeDirectly' },
          { guard: 'routesDirectWithoutReader', target: 'taking', actions: 'takeWithoutReader' },
        ],
        CHOOSE_AGAIN: 'choosing',
      },
    },
    taking: {
      entry: 'clearFailure',
      invoke: {
        src: 'takeTicket',
        input: ({ context }) => ({ categoryId: context.categoryId ?? '', isByIdCard: context.isByIdCard }),
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
      type: 'parallel',
      entry: ['startAutoReturn', assign({ reprint: NO_REPRINT })],
      states: {
        countdown: {
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
        },
        reprint: {
          initial: 'idle',
          states: {
            idle: {
              on: { REPRINT: { guard: 'isExistingTicket', target: 'printing' } },
            },
            printing: {
              entry: assign({ reprint: { phase: 'printing', reason: null } }),
              invoke: {
                src: 'reprintTicket',
                input: ({ context }) => ({ ticketNumber: context.ticket?.ticketNumber ?? '' }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok && event.output.value.print.status === 'printed',
                    target: 'printed',
                  },
                  {
                    target: 'failed',
                    actions: assign(({ event }) => {
                      const { output } = event;
                      if (!output.ok) return { reprint: { phase: 'failed' as const, reason: output.error.message || null } };
                      const { print } = output.value;
                      return { reprint: { phase: 'failed' as const, reason: print.status === 'failed' ? print.reason : null } };
                    }),
                  },
                ],
                onError: { target: 'failed', actions: assign({ reprint: { phase: 'failed', reason: null } }) },
              },
              after: { reprintTimeout: { target: 'failed', actions: assign({ reprint: { phase: 'failed', reason: null } }) } },
            },
            // Once printed, no more copies: the button goes, the countdown starts afresh.
            printed: {
              entry: assign(({ context }) => ({
                reprint: { phase: 'printed' as const, reason: null },
                secondsLeft: context.autoReturnSeconds,
              })),
            },
            failed: {
              entry: assign(({ context }) => ({ secondsLeft: context.printFailedAutoReturnSeconds })),
              on: { REPRINT: 'printing' },
            },
          },
        },
      },
      on: {
        DONE: { target: 'done', actions: 'endFinished' },
        EVALUATE: { target: 'done', actions: ['endFinished', assign({ isEvaluating: true })] },
        // Leaving the ticket screen by any button means the journey was completed.
        HOME: { target: 'done', actions: 'endFinished' },
      },
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }): TicketOutput =>
    context.isEvaluating ? { reason: context.endReason ?? 'finished', isEvaluating: true } : { reason: context.endReason ?? 'home' },
});

export type TicketMachine = typeof ticketMachine;
export type TicketSnapshot = SnapshotFrom<TicketMachine>;
export type TicketActorRef = ActorRefFrom<TicketMachine>;

/** The machine wired to the core through `kiosk`. */
export function provideKiosk(kiosk: KioskApi): TicketMachine {
  return ticketMachine.provide({
    actors: {
      listCategories: fromPromise(() => kiosk.queue.listCategories({})),
      takeTicket: fromPromise<IpcResult<TicketView>, TakeTicketInput>(({ input }) =>
        input.isByIdCard
          ? kiosk.queue.takeTicketByIdCard({ categoryId: input.categoryId })
          : kiosk.queue.takeTicket({ categoryId: input.categoryId }),
      ),
      watchWaiting: fromCallback<WaitingChanged>(({ sendBack }) =>
        kiosk.on('queue.waitingChanged', ({ categoryId, waitingCount }) => {
          sendBack({ type: 'WAITING_CHANGED', categoryId, waitingCount });
        }),
      ),
      readCards: readCardsActor(kiosk),
      revealName: fromPromise(() => kiosk.identity.revealName({})),
      reprintTicket: fromPromise<IpcResult<MethodValues['queue.reprintTicket']>, { readonly ticketNumber: string }>(
        ({ input }) => kiosk.queue.reprintTicket({ ticketNumber: input.ticketNumber }),
      ),
    },
  });
}
