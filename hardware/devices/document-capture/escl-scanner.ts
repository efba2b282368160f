/**
 * A network scanner or multifunction printer spoken to in eSCL (Mopria / Apple "AirScan",
 * protocols.md §5.1) over HTTP or HTTPS: no driver, just the job flow
 *
 *   GET  {base}/ScannerCapabilities   resolutions, colour modes, platen / feeder, sizes
 *   GET  {base}/ScannerStatus         pwg:State Idle | Processing | Stopped
 *   POST {base}/ScanJobs              scan:ScanSettings → 201 + Location (the job)
 *   GET  {job}/NextDocument           503 while scanning, 200 the image, 404 no more pages
 *   DELETE {job}                      ends the job (best effort)
 *
 * One scan at a time: a second `capture()` while one runs is `busy` (the device would answer
 * 409 or 503 anyway).
 *
 * Safety: redirects are never followed (`redirect: 'manual'`; a 3xx is a failure), and a
 * job Location on another origin is refused, so a compromised or spoofed device on the LAN
 * cannot point the kiosk at another host. Bodies are read with a byte cap. HTTPS devices
 * usually carry self-signed certificates: inject a `fetch` with a pinned trust (undici
 * Agent) rather than turning verification off.
 *
 * Privacy: the image is a citizen's document. It is never logged or kept; debug output has
 * sizes, settings and HTTP statuses only.
 */
import createDebug from 'debug';
import sharp from 'sharp';
import { type Clock, sleep, systemClock } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { assertNever, err, ok, type Result } from '../../result.js';
import type {
  CaptureColorMode,
  CaptureOptions,
  CaptureSource,
  CaptureSourceInfo,
  CaptureStatus,
  CapturedStill,
  PreviewFrame,
} from './capture-source.js';
import {
  buildScanSettings,
  parseCapabilities,
  parseStatus,
  pickResolution,
  type EsclCapabilities,
  type EsclColorMode,
  type EsclInputCaps,
  type EsclInputSource,
  type EsclStatus,
} from './escl-xml.js';
import { ScannerLifecycle, type ScanRequest, scannerPreview } from './scanner-lifecycle.js';

const debug = createDebug('kiosk:hardware:escl-scanner');

/** Resolution used when `capture()` is not given one, in dpi. */
export const ESCL_DEFAULT_DPI = 200;
/** Longest `open()` or one `capture()` (job, scanning, transfer) may take, in ms. */
export const ESCL_TIMEOUT_MS = 60_000;
/** Wait between `NextDocument` polls answered 503 (still scanning), in ms. */
export const ESCL_POLL_INTERVAL_MS = 1_000;
/** Largest image accepted, in bytes. */
export const ESCL_MAX_IMAGE_BYTES = 100 * 1024 * 1024;
/** Largest capabilities or status document accepted, in bytes (real ones are < 20 kB). */
export const ESCL_MAX_XML_BYTES = 1024 * 1024;
/** Longest the best-effort `DELETE` of a job may take, in ms (capped by `timeoutMs`). */
export const ESCL_DELETE_TIMEOUT_MS = 5_000;

/** The one `fetch` call used, narrowed so a fake is small. `globalThis.fetch` fits. */
export type EsclFetch = (url: URL, init: RequestInit) => Promise<Response>;

/** Options of {@link EsclScanner}. */
export interface EsclScannerOptions {
  /** The eSCL root, e.g. `http://192.168.1.50/eSCL` (from the device's mDNS `rs` record). */
  readonly baseUrl: string;
  /** {@link CaptureSourceInfo.id}. Default `scanner`. */
  readonly id?: string;
  /** `Platen` (glass) or `Feeder` (ADF). Default: the platen when there is one. */
  readonly source?: EsclInputSource;
  /** dpi when `capture()` names none. Default {@link ESCL_DEFAULT_DPI}. */
  readonly defaultDpi?: number;
  /** Per `open()` and per `capture()`, in ms. Default {@link ESCL_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Default {@link ESCL_POLL_INTERVAL_MS}. */
  readonly pollIntervalMs?: number;
  /** Default {@link ESCL_MAX_IMAGE_BYTES}. */
  readonly maxImageBytes?: number;
  readonly clock?: Clock;
  /** Default `globalThis.fetch`. */
  readonly fetch?: EsclFetch;
}

