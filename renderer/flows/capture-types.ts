/**
 * Types, timings and pure rules of the document capture journey (capture-machine.ts runs
 * it): when a material is complete, which device to open, what the next page is, and when
 * 关怀模式 may take the photo by itself.
 */
import type {
  CaptureDeviceView,
  CaptureIssue,
  CaptureMaterialView,
  CapturePageView,
  CapturePreview,
  CaptureReview,
  IpcResult,
} from '../../electron/ipc/contract';

/** 关怀模式 takes the photo once the page has lain still this long with nothing wrong. */
export const AUTO_CAPTURE_STEADY_MS = 1_500;
/** The "请保持不动" countdown steps: 3, 2, 1 over {@link AUTO_CAPTURE_STEADY_MS}. */
export const AUTO_CAPTURE_STEPS = 3;
/** begin, open, close, rotate, discard, materials: unanswered after this is shown as failed. */
export const CAPTURE_CALL_TIMEOUT_MS = 15_000;
/** A still is found, straightened, checked and encoded in the core: slower than a call. */
export const CAPTURE_TAKE_TIMEOUT_MS = 30_000;
/** A still of some megabytes in pieces, then the same processing. */
export const CAPTURE_UPLOAD_TIMEOUT_MS = 60_000;

/** Where 重试 goes back to (`retake`: discarding the page under review, `discard`: a material's pages). */
export type CaptureRetry = 'begin' | 'open' | 'live' | 'review' | 'retake' | 'discard';

export interface CaptureFailure {
  /**
   * The core's error code; `transport` when the call broke, `timeout` when it never came,
   * `offline` for a device that went away, `noDevice` when the terminal has none, `camera`
   * when the renderer could not open the UVC camera.
   */
  readonly code: string;
  /** Polite Chinese from the core; null when the screen uses its own text for the code. */
  readonly message: string | null;
  readonly retry: CaptureRetry;
}

export interface CaptureInput {
  readonly itemCode: string;
  /** 关怀模式: the photo is taken by itself once the page lies still (design.md §6). */
  readonly isCareMode: boolean;
  /** The theme's time factor; kept for the journey's own waits. */
  readonly timeFactor: number;
}

export interface CaptureContext extends CaptureInput {
  readonly itemName: string;
  readonly materials: readonly CaptureMaterialView[];
  readonly sharedMaterialNames: readonly string[];
  readonly devices: readonly CaptureDeviceView[];
  /** The material being captured (or last captured). */
  readonly materialId: string | null;
  /** The device opened for it; null while none is open. */
  readonly device: CaptureDeviceView | null;
  /** The latest look at the stage. */
  readonly preview: CapturePreview | null;
  /** The page being reviewed. */
  readonly review: CaptureReview | null;
  /** `materialId:index` of the page 关怀模式 took by itself: once per page. */
  readonly autoTakenPage: string | null;
  /** This live view has seen the page not yet still: 关怀模式 may take it once it is. */
  readonly isAutoArmed: boolean;
  /** Pages to discard before the material is captured afresh (重新拍摄). */
  readonly discarding: readonly string[];
  readonly failure: CaptureFailure | null;
  readonly endReason: CaptureEndReason;
}

export type CaptureEndReason = 'home' | 'finished';

export interface CaptureOutput {
  readonly reason: CaptureEndReason;
  readonly materialCount: number;
  readonly pageCount: number;
}

export type CaptureEvent =
  /** Capture this material (its next page). */
  | { readonly type: 'OPEN'; readonly materialId: string }
  /** 重新拍摄: discard the material's pages, then capture it afresh. */
  | { readonly type: 'RECAPTURE'; readonly materialId: string }
  /** 完成: every required material is there. */
  | { readonly type: 'FINISH' }
  /** 拍照. */
  | { readonly type: 'TAKE' }
  /** A look at the stage: a `capture.preview` event (frames) or an analysis (stream). */
  | { readonly type: 'PREVIEW'; readonly preview: CapturePreview }
  /** The open device changed state (`capture.deviceChanged`). */
  | { readonly type: 'DEVICE_CHANGED'; readonly device: CaptureDeviceView }
  /** `stream` mode: the camera's still, as JPEG bytes, to upload. */
  | { readonly type: 'STILL'; readonly bytes: Uint8Array }
  /** `stream` mode: the camera could not be opened or gave no still. */
  | { readonly type: 'CAMERA_FAILED' }
  | { readonly type: 'ROTATE' }
  /** 重拍: discard this page and look again. */
  | { readonly type: 'RETAKE' }
  /** 使用此页. */
  | { readonly type: 'ACCEPT' }
  /** 再拍一页. */
  | { readonly type: 'ADD_PAGE' }
  /** 完成此材料. */
  | { readonly type: 'MATERIAL_DONE' }
  | { readonly type: 'RETRY' }
  /** The theme changed while capturing (关怀模式 on or off). */
  | { readonly type: 'CONFIGURE'; readonly isCareMode: boolean; readonly timeFactor: number }
  /** 返回: to the materials (or home when there are none yet). */
  | { readonly type: 'BACK' }
  | { readonly type: 'HOME' };

