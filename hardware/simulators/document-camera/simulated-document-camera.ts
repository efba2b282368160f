/**
 * The simulated document camera (高拍仪, protocols.md §5.3) as a {@link CaptureSource}: the
 * kiosk and the e2e tests use it where a real UVC camera or vendor service would be.
 *
 * Physical model: a stage with at most one page on it (`place(spec)`, `remove()`), seen
 * by a 5 MP camera. A page just put down is still moving for ~600 ms (a hand letting go:
 * a few pixels and up to 0.5° of jitter, decaying), then lies still, so a steadiness
 * detector upstream sees motion, then rest. Preview frames are rendered at preview size
 * directly (fast, with fresh sensor noise each frame); a still is rendered at full
 * resolution and is a pure function of the stage (same stage at rest → same bytes).
 *
 * Faults: a slow first frame after `open()` (`firstFrameDelayMs`, default 1200 ms, like
 * real UVC cameras warming up) and `unplug()` / `plug()`. After a re-plug the camera is
 * `closed` and must be opened again, as a UVC stream does not survive re-enumeration.
 */
import { type Clock, sleep, systemClock } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import type {
  CaptureOptions,
  CaptureSource,
  CaptureSourceInfo,
  CaptureStatus,
  CapturedStill,
  PreviewFrame,
} from '../../devices/document-capture/capture-source.js';
import { err, ok, type Result } from '../../result.js';
import { Listeners } from '../../transports/listeners.js';
import { PageArtCache } from './page-art.js';
import { DEFAULT_FRAME, encodeJpeg, renderScene, sceneTruth, type FrameSize, type GroundTruth, type Motion, type RenderOptions, type SceneSpec } from './scene.js';
import { deriveSeed, seededRandom } from '../seeded-random.js';

/** A UVC document camera's slow first frame after opening (protocols.md §5.3: 1–2 s). */
export const DEFAULT_FIRST_FRAME_DELAY_MS = 1200;
export const DEFAULT_PREVIEW_SIZE: FrameSize = { width: 640, height: 480 };
/** How long a page just placed keeps moving. */
export const SETTLE_MS = 600;
/** JPEG quality of stills and of preview frames. */
export const STILL_JPEG_QUALITY = 92;
export const PREVIEW_JPEG_QUALITY = 75;
/** Settling jitter at the moment of placing: shift as a share of the frame, and turn. */
const JITTER_SHIFT = 0.01;
const JITTER_ROTATION_DEG = 0.5;
/** A new jittered pose every this many ms (about one per preview frame at 25 fps). */
const JITTER_STEP_MS = 40;
/** Page art kept per camera: a page at full and at preview size, several times over. */
const ART_CACHE_BYTES = 48 * 1024 * 1024;

/** Construction options; every field has a default. */
export interface SimulatedDocumentCameraOptions {
  readonly clock?: Clock;
  /** Still size. Default {@link DEFAULT_FRAME} (2592 × 1944). */
  readonly resolution?: FrameSize;
  /** Default {@link DEFAULT_PREVIEW_SIZE}. */
  readonly previewSize?: FrameSize;
  /** Default {@link DEFAULT_FIRST_FRAME_DELAY_MS}. */
  readonly firstFrameDelayMs?: number;
  /** What lies on the stage at start; default nothing. Counts as already settled. */
  readonly stage?: SceneSpec | null;
  /** Seed of the empty stage's look. Default 1. */
  readonly emptyStageSeed?: number;
  /** Default `simulated document camera 2592×1944`. */
  readonly label?: string;
}

const OFFLINE: DeviceError = deviceError('offline', 'document camera unplugged (simulated)');

/** A call, not a property read: TS keeps `signal.aborted` narrowed across awaits. */
const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

/**
 * ```ts
 * const camera = new SimulatedDocumentCamera({ clock });
 * await camera.open();                       // ready after firstFrameDelayMs
 * camera.place({ kind: 'idCardFront', seed: 7, rotationDeg: -8 });
 * const frame = await camera.preview();      // 640 × 480 JPEG, jittering for 600 ms
 * const still = await camera.capture();      // 2592 × 1944 JPEG, geometry 'photo'
 * camera.lastTruth().corners;                // where the card really is
 * ```
 */
