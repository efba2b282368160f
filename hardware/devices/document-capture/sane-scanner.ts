/**
 * A flatbed or sheet-fed scanner reached through SANE's `scanimage` (protocols.md §5.1),
 * for Linux kiosks: `scanimage -L` finds the device, one `scanimage` run per page writes the
 * image to stdout. Running the command line tool (Debian package `sane-utils`) instead of
 * binding libsane keeps native code out of the app and a wedged backend in its own process,
 * which a timeout can kill.
 *
 * The child always runs with an argument array (never a shell) and `LC_ALL=C`: SANE
 * translates its status messages (`Device busy` becomes 设备忙 under zh_CN), and the error
 * mapping reads the English ones. When stderr says nothing known, scanimage's exit status
 * (it exits with the `SANE_Status` number) is the fallback.
 *
 * One scan at a time: a second `capture()` while one runs is `busy`, because SANE opens the
 * device exclusively and a second scanimage would only fail with `Device busy`.
 *
 * Privacy: the image is a citizen's document. It is never logged or written to disk; debug
 * output has sizes and settings only. scanimage's stderr carries device names and SANE
 * status words, never image content, so its first line may appear in an error message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import createDebug from 'debug';
import sharp from 'sharp';
import { type Clock, systemClock, type TimerHandle } from '../../clock.js';
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
import { ScannerLifecycle, type ScanRequest, scannerPreview } from './scanner-lifecycle.js';

const debug = createDebug('kiosk:hardware:sane-scanner');

/** Resolution used when `capture()` is not given one, in dpi: enough for OCR of A4 text. */
export const SANE_DEFAULT_DPI = 200;
/** Longest a `scanimage` run (listing or one page) may take, in ms. */
export const SANE_TIMEOUT_MS = 60_000;
/** Largest image accepted from scanimage, in bytes (an A4 colour PNG at 600 dpi is ~100 MB). */
export const SANE_MAX_IMAGE_BYTES = 100 * 1024 * 1024;
/**
 * Time between SIGTERM and SIGKILL when a run is stopped, in ms. scanimage handles SIGTERM by
 * cancelling the scan (sane_cancel), which leaves the scanner usable; SIGKILL is the
 * fallback for a backend stuck in a USB read.
 */
export const SANE_KILL_GRACE_MS = 2_000;
/** The Debian/UOS/Kylin package that ships `scanimage`. */
export const SANE_PACKAGE = 'sane-utils';

/** stderr kept per run; scanimage's messages are a few lines. */
const MAX_STDERR_CHARS = 16 * 1024;
/** A message quoted from stderr is cut to this length. */
const MAX_QUOTED_CHARS = 200;

/** `--mode` values of the common backends (fujitsu, epson2, genesys, hpaio, pixma…). */
const SANE_MODES: Readonly<Record<CaptureColorMode, string>> = {
  color: 'Color',
  grey: 'Gray',
  blackWhite: 'Lineart',
};

export type SaneImageFormat = 'png' | 'tiff';

/** Options of {@link SaneScanner}. */
export interface SaneScannerOptions {
  /** {@link CaptureSourceInfo.id}. Default `scanner`. */
  readonly id?: string;
  /** SANE device name, e.g. `fujitsu:fi-7160:1234`; absent → the first one `scanimage -L` lists. */
  readonly device?: string;
  /** The scanimage program, a name looked up on PATH or a path. Default `scanimage`. */
  readonly executable?: string;
  /** `--source` value as the backend spells it, e.g. `Flatbed`, `ADF Front`, `ADF Duplex`. */
  readonly source?: string;
  /** `--format`. Default `png` (lossless, and every scanimage since 1.0.25 writes it). */
  readonly format?: SaneImageFormat;
  /** dpi when `capture()` names none. Default {@link SANE_DEFAULT_DPI}. */
  readonly defaultDpi?: number;
  /** Per run of scanimage, in ms. Default {@link SANE_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Default {@link SANE_MAX_IMAGE_BYTES}. */
  readonly maxImageBytes?: number;
  /** Default {@link SANE_KILL_GRACE_MS}. */
  readonly killGraceMs?: number;
  readonly clock?: Clock;
}

/** One line of `scanimage -L`: ``device `fujitsu:fi-7160:1234' is a FUJITSU fi-7160 scanner``. */
export interface SaneDevice {
  readonly name: string;
  /** Vendor, model and type as the backend reports them. */
  readonly description: string;
}

