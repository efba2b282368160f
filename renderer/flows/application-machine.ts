/**
 * 自助申办 (issue #6): apply for one item at the terminal, from its office guide.
 *
 *   beginning ──▶ intro (须知) ──START──▶ settingAgent ──▶ cards ──NEXT──▶ materials ──NEXT──▶ form
 *                                                          │                  │
 *   cards: route ─▶ live (reading ──CARD_READ──▶ confirming ──CONFIRM_CARD──▶ taking) ─▶ next
 *          │          next: the agent's card for 代办, else ─▶ materials
 *          └▶ summary (the cards taken, after 上一步; 重新读取 either)
 *   materials: list ──CAPTURE──▶ capturing (the capture machine, embedded) ─▶ afterCapture ─▶ saving
 *                   ──CHOOSE──▶ saving ──▶ list        ──DEFER──▶ choosingDate ──CONFIRM_DATE──▶ saving
 *   form: editing ──NEXT──▶ saving ──▶ commitment (告知承诺书, when the item has one) | reviewing
 *   commitment: ready ──AGREE──▶ signing ──▶ reviewing
 *   reviewing: loading ──▶ ready ──SUBMIT (complete)──▶ submitting ──▶ result (reprint once)
 *                              └──PRINT_NOTICE (missing)──▶ printingNotice ──▶ noticePrinted
 *   failed (a call) ──RETRY──▶ the call again · BACK ──▶ the step it was made from
 *
 * 上一步 (BACK) goes one step back and keeps everything entered: the cards taken, the
 * materials' choices, the form's values. The draft itself lives in the core's session; the
 * copy here goes with the journey (返回首页, idle timeout: the app unmounts it, R-P3).
 *
 * Capture: `application.begin` begins the capture of the item's materials in the core, so
 * this journey never calls `capture.begin`. 拍摄 runs the capture machine
 * (capture-machine.ts) as a child for one material: its `begin` answers from this machine's
 * context, then it is sent OPEN (or RECAPTURE), and once it is back at its list the citizen
 * is back at the application's list; enough usable pages make the material `captured`.
 *
 * The card step reads the applicant's card and, for 代办, the agent's; a card is taken
 * (`application.takeCard`) only on 确认, after which the core forgets it and the reader may
 * read the next one. Card removal after that loses nothing.
 *
 * The core is reached through actors supplied with `machine.provide`
 * ({@link provideApplicationKiosk}); delays are named so a test clock drives them. Create
 * the actor with `systemId: APPLICATION_SYSTEM_ID` (the embedded capture reads its context).
 */
