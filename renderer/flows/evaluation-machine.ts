/**
 * 好差评: rate the service just given, offered once at the end of a journey (protocols.md
 * §4.1). Five levels, 非常满意 first, none chosen until the citizen taps one; the chosen
 * level's reasons as toggles, at least one for a low level (`prompt.lowLevels`), where a
 * phone number for follow-up may be left; then 提交 and thanks.
 *
 *   opening ──▶ rating ──SUBMIT (valid)──▶ submitting ──▶ thanks ──▶ done
 *      │          │ SKIP / HOME ──▶ declining (skipped) ──▶ done
 *      │          │ promptTimeout ──▶ declining (timeout) ──▶ done
 *      ▼          ▼
 *   openFailed  submitFailed ──RETRY──▶ submitting · SKIP ──▶ declining
 *
 * The prompt closes by itself after `prompt.timeoutSeconds` × the theme's time factor and is
 * recorded as "not rated" (`evaluation.decline` with `timeout`), never as a level. Each tap
 * while rating starts that period again: someone choosing reasons is not gone. 暂不评价
 * records `skipped`. Nothing asks again: the journey ends after the evaluation either way.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, cancel, enqueueActions, fromPromise, raise, setup } from 'xstate';
import type {
  EvaluationJourney,
  EvaluationLevel,
  EvaluationPrompt,
  IpcResult,
  KioskApi,
  MethodValues,
} from '../../electron/ipc/contract';
import { type LookupFailure, TIMEOUT_FAILURE, TRANSPORT_FAILURE, failureOf } from './lookup-common';

/** The thanks stay this long before home (关怀模式 stretches it). */
export const THANKS_SECONDS = 6;
/** A call still unanswered after this is shown as failed (begin, submit) or given up (decline). */
export const EVALUATION_CALL_TIMEOUT_MS = 15_000;
/** The contract takes at most 8 reasons. */
export const MAX_REASONS = 8;
/** Digits on the keypad: a landline with its area code has at most 12. */
export const MAX_PHONE_DIGITS = 12;
/** What the core accepts (contract: mobile, or 0 + area code + number). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/u;

const PROMPT_TIMER_ID = 'evaluationPromptTimeout';

export interface EvaluationInput {
  readonly journey: EvaluationJourney;
  readonly caseNumber: string | null;
  /** The theme's time factor (关怀模式 1.5): stretches the prompt's timeout and the thanks. */
  readonly timeFactor: number;
}

export type PhoneKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'backspace' | 'clear';

export interface EvaluationContext extends EvaluationInput {
  readonly prompt: EvaluationPrompt | null;
  readonly level: EvaluationLevel | null;
  readonly reasons: readonly string[];
  readonly phone: string;
  /** 提交 was tapped while something was missing: say what. */
  readonly isIncompleteShown: boolean;
  readonly declineWhy: 'skipped' | 'timeout';
  readonly failure: LookupFailure | null;
  readonly isFollowUp: boolean;
  /** How it ended, for the journey's output. */
  readonly outcome: EvaluationOutcome;
}

export type EvaluationEvent =
  | { readonly type: 'LEVEL'; readonly level: EvaluationLevel }
  | { readonly type: 'TOGGLE_REASON'; readonly reason: string }
  | { readonly type: 'PHONE_KEY'; readonly key: PhoneKey }
  | { readonly type: 'SUBMIT' }
  /** 暂不评价. */
  | { readonly type: 'SKIP' }
  | { readonly type: 'RETRY' }
  /** 返回首页 (header): while rating it counts as 暂不评价. */
  | { readonly type: 'HOME' }
  | { readonly type: 'DONE' }
  /** Raised by the prompt's own timer. */
  | { readonly type: 'PROMPT_TIMEOUT' };

/** `failed`: no prompt could be opened (nothing recorded). */
export type EvaluationOutcome = 'rated' | 'skipped' | 'timeout' | 'failed';

export interface EvaluationOutput {
  readonly outcome: EvaluationOutcome;
}

export interface SubmitRequest {
  readonly promptId: string;
  readonly level: EvaluationLevel;
  readonly reasons: readonly string[];
  readonly phone: string | null;
}

export function isLowLevel(prompt: EvaluationPrompt | null, level: EvaluationLevel | null): boolean {
  return prompt !== null && level !== null && prompt.lowLevels.includes(level);
}