export class SimulatedDocumentCamera implements CaptureSource {
  readonly info: CaptureSourceInfo;
  readonly #clock: Clock;
  readonly #resolution: FrameSize;
  readonly #previewSize: FrameSize;
  readonly #firstFrameDelayMs: number;
  readonly #emptyStageSeed: number;
  readonly #artCache = new PageArtCache(ART_CACHE_BYTES);
  readonly #statusListeners = new Listeners<CaptureStatus>();
  #status: CaptureStatus = { state: 'closed' };
  #isPlugged = true;
  #stage: SceneSpec | null;
  /** Clock time of the last `place()`; −∞ for the initial stage (already at rest). */
  #placedAtMs = -Infinity;
  #placements = 0;
  #previewFrames = 0;
  #lastTruth: GroundTruth | null = null;
  #opening: Promise<Result<void, DeviceError>> | null = null;
  #openAbort: AbortController | null = null;

  constructor(options: SimulatedDocumentCameraOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#resolution = options.resolution ?? DEFAULT_FRAME;
    this.#previewSize = options.previewSize ?? DEFAULT_PREVIEW_SIZE;
    this.#firstFrameDelayMs = options.firstFrameDelayMs ?? DEFAULT_FIRST_FRAME_DELAY_MS;
    this.#emptyStageSeed = options.emptyStageSeed ?? 1;
    this.#stage = options.stage ?? null;
    const { width, height } = this.#resolution;
    this.info = {
      id: 'documentCamera',
      kind: 'documentCamera',
      transport: 'simulated',
      label: options.label ?? `simulated document camera ${width}×${height}`,
      hasPreview: true,
    };
  }

  status(): CaptureStatus {
    return this.#status;
  }