/** Colour modes to try per kiosk mode, best first (not every device offers B&W or grey). */
const COLOR_PREFERENCES: Readonly<Record<CaptureColorMode, readonly EsclColorMode[]>> = {
  color: ['RGB24', 'Grayscale8'],
  grey: ['Grayscale8', 'RGB24'],
  blackWhite: ['BlackAndWhite1', 'Grayscale8', 'RGB24'],
};

/** Connection errors meaning the device is not there or not answering. */
const OFFLINE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
/** The connection broke under way. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * ```ts
 * const scanner = new EsclScanner({ baseUrl: 'http://192.168.1.50/eSCL' });
 * await scanner.open();                     // capabilities + status
 * const still = await scanner.capture({ dpi: 300 });
 * if (still.ok) pipeline.add(still.value);  // JPEG, geometry 'flatScan', dpi 300
 * ```
 * Every method resolves (never rejects) with a `Result` or nothing. The constructor throws
 * a `RangeError` for a `baseUrl` that is not an http(s) URL (a configuration bug).
 */
export class EsclScanner implements CaptureSource {
  readonly #id: string;
  readonly #base: URL;
  readonly #wantedSource: EsclInputSource | undefined;
  readonly #timeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #maxImageBytes: number;
  readonly #clock: Clock;
  readonly #fetch: EsclFetch;
  readonly #lifecycle: ScannerLifecycle;
  /** What `open()` read; kept while the device reports itself stopped. */
  #device: OpenedDevice | undefined;