export function isBlocking(issues: readonly CaptureIssue[]): boolean {
  return issues.some((issue) => issue.isBlocking);
}

export function usablePages(material: CaptureMaterialView): number {
  return material.pages.filter((page) => page.isUsable).length;
}

/** True while the material lacks a page it must have (ID card: both sides). */
export function needsMorePages(material: CaptureMaterialView): boolean {
  return usablePages(material) < material.minPages || material.pages.length < material.pageNames.length;
}

export function canAddPage(material: CaptureMaterialView): boolean {
  return material.pages.length < material.maxPages;
}

export function isComplete(material: CaptureMaterialView): boolean {
  return material.pages.length > 0 && !needsMorePages(material);
}

/** 完成 is offered once every required material is complete and something was captured. */
export function canFinish(materials: readonly CaptureMaterialView[]): boolean {
  const required = materials.filter((material) => material.requirement === 'required');
  return required.every(isComplete) && materials.some((material) => usablePages(material) > 0);
}

/** The materials that have pages, and their pages: the summary's 份 and 页. */
export function captureTotals(materials: readonly CaptureMaterialView[]): { readonly materialCount: number; readonly pageCount: number } {
  const captured = materials.filter((material) => material.pages.length > 0);
  return { materialCount: captured.length, pageCount: captured.reduce((sum, material) => sum + material.pages.length, 0) };
}

/** The device to open: a document camera with a live view, else a scanner, else whatever there is. */
export function pickDevice(devices: readonly CaptureDeviceView[]): CaptureDeviceView | null {
  const usable = devices.filter((device) => device.state !== 'offline');
  return (
    usable.find((device) => device.kind === 'documentCamera' && device.previewMode !== 'none') ??
    usable.find((device) => device.kind === 'scanner') ??
    usable[0] ??
    devices[0] ??
    null
  );
}

export function currentMaterial(context: Pick<CaptureContext, 'materials' | 'materialId'>): CaptureMaterialView | null {
  return context.materials.find((material) => material.materialId === context.materialId) ?? null;
}

/** Index of the page the camera is looking for: the one after those taken. */
export function nextPageIndex(context: Pick<CaptureContext, 'materials' | 'materialId'>): number {
  return currentMaterial(context)?.pages.length ?? 0;
}

export function pageKey(context: Pick<CaptureContext, 'materials' | 'materialId'>): string {
  return `${context.materialId ?? ''}:${nextPageIndex(context)}`;
}

/** True when 关怀模式 should take the photo now: still long enough, found, nothing wrong, once per page. */
export function shouldAutoCapture(context: CaptureContext, preview: CapturePreview): boolean {
  return (
    context.isCareMode &&
    context.device !== null &&
    context.device.previewMode !== 'none' &&
    preview.sourceId === context.device.sourceId &&
    preview.quad !== null &&
    !isBlocking(preview.issues) &&
    preview.steadyMs >= AUTO_CAPTURE_STEADY_MS &&
    context.autoTakenPage !== pageKey(context)
  );
}

/**
 * The "请保持不动" count (3, 2, 1) while a good page lies still in 关怀模式 and the photo is
 * about to be taken; null when there is nothing to count down.
 */
export function autoCaptureCountdown(context: CaptureContext, preview: CapturePreview | null): number | null {
  if (!preview || !context.isCareMode || context.autoTakenPage === pageKey(context)) return null;
  if (preview.quad === null || isBlocking(preview.issues) || preview.steadyMs <= 0) return null;
  const left = AUTO_CAPTURE_STEADY_MS - preview.steadyMs;
  if (left <= 0) return null;
  return Math.ceil((left / AUTO_CAPTURE_STEADY_MS) * AUTO_CAPTURE_STEPS);
}

function withPages(
  materials: readonly CaptureMaterialView[],
  materialId: string,
  change: (pages: readonly CapturePageView[]) => readonly CapturePageView[],
): readonly CaptureMaterialView[] {
  return materials.map((material) =>
    material.materialId === materialId
      ? { ...material, pages: change(material.pages).map((page, index) => ({ ...page, index })) }
      : material,
  );
}

/** The materials with a page just taken (or rotated: replaced where it was). */
export function withPage(materials: readonly CaptureMaterialView[], page: CapturePageView): readonly CaptureMaterialView[] {
  return withPages(materials, page.materialId, (pages) =>
    pages.some((known) => known.pageId === page.pageId)
      ? pages.map((known) => (known.pageId === page.pageId ? page : known))
      : [...pages, page],
  );
}

export function withoutPages(
  materials: readonly CaptureMaterialView[],
  materialId: string,
  pageIds: readonly string[],
): readonly CaptureMaterialView[] {
  return withPages(materials, materialId, (pages) => pages.filter((page) => !pageIds.includes(page.pageId)));
}

export const TRANSPORT = 'transport';
export const TIMEOUT = 'timeout';

export function failureOf(result: IpcResult<unknown>, retry: CaptureRetry): CaptureFailure {
  return result.ok ? { code: TRANSPORT, message: null, retry } : { code: result.error.code, message: result.error.message || null, retry };
}