import { type ActorRefFrom, type SnapshotFrom, and, assign, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type {
  ApplicationBegun,
  ApplicationPartyView,
  ApplicationReview,
  ApplicationSubmitted,
  CaptureBegun,
  IpcResult,
  KioskApi,
  MaterialChoice,
  MethodValues,
} from '../../electron/ipc/contract';
import { captureMachine, provideCaptureKiosk } from './capture-machine';
import {
  APPLICATION_CALL_TIMEOUT_MS,
  APPLICATION_PRINT_TIMEOUT_MS,
  APPLICATION_SUBMIT_TIMEOUT_MS,
  type ApplicationCardEvent,
  type ApplicationContext,
  type ApplicationEvent,
  type ApplicationInput,
  type ApplicationOutput,
  type ApplicationRetry,
  type Signature,
  TIMEOUT,
  TRANSPORT,
  captureMaterialOf,
  captureModeOf,
  clampDate,
  failureOf,
  firstPromiseDate,
  formValues,
  hasAllChoices,
  isCaptureComplete,
  isSameCard,
  withCapturedPages,
} from './application-types';
import { readCardsActor } from './lookup-common';

/** The application actor's id in its system: the embedded capture reads the context by it. */
export const APPLICATION_SYSTEM_ID = 'application';

type SetAgentValue = MethodValues['application.setAgent'];
type SetMaterialValue = MethodValues['application.setMaterial'];
type SetFormValue = MethodValues['application.setForm'];
type SignValue = MethodValues['application.sign'];
type PrintNoticeValue = MethodValues['application.printNotice'];
type ReprintValue = MethodValues['application.reprintReceipt'];
type CloseValue = MethodValues['capture.close'];

interface MaterialChoiceInput {
  readonly materialId: string;
  readonly choice: MaterialChoice;
  readonly promiseDate: string | null;
}

function notProvided(name: string): never {
  throw new Error(`applicationMachine: actor ${name} not provided`);
}

/**
 * The capture machine's `begin` inside this journey: the capture the application began,
 * with the pages taken so far, read from the application actor's context.
 */
const beginFromApplication = fromPromise<IpcResult<CaptureBegun>, { readonly itemCode: string }>(async ({ system }) => {
  await Promise.resolve();
  const application = system.get(APPLICATION_SYSTEM_ID) as { getSnapshot(): { readonly context: ApplicationContext } } | undefined;
  const context = application?.getSnapshot().context;
  const capture = context?.begun?.capture ?? null;
  if (!context || capture === null) return { ok: false, error: { code: 'unavailable', message: '本事项暂无可拍摄的材料' } };
  return { ok: true, value: { ...capture, materials: context.captureMaterials } };
});

/** To `failed` with the failure of the screen's own words (no message from the core). */
function failTo(code: string, retry: ApplicationRetry) {
  return { target: '#application.failed', actions: { type: 'fail', params: { code, retry } } } as const;
}

const FRESH_REPRINT = { phase: 'idle', reason: null } as const;

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    input: {} as ApplicationInput,
    output: {} as ApplicationOutput,
    children: {} as { capture: 'capture' },
  },
  actors: {
    begin: fromPromise<IpcResult<ApplicationBegun>, { readonly itemCode: string }>(() => notProvided('begin')),
    setAgent: fromPromise<IpcResult<SetAgentValue>, { readonly hasAgent: boolean }>(() => notProvided('setAgent')),
    readCards: fromCallback<ApplicationCardEvent>(() => notProvided('readCards')),
    takeCard: fromPromise<IpcResult<ApplicationPartyView>, { readonly role: 'applicant' | 'agent' }>(() => notProvided('takeCard')),
    setMaterial: fromPromise<IpcResult<SetMaterialValue>, MaterialChoiceInput>(() => notProvided('setMaterial')),
    setForm: fromPromise<IpcResult<SetFormValue>, { readonly values: Readonly<Record<string, string>> }>(() => notProvided('setForm')),
    sign: fromPromise<IpcResult<SignValue>, Signature>(() => notProvided('sign')),
    review: fromPromise<IpcResult<ApplicationReview>>(() => notProvided('review')),
    submit: fromPromise<IpcResult<ApplicationSubmitted>>(() => notProvided('submit')),
    printNotice: fromPromise<IpcResult<PrintNoticeValue>>(() => notProvided('printNotice')),
    reprintReceipt: fromPromise<IpcResult<ReprintValue>>(() => notProvided('reprintReceipt')),
    closeCapture: fromPromise<IpcResult<CloseValue>>(() => notProvided('closeCapture')),
    capture: captureMachine.provide({ actors: { begin: beginFromApplication } }),
  },
  delays: {
    callTimeout: APPLICATION_CALL_TIMEOUT_MS,
    submitTimeout: APPLICATION_SUBMIT_TIMEOUT_MS,
    printTimeout: APPLICATION_PRINT_TIMEOUT_MS,
  },
  guards: {
    hasCommitment: ({ context }) => context.begun?.commitment != null,
    needsApplicant: ({ context }) => context.applicant === null,
    needsAgent: ({ context }) => context.hasAgent && context.agent === null,
    isReadingAgent: ({ context }) => context.role === 'agent',
    hasApplicant: ({ context }) => context.applicant !== null,
    hasAllChoices: ({ context }) => hasAllChoices(context.materials),
    hasMissingChoice: ({ context }) => context.materials.some((material) => material.choice === 'missing'),
    canSubmit: ({ context }) => context.review?.canSubmit ?? false,
    hasMissing: ({ context }) => (context.review?.missing.length ?? 0) > 0,
    canReprint: ({ context }) => context.submitted?.receipt.status === 'failed' && context.reprint.phase === 'idle',
    isCaptureOpen: ({ context }) => context.captureTask !== null,
  },
  actions: {
    fail: assign((_, params: { readonly code: string; readonly retry: ApplicationRetry }) => ({
      failure: { code: params.code, message: null, retry: params.retry },
    })),
    clearFailure: assign({ failure: null }),
    forgetCard: assign({ card: null }),
    configure: assign(({ event }) => (event.type === 'CONFIGURE' ? { isCareMode: event.isCareMode, timeFactor: event.timeFactor } : {})),
  },
}).createMachine({
  id: 'application',
  context: ({ input }) => ({
    ...input,
    begun: null,
    hasAgent: false,
    applicant: null,
    agent: null,
    role: 'applicant',
    card: null,
    cardNotice: null,
    hasCardLeft: false,
    materials: [],
    captureMaterials: [],
    captureTask: null,
    dateChoice: null,
    pendingChoice: null,
    materialNotice: null,
    values: {},
    formErrors: {},
    signature: null,
    isSigned: false,
    review: null,
    submitted: null,
    noticePrinted: null,
    reprint: FRESH_REPRINT,
    failure: null,
    isFinished: false,
    isEvaluating: false,
  }),
  initial: 'beginning',
  on: {
    HOME: '.done',
    CONFIGURE: { actions: 'configure' },
  },
  states: {
    beginning: {
      entry: 'clearFailure',
      invoke: {
        src: 'begin',
        input: ({ context }) => ({ itemCode: context.itemCode }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'intro',
            actions: assign(({ event }) => {
              if (!event.output.ok) return {};
              const begun = event.output.value;
              return { begun, materials: begun.materials, captureMaterials: begun.capture?.materials ?? [] };
            }),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'begin') })) },
        ],
        onError: failTo(TRANSPORT, 'begin'),
      },
      after: { callTimeout: failTo(TIMEOUT, 'begin') },
    },

    // ---- 1 须知 --------------------------------------------------------------------------
    intro: {
      on: {
        START: {
          guard: ({ context, event }) => !event.hasAgent || (context.begun?.allowsAgent ?? false),
          target: 'settingAgent',
          actions: assign(({ event }) => ({ hasAgent: event.hasAgent })),
        },
      },
    },
    settingAgent: {
      entry: 'clearFailure',
      invoke: {
        src: 'setAgent',
        input: ({ context }) => ({ hasAgent: context.hasAgent }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'cards',
            // 本人办理: an agent's card taken before is dropped by the core too.
            actions: assign(({ context }) => (context.hasAgent ? {} : { agent: null })),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'setAgent') })) },
        ],
        onError: failTo(TRANSPORT, 'setAgent'),
      },
      after: { callTimeout: failTo(TIMEOUT, 'setAgent') },
    },

    // ---- 2 读取身份证 ----------------------------------------------------------------------
    cards: {
      initial: 'route',
      states: {
        route: {
          always: [
            { guard: 'needsApplicant', target: 'live', actions: assign({ role: 'applicant' as const }) },
            { guard: 'needsAgent', target: 'live', actions: assign({ role: 'agent' as const }) },
            { target: 'summary' },
          ],
        },
        live: {
          invoke: { src: 'readCards' },
          entry: assign({ cardNotice: null, hasCardLeft: false }),
          exit: assign({ card: null, cardNotice: null }),
          initial: 'reading',
          on: {
            READER_UNAVAILABLE: { actions: assign(({ event }) => ({ cardNotice: { kind: 'readerUnavailable' as const, message: event.message } })) },
            BACK: [
              { guard: ({ context }) => context.role === 'agent' && context.applicant !== null, target: 'summary' },
              { guard: ({ context }) => context.role === 'applicant' && context.applicant !== null, target: 'summary' },
              { target: '#application.intro' },
            ],
          },
          states: {
            reading: {
              on: {
                CARD_READ: [
                  // The applicant's card still on the reader when the agent's is wanted.
                  {
                    guard: ({ context, event }) => context.role === 'agent' && !context.hasCardLeft && isSameCard(event.identity, context.applicant),
                    actions: assign({ cardNotice: { kind: 'applicantCard' as const } }),
                  },
                  { target: 'confirming', actions: assign(({ event }) => ({ card: event.identity, cardNotice: null })) },
                ],
                READ_FAILED: {
                  actions: assign(({ event }) => ({ cardNotice: { kind: 'readFailed' as const, reason: event.reason, message: event.message } })),
                },
                CARD_REMOVED: {
                  actions: assign(({ context }) =>
                    context.cardNotice?.kind === 'readerUnavailable' ? { hasCardLeft: true } : { cardNotice: null, hasCardLeft: true },
                  ),
                },
              },
            },
            confirming: {
              on: {
                CONFIRM_CARD: 'taking',
                REREAD: { target: 'reading', actions: assign({ card: null, cardNotice: { kind: 'swapCard' as const } }) },
                CARD_REMOVED: {
                  target: 'reading',
                  actions: assign({ card: null, cardNotice: { kind: 'cardRemoved' as const }, hasCardLeft: true }),
                },
                CARD_READ: { target: 'confirming', reenter: true, actions: assign(({ event }) => ({ card: event.identity })) },
                READ_FAILED: {
                  target: 'reading',
                  actions: assign(({ event }) => ({
                    card: null,
                    cardNotice: { kind: 'readFailed' as const, reason: event.reason, message: event.message },
                  })),
                },
              },
            },
            taking: {
              invoke: {
                src: 'takeCard',
                input: ({ context }) => ({ role: context.role }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: '#application.cards.next',
                    actions: assign(({ context, event }) => {
                      if (!event.output.ok) return {};
                      return context.role === 'applicant' ? { applicant: event.output.value } : { agent: event.output.value };
                    }),
                  },
                  {
                    target: 'reading',
                    actions: assign(({ event }) => ({
                      card: null,
                      cardNotice: { kind: 'refused' as const, message: event.output.ok ? null : event.output.error.message || null },
                    })),
                  },
                ],
                onError: { target: 'reading', actions: assign({ card: null, cardNotice: { kind: 'refused' as const, message: null } }) },
              },
              after: { callTimeout: { target: 'reading', actions: assign({ card: null, cardNotice: { kind: 'refused' as const, message: null } }) } },
            },
          },
        },
        // A card taken: the agent's next for 代办, else on to the materials.
        next: {
          always: [
            { guard: 'needsAgent', target: 'live', actions: assign({ role: 'agent' as const }) },
            { target: '#application.materials' },
          ],
        },
        // The cards taken, shown again after 上一步, with 重新读取 for either.
        summary: {
          on: {
            NEXT: '#application.materials',
            BACK: '#application.intro',
            REREAD: [
              { guard: ({ event }) => event.role === 'agent', target: 'live', actions: assign({ role: 'agent' as const }) },
              { target: 'live', actions: assign({ role: 'applicant' as const }) },
            ],
          },
        },
      },
    },

    // ---- 3 材料 ----------------------------------------------------------------------------
    materials: {
      initial: 'list',
      states: {
        list: {
          on: {
            CAPTURE: {
              guard: ({ context, event }) => context.begun?.capture != null && captureMaterialOf(context, event.materialId) !== null,
              target: 'capturing',
              actions: assign(({ context, event }) => {
                const material = captureMaterialOf(context, event.materialId);
                return {
                  materialNotice: null,
                  captureTask: {
                    materialId: event.materialId,
                    mode: material ? captureModeOf(material) : 'open',
                    isStarted: false,
                    hasLeftList: false,
                  },
                };
              }),
            },
            CHOOSE: {
              guard: ({ context, event }) => context.materials.some((m) => m.materialId === event.materialId && m.choices.includes(event.choice)),
              target: 'saving',
              actions: assign(({ event }) => ({ pendingChoice: { materialId: event.materialId, choice: event.choice, promiseDate: null } })),
            },
            DEFER: {
              guard: ({ context, event }) => context.materials.some((m) => m.materialId === event.materialId && m.choices.includes('deferred')),
              target: 'choosingDate',
              actions: assign(({ context, event }) => {
                const range = context.begun?.promiseDates ?? { earliest: '', latest: '' };
                const material = context.materials.find((m) => m.materialId === event.materialId);
                return { materialNotice: null, dateChoice: { materialId: event.materialId, date: firstPromiseDate(material, range) } };
              }),
            },
            NEXT: [
              // A material the citizen does not have: nothing can be submitted, so no form to fill —
              // straight to the review, which offers the 一次性告知书.
              { guard: and(['hasAllChoices', 'hasMissingChoice']), target: '#application.reviewing' },
              { guard: 'hasAllChoices', target: '#application.form' },
            ],
            BACK: '#application.cards.summary',
          },
        },
        choosingDate: {
          on: {
            PICK_DATE: {
              actions: assign(({ context, event }) => {
                const range = context.begun?.promiseDates;
                if (!context.dateChoice || !range) return {};
                return { dateChoice: { ...context.dateChoice, date: clampDate(event.date, range) } };
              }),
            },
            CONFIRM_DATE: {
              target: 'saving',
              actions: assign(({ context }) => ({
                pendingChoice: context.dateChoice
                  ? { materialId: context.dateChoice.materialId, choice: 'deferred' as const, promiseDate: context.dateChoice.date }
                  : null,
                dateChoice: null,
              })),
            },
            CANCEL: { target: 'list', actions: assign({ dateChoice: null }) },
            BACK: { target: 'list', actions: assign({ dateChoice: null }) },
          },
        },
        saving: {
          invoke: {
            src: 'setMaterial',
            input: ({ context }) => context.pendingChoice ?? { materialId: '', choice: 'missing', promiseDate: null },
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'list',
                actions: assign(({ event }) => (event.output.ok ? { materials: event.output.value.materials, materialNotice: null, pendingChoice: null } : {})),
              },
              {
                target: 'list',
                actions: assign(({ event }) => ({ materialNotice: event.output.ok ? null : event.output.error.message || null, pendingChoice: null })),
              },
            ],
            onError: { target: 'list', actions: assign({ materialNotice: null, pendingChoice: null }) },
          },
          after: { callTimeout: { target: 'list', actions: assign({ pendingChoice: null }) } },
        },
        capturing: {
          invoke: {
            id: 'capture',
            src: 'capture',
            input: ({ context }) => ({ itemCode: context.itemCode, isCareMode: context.isCareMode, timeFactor: context.timeFactor }),
            onSnapshot: [
              // Its list, before this material: open it (or capture it afresh).
              {
                guard: ({ context, event }) => !(context.captureTask?.isStarted ?? true) && event.snapshot.matches({ materials: 'ready' }),
                actions: [
                  sendTo('capture', ({ context }) =>
                    context.captureTask?.mode === 'recapture'
                      ? { type: 'RECAPTURE' as const, materialId: context.captureTask.materialId }
                      : { type: 'OPEN' as const, materialId: context.captureTask?.materialId ?? '' },
                  ),
                  assign(({ context }) => ({ captureTask: context.captureTask ? { ...context.captureTask, isStarted: true } : null })),
                ],
              },
              // Away from its list: on the material.
              {
                guard: ({ context, event }) => (context.captureTask?.isStarted ?? false) && !event.snapshot.matches('materials'),
                actions: assign(({ context }) => ({ captureTask: context.captureTask ? { ...context.captureTask, hasLeftList: true } : null })),
              },
              // Back at its list once the material is done (or 返回): back to ours.
              {
                guard: ({ context, event }) => (context.captureTask?.hasLeftList ?? false) && event.snapshot.matches({ materials: 'ready' }),
                target: 'afterCapture',
                actions: assign(({ context, event }) => ({
                  captureMaterials: event.snapshot.context.materials,
                  materials: withCapturedPages(context.materials, event.snapshot.context.materials),
                })),
              },
            ],
            // Only the capture's own 返回 before it began ends it (its begin failed).
            onDone: { target: 'list', actions: assign({ captureTask: null }) },
            onError: { target: 'list', actions: assign({ captureTask: null }) },
          },
          on: {
            // Through the capture's own leaving: the camera is closed before home.
            HOME: '#application.closingCapture',
            CONFIGURE: {
              actions: [
                'configure',
                sendTo('capture', ({ event }) => ({
                  type: 'CONFIGURE' as const,
                  isCareMode: event.type === 'CONFIGURE' && event.isCareMode,
                  timeFactor: event.type === 'CONFIGURE' ? event.timeFactor : 1,
                })),
              ],
            },
          },
        },
        // Enough pages: the material is `captured` (the core decides the same by itself).
        afterCapture: {
          always: [
            {
              guard: ({ context }) => {
                const material = context.captureTask ? captureMaterialOf(context, context.captureTask.materialId) : null;
                return material !== null && isCaptureComplete(material);
              },
              target: 'saving',
              actions: assign(({ context }) => ({
                pendingChoice: { materialId: context.captureTask?.materialId ?? '', choice: 'captured' as const, promiseDate: null },
                captureTask: null,
              })),
            },
            { target: 'list', actions: assign({ captureTask: null }) },
          ],
        },
      },
    },

    // ---- 4 填写表单 ------------------------------------------------------------------------
    form: {
      initial: 'editing',
      states: {
        editing: {
          on: {
            // The core's errors stay until 下一步 checks again (the form moves its focus to
            // the first error whenever they change; its own hints follow the typing).
            CHANGE: { actions: assign(({ context, event }) => ({ values: { ...context.values, [event.fieldId]: event.value } })) },
            NEXT: 'saving',
            BACK: '#application.materials',
          },
        },
        saving: {
          entry: 'clearFailure',
          invoke: {
            src: 'setForm',
            input: ({ context }) => ({ values: formValues(context.begun, context.values) }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok && event.output.value.isValid,
                target: '#application.afterForm',
                actions: assign({ formErrors: {} }),
              },
              {
                guard: ({ event }) => event.output.ok,
                target: 'editing',
                actions: assign(({ event }) => ({ formErrors: event.output.ok ? event.output.value.errors : {} })),
              },
              { target: '#application.failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'setForm') })) },
            ],
            onError: failTo(TRANSPORT, 'setForm'),
          },
          after: { callTimeout: failTo(TIMEOUT, 'setForm') },
        },
      },
    },
    afterForm: {
      always: [{ guard: 'hasCommitment', target: 'commitment' }, { target: 'reviewing' }],
    },
    // 上一步 from the review: the materials when one is missing, the commitment when the item has one, else the form.
    beforeReview: {
      always: [{ guard: 'hasMissingChoice', target: 'materials' }, { guard: 'hasCommitment', target: 'commitment' }, { target: 'form' }],
    },

    // ---- 5 告知承诺书 -----------------------------------------------------------------------
    commitment: {
      initial: 'ready',
      states: {
        ready: {
          on: {
            SIGNATURE: { actions: assign(({ event }) => ({ signature: event.signature })) },
            AGREE: [
              { guard: ({ context }) => context.signature !== null, target: 'signing' },
              // Signed before 上一步: the signature stands unless the citizen signs again.
              { guard: ({ context }) => context.isSigned, target: '#application.reviewing' },
            ],
            BACK: '#application.form',
          },
        },
        signing: {
          entry: 'clearFailure',
          invoke: {
            src: 'sign',
            input: ({ context }) => context.signature ?? { aspect: 1, strokes: [] },
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: '#application.reviewing',
                // The ink was sent: the renderer keeps none of it (R-P3).
                actions: assign({ isSigned: true, signature: null }),
              },
              {
                target: '#application.failed',
                actions: assign(({ event }) => ({ failure: failureOf(event.output, 'sign'), signature: null })),
              },
            ],
            onError: failTo(TRANSPORT, 'sign'),
          },
          after: { callTimeout: failTo(TIMEOUT, 'sign') },
        },
      },
    },

    // ---- 6 核对 ----------------------------------------------------------------------------
    reviewing: {
      initial: 'loading',
      states: {
        loading: {
          entry: 'clearFailure',
          invoke: {
            src: 'review',
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'ready',
                actions: assign(({ event }) => (event.output.ok ? { review: event.output.value, materials: event.output.value.materials } : {})),
              },
              { target: '#application.failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'review') })) },
            ],
            onError: failTo(TRANSPORT, 'review'),
          },
          after: { callTimeout: failTo(TIMEOUT, 'review') },
        },
        ready: {
          on: {
            SUBMIT: { guard: 'canSubmit', target: '#application.submitting' },
            PRINT_NOTICE: { guard: 'hasMissing', target: '#application.printingNotice' },
            BACK: '#application.beforeReview',
            EDIT: [
              { guard: ({ event }) => event.step === 'card', target: '#application.cards' },
              { guard: ({ event }) => event.step === 'materials', target: '#application.materials' },
              { guard: ({ event }) => event.step === 'commitment', target: '#application.commitment' },
              { target: '#application.form' },
            ],
          },
        },
      },
    },

    // ---- 7 提交 ----------------------------------------------------------------------------
    submitting: {
      entry: 'clearFailure',
      invoke: {
        src: 'submit',
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'result',
            actions: assign(({ event }) => (event.output.ok ? { submitted: event.output.value, isFinished: true } : {})),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'submit') })) },
        ],
        onError: failTo(TRANSPORT, 'submit'),
      },
      after: { submitTimeout: failTo(TIMEOUT, 'submit') },
    },
    result: {
      initial: 'idle',
      on: {
        EVALUATE: { target: 'done', actions: assign({ isEvaluating: true }) },
        DONE: 'done',
      },
      states: {
        idle: {
          on: { REPRINT: { guard: 'canReprint', target: 'reprinting' } },
        },
        reprinting: {
          entry: assign({ reprint: { phase: 'printing', reason: null } }),
          invoke: {
            src: 'reprintReceipt',
            onDone: {
              target: 'idle',
              actions: assign(({ event }) => {
                if (!event.output.ok) return { reprint: { phase: 'failed' as const, reason: event.output.error.message || null } };
                const { receipt } = event.output.value;
                return receipt.status === 'failed'
                  ? { reprint: { phase: 'failed' as const, reason: receipt.reason } }
                  : { reprint: { phase: 'printed' as const, reason: null } };
              }),
            },
            onError: { target: 'idle', actions: assign({ reprint: { phase: 'failed' as const, reason: null } }) },
          },
          after: { printTimeout: { target: 'idle', actions: assign({ reprint: { phase: 'failed' as const, reason: null } }) } },
        },
      },
    },
    printingNotice: {
      entry: 'clearFailure',
      invoke: {
        src: 'printNotice',
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'noticePrinted',
            actions: assign(({ event }) => (event.output.ok ? { noticePrinted: event.output.value, isFinished: true } : {})),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'printNotice') })) },
        ],
        onError: failTo(TRANSPORT, 'printNotice'),
      },
      after: { printTimeout: failTo(TIMEOUT, 'printNotice') },
    },
    noticePrinted: {
      on: {
        EVALUATE: { target: 'done', actions: assign({ isEvaluating: true }) },
        DONE: 'done',
      },
    },

    failed: {
      on: {
        RETRY: [
          { guard: ({ context }) => context.failure?.retry === 'begin', target: 'beginning' },
          { guard: ({ context }) => context.failure?.retry === 'setAgent', target: 'settingAgent' },
          { guard: ({ context }) => context.failure?.retry === 'setForm', target: 'form.saving' },
          { guard: ({ context }) => context.failure?.retry === 'sign', target: 'commitment.ready' },
          { guard: ({ context }) => context.failure?.retry === 'submit', target: 'submitting' },
          { guard: ({ context }) => context.failure?.retry === 'printNotice', target: 'printingNotice' },
          { target: 'reviewing' },
        ],
        BACK: [
          { guard: ({ context }) => context.failure?.retry === 'begin', target: 'done' },
          { guard: ({ context }) => context.failure?.retry === 'setAgent', target: 'intro' },
          { guard: ({ context }) => context.failure?.retry === 'setForm', target: 'form.editing' },
          { guard: ({ context }) => context.failure?.retry === 'sign', target: 'commitment.ready' },
          { guard: ({ context }) => context.failure?.retry === 'review', target: 'beforeReview' },
          { target: 'reviewing' },
        ],
      },
    },
    // 返回首页 from the capture: the camera is closed first (best effort: the session's end
    // closes it anyway).
    closingCapture: {
      invoke: { src: 'closeCapture', onDone: 'done', onError: 'done' },
      after: { callTimeout: 'done' },
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }): ApplicationOutput => {
    if (context.isEvaluating) return { reason: 'evaluate', caseNumber: context.submitted?.caseNumber ?? null };
    return { reason: context.isFinished ? 'finished' : 'home' };
  },
});

