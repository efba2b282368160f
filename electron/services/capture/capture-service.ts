/**
 * Document capture in a citizen's session (issue #5): the materials of one item, the device
 * that photographs or scans them, and the pages taken — found, straightened, checked and kept
 * small by the pipeline. Pages live in memory for the session only and are zeroed when it
 * ends (R-P3); nothing of an image is logged.
 *
 * Two ways a still arrives: from a Node-side source (the simulated camera, a SANE or eSCL
 * scanner) with `take`, or from the renderer's UVC camera as an upload in pieces (the IPC
 * caps one message at 64 KiB). Preview frames of Node-side cameras are pushed as events
 * about four times a second; the renderer's own camera sends small frames to `analyse`.
 * Either way the same tracker says how long the page has lain still, which care mode uses
 * to capture by itself.
 */
import createDebug from 'debug';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { CaptureColorMode, CapturedStill, CaptureSource } from '../../../hardware/devices/document-capture/capture-source.js';
import type { Quad } from '../../../hardware/imaging/geometry.js';
import type {
  CaptureBegun,
  CaptureDeviceView,
  CaptureIssue,
  CaptureMaterialView,
  CapturePageView,
  CapturePreview,
  CaptureReview,
  DeviceHealth,
  GuideView,
  IpcResult,
} from '../../ipc/contract.js';
import { MAX_UPLOAD_BYTES } from '../../ipc/contract.js';
import type { SessionService } from '../session/session-service.js';
import { analysePreview, isUsable, processStill, rotatePage, type ProcessedPage } from './frame-pipeline.js';
import { BLOCKING_ISSUES, QUALITY_MESSAGES, type QualityIssue } from './image-quality.js';
import { materialSpecs, type MaterialSpec } from './capture-materials.js';
import { StillUpload } from './still-upload.js';

export { UPLOAD_TIMEOUT_MS } from './still-upload.js';
import { buildMaterialsPdf, type MaterialForPdf, type MaterialsPdf, type MaterialsPdfOptions } from './materials-pdf.js';

const debug = createDebug('kiosk:services:capture');

/** Preview frames of a Node-side camera: one every this many ms. */
export const PREVIEW_INTERVAL_MS = 250;
/** Corner movement (share of the frame) below which the page counts as lying still. */
export const STEADY_TOLERANCE = 0.006;
const THUMBNAIL_PX = 240;
const REVIEW_PX = 1000;

/** A camera the renderer opens itself (UVC through getUserMedia). */
export interface StreamCamera {
  readonly labelHint: string | null;
  readonly width: number;
  readonly height: number;
}

/** The capture devices configured on this terminal. */
export interface CaptureDevices {
  /** A Node-side document camera (simulated), or null. */
  readonly camera: CaptureSource | null;
  /** The renderer's UVC camera, or null. */
  readonly streamCamera: StreamCamera | null;
  readonly scanner: CaptureSource | null;
  close(): Promise<void>;
}

export interface CaptureServiceOptions {
  readonly devices: CaptureDevices;
  readonly session: SessionService;
  readonly colorMode: CaptureColorMode;
  readonly maxPageBytes: number;
  readonly now: () => number;
  readonly emitPreview: (preview: CapturePreview) => void;
  readonly emitDevice: (device: CaptureDeviceView) => void;
  /** What the materials PDF's cover names, and where its font is. */
  readonly pdf: Pick<MaterialsPdfOptions, 'hallName' | 'terminalId' | 'assetsDir' | 'timeZone'>;
}

interface StoredPage {
  readonly pageId: string;
  readonly materialId: string;
  jpeg: Buffer;
  width: number;
  height: number;
  readonly dpi: number;
  readonly issues: readonly QualityIssue[];
  thumbnail: string;
}

interface Work {
  readonly itemCode: string;
  readonly itemName: string;
  readonly specs: readonly MaterialSpec[];
  readonly shared: readonly string[];
  readonly pages: StoredPage[];
}

interface OpenDevice {
  readonly sourceId: string;
  readonly materialId: string;
  /** Node-side source, or null for the renderer's stream camera. */
  readonly source: CaptureSource | null;
  readonly steady: SteadinessTracker;
  seq: number;
  previewTimer: NodeJS.Timeout | null;
  unsubscribe: () => void;
}

