/**
 * The fake core's document capture (issue #5), wired into fake-kiosk.ts: the materials of a
 * catalogue item (shared data listed apart, an ID card as two named sides), one simulated
 * 高拍仪 in `frames` mode sending a preview every {@link DEFAULT_PREVIEW_INTERVAL_MS} while
 * open (or, with `previewMode: 'stream'`, analysing the renderer's frames), stills with the
 * issues of what lies on the stage, rotate, discard and uploads in pieces.
 *
 * What lies on the stage follows the material until a developer places something with
 * `dev.placeDocument` (the dev panel): the ID card's 人像面, then its 国徽面, or an A4 page.
 * A page put down wobbles for {@link SETTLE_MS}, then lies still; `steadyMs` counts from
 * there. The issue texts are the core's (electron/services/capture/image-quality.ts).
 */
import type {
  CaptureBegun,
  CaptureDeviceView,
  CaptureIssue,
  CaptureIssueCode,
  CaptureMaterialView,
  CapturePageView,
  CapturePreview,
  CaptureReview,
  DeviceHealth,
  EventName,
  IpcError,
  IpcResult,
  KioskApi,
  KioskEvents,
  SimulatedDocumentKind,
  SimulatedDocumentVariant,
} from '../../electron/ipc/contract';
import { fakeGuide } from './fake-catalogue';
import { type FakeDocument, type Placement, pageJpeg, previewJpeg, quadOf } from './fake-capture-images';
import { countedUuid } from './fake-kiosk-services';

export const DEFAULT_PREVIEW_INTERVAL_MS = 300;
/** A page just put down moves this long before it lies still. */
export const SETTLE_MS = 600;
export const FAKE_CAMERA_ID = 'camera-1';
const REVIEW_LONG_SIDE = 1000;
const THUMBNAIL_LONG_SIDE = 240;

export const FAKE_ISSUE_MESSAGES: Readonly<Record<CaptureIssueCode, string>> = {
  blurred: '图像模糊，请重新拍摄',
  glare: '材料反光，请调整角度或遮挡强光后重新拍摄',
  cutOff: '材料未完整拍入，请将材料放在拍摄区域中央',
  empty: '未检测到材料，请将材料平放在拍摄区域内',
  pageNotFound: '未识别到材料边缘，请确认图像完整清晰',
};

const VARIANT_ISSUE: Readonly<Record<SimulatedDocumentVariant, CaptureIssueCode | null>> = {
  clean: null,
  blur: 'blurred',
  glare: 'glare',
  cutOff: 'cutOff',
};

export type FakeCaptureMethod = keyof KioskApi['capture'];

export interface FakeCaptureOptions {
  /** Preview frames this often while a `frames` device is open; 0: only `emitPreview` (tests). */
  readonly previewIntervalMs?: number;
  /** `stream` plays a UVC camera: no preview events, the renderer's frames are analysed. */
  readonly previewMode?: 'frames' | 'stream';
}

export interface FakeCaptureControl {
  /** Puts a document on the stage (as `dev.placeDocument`, without its checks). */
  placeDocument(document: SimulatedDocumentKind, variant?: SimulatedDocumentVariant): void;
  /** Sends one preview of the stage now; `steadyMs` overrides how long it has lain still. */
  emitPreview(steadyMs?: number): void;
  /** Unplugs (`offline`) or plugs in the camera; an open one says so with `capture.deviceChanged`. */
  setDeviceState(state: 'ready' | 'offline'): void;
  /** The next call of `method` answers with `error`. */
  failNext(method: FakeCaptureMethod, error: IpcError): void;
  isOpen(): boolean;
}

export interface FakeCaptureDeps {
  readonly now: () => number;
  readonly record: (method: string, arg: unknown) => void;
  readonly emit: <E extends EventName>(event: E, payload: KioskEvents[E]) => void;
  /** A microtask, then what stops every call: out of service. */
  readonly gate: () => Promise<IpcError | null>;
  /** The document camera in the status, if the terminal has one. */
  readonly health: () => DeviceHealth | undefined;
  readonly setHealthState: (state: DeviceHealth['state']) => void;
}

export type FakeCaptureApi = Pick<KioskApi, 'capture'> & { readonly dev: Pick<KioskApi['dev'], 'placeDocument'> };