  constructor(options: EsclScannerOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new RangeError(`eSCL base URL is not a URL: ${options.baseUrl}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new RangeError(`eSCL base URL must be http or https: ${options.baseUrl}`);
    }
    base.pathname = base.pathname.replace(/\/+$/u, '');
    base.search = '';
    base.hash = '';
    this.#base = base;
    this.#id = options.id ?? 'scanner';
    this.#wantedSource = options.source;
    this.#lifecycle = new ScannerLifecycle({ defaultDpi: options.defaultDpi ?? ESCL_DEFAULT_DPI, offlineCodes: ['offline'] });
    this.#timeoutMs = options.timeoutMs ?? ESCL_TIMEOUT_MS;
    this.#pollIntervalMs = options.pollIntervalMs ?? ESCL_POLL_INTERVAL_MS;
    this.#maxImageBytes = options.maxImageBytes ?? ESCL_MAX_IMAGE_BYTES;
    this.#clock = options.clock ?? systemClock;
    this.#fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  }

  /** The label names the make and model once `open()` has read them. */
  get info(): CaptureSourceInfo {
    const model = this.#device?.capabilities.makeAndModel;
    const label = model === undefined ? `eSCL ${this.#base.host}` : `eSCL ${model} (${this.#base.host})`;
    return { id: this.#id, kind: 'scanner', transport: 'escl', label, hasPreview: false };
  }

  /** What the device offers, once `open()` has read it. */
  get capabilities(): EsclCapabilities | undefined {
    return this.#device?.capabilities;
  }

  status(): CaptureStatus {
    return this.#lifecycle.status();
  }

  onStatus(listener: (status: CaptureStatus) => void): () => void {
    return this.#lifecycle.onStatus(listener);
  }

  /**
   * Reads ScannerCapabilities and ScannerStatus, within `timeoutMs`. Errors: `offline`
   * (connection refused, DNS, pwg:State Stopped/Down), `noHardware` (no such input source),
   * `timeout`, `cancelled`, `failure` (HTTP error, redirect, unreadable XML). Already open:
   * resolves at once. A call while opening shares that attempt.
   */
  open(signal?: AbortSignal): Promise<Result<void, DeviceError>> {
    return this.#lifecycle.open(
      () => {
        const deadline = this.#deadline(this.#timeoutMs, signal);
        return this.#readDevice(deadline).finally(() => deadline.dispose());
      },
      (found) => this.#adopt(found),
    );
  }

  /** Scanners have no live view. Always `noHardware`. */
  preview(): Promise<Result<PreviewFrame, DeviceError>> {
    return scannerPreview();
  }

  /**
   * Scans one page: at the offered resolution nearest `options.dpi` (default `defaultDpi`),
   * in the offered mode nearest `options.colorMode`, as JPEG, within `timeoutMs`. Errors:
   * `closed` (not opened), `busy` (a scan under way here, or HTTP 409/503 from the device),
   * `offline`, `timeout`, `cancelled` (signal or close), `extended` with detail
   * `feederEmpty` or `paperJam` (feeder source), `failure` (HTTP status, foreign Location,
   * redirect, unreadable image, too large).
   */
  capture(options: CaptureOptions = {}): Promise<Result<CapturedStill, DeviceError>> {
    return this.#lifecycle.capture(this.#device, options, (device, request) => this.#capture(device, request));
  }

  /** Aborts the exchange under way (its job is deleted best effort), waits for it. */
  async close(): Promise<void> {
    this.#device = undefined;
    await this.#lifecycle.close();
  }

  /** Keeps what `open()` read; a device that reports itself stopped is `offline`. */
  #adopt({ capabilities, source, status }: OpenedDevice & { status: EsclStatus }): Result<void, DeviceError> {
    this.#device = { capabilities, source };
    if (status.state === 'Stopped' || status.state === 'Down') {
      // Open but not usable: a later capture may still work once the device recovers.
      return err(deviceError('offline', `the scanner reports it is stopped (pwg:State ${status.state}); check its panel`));
    }
    debug('opened %s, source %s', this.#base.host, source);
    return ok(undefined);
  }

  async #readDevice(deadline: Deadline): Promise<Result<OpenedDevice & { status: EsclStatus }, DeviceError>> {
    const capabilitiesXml = await this.#getXml(deadline, 'ScannerCapabilities');
    if (!capabilitiesXml.ok) return capabilitiesXml;
    const capabilities = parseCapabilities(capabilitiesXml.value);
    if (!capabilities.ok) return err(deviceError('failure', capabilities.error));
    const source = this.#wantedSource ?? (capabilities.value.platen === undefined ? 'Feeder' : 'Platen');
    if (inputCaps(capabilities.value, source) === undefined) {
      return err(deviceError('noHardware', `the scanner has no ${source === 'Platen' ? 'flatbed glass (Platen)' : 'document feeder (Adf)'}`));
    }
    const status = await this.#readStatus(deadline);
    if (!status.ok) return status;
    return ok({ capabilities: capabilities.value, source, status: status.value });
  }

  async #readStatus(deadline: Deadline): Promise<Result<EsclStatus, DeviceError>> {
    const statusXml = await this.#getXml(deadline, 'ScannerStatus');
    if (!statusXml.ok) return statusXml;
    const status = parseStatus(statusXml.value);
    return status.ok ? status : err(deviceError('failure', status.error));
  }

  async #capture({ capabilities, source }: OpenedDevice, { dpi, colorMode, signal }: ScanRequest): Promise<Result<CapturedStill, DeviceError>> {
    const caps = inputCaps(capabilities, source) as EsclInputCaps;
    const resolution = pickResolution(caps, dpi) ?? dpi;
    const preferences = COLOR_PREFERENCES[colorMode];
    const esclMode = preferences.find((mode) => caps.colorModes.includes(mode)) ?? preferences[0] ?? 'RGB24';
    const settings = buildScanSettings({
      inputSource: source,
      colorMode: esclMode,
      resolution,
      ...(caps.maxWidth === undefined || caps.maxHeight === undefined ? {} : { width: caps.maxWidth, height: caps.maxHeight }),
    });
    debug('scanning on %s: %s, %s, %d dpi', this.#base.host, source, esclMode, resolution);
    const deadline = this.#deadline(this.#timeoutMs, signal);
    try {
      return await this.#runJob(deadline, settings, source, resolution);
    } finally {
      deadline.dispose();
    }
  }

