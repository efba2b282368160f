/**
 * Idle watch for every screen but home (reliability.md R-P3). While a journey runs, each
 * touch, click or key restarts a quiet period of `timeoutSeconds`; when it runs out, a
 * countdown of `countdownSeconds` is shown with a "继续办理" button, and if nobody answers the
 * machine emits `expired` so the app ends the session and wipes the journey.
 *
 * Delays are named (`idleTimeout`, `countdownTick`) so tests drive them with a
 * `SimulatedClock`, and the durations come from the terminal's configuration at run time.
 */
import { assign, emit, setup } from 'xstate';

export const COUNTDOWN_TICK_MS = 1_000;

export interface IdleSettings {
  readonly timeoutSeconds: number;
  readonly countdownSeconds: number;
}

export interface IdleContext extends IdleSettings {
  /** Whole seconds left on the countdown; meaningful in `warning` only. */
  readonly remainingSeconds: number;
}

export type IdleEvent =
  /** A journey started: start (or restart) watching. */
  | { readonly type: 'START' }
  /** Back on the home screen (or out of service): nothing to watch. */
  | { readonly type: 'STOP' }
  /** The citizen touched, clicked or typed. Ignored during the countdown, see below. */
  | { readonly type: 'ACTIVITY' }
  /** The "继续办理" button on the countdown. */
  | { readonly type: 'CONTINUE' }
  /** New durations from the configuration or the theme; used from the next period on. */
  | ({ readonly type: 'CONFIGURE' } & IdleSettings);

export type IdleEmitted = { readonly type: 'expired' };

/** Durations below one second would make the screen flicker; the configuration is not trusted. */
function sanitize(settings: IdleSettings): IdleSettings {
  return {
    timeoutSeconds: Math.max(1, Math.round(settings.timeoutSeconds)),
    countdownSeconds: Math.max(1, Math.round(settings.countdownSeconds)),
  };
}

export const idleMachine = setup({
  types: {
    context: {} as IdleContext,
    events: {} as IdleEvent,
    input: {} as IdleSettings,
    emitted: {} as IdleEmitted,
  },
  delays: {
    idleTimeout: ({ context }) => context.timeoutSeconds * 1_000,
    countdownTick: COUNTDOWN_TICK_MS,
  },
  guards: {
    isLastSecond: ({ context }) => context.remainingSeconds <= 1,
  },
  actions: {
    configure: assign(({ event }) => (event.type === 'CONFIGURE' ? sanitize(event) : {})),
    startCountdown: assign(({ context }) => ({ remainingSeconds: context.countdownSeconds })),
    countDown: assign(({ context }) => ({ remainingSeconds: context.remainingSeconds - 1 })),
    announceExpiry: emit({ type: 'expired' } as const),
  },
}).createMachine({
  id: 'idle',
  context: ({ input }) => ({ ...sanitize(input), remainingSeconds: 0 }),
  initial: 'stopped',
  on: {
    CONFIGURE: { actions: 'configure' },
    STOP: '.stopped',
  },
  states: {
    stopped: {
      on: { START: 'watching' },
    },
    watching: {
      after: { idleTimeout: 'warning' },
      on: {
        START: { target: 'watching', reenter: true },
        ACTIVITY: { target: 'watching', reenter: true },
      },
    },
    warning: {
      entry: 'startCountdown',
      initial: 'counting',
      states: {
        counting: {
          after: {
            countdownTick: [
              { guard: 'isLastSecond', target: '#idle.stopped', actions: 'announceExpiry' },
              { target: 'counting', reenter: true, actions: 'countDown' },
            ],
          },
        },
      },
      // Only an explicit answer ends the countdown. If the pointerdown that lands on the
      // dialog closed it, the click that follows would hit whatever lies under it.
      on: {
        CONTINUE: 'watching',
        START: 'watching',
      },
    },
  },
});