const failure = (code: 'unavailable' | 'notFound' | 'invalidArgument', message: string): IpcResult<never> => ({ ok: false, error: { code, message } });

const NO_WORK = failure('unavailable', '请先选择要办理的事项');
const NO_DEVICE = failure('unavailable', '请先选择要拍摄的材料');
const BUSY = failure('unavailable', '正在处理上一张图像，请稍候');
const UNREADABLE = failure('unavailable', '图像无法识别，请重新拍摄');
const DEVICE_FAILED = failure('unavailable', '拍摄设备暂时无法使用，请稍后重试或到窗口办理');
const NO_SUCH_PAGE = failure('notFound', '该页已删除，请重新拍摄');
const TOO_MANY_PAGES = failure('unavailable', '该材料的页数已满，请先删除不需要的页');

function issueView(code: QualityIssue): CaptureIssue {
  return { code, message: QUALITY_MESSAGES[code], isBlocking: BLOCKING_ISSUES.has(code) };
}

/** How long the page has lain still: corners that move less than the tolerance between looks. */
export class SteadinessTracker {
  #last: Quad | null = null;
  #since = 0;

  /** Records a look at `now`; returns ms the page has been still (0 when moving or absent). */
  observe(quad: Quad | null, now: number): number {
    const last = this.#last;
    this.#last = quad;
    if (quad === null) return 0;
    const isStill =
      last !== null && quad.every((corner, i) => Math.abs(corner.x - last[i]!.x) <= STEADY_TOLERANCE && Math.abs(corner.y - last[i]!.y) <= STEADY_TOLERANCE);
    if (!isStill) this.#since = now;
    return now - this.#since;
  }
}

function deviceLabel(kind: 'documentCamera' | 'scanner'): string {
  return kind === 'documentCamera' ? '高拍仪' : '扫描仪';
}

export class CaptureService {
  readonly #options: CaptureServiceOptions;
  #work: Work | null = null;
  #open: OpenDevice | null = null;
  readonly #upload = new StillUpload();
  #isProcessing = false;

  constructor(options: CaptureServiceOptions) {
    this.#options = options;
    options.session.onWipe(() => this.wipe());
  }

  /** The capture devices' health for the status bar and the technician console. */
  health(): DeviceHealth[] {
    const { camera, streamCamera, scanner } = this.#options.devices;
    const views: DeviceHealth[] = [];
    if (camera !== null) views.push(sourceHealth(camera));
    else if (streamCamera !== null) {
      views.push({ kind: 'documentCamera', isSimulated: false, state: 'online', condition: null, detail: 'UVC camera, opened by the screen when a citizen captures' });
    }
    if (scanner !== null) views.push(sourceHealth(scanner));
    return views;
  }

  /** The Node-side document camera (for the technician's capture test), or null. */
  nodeCamera(): CaptureSource | null {
    return this.#options.devices.camera;
  }

