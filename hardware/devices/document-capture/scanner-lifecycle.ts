/**
 * The life cycle the scanner adapters (SANE, eSCL) share: the {@link CaptureStatus} and its
 * listeners, one `open()` attempt at a time, one capture in flight, and a `close()` that
 * stops the work under way. The adapter holds one of these and does the device work
 * (running scanimage, the eSCL job flow); this moves the status around that work.
 *
 * A run that ends after `close()` must not touch the status: `close()` bumps a generation
 * counter, and a run only sets the status when the generation it started in is current.
 */
import { deviceError, type DeviceError, type DeviceErrorCode } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { Listeners } from '../../transports/listeners.js';
import type { CaptureColorMode, CaptureOptions, CaptureStatus, CapturedStill, PreviewFrame } from './capture-source.js';

/** Valid resolutions to ask a scanner for, in dpi. */
const MIN_DPI = 25;
const MAX_DPI = 4800;

/** Options of {@link ScannerLifecycle}. */
export interface ScannerLifecycleOptions {
  /** dpi when `capture()` names none. */
  readonly defaultDpi: number;
  /** Capture errors after which the scanner counts as `offline` rather than `ready`. */
  readonly offlineCodes: readonly DeviceErrorCode[];
}

/** One page to scan, its defaults filled in and its resolution checked. */
export interface ScanRequest {
  /** In dpi, 25–4800. */
  readonly dpi: number;
  readonly colorMode: CaptureColorMode;
  readonly signal: AbortSignal | undefined;
}

/**
 * ```ts
 * this.#lifecycle = new ScannerLifecycle({ defaultDpi: 200, offlineCodes: ['offline'] });
 * open(signal) {
 *   return this.#lifecycle.open(() => this.#find(signal), (found) => this.#keep(found));
 * }
 * capture(options) {
 *   return this.#lifecycle.capture(this.#device, options, (d, request) => this.#scan(d, request));
 * }
 * ```
 * The adapter ties its runs to {@link lifetime}. Every method resolves (never rejects) with
 * a `Result` or nothing, provided the callbacks given to it do.
 */
export class ScannerLifecycle {
  readonly #defaultDpi: number;
  readonly #offlineCodes: ReadonlySet<DeviceErrorCode>;
  readonly #statusListeners = new Listeners<CaptureStatus>();
  #status: CaptureStatus = { state: 'closed' };
  #opening: Promise<Result<void, DeviceError>> | undefined;
  #capturing: Promise<Result<CapturedStill, DeviceError>> | undefined;
  /** Aborted by `close()`: stops the work under way. Replaced at each close. */
  #lifetime = new AbortController();
  /** Bumped by `close()`, so a run that ends afterwards does not touch the status. */
  #generation = 0;

  constructor(options: ScannerLifecycleOptions) {
    this.#defaultDpi = options.defaultDpi;
    this.#offlineCodes = new Set(options.offlineCodes);
  }

  /** Aborted by the next `close()`; read it when a run starts and tie the run to it. */
  get lifetime(): AbortSignal {
    return this.#lifetime.signal;
  }

  status(): CaptureStatus {
    return this.#status;
  }

