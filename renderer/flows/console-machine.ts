/**
 * The technician console's way in and its session (issue #8, reliability.md R-P7):
 *
 *   checking (admin.pinStatus) ──unset──▶ setFirst ──▶ setConfirm ──▶ settingPin ──▶ session
 *        │                      (mismatch: back to setFirst; a weak PIN: the core's reason)
 *        ├──set──▶ login ──SUBMIT──▶ loggingIn ──▶ session
 *        │            ▲                  └─wrong─▶ recheck (admin.pinStatus) ──▶ login | locked
 *        └──locked──▶ locked (请 N 秒后再试, counting down) ──▶ login
 *   session ∥ clock: the admin session's countdown; at zero ──▶ expiring (admin.logout) ──▶ done
 *           ∥ view:  tabs (设备总览 … 审计日志) | changeOld ▶ changeNew ▶ changeConfirm ▶ changing
 *   session ──FORBIDDEN (a call found the token lapsed)──▶ login;  LOGOUT ──▶ loggingOut ──▶ done
 *
 * The PIN pad closes by itself after {@link PIN_PAD_IDLE_MS} without a key: a citizen who
 * stumbled in is taken home. The session's length is the one the core granted at login;
 * touches in the console restart it (ACTIVITY), and the screens keep the core's side alive
 * with their calls. PIN digits stay in this machine's context only while typed, never in a
 * log; the core is reached through actors given with `machine.provide`
 * ({@link provideConsoleKiosk}), and every delay is named so a test clock drives it.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, fromPromise, setup } from 'xstate';
import type { AdminPinState, AdminSession, IpcResult, KioskApi } from '../../electron/ipc/contract';

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;
/** The PIN pad goes home after this long without a key. */
export const PIN_PAD_IDLE_MS = 60_000;
export const CONSOLE_TICK_MS = 1_000;
/** A PIN call unanswered after this is shown as failed. */
export const ADMIN_CALL_TIMEOUT_MS = 15_000;
/** logout is best effort: the screen goes home after this whatever the core says. */
export const LOGOUT_TIMEOUT_MS = 3_000;
/** The session length granted by the core, clamped: the two clocks may disagree a little. */
export const MIN_SESSION_MS = 60_000;
export const MAX_SESSION_MS = 30 * 60_000;

export type ConsoleTab = 'overview' | 'binding' | 'tests' | 'settings' | 'diagnostics' | 'audit';
export const CONSOLE_TABS: readonly ConsoleTab[] = ['overview', 'binding', 'tests', 'settings', 'diagnostics', 'audit'];

export type PinKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'backspace' | 'clear';

/** What the PIN pad is asking for. */
export type PadStage = 'setFirst' | 'setConfirm' | 'login' | 'locked' | 'changeOld' | 'changeNew' | 'changeConfirm';

/** Local notices are copy keys (console.notice.*); the core's come as its Chinese text. */
export type ConsoleNoticeKey = 'mismatch' | 'tooShort' | 'unreachable' | 'timeout' | 'pinChanged' | 'lockOver';
export type ConsoleNotice = { readonly key: ConsoleNoticeKey } | { readonly text: string };

export type ConsoleEndReason = 'exit' | 'expired' | 'cancelled';

export interface ConsoleInput {
  /** Epoch ms: Date.now, or a test clock's. */
  readonly now: () => number;
}

export interface ConsoleContext {
  readonly now: () => number;
  /** Digits typed on the pad now. */
  readonly pin: string;
  /** The first entry of a new PIN, to compare with the second. */
  readonly firstPin: string;
  readonly oldPin: string;
  readonly notice: ConsoleNotice | null;
  readonly lockSecondsLeft: number;
  readonly token: string | null;
  readonly sessionMs: number;
  /** Epoch ms at which the console closes unless touched. */
  readonly deadline: number;
  readonly sessionSecondsLeft: number;
  readonly tab: ConsoleTab;
  readonly endReason: ConsoleEndReason | null;
}