export interface FakeCapture {
  readonly api: FakeCaptureApi;
  readonly control: FakeCaptureControl;
  /** Closes the camera and forgets every page (session.begin / session.end). */
  readonly resetSession: () => void;
  /**
   * Begins capturing the item's materials as `capture.begin` does, unrecorded: what the
   * core's `application.begin` does for the application's own capture (fake-application.ts).
   */
  readonly beginFor: (itemCode: string) => IpcResult<CaptureBegun>;
  /** The materials of the capture begun, with their pages (empty before one begins). */
  readonly materials: () => readonly CaptureMaterialView[];
}

interface StoredPage {
  view: CapturePageView;
  readonly document: FakeDocument;
  readonly variant: SimulatedDocumentVariant;
  turns: number;
}

function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

function fail(error: IpcError): IpcResult<never> {
  return { ok: false, error };
}

const NOT_BEGUN: IpcError = { code: 'unavailable', message: '请先选择要办理的事项' };
const NOT_OPEN: IpcError = { code: 'unavailable', message: '高拍仪未打开，请返回后重试' };
const OFFLINE: IpcError = { code: 'unavailable', message: '高拍仪未连接，请联系大厅工作人员' };
const NO_PAGE: IpcError = { code: 'notFound', message: '没有找到这一页，请重新拍摄' };
const FORBIDDEN: IpcError = { code: 'forbidden', message: '仅模拟高拍仪可用' };