/** The devices in `scanimage -L` output; none when it says "No scanners were identified". */
export function parseDeviceList(output: string): SaneDevice[] {
  const devices: SaneDevice[] = [];
  for (const line of output.split(/\r?\n/u)) {
    const match = /^device `(.+)' is an? (.*)$/u.exec(line.trim());
    if (match?.[1] !== undefined) devices.push({ name: match[1], description: (match[2] ?? '').trim() });
  }
  return devices;
}

/**
 * ```ts
 * const scanner = new SaneScanner({ device: 'fujitsu:fi-7160:1234', source: 'ADF Front' });
 * await scanner.open();                       // scanimage -L
 * const still = await scanner.capture({ dpi: 300, colorMode: 'grey' });
 * if (still.ok) pipeline.add(still.value);    // PNG, geometry 'flatScan', dpi 300
 * ```
 * Every method resolves (never rejects) with a `Result` or nothing.
 */
export class SaneScanner implements CaptureSource {
  readonly #id: string;
  readonly #executable: string;
  readonly #wantedDevice: string | undefined;
  readonly #source: string | undefined;
  readonly #format: SaneImageFormat;
  readonly #timeoutMs: number;
  readonly #maxImageBytes: number;
  readonly #killGraceMs: number;
  readonly #clock: Clock;
  readonly #lifecycle: ScannerLifecycle;
  #device: SaneDevice | undefined;

  constructor(options: SaneScannerOptions = {}) {
    this.#id = options.id ?? 'scanner';
    this.#executable = options.executable ?? 'scanimage';
    this.#wantedDevice = options.device;
    this.#source = options.source;
    this.#format = options.format ?? 'png';
    // A scanner unplugged mid-scan (`noHardware`) leaves the status offline, not ready.
    this.#lifecycle = new ScannerLifecycle({ defaultDpi: options.defaultDpi ?? SANE_DEFAULT_DPI, offlineCodes: ['offline', 'noHardware'] });
    this.#timeoutMs = options.timeoutMs ?? SANE_TIMEOUT_MS;
    this.#maxImageBytes = options.maxImageBytes ?? SANE_MAX_IMAGE_BYTES;
    this.#killGraceMs = options.killGraceMs ?? SANE_KILL_GRACE_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /** The label names the device found by `open()`, or the configured one before that. */
  get info(): CaptureSourceInfo {
    const device = this.#device;
    let label = `SANE ${this.#wantedDevice ?? 'first scanner listed'}`;
    if (device !== undefined) label = device.description === '' ? `SANE ${device.name}` : `SANE ${device.name} (${device.description})`;
    return { id: this.#id, kind: 'scanner', transport: 'sane', label, hasPreview: false };
  }

  /** The SANE device in use, once `open()` found it. */
  get device(): SaneDevice | undefined {
    return this.#device;
  }

  status(): CaptureStatus {
    return this.#lifecycle.status();
  }

  onStatus(listener: (status: CaptureStatus) => void): () => void {
    return this.#lifecycle.onStatus(listener);
  }

  /**
   * Runs `scanimage -L` and picks the device. Errors: `offline` (scanimage not installed),
   * `noHardware` (no scanner, or not the configured one), `timeout`, `cancelled`, `failure`.
   * Already open: resolves at once. A call while opening shares that attempt.
   */
  open(signal?: AbortSignal): Promise<Result<void, DeviceError>> {
    return this.#lifecycle.open(
      async () => this.#deviceFrom(await this.#run(['-L'], signal, 64 * 1024)),
      (device) => {
        this.#device = device;
        debug('opened %s', device.name);
        return ok(undefined);
      },
    );
  }

  /** Scanners have no live view. Always `noHardware`. */
  preview(): Promise<Result<PreviewFrame, DeviceError>> {
    return scannerPreview();
  }

  /**
   * Scans one page at `options.dpi` (default `defaultDpi`) in `options.colorMode` (default
   * colour). Resolves after scanimage has exited. Errors: `closed` (not opened), `busy` (a
   * scan under way here, or the device held by another program), `offline` (scanimage gone),
   * `noHardware` (scanner unplugged), `timeout` (after `timeoutMs`), `cancelled` (signal or
   * close), `extended` with detail `feederEmpty`, `paperJam` or `coverOpen`, `failure`.
   */
  capture(options: CaptureOptions = {}): Promise<Result<CapturedStill, DeviceError>> {
    return this.#lifecycle.capture(this.#device, options, (device, request) => this.#capture(device, request));
  }

  /** Stops a scan or listing under way (SIGTERM, then SIGKILL), waits for it, forgets the device. */
  async close(): Promise<void> {
    this.#device = undefined;
    await this.#lifecycle.close();
  }

  #deviceFrom(outcome: RunOutcome): Result<SaneDevice, DeviceError> {
    if (outcome.kind !== 'exited') return err(this.#runError(outcome, 'listing the scanners'));
    if (outcome.code !== 0) return err(scanimageFailure(outcome, 'listing the scanners'));
    const devices = parseDeviceList(outcome.stdout.toString('utf8'));
    const wanted = this.#wantedDevice;
    if (devices.length === 0) {
      return err(deviceError('noHardware', 'SANE finds no scanner (scanimage -L lists none); check the cable and that the scanner is on'));
    }
    if (wanted === undefined) return ok(devices[0] as SaneDevice);
    const device = devices.find((candidate) => candidate.name === wanted);
    if (device === undefined) {
      const listed = devices.map((candidate) => candidate.name).join(', ');
      return err(deviceError('noHardware', `scanner ${wanted} not found; SANE lists ${listed}`));
    }
    return ok(device);
  }

  async #capture(device: SaneDevice, { dpi, colorMode, signal }: ScanRequest): Promise<Result<CapturedStill, DeviceError>> {
    const args = [`--device-name=${device.name}`, `--format=${this.#format}`, '--mode', SANE_MODES[colorMode], '--resolution', String(dpi)];
    if (this.#source !== undefined) args.push('--source', this.#source);
    debug('scanning %s at %d dpi, %s', device.name, dpi, colorMode);
    const outcome = await this.#run(args, signal, this.#maxImageBytes);
    return this.#still(outcome, dpi);
  }

  async #still(outcome: RunOutcome, dpi: number): Promise<Result<CapturedStill, DeviceError>> {
    if (outcome.kind !== 'exited') return err(this.#runError(outcome, 'scanning'));
    if (outcome.code !== 0) return err(scanimageFailure(outcome, 'scanning'));
    const image = outcome.stdout;
    if (image.length === 0) return err(deviceError('failure', 'scanimage finished without sending an image'));
    try {
      const { width, height } = await sharp(image).metadata();
      if (width === undefined || height === undefined || width === 0 || height === 0) {
        return err(deviceError('failure', 'the scanner sent an image without a size'));
      }
      debug('scanned %d×%d, %d bytes', width, height, image.length);
      // The dpi asked for: scanimage writes the backend's own, which is the same or fails
      // with Invalid argument; file density fields are often a placeholder 72.
      return ok({ image, width, height, geometry: 'flatScan', dpi });
    } catch {
      return err(deviceError('failure', `the scanner sent data that is not a readable ${this.#format.toUpperCase()} image`));
    }
  }

  #runError(outcome: Exclude<RunOutcome, { kind: 'exited' }>, doing: string): DeviceError {
    switch (outcome.kind) {
      case 'notFound':
        return deviceError(
          'offline',
          this.#executable === 'scanimage'
            ? `scanimage is not installed; install the Debian package ${SANE_PACKAGE}`
            : `${this.#executable} not found; install the Debian package ${SANE_PACKAGE} or fix the configured path`,
        );
      case 'spawnFailed':
        return deviceError('failure', `cannot run ${this.#executable}: ${outcome.message}`);
      case 'timeout':
        return deviceError('timeout', `the scanner did not finish ${doing} within ${this.#timeoutMs} ms`);
      case 'cancelled':
        return deviceError('cancelled', `${doing} was cancelled`);
      case 'tooLarge':
        return deviceError('failure', `the scanned image is larger than ${this.#maxImageBytes} bytes; lower the resolution`);
      default:
        return assertNever(outcome, 'run outcome');
    }
  }

  #run(args: readonly string[], signal: AbortSignal | undefined, maxStdoutBytes: number): Promise<RunOutcome> {
    return runProgram(this.#executable, args, {
      clock: this.#clock,
      timeoutMs: this.#timeoutMs,
      killGraceMs: this.#killGraceMs,
      maxStdoutBytes,
      signal: signal === undefined ? this.#lifecycle.lifetime : AbortSignal.any([signal, this.#lifecycle.lifetime]),
    });
  }
}