export type ApplicationMachine = typeof applicationMachine;
export type ApplicationSnapshot = SnapshotFrom<ApplicationMachine>;
export type ApplicationActorRef = ActorRefFrom<ApplicationMachine>;

/** The machine wired to the core through `kiosk`. */
export function provideApplicationKiosk(kiosk: KioskApi): ApplicationMachine {
  return applicationMachine.provide({
    actors: {
      begin: fromPromise<IpcResult<ApplicationBegun>, { readonly itemCode: string }>(({ input }) => kiosk.application.begin({ itemCode: input.itemCode })),
      setAgent: fromPromise<IpcResult<SetAgentValue>, { readonly hasAgent: boolean }>(({ input }) =>
        kiosk.application.setAgent({ hasAgent: input.hasAgent }),
      ),
      readCards: readCardsActor(kiosk),
      takeCard: fromPromise<IpcResult<ApplicationPartyView>, { readonly role: 'applicant' | 'agent' }>(({ input }) =>
        kiosk.application.takeCard({ role: input.role }),
      ),
      setMaterial: fromPromise<IpcResult<SetMaterialValue>, MaterialChoiceInput>(({ input }) =>
        kiosk.application.setMaterial({
          materialId: input.materialId,
          choice: input.choice,
          ...(input.promiseDate === null ? {} : { promiseDate: input.promiseDate }),
        }),
      ),
      setForm: fromPromise<IpcResult<SetFormValue>, { readonly values: Readonly<Record<string, string>> }>(({ input }) =>
        kiosk.application.setForm({ values: { ...input.values } }),
      ),
      sign: fromPromise<IpcResult<SignValue>, Signature>(({ input }) =>
        kiosk.application.sign({ aspect: input.aspect, strokes: input.strokes.map((stroke) => [...stroke]) }),
      ),
      review: fromPromise<IpcResult<ApplicationReview>>(() => kiosk.application.review({})),
      submit: fromPromise<IpcResult<ApplicationSubmitted>>(() => kiosk.application.submit({})),
      printNotice: fromPromise<IpcResult<PrintNoticeValue>>(() => kiosk.application.printNotice({})),
      reprintReceipt: fromPromise<IpcResult<ReprintValue>>(() => kiosk.application.reprintReceipt({})),
      closeCapture: fromPromise<IpcResult<CloseValue>>(() => kiosk.capture.close({})),
      capture: provideCaptureKiosk(kiosk).provide({ actors: { begin: beginFromApplication } }),
    },
  });
}