  onStatus(listener: (status: CaptureStatus) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /**
   * Opens: status `opening`, then `find()` asks the device; when it succeeds and the scanner
   * was not closed meanwhile, `adopt(found)` keeps what was found and may still refuse.
   * The status ends `ready`; `offline` with the error of `find` or `adopt`; or `closed`
   * when that error is `cancelled`. A `close()` meanwhile gives `cancelled` and leaves the
   * status alone. Already open (`ready` or `busy`): resolves at once. A call while opening
   * shares that attempt.
   */
  open<T>(
    find: () => Promise<Result<T, DeviceError>>,
    adopt: (found: T) => Result<void, DeviceError>,
  ): Promise<Result<void, DeviceError>> {
    if (this.#status.state === 'ready' || this.#status.state === 'busy') return Promise.resolve(ok(undefined));
    if (this.#opening !== undefined) return this.#opening;
    const opening = this.#open(find, adopt).finally(() => {
      this.#opening = undefined;
    });
    this.#opening = opening;
    return opening;
  }

  /**
   * Runs `scan(opened, request)` with the status `busy`, then `offline` when it failed with
   * one of the `offlineCodes`, else `ready` (unless closed meanwhile). `opened` is what
   * `open()` adopted. The request has `options.dpi` (default `defaultDpi`) and
   * `options.colorMode` (default colour). Refused before scanning: `closed` (not open),
   * `busy` (still opening, or a scan already under way: one at a time), `failure` (dpi
   * outside 25–4800).
   */
  capture<T>(
    opened: T | undefined,
    options: CaptureOptions,
    scan: (opened: T, request: ScanRequest) => Promise<Result<CapturedStill, DeviceError>>,
  ): Promise<Result<CapturedStill, DeviceError>> {
    const state = this.#status.state;
    if (state === 'closed' || opened === undefined) return Promise.resolve(err(deviceError('closed', 'the scanner is not open')));
    if (state === 'opening') return Promise.resolve(err(deviceError('busy', 'the scanner is still being opened')));
    if (this.#capturing !== undefined) return Promise.resolve(err(deviceError('busy', 'a scan is already under way')));
    const dpi = Math.round(options.dpi ?? this.#defaultDpi);
    if (!Number.isFinite(dpi) || dpi < MIN_DPI || dpi > MAX_DPI) {
      return Promise.resolve(err(deviceError('failure', `resolution ${String(options.dpi)} dpi is outside ${MIN_DPI}–${MAX_DPI}`)));
    }
    const request: ScanRequest = { dpi, colorMode: options.colorMode ?? 'color', signal: options.signal };
    const capturing = this.#capture(() => scan(opened, request)).finally(() => {
      this.#capturing = undefined;
    });
    this.#capturing = capturing;
    return capturing;
  }

  /**
   * Status `closed` at once; aborts {@link lifetime} so the run under way stops, and waits
   * for it. Safe to call twice.
   */
  async close(): Promise<void> {
    this.#generation += 1;
    this.#lifetime.abort();
    this.#lifetime = new AbortController();
    this.#setStatus({ state: 'closed' });
    await Promise.allSettled([this.#opening, this.#capturing]);
  }

  async #open<T>(
    find: () => Promise<Result<T, DeviceError>>,
    adopt: (found: T) => Result<void, DeviceError>,
  ): Promise<Result<void, DeviceError>> {
    const generation = this.#generation;
    this.#setStatus({ state: 'opening' });
    const found = await find();
    if (generation !== this.#generation) return err(deviceError('cancelled', 'the scanner was closed while opening'));
    const adopted = found.ok ? adopt(found.value) : found;
    if (!adopted.ok) {
      this.#setStatus(adopted.error.code === 'cancelled' ? { state: 'closed' } : { state: 'offline', error: adopted.error });
      return adopted;
    }
    this.#setStatus({ state: 'ready' });
    return ok(undefined);
  }

  async #capture(run: () => Promise<Result<CapturedStill, DeviceError>>): Promise<Result<CapturedStill, DeviceError>> {
    const generation = this.#generation;
    this.#setStatus({ state: 'busy' });
    const result = await run();
    if (generation === this.#generation) {
      this.#setStatus(!result.ok && this.#offlineCodes.has(result.error.code) ? { state: 'offline', error: result.error } : { state: 'ready' });
    }
    return result;
  }

  /** Emits only changes; `offline` with another error is a change. */
  #setStatus(status: CaptureStatus): void {
    const previous = this.#status;
    if (previous.state === status.state && (status.state !== 'offline' || (previous.state === 'offline' && previous.error === status.error))) return;
    this.#status = status;
    this.#statusListeners.emit(status);
  }
}

/** `preview()` of a scanner: there is no live view. Always `noHardware`. */
export function scannerPreview(): Promise<Result<PreviewFrame, DeviceError>> {
  return Promise.resolve(err(deviceError('noHardware', 'a scanner has no preview; capture a page instead')));
}
