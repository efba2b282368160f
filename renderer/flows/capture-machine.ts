/**
 * 拍摄申请材料 (issue #5): photograph the materials of one item with the 高拍仪 or a scanner,
 * page by page, each one looked at before it is kept.
 *
 *   beginning ──▶ materials ──OPEN──▶ opening ──▶ device: live ──TAKE──▶ taking ──▶ review
 *      │            ▲   │ RECAPTURE ──▶ recapturing ──▶ opening      │         (stream: grabbing ──STILL──▶ uploading)
 *      │            │   └─FINISH──▶ summary ──▶ done                 review: ROTATE ⟲ · RETAKE ──▶ live
 *      │            └── closing ◀── BACK (live) · MATERIAL_DONE        ACCEPT ──▶ live (next page) | accepted | closing
 *      ▼
 *   failed (any call) ──RETRY──▶ where it failed · BACK ──▶ closing (or home before the list)
 *
 * A page is kept by the core from the moment it is taken; 重拍 discards it, 使用此页 keeps it.
 * The list counts a material complete once it has `minPages` usable pages (and every named
 * page, e.g. both sides of the ID card); 完成 needs every required material complete.
 *
 * Live view: a `frames` device (the simulated camera) sends `capture.preview` events, which
 * the `deviceEvents` actor turns into PREVIEW; for a `stream` device (a UVC camera) the
 * screen runs the camera, sends its own PREVIEW from `capture.analyse`, and answers the
 * `grabbing` state with the still (STILL), which is uploaded in pieces (capture-upload.ts).
 *
 * 关怀模式 takes the photo by itself once the page has lain still for
 * {@link AUTO_CAPTURE_STEADY_MS} with its edges found and nothing blocking — once per page,
 * and only after a preview of this live view showed the page not yet still, so a page left
 * lying from the step before (the card not yet turned over) is not taken twice.
 *
 * The device is closed (`capture.close`) whenever the journey leaves it for the list, and
 * on the way out. The core is reached through actors supplied with `machine.provide`
 * ({@link provideCaptureKiosk}); delays are named so a test clock drives them.
 */
import { type ActorRefFrom, type SnapshotFrom, and, assign, fromCallback, fromPromise, setup } from 'xstate';
import type { CaptureBegun, CaptureDeviceView, CaptureReview, IpcResult, KioskApi, MethodValues } from '../../electron/ipc/contract';
import {
  AUTO_CAPTURE_STEADY_MS,
  CAPTURE_CALL_TIMEOUT_MS,
  CAPTURE_TAKE_TIMEOUT_MS,
  CAPTURE_UPLOAD_TIMEOUT_MS,
  type CaptureContext,
  type CaptureEvent,
  type CaptureFailure,
  type CaptureInput,
  type CaptureOutput,
  type CaptureRetry,
  TIMEOUT,
  TRANSPORT,
  canAddPage,
  canFinish,
  captureTotals,
  currentMaterial,
  failureOf,
  needsMorePages,
  pageKey,
  pickDevice,
  shouldAutoCapture,
  withPage,
  withoutPages,
} from './capture-types';
import { uploadStill } from './capture-upload';

type OpenValue = MethodValues['capture.open'];
type CloseValue = MethodValues['capture.close'];
type DiscardValue = MethodValues['capture.discard'];
type MaterialsValue = MethodValues['capture.materials'];

interface DeviceEventsInput {
  readonly sourceId: string;
}

function notProvided(name: string): never {
  throw new Error(`captureMachine: actor ${name} not provided`);
}

/** The page just taken, uploaded or rotated: on the review screen, and in its material. */
function reviewed(context: CaptureContext, output: IpcResult<CaptureReview>): Partial<CaptureContext> {
  return output.ok ? { review: output.value, materials: withPage(context.materials, output.value.page) } : {};
}