/** SANE_Status numbers (sane.h) and their `sane_strstatus` words, as scanimage prints them. */
const SANE_FAILURES: readonly { readonly status: number; readonly words: RegExp; readonly error: DeviceError }[] = [
  {
    status: 3,
    words: /device busy/iu,
    error: deviceError('busy', 'the scanner is in use by another program (SANE: Device busy)'),
  },
  {
    status: 7,
    words: /document feeder out of documents|no documents/iu,
    error: deviceError('extended', 'the document feeder is empty; put the pages in the feeder', 'feederEmpty'),
  },
  {
    status: 6,
    words: /document feeder jammed/iu,
    error: deviceError('extended', 'paper is jammed in the document feeder', 'paperJam'),
  },
  {
    status: 8,
    words: /cover is open/iu,
    error: deviceError('extended', 'the scanner cover is open', 'coverOpen'),
  },
  {
    status: 2,
    words: /operation was cancelled/iu,
    error: deviceError('cancelled', 'the scan was cancelled at the scanner'),
  },
  {
    status: 9,
    words: /error during device i\/o/iu,
    error: deviceError('failure', 'the scanner reported an I/O error (SANE: Error during device I/O); check the cable and restart the scanner'),
  },
  {
    status: 4,
    words: /invalid argument/iu,
    error: deviceError('failure', 'the scanner refused the scan settings (SANE: Invalid argument); check source, mode and resolution'),
  },
  {
    status: 11,
    words: /access to resource has been denied/iu,
    error: deviceError('failure', 'no permission to use the scanner (SANE: Access denied); add the kiosk user to the scanner group'),
  },
  {
    status: 10,
    words: /out of memory/iu,
    error: deviceError('failure', 'the scanner ran out of memory (SANE: Out of memory); lower the resolution'),
  },
];