  onStatus(listener: (status: CaptureStatus) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /**
   * Resolves `ok` after the slow first frame. A second call while opening joins the first
   * (its own `signal` is then not watched). Errors: `offline` (unplugged, also mid-open),
   * `cancelled` (`signal` aborted), `closed` (`close()` called while opening).
   */
  open(signal?: AbortSignal): Promise<Result<void, DeviceError>> {
    if (!this.#isPlugged) {
      this.#setStatus({ state: 'offline', error: OFFLINE });
      return Promise.resolve(err(OFFLINE));
    }
    if (this.#status.state === 'ready' || this.#status.state === 'busy') return Promise.resolve(ok(undefined));
    if (this.#opening !== null) return this.#opening;
    const abort = new AbortController();
    this.#openAbort = abort;
    this.#setStatus({ state: 'opening' });
    const waitSignal = signal === undefined ? abort.signal : AbortSignal.any([signal, abort.signal]);
    this.#opening = sleep(this.#clock, this.#firstFrameDelayMs, waitSignal).then((outcome) => {
      this.#opening = null;
      this.#openAbort = null;
      if (outcome === 'elapsed') {
        this.#setStatus({ state: 'ready' });
        return ok(undefined);
      }
      if (!this.#isPlugged) return err(OFFLINE);
      if (isAborted(signal)) {
        this.#setStatus({ state: 'closed' });
        return err(deviceError('cancelled', 'opening the document camera was cancelled'));
      }
      return err(deviceError('closed', 'the document camera was closed while opening'));
    });
    return this.#opening;
  }

  /** A preview-size JPEG of the stage now (page jittering while it settles). */
  async preview(signal?: AbortSignal): Promise<Result<PreviewFrame, DeviceError>> {
    const refusal = this.#refusal(true);
    if (refusal !== null) return err(refusal);
    if (isAborted(signal)) return err(deviceError('cancelled', 'preview cancelled'));
    this.#previewFrames += 1;
    const { width, height } = this.#previewSize;
    const { raster } = await renderScene(this.#scene(), this.#renderOptions(this.#previewSize, this.#previewFrames));
    const jpeg = await encodeJpeg(raster, PREVIEW_JPEG_QUALITY);
    const late = this.#refusal(true);
    if (late !== null) return err(late);
    return ok({ jpeg, width, height });
  }

  /**
   * A full-resolution JPEG still (`geometry: 'photo'`); `colorMode` and `dpi` are
   * ignored, as by a UVC camera. Errors: `closed`, `busy`, `offline`, `cancelled`.
   */
  async capture(options: CaptureOptions = {}): Promise<Result<CapturedStill, DeviceError>> {
    const refusal = this.#refusal(false);
    if (refusal !== null) return err(refusal);
    if (isAborted(options.signal)) return err(deviceError('cancelled', 'capture cancelled'));
    this.#setStatus({ state: 'busy' });
    try {
      const { raster, truth } = await renderScene(this.#scene(), this.#renderOptions(this.#resolution, 0));
      const image = await encodeJpeg(raster, STILL_JPEG_QUALITY);
      if (!this.#isPlugged) return err(OFFLINE);
      if (this.#status.state !== 'busy') return err(deviceError('closed', 'the document camera was closed during capture'));
      if (isAborted(options.signal)) return err(deviceError('cancelled', 'capture cancelled'));
      this.#lastTruth = truth;
      return ok({ image, width: raster.width, height: raster.height, geometry: 'photo' });
    } finally {
      if (this.#status.state === 'busy') this.#setStatus({ state: 'ready' });
    }
  }

  close(): Promise<void> {
    this.#openAbort?.abort();
    if (this.#status.state !== 'offline') this.#setStatus({ state: 'closed' });
    return Promise.resolve();
  }

  /** Puts a page on the stage (null: clears it); it settles for {@link SETTLE_MS}. */
  place(spec: SceneSpec | null): void {
    this.#stage = spec;
    this.#placedAtMs = this.#clock.now();
    this.#placements += 1;
    this.#lastTruth = null;
  }

  /** Takes the page away: an empty stage. */
  remove(): void {
    this.place(null);
  }

  /** What lies on the stage (null: nothing). */
  get stage(): SceneSpec | null {
    return this.#stage;
  }

  /** Whether the page has stopped moving (always true for an empty stage). */
  isSettled(): boolean {
    return this.#motion() === undefined;
  }

  /** Pulls the cable: `offline`; preview and capture fail until `plug()` and `open()`. */
  unplug(): void {
    this.#isPlugged = false;
    this.#openAbort?.abort();
    this.#setStatus({ state: 'offline', error: OFFLINE });
  }

  /** Plugs the camera back in: status `closed` (open it again). */
  plug(): void {
    this.#isPlugged = true;
    if (this.#status.state === 'offline') this.#setStatus({ state: 'closed' });
  }

  /**
   * Ground truth (full resolution) of the last still captured since the stage last
   * changed, or else of the stage at rest. For tests and the bench only.
   */
  lastTruth(): GroundTruth {
    return this.#lastTruth ?? sceneTruth(this.#scene(), this.#resolution);
  }

  #scene(): SceneSpec {
    return this.#stage ?? { kind: 'a4Text', seed: this.#emptyStageSeed, variant: 'empty' };
  }

  #renderOptions(size: FrameSize, frameIndex: number): RenderOptions {
    const motion = this.#motion();
    return { width: size.width, height: size.height, frameIndex, artCache: this.#artCache, ...(motion === undefined ? {} : { motion }) };
  }

  /** The settling jitter now: decays linearly to nothing over {@link SETTLE_MS}. */
  #motion(): Motion | undefined {
    if (this.#stage === null || this.#stage.variant === 'empty') return undefined;
    const elapsed = this.#clock.now() - this.#placedAtMs;
    if (!(elapsed < SETTLE_MS)) return undefined;
    const amplitude = 1 - Math.max(0, elapsed) / SETTLE_MS;
    const step = Math.floor(Math.max(0, elapsed) / JITTER_STEP_MS);
    const random = seededRandom(deriveSeed(this.#stage.seed, `settle:${this.#placements}:${step}`));
    return {
      dx: amplitude * JITTER_SHIFT * random.sign() * random.between(0.4, 1),
      dy: amplitude * JITTER_SHIFT * random.sign() * random.between(0.4, 1),
      rotationDeg: amplitude * JITTER_ROTATION_DEG * random.sign() * random.between(0.4, 1),
    };
  }

  /** Why a preview (`isPreview`) or capture cannot run now, or null. */
  #refusal(isPreview: boolean): DeviceError | null {
    if (!this.#isPlugged) return OFFLINE;
    switch (this.#status.state) {
      case 'ready':
        return null;
      case 'busy':
        // The stream keeps running while a still is taken; only a second still waits.
        return isPreview ? null : deviceError('busy', 'a capture is in progress');
      case 'offline':
        return this.#status.error;
      case 'closed':
      case 'opening':
        return deviceError('closed', 'the document camera is not open');
    }
  }

  #setStatus(status: CaptureStatus): void {
    if (status.state === this.#status.state) return;
    this.#status = status;
    this.#statusListeners.emit(status);
  }
}