  async #runJob(deadline: Deadline, settings: string, source: EsclInputSource, dpi: number): Promise<Result<CapturedStill, DeviceError>> {
    const created = await this.#request(deadline, 'POST', this.#endpoint('ScanJobs'), 'the scan job', settings);
    if (!created.ok) return created;
    const response = created.value;
    await discard(response);
    if (response.status === 409 || response.status === 503) return this.#refusedJob(deadline, source, response.status);
    if (response.status !== 201) {
      return err(deviceError('failure', `the scanner refused the scan job (HTTP ${response.status})`));
    }
    const job = this.#jobUrl(response.headers.get('location'));
    if (!job.ok) return job;
    try {
      return await this.#fetchPage(deadline, job.value, source, dpi);
    } finally {
      await this.#deleteJob(job.value);
    }
  }

  /** 409/503 on ScanJobs: busy, unless the feeder status says it is empty or jammed. */
  async #refusedJob(deadline: Deadline, source: EsclInputSource, httpStatus: number): Promise<Result<never, DeviceError>> {
    if (source === 'Feeder') {
      const status = await this.#readStatus(deadline);
      if (status.ok && status.value.adfState === 'ScannerAdfEmpty') {
        return err(deviceError('extended', 'the document feeder is empty; put the pages in the feeder', 'feederEmpty'));
      }
      if (status.ok && status.value.adfState === 'ScannerAdfJam') {
        return err(deviceError('extended', 'paper is jammed in the document feeder', 'paperJam'));
      }
    }
    return err(deviceError('busy', `the scanner is busy with another job (HTTP ${httpStatus}); try again shortly`));
  }

  async #fetchPage(deadline: Deadline, job: URL, source: EsclInputSource, dpi: number): Promise<Result<CapturedStill, DeviceError>> {
    const next = new URL(`${job.pathname}/NextDocument`, job);
    for (;;) {
      const answered = await this.#request(deadline, 'GET', next, 'the scanned page');
      if (!answered.ok) return answered;
      const response = answered.value;
      if (response.status === 503) {
        // Still scanning: HP, Canon and Brother answer 503 until the page is ready.
        await discard(response);
        const slept = await sleep(this.#clock, this.#pollIntervalMs, deadline.signal);
        if (slept === 'aborted') return err(this.#deadlineError(deadline, 'the scanned page'));
        continue;
      }
      if (response.status === 404) {
        await discard(response);
        return err(
          source === 'Feeder'
            ? deviceError('extended', 'the document feeder is empty; put the pages in the feeder', 'feederEmpty')
            : deviceError('failure', 'the scanner finished the job without a page'),
        );
      }
      if (response.status !== 200) {
        await discard(response);
        return err(deviceError('failure', `the scanner failed the scan (HTTP ${response.status})`));
      }
      const body = await this.#readBody(deadline, response, this.#maxImageBytes, 'the scanned page');
      if (!body.ok) return body;
      return this.#still(body.value, dpi);
    }
  }

  async #still(image: Buffer, dpi: number): Promise<Result<CapturedStill, DeviceError>> {
    if (image.length === 0) return err(deviceError('failure', 'the scanner sent an empty page'));
    try {
      const { width, height } = await sharp(image).metadata();
      if (width === undefined || height === undefined || width === 0 || height === 0) {
        return err(deviceError('failure', 'the scanner sent an image without a size'));
      }
      debug('scanned %d×%d, %d bytes', width, height, image.length);
      // The resolution asked for: JFIF density fields are often a placeholder 72.
      return ok({ image, width, height, geometry: 'flatScan', dpi });
    } catch {
      return err(deviceError('failure', 'the scanner sent data that is not a readable image'));
    }
  }

  /** The job URI from a Location header, on the scanner's own origin only. */
  #jobUrl(location: string | null): Result<URL, DeviceError> {
    if (location === null || location.trim() === '') {
      return err(deviceError('failure', 'the scanner created a job without saying where (no Location header)'));
    }
    let job: URL;
    try {
      job = new URL(location.trim(), this.#endpoint('ScanJobs'));
    } catch {
      return err(deviceError('failure', 'the scanner sent an unreadable job Location'));
    }
    if (job.origin !== this.#base.origin) {
      return err(deviceError('failure', `the scanner named a job on another host (${job.host}); refused`));
    }
    job.pathname = job.pathname.replace(/\/+$/u, '');
    job.search = '';
    job.hash = '';
    return ok(job);
  }

  /** DELETE {job}: ends the job, and cancels it when we stopped early. Errors are ignored. */
  async #deleteJob(job: URL): Promise<void> {
    const deadline = this.#deadline(Math.min(ESCL_DELETE_TIMEOUT_MS, this.#timeoutMs), undefined, false);
    const deleted = await this.#request(deadline, 'DELETE', job, 'the scan job');
    deadline.dispose();
    if (deleted.ok) {
      await discard(deleted.value);
      debug('deleted job: HTTP %d', deleted.value.status);
    } else {
      debug('deleting job failed: %s', deleted.error.message);
    }
  }

  async #getXml(deadline: Deadline, name: 'ScannerCapabilities' | 'ScannerStatus'): Promise<Result<string, DeviceError>> {
    const what = name === 'ScannerCapabilities' ? 'the scanner capabilities' : 'the scanner status';
    const answered = await this.#request(deadline, 'GET', this.#endpoint(name), what);
    if (!answered.ok) return answered;
    const response = answered.value;
    if (response.status !== 200) {
      await discard(response);
      if (response.status === 503) return err(deviceError('busy', `the scanner is busy (HTTP 503 for ${name})`));
      if (response.status === 404) return err(deviceError('failure', `no eSCL service at ${this.#base.href} (HTTP 404 for ${name})`));
      return err(deviceError('failure', `the scanner answered HTTP ${response.status} for ${name}`));
    }
    const body = await this.#readBody(deadline, response, ESCL_MAX_XML_BYTES, what);
    return body.ok ? ok(body.value.toString('utf8')) : body;
  }

  /** One fetch; 3xx is refused here, other statuses are the caller's. */
  async #request(deadline: Deadline, method: string, url: URL, what: string, body?: string): Promise<Result<Response, DeviceError>> {
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        redirect: 'manual',
        signal: deadline.signal,
        ...(body === undefined ? {} : { body, headers: { 'content-type': 'text/xml; charset=utf-8' } }),
      });
    } catch (error) {
      return err(this.#networkError(error, deadline, what));
    }
    if (response.status >= 300 && response.status <= 399) {
      await discard(response);
      return err(deviceError('failure', `the scanner redirected the request for ${what} (HTTP ${response.status}); redirects are refused`));
    }
    return ok(response);
  }

  /** The body, refused past `maxBytes` (by Content-Length first, then as it streams). */
  async #readBody(deadline: Deadline, response: Response, maxBytes: number, what: string): Promise<Result<Buffer, DeviceError>> {
    const tooLarge = deviceError('failure', `${what} is larger than ${maxBytes} bytes; refused`);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await discard(response);
      return err(tooLarge);
    }
    if (response.body === null) return ok(Buffer.alloc(0));
    // Node's Response types the body as ReadableStream<any>; fetch bodies are bytes.
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          return err(tooLarge);
        }
        chunks.push(value);
      }
    } catch (error) {
      return err(this.#networkError(error, deadline, what));
    }
    return ok(Buffer.concat(chunks, size));
  }

  #networkError(error: unknown, deadline: Deadline, what: string): DeviceError {
    if (deadline.cause !== undefined) return this.#deadlineError(deadline, what);
    const code = errorCode(error);
    const host = this.#base.host;
    if (code === 'ECONNREFUSED') return deviceError('offline', `connection refused by the scanner at ${host}; is it on?`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return deviceError('offline', `host name ${this.#base.hostname} not found (DNS)`);
    if (code !== undefined && RESET_CODES.has(code)) {
      // Also a pooled keep-alive socket the scanner dropped (it rebooted or slept): the
      // status goes offline and the next capture connects afresh.
      return deviceError('offline', `the connection to the scanner at ${host} was cut (${code})`);
    }
    if (code !== undefined && OFFLINE_CODES.has(code)) return deviceError('offline', `the scanner at ${host} is unreachable (${code})`);
    if (code !== undefined && TIMEOUT_CODES.has(code)) return deviceError('timeout', `the scanner at ${host} did not answer (${code})`);
    if (code !== undefined && /CERT|TLS|SSL/u.test(code)) {
      return deviceError('failure', `the TLS certificate of the scanner at ${host} was refused (${code})`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return deviceError('failure', `cannot get ${what} from ${host}: ${code ?? message}`);
  }

  #deadlineError(deadline: Deadline, what: string): DeviceError {
    const cause = deadline.cause;
    switch (cause) {
      case 'timeout':
        return deviceError('timeout', `no answer from the scanner within ${deadline.timeoutMs} ms (waiting for ${what})`);
      case 'cancelled':
      case undefined:
        return deviceError('cancelled', `cancelled while waiting for ${what}`);
      default:
        return assertNever(cause, 'deadline cause');
    }
  }

  #endpoint(name: string): URL {
    const url = new URL(this.#base.href);
    url.pathname = `${this.#base.pathname}/${name}`;
    return url;
  }

  #deadline(timeoutMs: number, signal: AbortSignal | undefined, isTiedToLifetime = true): Deadline {
    const signals = [signal, isTiedToLifetime ? this.#lifecycle.lifetime : undefined].filter((s) => s !== undefined);
    return createDeadline(this.#clock, timeoutMs, signals);
  }
}

/** What `open()` read and a capture needs. */
interface OpenedDevice {
  readonly capabilities: EsclCapabilities;
  readonly source: EsclInputSource;
}

function inputCaps(capabilities: EsclCapabilities, source: EsclInputSource): EsclInputCaps | undefined {
  return source === 'Platen' ? capabilities.platen : capabilities.feeder;
}

/** Frees the connection of a response whose body is not wanted. */
async function discard(response: Response): Promise<void> {
  if (response.body === null || response.bodyUsed) return;
  await response.body.cancel().catch(() => undefined);
}

/** The `code` of a node/undici error, looking through `cause` and AggregateError. */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors) && record.errors.length > 0) return errorCode(record.errors[0], depth + 1);
  return errorCode(record.cause, depth + 1);
}

/** One exchange's time limit and cancellation, as one signal for fetch and sleeps. */
interface Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Why `signal` aborted; `undefined` while it has not. */
  readonly cause: 'timeout' | 'cancelled' | undefined;
  dispose(): void;
}

function createDeadline(clock: Clock, timeoutMs: number, signals: readonly AbortSignal[]): Deadline {
  const controller = new AbortController();
  let cause: 'timeout' | 'cancelled' | undefined;
  const abort = (why: 'timeout' | 'cancelled'): void => {
    if (cause !== undefined) return;
    cause = why;
    controller.abort();
  };
  const onAbort = (): void => abort('cancelled');
  const timer = clock.setTimeout(() => abort('timeout'), timeoutMs);
  for (const signal of signals) {
    if (signal.aborted) abort('cancelled');
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timeoutMs,
    get cause() {
      return cause;
    },
    dispose() {
      clock.clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
    },
  };
}