/** To `failed` with a failure of the screen's own words (no message from the core). */
function failTo(code: string, retry: CaptureRetry) {
  return { target: '#capture.failed', actions: { type: 'fail', params: { code, retry } } } as const;
}

const onTransportError = (retry: CaptureRetry) => failTo(TRANSPORT, retry);
const onTimeout = (retry: CaptureRetry) => failTo(TIMEOUT, retry);

export const captureMachine = setup({
  types: {
    context: {} as CaptureContext,
    events: {} as CaptureEvent,
    input: {} as CaptureInput,
    output: {} as CaptureOutput,
  },
  actors: {
    begin: fromPromise<IpcResult<CaptureBegun>, { readonly itemCode: string }>(() => notProvided('begin')),
    open: fromPromise<IpcResult<OpenValue>, { readonly materialId: string; readonly sourceId: string }>(() => notProvided('open')),
    close: fromPromise<IpcResult<CloseValue>>(() => notProvided('close')),
    take: fromPromise<IpcResult<CaptureReview>>(() => notProvided('take')),
    upload: fromPromise<IpcResult<CaptureReview>, { readonly bytes: Uint8Array }>(() => notProvided('upload')),
    rotate: fromPromise<IpcResult<CaptureReview>, { readonly pageId: string }>(() => notProvided('rotate')),
    discard: fromPromise<IpcResult<DiscardValue>, { readonly pageIds: readonly string[] }>(() => notProvided('discard')),
    materials: fromPromise<IpcResult<MaterialsValue>>(() => notProvided('materials')),
    deviceEvents: fromCallback<CaptureEvent, DeviceEventsInput>(() => notProvided('deviceEvents')),
  },
  delays: {
    callTimeout: CAPTURE_CALL_TIMEOUT_MS,
    takeTimeout: CAPTURE_TAKE_TIMEOUT_MS,
    uploadTimeout: CAPTURE_UPLOAD_TIMEOUT_MS,
  },
  guards: {
    hasNoDevice: ({ context }) => pickDevice(context.devices) === null,
    isDeviceClosed: ({ context }) => context.device === null,
    isStream: ({ context }) => context.device?.previewMode === 'stream',
    canFinish: ({ context }) => canFinish(context.materials),
    isReviewUsable: ({ context }) => context.review?.page.isUsable ?? false,
    needsMorePages: ({ context }) => {
      const material = currentMaterial(context);
      return material !== null && needsMorePages(material) && canAddPage(material);
    },
    canAddPage: ({ context }) => {
      const material = currentMaterial(context);
      return material !== null && canAddPage(material);
    },
    autoCapture: ({ context, event }) =>
      event.type === 'PREVIEW' && context.isAutoArmed && shouldAutoCapture(context, event.preview),
  },
  actions: {
    fail: assign((_, params: { readonly code: string; readonly retry: CaptureRetry }) => ({
      failure: { code: params.code, message: null, retry: params.retry } satisfies CaptureFailure,
    })),
    setPreview: assign(({ context, event }) => {
      if (event.type !== 'PREVIEW' || event.preview.sourceId !== context.device?.sourceId) return {};
      // Armed once this live view has seen the page not yet still (see the file comment).
      const isAutoArmed = context.isAutoArmed || event.preview.steadyMs < AUTO_CAPTURE_STEADY_MS;
      return { preview: event.preview, isAutoArmed };
    }),
    markAutoTaken: assign(({ context }) => ({ autoTakenPage: pageKey(context) })),
  },
}).createMachine({
  id: 'capture',
  context: ({ input }) => ({
    ...input,
    itemName: '',
    materials: [],
    sharedMaterialNames: [],
    devices: [],
    materialId: null,
    device: null,
    preview: null,
    review: null,
    autoTakenPage: null,
    isAutoArmed: false,
    discarding: [],
    failure: null,
    endReason: 'home',
  }),
  initial: 'beginning',
  on: {
    HOME: { target: '.leaving', actions: assign({ endReason: 'home' as const }) },
    CONFIGURE: { actions: assign(({ event }) => ({ isCareMode: event.isCareMode, timeFactor: event.timeFactor })) },
  },
  states: {
    beginning: {
      entry: assign({ failure: null }),
      invoke: {
        src: 'begin',
        input: ({ context }) => ({ itemCode: context.itemCode }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'materials',
            actions: assign(({ event }) =>
              event.output.ok
                ? {
                    itemName: event.output.value.itemName,
                    materials: event.output.value.materials,
                    sharedMaterialNames: event.output.value.sharedMaterialNames,
                    devices: event.output.value.devices,
                  }
                : {},
            ),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'begin') })) },
        ],
        onError: onTransportError('begin'),
      },
      after: { callTimeout: onTimeout('begin') },
    },
    materials: {
      entry: assign({ failure: null, preview: null, review: null }),
      initial: 'ready',
      on: {
        OPEN: {
          guard: ({ context, event }) => context.materials.some((m) => m.materialId === event.materialId && canAddPage(m)),
          target: 'opening',
          actions: assign(({ event }) => ({ materialId: event.materialId })),
        },
        RECAPTURE: {
          guard: ({ context, event }) => context.materials.some((m) => m.materialId === event.materialId && m.pages.length > 0),
          target: 'recapturing',
          actions: assign(({ context, event }) => ({
            materialId: event.materialId,
            discarding: context.materials.find((m) => m.materialId === event.materialId)?.pages.map((page) => page.pageId) ?? [],
          })),
        },
        FINISH: { guard: 'canFinish', target: 'summary' },
      },
      states: {
        ready: {},
        // The core is the record: its list replaces ours when it answers; if it does not,
        // ours (kept up to date with every take, rotate and discard) stays on the screen.
        refreshing: {
          invoke: {
            src: 'materials',
            onDone: {
              target: 'ready',
              actions: assign(({ event }) => (event.output.ok ? { materials: event.output.value.materials } : {})),
            },
            onError: 'ready',
          },
          after: { callTimeout: 'ready' },
        },
      },
    },
    recapturing: {
      entry: assign({ failure: null }),
      invoke: {
        src: 'discard',
        input: ({ context }) => ({ pageIds: context.discarding }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'opening',
            actions: assign(({ context }) => ({
              materials: withoutPages(context.materials, context.materialId ?? '', context.discarding),
              discarding: [],
            })),
          },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'discard') })) },
        ],
        onError: onTransportError('discard'),
      },
      after: { callTimeout: onTimeout('discard') },
    },
    opening: {
      entry: assign({ failure: null, preview: null, review: null }),
      always: { guard: 'hasNoDevice', ...failTo('noDevice', 'open') },
      invoke: {
        src: 'open',
        input: ({ context }) => ({ materialId: context.materialId ?? '', sourceId: pickDevice(context.devices)?.sourceId ?? '' }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.value.device.state !== 'offline',
            target: 'device',
            actions: assign(({ event }) => ({ device: event.output.ok ? event.output.value.device : null })),
          },
          { guard: ({ event }) => event.output.ok, ...failTo('offline', 'open') },
          { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'open') })) },
        ],
        onError: onTransportError('open'),
      },
      after: { callTimeout: onTimeout('open') },
    },
    device: {
      invoke: {
        src: 'deviceEvents',
        input: ({ context }) => ({ sourceId: context.device?.sourceId ?? '' }),
      },
      on: {
        DEVICE_CHANGED: [
          {
            guard: ({ event }) => event.device.state === 'offline',
            target: 'failed',
            actions: [assign(({ event }) => ({ device: event.device })), { type: 'fail', params: { code: 'offline', retry: 'open' } }],
          },
          { actions: assign(({ event }) => ({ device: event.device })) },
        ],
        CAMERA_FAILED: failTo('camera', 'open'),
      },
      initial: 'live',
      states: {
        live: {
          entry: assign({ preview: null, review: null, isAutoArmed: false, failure: null }),
          on: {
            PREVIEW: [
              { guard: and(['autoCapture', 'isStream']), target: 'grabbing', actions: ['setPreview', 'markAutoTaken'] },
              { guard: 'autoCapture', target: 'taking', actions: ['setPreview', 'markAutoTaken'] },
              { actions: 'setPreview' },
            ],
            TAKE: [{ guard: 'isStream', target: 'grabbing' }, { target: 'taking' }],
            BACK: '#capture.closing',
          },
        },
        // The screen's camera takes the still and answers with STILL (or CAMERA_FAILED).
        grabbing: {
          on: {
            PREVIEW: { actions: 'setPreview' },
            STILL: 'uploading',
          },
          after: { callTimeout: failTo('camera', 'live') },
        },
        taking: {
          invoke: {
            src: 'take',
            onDone: [
              { guard: ({ event }) => event.output.ok, target: 'review', actions: assign(({ context, event }) => reviewed(context, event.output)) },
              { target: '#capture.failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'live') })) },
            ],
            onError: onTransportError('live'),
          },
          after: { takeTimeout: onTimeout('live') },
        },
        uploading: {
          invoke: {
            src: 'upload',
            // The still goes from the event to the upload and is kept nowhere else.
            input: ({ event }) => ({ bytes: event.type === 'STILL' ? event.bytes : new Uint8Array() }),
            onDone: [
              { guard: ({ event }) => event.output.ok, target: 'review', actions: assign(({ context, event }) => reviewed(context, event.output)) },
              { target: '#capture.failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'live') })) },
            ],
            onError: onTransportError('live'),
          },
          after: { uploadTimeout: onTimeout('live') },
        },
        review: {
          entry: assign({ failure: null }),
          initial: 'ready',
          states: {
            ready: {
              on: {
                ROTATE: 'rotating',
                RETAKE: 'discarding',
                ACCEPT: [
                  { guard: ({ context }) => !(context.review?.page.isUsable ?? false) },
                  { guard: 'needsMorePages', target: '#capture.device.live' },
                  { guard: 'canAddPage', target: '#capture.device.accepted' },
                  { target: '#capture.closing' },
                ],
              },
            },
            rotating: {
              invoke: {
                src: 'rotate',
                input: ({ context }) => ({ pageId: context.review?.page.pageId ?? '' }),
                onDone: [
                  { guard: ({ event }) => event.output.ok, target: 'ready', actions: assign(({ context, event }) => reviewed(context, event.output)) },
                  { target: '#capture.failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'review') })) },
                ],
                onError: onTransportError('review'),
              },
              after: { callTimeout: onTimeout('review') },
            },
            discarding: {
              invoke: {
                src: 'discard',
                input: ({ context }) => ({ pageIds: context.review ? [context.review.page.pageId] : [] }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: '#capture.device.live',
                    actions: assign(({ context }) => ({
                      materials: context.review
                        ? withoutPages(context.materials, context.review.page.materialId, [context.review.page.pageId])
                        : context.materials,
                    })),
                  },
                  { target: '#capture.failed', actions: assign(({ event }) => ({ failure: failureOf(event.output, 'retake') })) },
                ],
                onError: onTransportError('retake'),
              },
              after: { callTimeout: onTimeout('retake') },
            },
          },
        },
        // The material has what it needs: 再拍一页 or 完成此材料.
        accepted: {
          on: {
            ADD_PAGE: 'live',
            MATERIAL_DONE: '#capture.closing',
          },
        },
      },
    },
    failed: {
      on: {
        RETRY: [
          { guard: ({ context }) => context.failure?.retry === 'begin', target: 'beginning' },
          { guard: ({ context }) => context.failure?.retry === 'open', target: 'opening' },
          { guard: ({ context }) => context.failure?.retry === 'discard', target: 'recapturing' },
          { guard: ({ context }) => context.failure?.retry === 'retake', target: 'device.review.discarding' },
          { guard: ({ context }) => context.failure?.retry === 'review', target: 'device.review' },
          { target: 'device.live' },
        ],
        BACK: [
          { guard: ({ context }) => context.failure?.retry === 'begin', target: 'leaving' },
          { target: 'closing' },
        ],
      },
    },
    closing: {
      always: { guard: 'isDeviceClosed', target: 'materials.refreshing' },
      invoke: { src: 'close', onDone: 'materials.refreshing', onError: 'materials.refreshing' },
      after: { callTimeout: 'materials.refreshing' },
      exit: assign({ device: null }),
    },
    summary: {
      on: {
        HOME: { target: 'done', actions: assign({ endReason: 'finished' as const }) },
      },
    },
    // Best effort: home follows whatever the core answers, and does not wait long; the
    // session's end closes the device and wipes the pages anyway.
    leaving: {
      always: { guard: 'isDeviceClosed', target: 'done' },
      invoke: { src: 'close', onDone: 'done', onError: 'done' },
      after: { callTimeout: 'done' },
      exit: assign({ device: null }),
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }) => ({ reason: context.endReason, ...captureTotals(context.materials) }),
});