export type ConsoleEvent =
  | { readonly type: 'KEY'; readonly key: PinKey }
  | { readonly type: 'SUBMIT' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'TAB'; readonly tab: ConsoleTab }
  /** A touch or key in the console: the session starts afresh. */
  | { readonly type: 'ACTIVITY' }
  /** A call found the admin token lapsed or unknown: back to the PIN pad with the core's words. */
  | { readonly type: 'FORBIDDEN'; readonly message: string }
  | { readonly type: 'LOGOUT' }
  | { readonly type: 'CHANGE_PIN' };

export interface ConsoleOutput {
  readonly reason: ConsoleEndReason;
}

type ChangeArg = { readonly token: string; readonly oldPin: string; readonly newPin: string };

function notProvided(actor: string): never {
  throw new Error(`consoleMachine: actor ${actor} not provided`);
}

function typed(pin: string, key: PinKey): string {
  if (key === 'backspace') return pin.slice(0, -1);
  if (key === 'clear') return '';
  return pin.length >= PIN_MAX_LENGTH ? pin : `${pin}${key}`;
}

const noticeOf = (result: IpcResult<unknown>): ConsoleNotice => (result.ok ? { key: 'unreachable' } : { text: result.error.message });
const secondsUntil = (deadline: number, now: number): number => Math.max(0, Math.ceil((deadline - now) / 1_000));
const TOO_SHORT = { key: 'tooShort' } as const satisfies ConsoleNotice;