/** A non-zero exit (or death by signal) of scanimage as a DeviceError. */
function scanimageFailure(outcome: Extract<RunOutcome, { kind: 'exited' }>, doing: string): DeviceError {
  const lines = outcome.stderr.split(/\r?\n/u).map((line) => line.trim()).filter((line) => line !== '');
  // `open of device X failed: Invalid argument`: the backend no longer has that device.
  const openFailed = lines.find((line) => /open of device .* failed: invalid argument/iu.test(line));
  if (openFailed !== undefined) {
    return deviceError('noHardware', `the scanner is no longer found (${quote(openFailed)}); check the cable and power`);
  }
  for (const rule of SANE_FAILURES) {
    if (lines.some((line) => rule.words.test(line))) return rule.error;
  }
  if (outcome.signal !== null) return deviceError('failure', `scanimage stopped unexpectedly while ${doing} (signal ${outcome.signal})`);
  const byStatus = SANE_FAILURES.find((rule) => rule.status === outcome.code);
  if (byStatus !== undefined) return byStatus.error;
  const first = lines[0];
  const exit = `exit ${String(outcome.code)}`;
  return deviceError('failure', first === undefined ? `scanimage failed while ${doing} (${exit})` : `scanimage failed while ${doing} (${exit}): ${quote(first)}`);
}

function quote(line: string): string {
  const text = line.replace(/^scanimage:\s*/u, '');
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

type RunOutcome =
  | {
      readonly kind: 'exited';
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly stdout: Buffer;
      readonly stderr: string;
    }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'spawnFailed'; readonly message: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'tooLarge' };

interface RunOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly killGraceMs: number;
  readonly maxStdoutBytes: number;
  readonly signal: AbortSignal;
}

/**
 * Runs `executable args` without a shell and resolves once it has exited (or failed to
 * start): stdout collected up to `maxStdoutBytes`; stopped with SIGTERM, then SIGKILL after
 * `killGraceMs`, on timeout, abort or too much output. Never rejects.
 */
function runProgram(executable: string, args: readonly string[], options: RunOptions): Promise<RunOutcome> {
  const { clock, signal } = options;
  if (signal.aborted) return Promise.resolve({ kind: 'cancelled' });
  return new Promise<RunOutcome>((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(executable, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' },
      });
    } catch (error) {
      // Synchronous refusals: an argument with a NUL byte, an invalid option.
      resolve({ kind: 'spawnFailed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let stopReason: 'timeout' | 'cancelled' | 'tooLarge' | undefined;
    let graceTimer: TimerHandle = undefined;
    let isSettled = false;

    const stop = (reason: 'timeout' | 'cancelled' | 'tooLarge'): void => {
      if (stopReason !== undefined) return;
      stopReason = reason;
      chunks.length = 0;
      child.kill('SIGTERM');
      graceTimer = clock.setTimeout(() => child.kill('SIGKILL'), options.killGraceMs);
    };
    const onAbort = (): void => stop('cancelled');
    const timer = clock.setTimeout(() => stop('timeout'), options.timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });

    const settle = (outcome: RunOutcome): void => {
      if (isSettled) return;
      isSettled = true;
      clock.clearTimeout(timer);
      if (stopReason !== undefined) clock.clearTimeout(graceTimer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };

    child.stdout?.on('data', (chunk: Buffer) => {
      if (stopReason !== undefined) return;
      size += chunk.length;
      if (size > options.maxStdoutBytes) {
        stop('tooLarge');
        return;
      }
      chunks.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString('utf8');
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      // After a successful start, errors are failed kills; the close event still comes.
      if (child.pid !== undefined) {
        debug('%s: %s', executable, error.message);
        return;
      }
      settle(error.code === 'ENOENT' ? { kind: 'notFound' } : { kind: 'spawnFailed', message: error.code ?? error.message });
    });
    child.once('close', (code: number | null, exitSignal: NodeJS.Signals | null) => {
      if (stopReason !== undefined) {
        settle({ kind: stopReason });
        return;
      }
      settle({ kind: 'exited', code, signal: exitSignal, stdout: Buffer.concat(chunks, size), stderr });
    });
  });
}