export type CaptureMachine = typeof captureMachine;
export type CaptureSnapshot = SnapshotFrom<CaptureMachine>;
export type CaptureActorRef = ActorRefFrom<CaptureMachine>;

/** The device's events for as long as it is open: preview frames and state changes. */
export function deviceEventsActor(kiosk: KioskApi) {
  return fromCallback<CaptureEvent, DeviceEventsInput>(({ sendBack, input }) => {
    const offPreview = kiosk.on('capture.preview', (preview) => {
      if (preview.sourceId === input.sourceId) sendBack({ type: 'PREVIEW', preview });
    });
    const offDevice = kiosk.on('capture.deviceChanged', (device: CaptureDeviceView) => {
      if (device.sourceId === input.sourceId) sendBack({ type: 'DEVICE_CHANGED', device });
    });
    return () => {
      offPreview();
      offDevice();
    };
  });
}

/** The machine wired to the core through `kiosk`. */
export function provideCaptureKiosk(kiosk: KioskApi): CaptureMachine {
  return captureMachine.provide({
    actors: {
      begin: fromPromise<IpcResult<CaptureBegun>, { readonly itemCode: string }>(({ input }) =>
        kiosk.capture.begin({ itemCode: input.itemCode }),
      ),
      open: fromPromise<IpcResult<OpenValue>, { readonly materialId: string; readonly sourceId: string }>(({ input }) =>
        kiosk.capture.open({ materialId: input.materialId, sourceId: input.sourceId }),
      ),
      close: fromPromise<IpcResult<CloseValue>>(() => kiosk.capture.close({})),
      take: fromPromise<IpcResult<CaptureReview>>(() => kiosk.capture.take({})),
      upload: fromPromise<IpcResult<CaptureReview>, { readonly bytes: Uint8Array }>(({ input }) => uploadStill(kiosk.capture, input.bytes)),
      rotate: fromPromise<IpcResult<CaptureReview>, { readonly pageId: string }>(({ input }) =>
        kiosk.capture.rotate({ pageId: input.pageId, quarterTurns: 1 }),
      ),
      discard: fromPromise<IpcResult<DiscardValue>, { readonly pageIds: readonly string[] }>(async ({ input }) => {
        for (const pageId of input.pageIds) {
          const result = await kiosk.capture.discard({ pageId });
          // Already gone (a retry after a partial failure) is what was wanted.
          if (!result.ok && result.error.code !== 'notFound') return result;
        }
        return { ok: true, value: { discarded: true } };
      }),
      materials: fromPromise<IpcResult<MaterialsValue>>(() => kiosk.capture.materials({})),
      deviceEvents: deviceEventsActor(kiosk),
    },
  });
}