export const consoleMachine = setup({
  types: {
    context: {} as ConsoleContext,
    events: {} as ConsoleEvent,
    input: {} as ConsoleInput,
    output: {} as ConsoleOutput,
  },
  actors: {
    pinStatus: fromPromise<IpcResult<AdminPinState>>(() => notProvided('pinStatus')),
    setPin: fromPromise<IpcResult<AdminSession>, { readonly pin: string }>(() => notProvided('setPin')),
    login: fromPromise<IpcResult<AdminSession>, { readonly pin: string }>(() => notProvided('login')),
    changePin: fromPromise<IpcResult<{ readonly changed: true }>, ChangeArg>(() => notProvided('changePin')),
    logout: fromPromise<unknown, { readonly token: string }>(() => notProvided('logout')),
  },
  delays: {
    padIdle: PIN_PAD_IDLE_MS,
    tick: CONSOLE_TICK_MS,
    callTimeout: ADMIN_CALL_TIMEOUT_MS,
    logoutTimeout: LOGOUT_TIMEOUT_MS,
  },
  guards: {
    isLongEnough: ({ context }) => context.pin.length >= PIN_MIN_LENGTH,
    isSameAsFirst: ({ context }) => context.pin === context.firstPin,
    isLastLockSecond: ({ context }) => context.lockSecondsLeft <= 1,
    isSessionOver: ({ context }) => context.now() >= context.deadline,
  },
  actions: {
    press: assign(({ context, event }) => (event.type === 'KEY' ? { pin: typed(context.pin, event.key) } : {})),
    clearPins: assign({ pin: '', firstPin: '', oldPin: '' }),
    keepFirst: assign(({ context }) => ({ firstPin: context.pin, pin: '', notice: null })),
    keepOld: assign(({ context }) => ({ oldPin: context.pin, pin: '', notice: null })),
    tooShort: assign({ notice: TOO_SHORT }),
    mismatch: assign({ pin: '', firstPin: '', notice: { key: 'mismatch' } as ConsoleNotice }),
    endCancelled: assign({ endReason: 'cancelled' as const }),
    countDownLock: assign(({ context }) => ({ lockSecondsLeft: context.lockSecondsLeft - 1 })),
    updateSession: assign(({ context }) => ({ sessionSecondsLeft: secondsUntil(context.deadline, context.now()) })),
    extendSession: assign(({ context }) => {
      const deadline = context.now() + context.sessionMs;
      return { deadline, sessionSecondsLeft: secondsUntil(deadline, context.now()) };
    }),
    dropSession: assign({ token: null, pin: '', firstPin: '', oldPin: '' }),
  },
}).createMachine({
  id: 'console',
  context: ({ input }) => ({
    now: input.now,
    pin: '',
    firstPin: '',
    oldPin: '',
    notice: null,
    lockSecondsLeft: 0,
    token: null,
    sessionMs: 0,
    deadline: 0,
    sessionSecondsLeft: 0,
    tab: 'overview',
    endReason: null,
  }),
  initial: 'checking',
  states: {
    checking: {
      invoke: {
        src: 'pinStatus',
        onDone: [
          { guard: ({ event }) => event.output.ok && event.output.value.state === 'unset', target: 'setFirst' },
          {
            guard: ({ event }) => event.output.ok && event.output.value.state === 'set' && event.output.value.lockedForMs > 0,
            target: 'locked',
            actions: assign(({ event }) => ({ lockSecondsLeft: lockSecondsOf(event.output) })),
          },
          { guard: ({ event }) => event.output.ok, target: 'login' },
          { target: 'unreachable', actions: assign(({ event }) => ({ notice: noticeOf(event.output) })) },
        ],
        onError: { target: 'unreachable', actions: assign({ notice: { key: 'unreachable' } as ConsoleNotice }) },
      },
      after: { callTimeout: { target: 'unreachable', actions: assign({ notice: { key: 'timeout' } as ConsoleNotice }) } },
    },
    unreachable: {
      on: { RETRY: 'checking', CANCEL: { target: 'done', actions: 'endCancelled' } },
      after: { padIdle: { target: 'done', actions: 'endCancelled' } },
    },
    setFirst: {
      on: {
        KEY: { target: 'setFirst', reenter: true, actions: 'press' },
        SUBMIT: [{ guard: 'isLongEnough', target: 'setConfirm', actions: 'keepFirst' }, { actions: 'tooShort' }],
        CANCEL: { target: 'done', actions: 'endCancelled' },
      },
      after: { padIdle: { target: 'done', actions: 'endCancelled' } },
    },
    setConfirm: {
      on: {
        KEY: { target: 'setConfirm', reenter: true, actions: 'press' },
        SUBMIT: [{ guard: 'isSameAsFirst', target: 'settingPin' }, { target: 'setFirst', actions: 'mismatch' }],
        CANCEL: { target: 'done', actions: 'endCancelled' },
      },
      after: { padIdle: { target: 'done', actions: 'endCancelled' } },
    },
    settingPin: {
      invoke: {
        src: 'setPin',
        input: ({ context }) => ({ pin: context.firstPin }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'session', actions: assign(({ context, event }) => sessionFrom(context, event.output)) },
          { target: 'setFirst', actions: ['clearPins', assign(({ event }) => ({ notice: noticeOf(event.output) }))] },
        ],
        onError: { target: 'setFirst', actions: ['clearPins', assign({ notice: { key: 'unreachable' } as ConsoleNotice })] },
      },
      after: { callTimeout: { target: 'setFirst', actions: ['clearPins', assign({ notice: { key: 'timeout' } as ConsoleNotice })] } },
    },
    login: {
      on: {
        KEY: { target: 'login', reenter: true, actions: 'press' },
        SUBMIT: [{ guard: 'isLongEnough', target: 'loggingIn' }, { actions: 'tooShort' }],
        CANCEL: { target: 'done', actions: 'endCancelled' },
      },
      after: { padIdle: { target: 'done', actions: 'endCancelled' } },
    },
    loggingIn: {
      invoke: {
        src: 'login',
        input: ({ context }) => ({ pin: context.pin }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'session', actions: assign(({ context, event }) => sessionFrom(context, event.output)) },
          // Wrong or locked: the core's words, then its lock state for the countdown.
          { target: 'recheck', actions: ['clearPins', assign(({ event }) => ({ notice: noticeOf(event.output) }))] },
        ],
        onError: { target: 'login', actions: ['clearPins', assign({ notice: { key: 'unreachable' } as ConsoleNotice })] },
      },
      after: { callTimeout: { target: 'login', actions: ['clearPins', assign({ notice: { key: 'timeout' } as ConsoleNotice })] } },
    },
    recheck: {
      invoke: {
        src: 'pinStatus',
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.value.state === 'set' && event.output.value.lockedForMs > 0,
            target: 'locked',
            actions: assign(({ event }) => ({ lockSecondsLeft: lockSecondsOf(event.output) })),
          },
          { guard: ({ event }) => event.output.ok && event.output.value.state === 'unset', target: 'setFirst' },
          { target: 'login' },
        ],
        onError: 'login',
      },
      after: { callTimeout: 'login' },
    },
    locked: {
      initial: 'counting',
      states: {
        counting: {
          after: {
            tick: [
              { guard: 'isLastLockSecond', target: '#console.login', actions: assign({ lockSecondsLeft: 0, notice: { key: 'lockOver' } as ConsoleNotice }) },
              { target: 'counting', reenter: true, actions: 'countDownLock' },
            ],
          },
        },
      },
      on: { CANCEL: { target: 'done', actions: 'endCancelled' } },
      after: { padIdle: { target: 'done', actions: 'endCancelled' } },
    },
    session: {
      type: 'parallel',
      on: {
        ACTIVITY: { actions: 'extendSession' },
        FORBIDDEN: { target: 'login', actions: ['dropSession', assign(({ event }) => ({ notice: { text: event.message } }))] },
        LOGOUT: 'loggingOut',
      },
      states: {
        clock: {
          initial: 'ticking',
          states: {
            ticking: {
              after: {
                tick: [
                  { guard: 'isSessionOver', target: '#console.expiring' },
                  { target: 'ticking', reenter: true, actions: 'updateSession' },
                ],
              },
            },
          },
        },
        view: {
          initial: 'tabs',
          states: {
            tabs: {
              on: {
                TAB: { actions: assign(({ event }) => ({ tab: event.tab, notice: null })) },
                CHANGE_PIN: { target: 'changeOld', actions: ['clearPins', assign({ notice: null })] },
              },
            },
            changeOld: {
              on: {
                KEY: { actions: 'press' },
                SUBMIT: [{ guard: 'isLongEnough', target: 'changeNew', actions: 'keepOld' }, { actions: 'tooShort' }],
                CANCEL: { target: 'tabs', actions: ['clearPins', assign({ notice: null })] },
              },
            },
            changeNew: {
              on: {
                KEY: { actions: 'press' },
                SUBMIT: [{ guard: 'isLongEnough', target: 'changeConfirm', actions: 'keepFirst' }, { actions: 'tooShort' }],
                CANCEL: { target: 'tabs', actions: ['clearPins', assign({ notice: null })] },
              },
            },
            changeConfirm: {
              on: {
                KEY: { actions: 'press' },
                SUBMIT: [{ guard: 'isSameAsFirst', target: 'changing' }, { target: 'changeNew', actions: 'mismatch' }],
                CANCEL: { target: 'tabs', actions: ['clearPins', assign({ notice: null })] },
              },
            },
            changing: {
              invoke: {
                src: 'changePin',
                input: ({ context }) => ({ token: context.token ?? '', oldPin: context.oldPin, newPin: context.firstPin }),
                onDone: [
                  { guard: ({ event }) => event.output.ok, target: 'tabs', actions: ['clearPins', assign({ notice: { key: 'pinChanged' } as ConsoleNotice })] },
                  {
                    guard: ({ event }) => !event.output.ok && event.output.error.code === 'forbidden',
                    target: '#console.login',
                    actions: ['dropSession', assign(({ event }) => ({ notice: noticeOf(event.output) }))],
                  },
                  { target: 'changeOld', actions: ['clearPins', assign(({ event }) => ({ notice: noticeOf(event.output) }))] },
                ],
                onError: { target: 'changeOld', actions: ['clearPins', assign({ notice: { key: 'unreachable' } as ConsoleNotice })] },
              },
            },
          },
        },
      },
    },
    loggingOut: {
      entry: assign({ endReason: 'exit' as const }),
      invoke: { src: 'logout', input: ({ context }) => ({ token: context.token ?? '' }), onDone: 'done', onError: 'done' },
      after: { logoutTimeout: 'done' },
    },
    expiring: {
      entry: assign({ endReason: 'expired' as const }),
      invoke: { src: 'logout', input: ({ context }) => ({ token: context.token ?? '' }), onDone: 'done', onError: 'done' },
      after: { logoutTimeout: 'done' },
    },
    done: {
      type: 'final',
      entry: 'dropSession',
    },
  },
  output: ({ context }) => ({ reason: context.endReason ?? 'cancelled' }),
});