  /** The devices a citizen can capture with, as the screen shows them. */
  devices(): CaptureDeviceView[] {
    const { camera, streamCamera, scanner } = this.#options.devices;
    const views: CaptureDeviceView[] = [];
    if (camera !== null) views.push(this.#sourceView(camera));
    else if (streamCamera !== null) {
      views.push({ sourceId: 'documentCamera', kind: 'documentCamera', previewMode: 'stream', state: 'ready', label: deviceLabel('documentCamera'), stream: { ...streamCamera } });
    }
    if (scanner !== null) views.push(this.#sourceView(scanner));
    return views;
  }

  #sourceView(source: CaptureSource): CaptureDeviceView {
    const status = source.status();
    return {
      sourceId: source.info.id,
      kind: source.info.kind,
      previewMode: source.info.hasPreview ? 'frames' : 'none',
      state: status.state,
      label: deviceLabel(source.info.kind),
    };
  }

  begin(guide: GuideView): IpcResult<CaptureBegun> {
    if (this.#options.session.currentSessionId === null) return failure('unavailable', '请返回首页重新开始');
    if (!guide.isKioskApplicable) return failure('unavailable', '该事项暂不支持在本机自助办理，请到窗口办理');
    this.wipe();
    const { specs, shared } = materialSpecs(guide.materials);
    if (specs.length === 0) return failure('unavailable', '该事项无需拍摄材料');
    this.#work = { itemCode: guide.code, itemName: guide.name, specs, shared, pages: [] };
    return {
      ok: true,
      value: { itemCode: guide.code, itemName: guide.name, materials: this.#materialViews(), sharedMaterialNames: shared, devices: this.devices() },
    };
  }

  materials(): IpcResult<{ materials: CaptureMaterialView[] }> {
    return this.#work === null ? NO_WORK : { ok: true, value: { materials: this.#materialViews() } };
  }

  #materialViews(): CaptureMaterialView[] {
    const work = this.#work;
    if (work === null) return [];
    return work.specs.map((spec) => ({ ...spec, pages: this.#pagesOf(spec.materialId).map((page, index) => this.#pageView(page, index)) }));
  }

  #pagesOf(materialId: string): StoredPage[] {
    return this.#work?.pages.filter((page) => page.materialId === materialId) ?? [];
  }

  #pageView(page: StoredPage, index: number): CapturePageView {
    return {
      pageId: page.pageId,
      materialId: page.materialId,
      index,
      thumbnail: page.thumbnail,
      width: page.width,
      height: page.height,
      dpi: page.dpi,
      bytes: page.jpeg.byteLength,
      issues: page.issues.map(issueView),
      isUsable: isUsable(page.issues),
    };
  }

  async open(materialId: string, sourceId: string): Promise<IpcResult<{ device: CaptureDeviceView }>> {
    const work = this.#work;
    if (work === null) return NO_WORK;
    if (!work.specs.some((spec) => spec.materialId === materialId)) return failure('notFound', '没有这项材料，请返回重新选择');
    const device = this.devices().find((view) => view.sourceId === sourceId);
    if (device === undefined) return failure('notFound', '没有这台拍摄设备，请返回重新选择');
    await this.close();
    const { camera, scanner } = this.#options.devices;
    const source = [camera, scanner].find((candidate) => candidate?.info.id === sourceId) ?? null;
    if (source !== null && source.status().state !== 'ready') {
      const opened = await source.open();
      if (!opened.ok) {
        debug('open %s failed: %s %s', sourceId, opened.error.code, opened.error.message);
        return failure('unavailable', `${deviceLabel(source.info.kind)}暂时无法使用，请稍后重试或到窗口办理`);
      }
    }
    const open: OpenDevice = { sourceId, materialId, source, steady: new SteadinessTracker(), seq: 0, previewTimer: null, unsubscribe: () => undefined };
    this.#open = open;
    if (source !== null) {
      open.unsubscribe = source.onStatus(() => this.#options.emitDevice(this.#sourceView(source)));
      if (source.info.hasPreview) this.#schedulePreview(open, 0);
    }
    return { ok: true, value: { device: source === null ? device : this.#sourceView(source) } };
  }

  #schedulePreview(open: OpenDevice, delayMs: number): void {
    open.previewTimer = setTimeout(() => void this.#previewOnce(open), delayMs);
  }

  async #previewOnce(open: OpenDevice): Promise<void> {
    if (this.#open !== open || open.source === null) return;
    const started = this.#options.now();
    const frame = await open.source.preview();
    if (this.#open !== open) return;
    if (frame.ok) {
      const material = this.#spec(open.materialId);
      const analysis = await analysePreview(frame.value.jpeg, material?.kind ?? 'auto').catch(() => undefined);
      if (this.#open !== open) return;
      const quad = analysis?.quad ?? null;
      const steadyMs = open.steady.observe(quad, this.#options.now());
      open.seq += 1;
      this.#options.emitPreview({
        sourceId: open.sourceId,
        seq: open.seq,
        frame: frame.value.jpeg.toString('base64'),
        quad: quad === null ? null : [quad[0], quad[1], quad[2], quad[3]],
        issues: (analysis?.issues ?? ['pageNotFound']).map(issueView),
        steadyMs,
      });
    }
    const spent = this.#options.now() - started;
    this.#schedulePreview(open, Math.max(20, PREVIEW_INTERVAL_MS - spent));
  }

  #spec(materialId: string): MaterialSpec | undefined {
    return this.#work?.specs.find((spec) => spec.materialId === materialId);
  }

  /** `stream` mode: finds the page on a small frame from the renderer's camera. */
  async analyse(frameBase64: string): Promise<IpcResult<CapturePreview>> {
    const open = this.#open;
    if (open === null) return NO_DEVICE;
    const material = this.#spec(open.materialId);
    let analysis;
    try {
      analysis = await analysePreview(Buffer.from(frameBase64, 'base64'), material?.kind ?? 'auto');
    } catch {
      return UNREADABLE;
    }
    const quad = analysis.quad ?? null;
    open.seq += 1;
    return {
      ok: true,
      value: {
        sourceId: open.sourceId,
        seq: open.seq,
        frame: null,
        quad: quad === null ? null : [quad[0], quad[1], quad[2], quad[3]],
        issues: analysis.issues.map(issueView),
        steadyMs: open.steady.observe(quad, this.#options.now()),
      },
    };
  }

  async take(): Promise<IpcResult<CaptureReview>> {
    const open = this.#open;
    if (open === null) return NO_DEVICE;
    if (open.source === null) return failure('unavailable', '请使用屏幕上的拍照按钮');
    if (this.#isFull(open.materialId)) return TOO_MANY_PAGES;
    if (this.#isProcessing) return BUSY;
    this.#isProcessing = true;
    try {
      const still = await open.source.capture({ colorMode: this.#options.colorMode });
      if (!still.ok) {
        debug('capture failed: %s %s', still.error.code, still.error.message);
        return still.error.code === 'busy' ? BUSY : DEVICE_FAILED;
      }
      return await this.#addPage(open.materialId, still.value);
    } finally {
      this.#isProcessing = false;
    }
  }

  #isFull(materialId: string): boolean {
    const spec = this.#spec(materialId);
    return spec !== undefined && this.#pagesOf(materialId).length >= spec.maxPages;
  }

  async #addPage(materialId: string, still: CapturedStill): Promise<IpcResult<CaptureReview>> {
    const spec = this.#spec(materialId);
    let processed: ProcessedPage;
    try {
      processed = await processStill(still, { kind: spec?.kind ?? 'auto', colorMode: this.#options.colorMode, maxBytes: this.#options.maxPageBytes });
    } catch (error) {
      debug('still not processed: %s', error instanceof Error ? error.message : String(error));
      return UNREADABLE;
    } finally {
      still.image.fill(0);
    }
    const work = this.#work;
    if (work === null) {
      processed.jpeg.fill(0);
      return NO_WORK;
    }
    const page: StoredPage = {
      pageId: randomUUID(),
      materialId,
      jpeg: processed.jpeg,
      width: processed.width,
      height: processed.height,
      dpi: processed.dpi,
      issues: processed.issues,
      thumbnail: await downscaled(processed.jpeg, THUMBNAIL_PX, 60),
    };
    work.pages.push(page);
    debug('page added: %dx%d, %d bytes, issues %s', page.width, page.height, page.jpeg.byteLength, page.issues.join(',') || 'none');
    return this.#review(page);
  }

  async #review(page: StoredPage): Promise<IpcResult<CaptureReview>> {
    const index = this.#pagesOf(page.materialId).indexOf(page);
    return { ok: true, value: { page: this.#pageView(page, index), reviewImage: await downscaled(page.jpeg, REVIEW_PX, 75) } };
  }

  uploadBegin(byteLength: number): IpcResult<{ uploadId: string }> {
    const open = this.#open;
    if (open === null) return NO_DEVICE;
    if (byteLength > MAX_UPLOAD_BYTES) return failure('invalidArgument', '图像过大，请重新拍摄');
    if (this.#isFull(open.materialId)) return TOO_MANY_PAGES;
    return { ok: true, value: this.#upload.begin(open.materialId, byteLength) };
  }

  uploadChunk(uploadId: string, offset: number, data: string): IpcResult<{ received: number }> {
    return this.#upload.chunk(uploadId, offset, data);
  }

  async uploadEnd(uploadId: string): Promise<IpcResult<CaptureReview>> {
    const ended = this.#upload.end(uploadId);
    if (!ended.ok) return ended;
    const { materialId, bytes } = ended.value;
    if (this.#isProcessing) {
      bytes.fill(0);
      return BUSY;
    }
    this.#isProcessing = true;
    try {
      const meta = await sharp(bytes).metadata().catch(() => undefined);
      if (meta?.width === undefined || meta.height === undefined) {
        bytes.fill(0);
        return UNREADABLE;
      }
      return await this.#addPage(materialId, { image: bytes, width: meta.width, height: meta.height, geometry: 'photo' });
    } finally {
      this.#isProcessing = false;
    }
  }

  async rotate(pageId: string, quarterTurns: 1 | 2 | 3): Promise<IpcResult<CaptureReview>> {
    const page = this.#work?.pages.find((candidate) => candidate.pageId === pageId);
    if (page === undefined) return NO_SUCH_PAGE;
    const rotated = await rotatePage(page.jpeg, quarterTurns, page.dpi);
    page.jpeg.fill(0);
    page.jpeg = rotated.jpeg;
    page.width = rotated.width;
    page.height = rotated.height;
    page.thumbnail = await downscaled(rotated.jpeg, THUMBNAIL_PX, 60);
    return this.#review(page);
  }

  discard(pageId: string): IpcResult<{ discarded: true }> {
    const work = this.#work;
    const index = work?.pages.findIndex((candidate) => candidate.pageId === pageId) ?? -1;
    if (work === null || index < 0) return NO_SUCH_PAGE;
    const [page] = work.pages.splice(index, 1);
    page?.jpeg.fill(0);
    return { ok: true, value: { discarded: true } };
  }

  /** The captured pages per material, in the item's order, for the application (issue #6). */
  capturedMaterials(): MaterialForPdf[] {
    const work = this.#work;
    if (work === null) return [];
    return work.specs
      .map((spec) => ({
        name: spec.name,
        layout: spec.kind === 'idCard' ? ('card' as const) : ('fullPage' as const),
        pages: this.#pagesOf(spec.materialId).map((page) => ({ jpeg: page.jpeg, widthPx: page.width, heightPx: page.height, dpi: page.dpi })),
      }))
      .filter((material) => material.pages.length > 0);
  }

  /**
   * The session's materials as one PDF with a cover (the application's attachment).
   * Null when nothing has been captured.
   */
  async materialsPdf(applicant: { maskedName?: string; reference?: string } = {}): Promise<MaterialsPdf | null> {
    const work = this.#work;
    const materials = this.capturedMaterials();
    if (work === null || materials.length === 0) return null;
    return buildMaterialsPdf(materials, {
      ...this.#options.pdf,
      itemName: work.itemName,
      createdAt: new Date(this.#options.now()),
      ...(applicant.maskedName === undefined ? {} : { applicantMaskedName: applicant.maskedName }),
      ...(applicant.reference === undefined ? {} : { reference: applicant.reference }),
    });
  }

  /** Stops the preview and forgets an unfinished upload; pages stay. */
  close(): Promise<void> {
    const open = this.#open;
    this.#open = null;
    this.#upload.drop();
    if (open !== null) {
      if (open.previewTimer !== null) clearTimeout(open.previewTimer);
      open.unsubscribe();
    }
    // Node-side cameras stay open between materials (a slow first frame each time is worse);
    // the device is closed when the service shuts down.
    return Promise.resolve();
  }

  /** Session end: every page zeroed and forgotten. */
  wipe(): void {
    void this.close();
    for (const page of this.#work?.pages ?? []) page.jpeg.fill(0);
    this.#work = null;
  }

  async shutdown(): Promise<void> {
    this.wipe();
    await this.#options.devices.close();
  }
}

/** A capture source's state in the device-health words every device uses. */
function sourceHealth(source: CaptureSource): DeviceHealth {
  const status = source.status();
  const base = { kind: source.info.kind, isSimulated: source.info.transport === 'simulated', condition: null };
  switch (status.state) {
    case 'offline':
      return { ...base, state: 'offline', detail: `${source.info.label}: ${status.error.message}` };
    case 'closed':
      return { ...base, state: 'online', detail: `${source.info.label}: opened when a citizen captures` };
    case 'opening':
    case 'ready':
    case 'busy':
      return { ...base, state: 'online', detail: source.info.label };
  }
}

/** A smaller JPEG of `jpeg` (long side `px`), base64. */
async function downscaled(jpeg: Buffer, px: number, quality: number): Promise<string> {
  const small = await sharp(jpeg).resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true }).jpeg({ quality }).toBuffer();
  return small.toString('base64');
}