/** What keeps 提交 from going through; null when the rating can be submitted. */
export function missingOf(context: Pick<EvaluationContext, 'prompt' | 'level' | 'reasons' | 'phone'>): 'level' | 'reason' | 'phone' | null {
  if (context.level === null) return 'level';
  if (isLowLevel(context.prompt, context.level) && context.reasons.length === 0) return 'reason';
  if (context.phone !== '' && !PHONE_PATTERN.test(context.phone)) return 'phone';
  return null;
}

function pressPhoneKey(phone: string, key: PhoneKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return phone.slice(0, -1);
  return phone.length >= MAX_PHONE_DIGITS ? phone : phone + key;
}

function notProvided(name: string): never {
  throw new Error(`evaluationMachine: actor ${name} not provided`);
}

type BeginValue = MethodValues['evaluation.begin'];
type SubmitValue = MethodValues['evaluation.submit'];
type DeclineValue = MethodValues['evaluation.decline'];

export const evaluationMachine = setup({
  types: {
    context: {} as EvaluationContext,
    events: {} as EvaluationEvent,
    input: {} as EvaluationInput,
    output: {} as EvaluationOutput,
  },
  actors: {
    begin: fromPromise<IpcResult<BeginValue>, { readonly journey: EvaluationJourney; readonly caseNumber: string | null }>(
      () => notProvided('begin'),
    ),
    submit: fromPromise<IpcResult<SubmitValue>, SubmitRequest>(() => notProvided('submit')),
    decline: fromPromise<IpcResult<DeclineValue>, { readonly promptId: string; readonly why: 'skipped' | 'timeout' }>(() =>
      notProvided('decline'),
    ),
  },
  delays: {
    promptTimeout: ({ context }) => Math.round((context.prompt?.timeoutSeconds ?? 60) * context.timeFactor * 1_000),
    thanksTimeout: ({ context }) => Math.round(THANKS_SECONDS * context.timeFactor * 1_000),
    callTimeout: EVALUATION_CALL_TIMEOUT_MS,
  },
  guards: {
    isComplete: ({ context }) => missingOf(context) === null,
  },
  actions: {
    restartTimer: enqueueActions(({ enqueue }) => {
      enqueue(cancel(PROMPT_TIMER_ID));
      enqueue(raise({ type: 'PROMPT_TIMEOUT' }, { id: PROMPT_TIMER_ID, delay: 'promptTimeout' }));
    }),
    stopTimer: cancel(PROMPT_TIMER_ID),
    chooseLevel: assign(({ context, event }) => {
      if (event.type !== 'LEVEL') return {};
      // Reasons belong to a level: those of another level go; the phone only stays for a low one.
      const offered = context.prompt?.reasons[event.level] ?? [];
      return {
        level: event.level,
        reasons: context.reasons.filter((reason) => offered.includes(reason)),
        phone: isLowLevel(context.prompt, event.level) ? context.phone : '',
        isIncompleteShown: false,
      };
    }),
    toggleReason: assign(({ context, event }) => {
      if (event.type !== 'TOGGLE_REASON' || context.level === null) return {};
      const offered = context.prompt?.reasons[context.level] ?? [];
      if (!offered.includes(event.reason)) return {};
      const isOn = context.reasons.includes(event.reason);
      if (!isOn && context.reasons.length >= MAX_REASONS) return {};
      // Kept in the order offered, whatever the order of the taps.
      const next = isOn ? context.reasons.filter((r) => r !== event.reason) : [...context.reasons, event.reason];
      return { reasons: offered.filter((reason) => next.includes(reason)), isIncompleteShown: false };
    }),
    pressPhone: assign(({ context, event }) =>
      event.type === 'PHONE_KEY' && isLowLevel(context.prompt, context.level)
        ? { phone: pressPhoneKey(context.phone, event.key), isIncompleteShown: false }
        : {},
    ),
  },
}).createMachine({
  id: 'evaluation',
  context: ({ input }) => ({
    ...input,
    prompt: null,
    level: null,
    reasons: [],
    phone: '',
    isIncompleteShown: false,
    declineWhy: 'skipped',
    failure: null,
    isFollowUp: false,
    outcome: 'failed',
  }),
  initial: 'opening',
  states: {
    opening: {
      invoke: {
        src: 'begin',
        input: ({ context }) => ({ journey: context.journey, caseNumber: context.caseNumber }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'rating',
            actions: assign(({ event }) => ({ prompt: event.output.ok ? event.output.value : null })),
          },
          { target: 'openFailed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'openFailed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: { callTimeout: { target: 'openFailed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
      on: { HOME: 'done', SKIP: 'done' },
    },
    // Nothing to record: no prompt was opened. The screen says so briefly, then home.
    openFailed: {
      after: { thanksTimeout: 'done' },
      on: { HOME: 'done', DONE: 'done', SKIP: 'done' },
    },
    rating: {
      entry: 'restartTimer',
      exit: 'stopTimer',
      on: {
        LEVEL: { actions: ['chooseLevel', 'restartTimer'] },
        TOGGLE_REASON: { actions: ['toggleReason', 'restartTimer'] },
        PHONE_KEY: { actions: ['pressPhone', 'restartTimer'] },
        SUBMIT: [
          { guard: 'isComplete', target: 'submitting' },
          { actions: [assign({ isIncompleteShown: true }), 'restartTimer'] },
        ],
        SKIP: { target: 'declining', actions: assign({ declineWhy: 'skipped' as const }) },
        HOME: { target: 'declining', actions: assign({ declineWhy: 'skipped' as const }) },
        PROMPT_TIMEOUT: { target: 'declining', actions: assign({ declineWhy: 'timeout' as const }) },
      },
    },
    submitting: {
      entry: assign({ failure: null }),
      invoke: {
        src: 'submit',
        input: ({ context }) => ({
          promptId: context.prompt?.promptId ?? '',
          level: context.level ?? 3,
          reasons: context.reasons,
          phone: context.phone === '' ? null : context.phone,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'thanks',
            actions: assign(({ event }) => ({ isFollowUp: event.output.ok && event.output.value.isFollowUp })),
          },
          { target: 'submitFailed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'submitFailed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: { callTimeout: { target: 'submitFailed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
    },
    submitFailed: {
      entry: 'restartTimer',
      exit: 'stopTimer',
      on: {
        RETRY: 'submitting',
        SKIP: { target: 'declining', actions: assign({ declineWhy: 'skipped' as const }) },
        HOME: { target: 'declining', actions: assign({ declineWhy: 'skipped' as const }) },
        PROMPT_TIMEOUT: { target: 'declining', actions: assign({ declineWhy: 'timeout' as const }) },
      },
    },
    thanks: {
      entry: assign({ outcome: 'rated' as const }),
      after: { thanksTimeout: 'done' },
      on: { DONE: 'done', HOME: 'done' },
    },
    // Best effort: home follows whatever the core answers, and it does not wait long.
    declining: {
      entry: assign(({ context }) => ({ outcome: context.declineWhy })),
      invoke: {
        src: 'decline',
        input: ({ context }) => ({ promptId: context.prompt?.promptId ?? '', why: context.declineWhy }),
        onDone: 'done',
        onError: 'done',
      },
      after: { callTimeout: 'done' },
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type EvaluationMachine = typeof evaluationMachine;
export type EvaluationSnapshot = SnapshotFrom<EvaluationMachine>;
export type EvaluationActorRef = ActorRefFrom<EvaluationMachine>;

/** The machine wired to the core through `kiosk`. */
export function provideEvaluationKiosk(kiosk: KioskApi): EvaluationMachine {
  return evaluationMachine.provide({
    actors: {
      begin: fromPromise<IpcResult<BeginValue>, { readonly journey: EvaluationJourney; readonly caseNumber: string | null }>(
        ({ input }) => kiosk.evaluation.begin({ journey: input.journey, ...(input.caseNumber === null ? {} : { caseNumber: input.caseNumber }) }),
      ),
      submit: fromPromise<IpcResult<SubmitValue>, SubmitRequest>(({ input }) =>
        kiosk.evaluation.submit({
          promptId: input.promptId,
          level: input.level,
          reasons: [...input.reasons],
          ...(input.phone === null ? {} : { phone: input.phone }),
        }),
      ),
      decline: fromPromise<IpcResult<DeclineValue>, { readonly promptId: string; readonly why: 'skipped' | 'timeout' }>(
        ({ input }) => kiosk.evaluation.decline({ promptId: input.promptId, why: input.why }),
      ),
    },
  });
}