function lockSecondsOf(result: IpcResult<AdminPinState>): number {
  return result.ok && result.value.state === 'set' ? Math.max(1, Math.ceil(result.value.lockedForMs / 1_000)) : 1;
}

/** The context of a session just opened: the core's token and the length it granted. */
function sessionFrom(context: ConsoleContext, result: IpcResult<AdminSession>): Partial<ConsoleContext> {
  if (!result.ok) return {};
  const now = context.now();
  const sessionMs = Math.min(MAX_SESSION_MS, Math.max(MIN_SESSION_MS, result.value.expiresAt - now));
  return {
    token: result.value.token,
    sessionMs,
    deadline: now + sessionMs,
    sessionSecondsLeft: secondsUntil(now + sessionMs, now),
    pin: '',
    firstPin: '',
    oldPin: '',
    notice: null,
    tab: 'overview',
  };
}

export type ConsoleMachine = typeof consoleMachine;
export type ConsoleSnapshot = SnapshotFrom<ConsoleMachine>;
export type ConsoleActorRef = ActorRefFrom<ConsoleMachine>;

/** What the PIN pad shows for this snapshot, or null when the console (or nothing) is shown. */
export function padStageOf(snapshot: ConsoleSnapshot): PadStage | null {
  if (snapshot.matches('setFirst')) return 'setFirst';
  if (snapshot.matches('setConfirm') || snapshot.matches('settingPin')) return 'setConfirm';
  if (snapshot.matches('login') || snapshot.matches('loggingIn') || snapshot.matches('recheck')) return 'login';
  if (snapshot.matches('locked')) return 'locked';
  if (snapshot.matches({ session: { view: 'changeOld' } })) return 'changeOld';
  if (snapshot.matches({ session: { view: 'changeNew' } })) return 'changeNew';
  if (snapshot.matches({ session: { view: 'changeConfirm' } }) || snapshot.matches({ session: { view: 'changing' } })) return 'changeConfirm';
  return null;
}

/** True while the core is being asked something the pad waits for. */
export function isPadBusy(snapshot: ConsoleSnapshot): boolean {
  return (
    snapshot.matches('settingPin') || snapshot.matches('loggingIn') || snapshot.matches('recheck') || snapshot.matches({ session: { view: 'changing' } })
  );
}

/** The machine wired to the core through `kiosk`. */
export function provideConsoleKiosk(kiosk: KioskApi): ConsoleMachine {
  return consoleMachine.provide({
    actors: {
      pinStatus: fromPromise<IpcResult<AdminPinState>>(() => kiosk.admin.pinStatus({})),
      setPin: fromPromise<IpcResult<AdminSession>, { readonly pin: string }>(({ input }) => kiosk.admin.setPin({ pin: input.pin })),
      login: fromPromise<IpcResult<AdminSession>, { readonly pin: string }>(({ input }) => kiosk.admin.login({ pin: input.pin })),
      changePin: fromPromise<IpcResult<{ readonly changed: true }>, ChangeArg>(({ input }) => kiosk.admin.changePin(input)),
      logout: fromPromise<unknown, { readonly token: string }>(({ input }) => kiosk.admin.logout({ token: input.token })),
    },
  });
}