export function createFakeCapture(deps: FakeCaptureDeps, options: FakeCaptureOptions = {}): FakeCapture {
  const intervalMs = options.previewIntervalMs ?? DEFAULT_PREVIEW_INTERVAL_MS;
  const previewMode = options.previewMode ?? 'frames';
  let itemCode: string | null = null;
  let materials: CaptureMaterialView[] = [];
  const pages = new Map<string, StoredPage>();
  let open: { readonly materialId: string } | null = null;
  /** Placed by a developer; null: whatever the open material needs next. */
  let placed: { readonly document: SimulatedDocumentKind; readonly variant: SimulatedDocumentVariant } | null = null;
  /** `document:variant` of the last preview, to notice a change. */
  let shownDocument: string | null = null;
  let placedAt = 0;
  let seq = 0;
  let ids = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const nextError = new Map<FakeCaptureMethod, IpcError>();
  const uploads = new Map<string, { readonly byteLength: number; received: number }>();

  const device = (): CaptureDeviceView => ({
    sourceId: FAKE_CAMERA_ID,
    kind: 'documentCamera',
    previewMode,
    state: deps.health()?.state === 'online' ? (open ? 'ready' : 'closed') : 'offline',
    label: '高拍仪',
    ...(previewMode === 'stream' ? { stream: { labelHint: null, width: 1920, height: 1080 } } : {}),
  });

  function materialOf(materialId: string): CaptureMaterialView | undefined {
    return materials.find((material) => material.materialId === materialId);
  }

  /** What lies on the stage now. */
  function stage(): { readonly document: SimulatedDocumentKind; readonly variant: SimulatedDocumentVariant } {
    if (placed) return placed;
    const material = open ? materialOf(open.materialId) : undefined;
    if (!material) return { document: 'none', variant: 'clean' };
    if (material.kind === 'idCard') return { document: material.pages.length === 0 ? 'idCardFront' : 'idCardBack', variant: 'clean' };
    return { document: 'a4Text', variant: 'clean' };
  }

  function issuesOf(document: SimulatedDocumentKind, variant: SimulatedDocumentVariant): CaptureIssue[] {
    const code = document === 'none' ? 'empty' : VARIANT_ISSUE[variant];
    return code === null ? [] : [{ code, message: FAKE_ISSUE_MESSAGES[code], isBlocking: code !== 'pageNotFound' }];
  }

  function preview(withFrame: boolean, steadyOverride?: number): CapturePreview {
    const { document, variant } = stage();
    // Something new on the stage (a developer's or the next side of the card) starts still-time afresh.
    if (`${document}:${variant}` !== shownDocument) {
      shownDocument = `${document}:${variant}`;
      placedAt = deps.now();
    }
    const lying = deps.now() - placedAt;
    const wobble = lying < SETTLE_MS && steadyOverride === undefined ? ((seq % 3) - 1) * 8 : 0;
    const placement: Placement = { document, variant, wobble };
    seq += 1;
    return {
      sourceId: FAKE_CAMERA_ID,
      seq,
      frame: withFrame ? previewJpeg(placement) : null,
      quad: quadOf(placement),
      issues: issuesOf(document, variant),
      steadyMs: document === 'none' ? 0 : (steadyOverride ?? Math.max(0, lying - SETTLE_MS)),
    };
  }

  function stopPreview(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function schedulePreview(): void {
    stopPreview();
    if (intervalMs <= 0 || previewMode !== 'frames') return;
    timer = setTimeout(() => {
      timer = null;
      if (!open) return;
      deps.emit('capture.preview', preview(true));
      schedulePreview();
    }, intervalMs);
  }

  function restart(): void {
    shownDocument = null;
    placedAt = deps.now();
  }

  function storePage(materialId: string, document: FakeDocument, variant: SimulatedDocumentVariant): CaptureReview {
    ids += 1;
    const issues = issuesOf(document, variant);
    const material = materialOf(materialId);
    const isCard = document === 'idCardFront' || document === 'idCardBack';
    const stored: StoredPage = {
      document,
      variant,
      turns: 0,
      view: {
        pageId: countedUuid(ids),
        materialId,
        index: material?.pages.length ?? 0,
        thumbnail: pageJpeg(document, variant, THUMBNAIL_LONG_SIDE, 0).base64,
        width: isCard ? 1011 : 1240,
        height: isCard ? 638 : 1754,
        dpi: isCard ? 300 : 150,
        bytes: 150_000 + ids * 1_000,
        issues,
        isUsable: !issues.some((issue) => issue.isBlocking),
      },
    };
    pages.set(stored.view.pageId, stored);
    setPages(materialId, (list) => [...list, stored.view]);
    return reviewOf(stored);
  }

  function reviewOf(stored: StoredPage): CaptureReview {
    return { page: stored.view, reviewImage: pageJpeg(stored.document, stored.variant, REVIEW_LONG_SIDE, stored.turns).base64 };
  }

  function setPages(materialId: string, change: (list: readonly CapturePageView[]) => readonly CapturePageView[]): void {
    materials = materials.map((material) =>
      material.materialId === materialId ? { ...material, pages: change(material.pages).map((page, index) => ({ ...page, index })) } : material,
    );
    // Indexes moved up after a discard: the stored views follow.
    for (const page of materials.flatMap((material) => material.pages)) {
      const stored = pages.get(page.pageId);
      if (stored) stored.view = page;
    }
  }

  /** Records the call, then what stops it: out of service, a scripted error. */
  async function gate(method: FakeCaptureMethod, arg: unknown): Promise<IpcError | null> {
    deps.record(`capture.${method}`, arg);
    const stopped = await deps.gate();
    if (stopped) return stopped;
    const scripted = nextError.get(method);
    nextError.delete(method);
    return scripted ?? null;
  }

  function takeFromStage(): IpcResult<CaptureReview> {
    if (!open) return fail(NOT_OPEN);
    const { document, variant } = stage();
    // An empty stage still makes a page, as the camera would: the review says it is empty.
    return ok(storePage(open.materialId, document === 'none' ? 'a4Text' : document, document === 'none' ? 'blur' : variant));
  }

  const begin = (code: string): IpcResult<CaptureBegun> => {
    const guide = fakeGuide(code);
    if (!guide) return fail({ code: 'notFound', message: '没有找到该事项，请返回重新选择' });
    if (!guide.isKioskApplicable) return fail({ code: 'unavailable', message: '该事项暂不支持自助拍摄材料' });
    itemCode = code;
    pages.clear();
    materials = guide.materials
      .filter((material) => !material.isSharedData)
      .map((material): CaptureMaterialView => {
        const isCard = material.name.includes('身份证');
        return {
          materialId: material.id,
          name: material.name,
          kind: isCard ? 'idCard' : 'a4',
          requirement: material.requirement,
          condition: material.condition,
          minPages: isCard ? 2 : 1,
          maxPages: isCard ? 2 : 10,
          pageNames: isCard ? ['人像面', '国徽面'] : [],
          pages: [],
        };
      });
    const sharedMaterialNames = guide.materials.filter((material) => material.isSharedData).map((material) => material.name);
    return ok({ itemCode: code, itemName: guide.name, materials, sharedMaterialNames, devices: deps.health() ? [device()] : [] });
  };

  const api: FakeCaptureApi = {
    capture: {
      begin: async (arg) => {
        const error = await gate('begin', arg);
        return error ? fail(error) : begin(arg.itemCode);
      },
      open: async (arg) => {
        const error = await gate('open', arg);
        if (error) return fail(error);
        if (itemCode === null) return fail(NOT_BEGUN);
        if (!materialOf(arg.materialId)) return fail({ code: 'notFound', message: '没有这项材料，请返回重新选择' });
        if (arg.sourceId !== FAKE_CAMERA_ID || !deps.health()) return fail({ code: 'notFound', message: '没有这台拍摄设备' });
        if (deps.health()?.state !== 'online') return fail(OFFLINE);
        open = { materialId: arg.materialId };
        restart();
        schedulePreview();
        return ok({ device: device() });
      },
      close: async (arg) => {
        const error = await gate('close', arg);
        open = null;
        stopPreview();
        return error ? fail(error) : ok({ closed: true });
      },
      analyse: async (arg) => {
        const error = await gate('analyse', { frame: `${arg.frame.length} characters` });
        if (error) return fail(error);
        return open ? ok(preview(false)) : fail(NOT_OPEN);
      },
      take: async (arg) => {
        const error = await gate('take', arg);
        return error ? fail(error) : takeFromStage();
      },
      uploadBegin: async (arg) => {
        const error = await gate('uploadBegin', arg);
        if (error) return fail(error);
        if (!open) return fail(NOT_OPEN);
        ids += 1;
        const uploadId = countedUuid(ids);
        uploads.set(uploadId, { byteLength: arg.byteLength, received: 0 });
        return ok({ uploadId });
      },
      uploadChunk: async (arg) => {
        // The data itself is not kept: only its size, as shown in the recorded call.
        const error = await gate('uploadChunk', { uploadId: arg.uploadId, offset: arg.offset, characters: arg.data.length });
        if (error) return fail(error);
        const upload = uploads.get(arg.uploadId);
        if (!upload || arg.offset !== upload.received) return fail({ code: 'invalidArgument', message: '照片上传中断，请重新拍摄' });
        upload.received += (arg.data.length / 4) * 3 - (arg.data.endsWith('==') ? 2 : arg.data.endsWith('=') ? 1 : 0);
        return ok({ received: upload.received });
      },
      uploadEnd: async (arg) => {
        const error = await gate('uploadEnd', arg);
        if (error) return fail(error);
        const upload = uploads.get(arg.uploadId);
        uploads.delete(arg.uploadId);
        if (!upload || upload.received !== upload.byteLength) return fail({ code: 'invalidArgument', message: '照片上传中断，请重新拍摄' });
        return takeFromStage();
      },
      rotate: async (arg) => {
        const error = await gate('rotate', arg);
        if (error) return fail(error);
        const stored = pages.get(arg.pageId);
        if (!stored) return fail(NO_PAGE);
        stored.turns = (stored.turns + arg.quarterTurns) % 4;
        const view = { ...stored.view, width: stored.view.height, height: stored.view.width };
        view.thumbnail = pageJpeg(stored.document, stored.variant, THUMBNAIL_LONG_SIDE, stored.turns).base64;
        setPages(view.materialId, (list) => list.map((page) => (page.pageId === view.pageId ? view : page)));
        return ok(reviewOf(stored));
      },
      discard: async (arg) => {
        const error = await gate('discard', arg);
        if (error) return fail(error);
        const stored = pages.get(arg.pageId);
        if (!stored) return fail(NO_PAGE);
        pages.delete(arg.pageId);
        setPages(stored.view.materialId, (list) => list.filter((page) => page.pageId !== arg.pageId));
        return ok({ discarded: true });
      },
      materials: async (arg) => {
        const error = await gate('materials', arg);
        if (error) return fail(error);
        return itemCode === null ? fail(NOT_BEGUN) : ok({ materials });
      },
    },
    dev: {
      placeDocument: async (arg) => {
        deps.record('dev.placeDocument', arg);
        await Promise.resolve();
        if (!deps.health()?.isSimulated) return fail(FORBIDDEN);
        control.placeDocument(arg.document, arg.variant);
        return ok({ placed: true });
      },
    },
  };

  const control: FakeCaptureControl = {
    placeDocument: (document, variant = 'clean') => {
      placed = { document, variant };
      // Put down again, even the same page: it moves, then lies still afresh.
      shownDocument = null;
    },
    emitPreview: (steadyMs) => {
      if (open) deps.emit('capture.preview', preview(true, steadyMs));
    },
    setDeviceState: (state) => {
      deps.setHealthState(state === 'ready' ? 'online' : 'offline');
      if (state === 'offline') stopPreview();
      if (open) deps.emit('capture.deviceChanged', device());
      if (state === 'offline') open = null;
    },
    failNext: (method, error) => {
      nextError.set(method, error);
    },
    isOpen: () => open !== null,
  };

  const resetSession = (): void => {
    open = null;
    stopPreview();
    itemCode = null;
    materials = [];
    pages.clear();
    uploads.clear();
    placed = null;
  };

  return { api, control, resetSession, beginFor: begin, materials: () => materials };
}
