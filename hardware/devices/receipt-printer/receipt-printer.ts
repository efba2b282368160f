/**
 * ESC/POS thermal receipt printer over any {@link Transport} (serial, TCP 9100, pty, memory
 * pair). UnifiedPOS life cycle `closed → opened → claimed → enabled`; one command in flight,
 * later ones queue; every hardware wait has a timeout and honours an `AbortSignal`;
 * failures are `Result` values with the closed {@link DeviceErrorCode}s.
 *
 * Status comes from real-time `DLE EOT` queries (protocols.md §2.4) and, when enabled, ASB.
 * Unplug (transport closed with `disconnected`/`error`) reports `powerOff`, then the device
 * reopens the transport with capped exponential backoff, resets its link state and
 * re-queries status before it is used again (reliability.md R-V4).
 */
import createDebug from 'debug';
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { ASB_ALL_PRINTER_GROUPS, enableAsb } from '../../protocols/escpos/commands.js';
import type { PrinterStatus } from '../../protocols/escpos/status.js';
import { Listeners } from '../../transports/listeners.js';
import { errorMessage } from '../../transports/transport-error.js';
import type { CloseReason, Transport } from '../../transports/transport.js';
import { DeviceLink } from '../device-link.js';
import { type Clock, sleep, systemClock, whenAborted } from '../../clock.js';
import { Lifecycle } from '../lifecycle.js';
import {
  RECONNECT_INITIAL_DELAY_MS,
  RECONNECT_MAX_DELAY_MS,
  ReconnectTask,
  reconnectWithBackoff,
  type ReconnectOptions,
} from '../reconnect.js';
import { NOT_ENABLED, fromTransportError } from './printer-errors.js';
import type { OutputComplete, PrinterPowerState, PrinterState, PrinterStatusUpdate } from './events.js';
import {
  COMPLETION_POLL_MS,
  JOB_COMPLETION_TIMEOUT_MS,
  WRITE_CHUNK_BYTES,
  WRITE_TIMEOUT_MS,
  printerFault,
  runPrintJob,
} from './print-job.js';
import { ReplyChannel, STALE_REPLY_GRACE_MS, STATUS_REPLY_TIMEOUT_MS } from './reply-channel.js';

const debug = createDebug('kiosk:hardware:receipt-printer');

/** Commands waiting behind the one in flight; more are refused with `busy`. */
export const MAX_QUEUED_COMMANDS = 8;
export { RECONNECT_INITIAL_DELAY_MS, RECONNECT_MAX_DELAY_MS } from '../reconnect.js';

export interface ReceiptPrinterOptions extends ReconnectOptions {
  readonly transport: Transport;
  readonly clock?: Clock;
  /** Default {@link STATUS_REPLY_TIMEOUT_MS}. */
  readonly statusReplyTimeoutMs?: number;
  /** Default {@link STALE_REPLY_GRACE_MS}. */
  readonly staleReplyGraceMs?: number;
  /** Default {@link WRITE_CHUNK_BYTES}. */
  readonly writeChunkBytes?: number;
  /** Default {@link WRITE_TIMEOUT_MS}. */
  readonly writeTimeoutMs?: number;
  /** Default {@link COMPLETION_POLL_MS}. */
  readonly completionPollMs?: number;
  /** Default {@link JOB_COMPLETION_TIMEOUT_MS}. */
  readonly completionTimeoutMs?: number;
  /** Ask for Automatic Status Back on `enable()` (`GS a`). Default false. */
  readonly isAsbEnabled?: boolean;
}

/** Options of a single call. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

function sameStatus(a: PrinterStatus | undefined, b: PrinterStatus): boolean {
  return a !== undefined && (Object.keys(b) as (keyof PrinterStatus)[]).every((key) => a[key] === b[key]);
}

/**
 * The receipt printer device class. Typical use:
 *
 * ```ts
 * const printer = new ReceiptPrinter({ transport: new SerialTransport({ path, baudRate }) });
 * await printer.open(); printer.claim(); await printer.enable();
 * const result = await printer.print(bytes, { signal });
 * if (!result.ok) show(result.error.detail); // paperEmpty, coverOpen, …
 * ```
 *
 * Every method resolves (never rejects) with a `Result`; events report what happens
 * between calls (unplug, reconnect, ASB status changes).
 */
export class ReceiptPrinter {
  readonly #transport: Transport;
  readonly #link: DeviceLink;
  readonly #clock: Clock;
  readonly #options: ReceiptPrinterOptions;
  readonly #channel: ReplyChannel;
  readonly #statusListeners = new Listeners<PrinterStatusUpdate>();
  readonly #errorListeners = new Listeners<DeviceError>();
  readonly #outputListeners = new Listeners<OutputComplete>();
  readonly #lifecycle = new Lifecycle(NOT_ENABLED);
  readonly #reconnect = new ReconnectTask<Result<PrinterStatus, DeviceError>>();
  #powerState: PrinterPowerState = 'unknown';
  #status: PrinterStatus | undefined;
  #queueTail: Promise<unknown> = Promise.resolve();
  #queued = 0;

  constructor(options: ReceiptPrinterOptions) {
    this.#options = options;
    this.#transport = options.transport;
    this.#link = new DeviceLink(this.#transport, { data: (bytes) => this.#channel.handleData(bytes), closed: (reason) => this.#onClose(reason) }, debug);
    this.#clock = options.clock ?? systemClock;
    this.#channel = new ReplyChannel({
      clock: this.#clock,
      write: (bytes) => this.#transport.write(bytes),
      replyTimeoutMs: options.statusReplyTimeoutMs ?? STATUS_REPLY_TIMEOUT_MS,
      staleReplyGraceMs: options.staleReplyGraceMs ?? STALE_REPLY_GRACE_MS,
      onAsb: (status) => this.#updateStatus(status, 'asb'),
    });
  }

  get lifecycle(): DeviceLifecycle {
    return this.#lifecycle.state;
  }

  get state(): PrinterState {
    if (this.#queued > 0) return 'busy';
    const isFaulted =
      this.#powerState === 'off' || this.#powerState === 'offline' || (this.#status !== undefined && printerFault(this.#status) !== undefined);
    return isFaulted ? 'error' : 'idle';
  }

  get powerState(): PrinterPowerState {
    return this.#powerState;
  }

  /** Last status read (query or ASB); undefined before the first. */
  get status(): PrinterStatus | undefined {
    return this.#status;
  }

  get description(): string {
    return this.#transport.description;
  }

  onStatusUpdate(listener: (update: PrinterStatusUpdate) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /** Failures noticed outside a call's own result: unplug, job failures, reconnect giving up. */
  onError(listener: (error: DeviceError) => void): () => void {
    return this.#errorListeners.add(listener);
  }

  onOutputComplete(listener: (output: OutputComplete) => void): () => void {
    return this.#outputListeners.add(listener);
  }

  /**
   * Opens the transport. Errors: `noHardware` (nothing at the path), `busy` (port locked),
   * `failure` (anything else), as reported by the transport.
   */
  async open(): Promise<Result<void, DeviceError>> {
    if (this.#lifecycle.state !== 'closed') return ok(undefined);
    const opened = await this.#link.open('cannot open the printer');
    if (!opened.ok) return opened;
    this.#channel.reset();
    this.#lifecycle.opened();
    this.#powerState = 'unknown';
    return ok(undefined);
  }

  /** `opened → claimed`. Errors: `closed`. */
  claim(): Result<void, DeviceError> {
    return this.#lifecycle.claim();
  }

  /**
   * `claimed → enabled`, then reads status. The device is enabled even when the status read
   * fails (printer off): the result says why it cannot print yet.
   */
  async enable(options: CallOptions = {}): Promise<Result<PrinterStatus, DeviceError>> {
    const enabled = this.#lifecycle.enable();
    if (!enabled.ok) return enabled;
    if (this.#options.isAsbEnabled === true) {
      try {
        await this.#transport.write(enableAsb(ASB_ALL_PRINTER_GROUPS));
      } catch (error) {
        debug('cannot enable ASB: %s', errorMessage(error));
      }
    }
    return this.checkHealth(options);
  }

  /** `enabled → claimed`. */
  disable(): void {
    this.#lifecycle.disable();
  }

  /** `claimed|enabled → opened`. */
  release(): void {
    this.#lifecycle.release();
  }

  /** Stops reconnecting, fails the query in flight and closes the transport. Idempotent. */
  async close(): Promise<void> {
    this.#lifecycle.close();
    this.#reconnect.stop();
    this.#channel.linkLost();
    await this.#link.close();
  }

  /**
   * Reads `DLE EOT 1..4` (each within {@link STATUS_REPLY_TIMEOUT_MS}). Errors: `offline`
   * with detail `noReply` (no answer: printer off) or `powerOff` (link gone), `cancelled`,
   * `busy` (queue full), lifecycle errors.
   */
  checkHealth(options: CallOptions = {}): Promise<Result<PrinterStatus, DeviceError>> {
    return this.#run(options.signal, (signal) => this.#queryStatus(signal));
  }

  /**
   * Prints `job` (raw ESC/POS, e.g. receiptline output) and waits until the printer has
   * processed it (see print-job.ts). Errors:
   * - `extended` + detail (`paperEmpty`, `coverOpen`, `cutterJam`, `printerError`,
   *   `unrecoverableError`, `offline`): refused before sending anything;
   * - `failure` + detail: the printer stopped during or right after the job, which may be
   *   partly printed (it resumes by itself after paper reload on most models, §2.5);
   * - `offline` (`noReply`/`powerOff`), `timeout` (`jobTimeout`, `writeStalled`),
   *   `cancelled` (detail `notStarted`/`partlySent`/`jobSent`), `busy`, lifecycle errors.
   */
  print(job: Uint8Array, options: CallOptions = {}): Promise<Result<OutputComplete, DeviceError>> {
    return this.#run(options.signal, async (signal) => {
      const result = await runPrintJob(
        {
          clock: this.#clock,
          channel: this.#channel,
          settings: {
            writeChunkBytes: this.#options.writeChunkBytes ?? WRITE_CHUNK_BYTES,
            writeTimeoutMs: this.#options.writeTimeoutMs ?? WRITE_TIMEOUT_MS,
            completionPollMs: this.#options.completionPollMs ?? COMPLETION_POLL_MS,
            completionTimeoutMs: this.#options.completionTimeoutMs ?? JOB_COMPLETION_TIMEOUT_MS,
          },
          write: (bytes) => this.#write(bytes, signal),
          queryStatus: (s) => this.#queryStatus(s),
        },
        job,
        signal,
      );
      if (result.ok) this.#outputListeners.emit(result.value);
      else if (result.error.code !== 'cancelled') this.#errorListeners.emit(result.error);
      return result;
    });
  }

  /**
   * Reopens the transport now (with backoff between attempts), resets link state and reads
   * status (R-V4). Shares an attempt already running. Errors: `closed` (device closed),
   * `cancelled` (closed while reconnecting), `noHardware` with detail `reconnectFailed`
   * after `reconnectMaxAttempts`.
   */
  reconnect(): Promise<Result<PrinterStatus, DeviceError>> {
    if (!this.#reconnect.isRunning && this.#lifecycle.state === 'closed') return Promise.resolve(err(NOT_ENABLED.closed));
    return this.#reconnect.run((signal) => this.#reconnectLoop(signal));
  }

  #onClose(reason: CloseReason): void {
    if (reason.kind === 'requested' || this.#lifecycle.state === 'closed') return;
    debug('%s lost: %s', this.description, reason.detail);
    this.#channel.linkLost();
    this.#powerState = 'off';
    this.#statusListeners.emit({ kind: 'powerOff', detail: reason.detail });
    this.#errorListeners.emit(deviceError('offline', `the printer link was lost: ${reason.detail}`, 'powerOff'));
    if (this.#options.isAutoReconnect !== false) void this.reconnect();
  }

  /**
   * Reopens the transport and re-reads status, retrying both with capped exponential
   * backoff: a replugged printer may take a while to answer after its port is back.
   */
  #reconnectLoop(signal: AbortSignal): Promise<Result<PrinterStatus, DeviceError>> {
    return reconnectWithBackoff({
      transport: this.#transport,
      clock: this.#clock,
      initialDelayMs: this.#options.reconnectInitialDelayMs ?? RECONNECT_INITIAL_DELAY_MS,
      maxDelayMs: this.#options.reconnectMaxDelayMs ?? RECONNECT_MAX_DELAY_MS,
      maxAttempts: this.#options.reconnectMaxAttempts ?? Number.POSITIVE_INFINITY,
      signal,
      deviceName: 'the printer',
      debug,
      reopened: () => {
        // A replugged printer is a new printer: forget buffered requests and old status.
        this.#channel.reset();
        this.#status = undefined;
        this.#powerState = 'unknown';
      },
      check: async (attempt) => {
        const status = await this.#run(signal, (s) => this.#queryStatus(s), true);
        if (status.ok) {
          this.#statusListeners.emit({ kind: 'powerOn', status: status.value });
          return status;
        }
        if (status.error.code === 'cancelled') return status;
        debug('printer not answering after reopen (attempt %d): %s', attempt, status.error.message);
        return 'retry';
      },
      gaveUp: (error) => this.#errorListeners.emit(error),
    });
  }

  /**
   * Queues `operation` behind the command in flight (one at a time). A queued command whose
   * signal aborts leaves the queue at once with `cancelled`. `isInternal` (reconnect) skips
   * the life-cycle check.
   */
  #run<T>(
    signal: AbortSignal | undefined,
    operation: (signal?: AbortSignal) => Promise<Result<T, DeviceError>>,
    isInternal = false,
  ): Promise<Result<T, DeviceError>> {
    const notEnabled = isInternal ? undefined : this.#lifecycle.refusal;
    if (notEnabled !== undefined) return Promise.resolve(err(notEnabled));
    if (this.#powerState === 'off' && !this.#reconnect.isRunning && !this.#transport.isOpen) {
      return Promise.resolve(err(deviceError('offline', 'the printer link is down', 'powerOff')));
    }
    if (this.#queued > MAX_QUEUED_COMMANDS) return Promise.resolve(err(deviceError('busy', 'too many printer commands waiting')));
    this.#queued += 1;
    const previous = this.#queueTail;
    let release: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#queueTail = previous.then(() => finished);
    return (async (): Promise<Result<T, DeviceError>> => {
      const aborted = whenAborted(signal);
      try {
        const turn = await Promise.race([previous.then(() => 'turn' as const), aborted.promise]);
        if (turn === 'aborted') return err(deviceError('cancelled', 'cancelled while queued', 'notStarted'));
        const stillNotEnabled = isInternal ? undefined : this.#lifecycle.refusal;
        if (stillNotEnabled !== undefined) return err(stillNotEnabled);
        return await operation(signal);
      } finally {
        aborted.dispose();
        this.#queued -= 1;
        release();
      }
    })();
  }

  async #queryStatus(signal?: AbortSignal): Promise<Result<PrinterStatus, DeviceError>> {
    if (!this.#transport.isOpen) return err(deviceError('offline', 'the printer link is down', 'powerOff'));
    const result = await this.#channel.queryStatus(signal);
    if (result.ok) {
      this.#updateStatus(result.value, 'query');
    } else if (result.error.detail === 'noReply' && this.#powerState !== 'offline') {
      this.#powerState = 'offline';
      this.#statusListeners.emit({ kind: 'noReply' });
    }
    return result;
  }

  #updateStatus(status: PrinterStatus, source: 'query' | 'asb'): void {
    this.#powerState = 'online';
    if (sameStatus(this.#status, status)) return;
    this.#status = status;
    this.#statusListeners.emit({ kind: 'status', status, source });
  }

  /** Writes with {@link WRITE_TIMEOUT_MS}: a stalled write means a back-pressured link. */
  async #write(bytes: Uint8Array, signal?: AbortSignal): Promise<Result<void, DeviceError>> {
    const timeoutMs = this.#options.writeTimeoutMs ?? WRITE_TIMEOUT_MS;
    const local = new AbortController();
    const onAbort = (): void => local.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const outcome = await Promise.race([
        this.#transport.write(bytes).then(
          () => 'written' as const,
          (error: unknown) => error,
        ),
        sleep(this.#clock, timeoutMs, local.signal),
      ]);
      if (outcome === 'written') return ok(undefined);
      if (outcome === 'elapsed') return err(deviceError('timeout', `the printer did not accept data within ${timeoutMs} ms`, 'writeStalled'));
      if (outcome === 'aborted') return err(deviceError('cancelled', 'the print job was cancelled', 'partlySent'));
      return err(fromTransportError(outcome, 'cannot send to the printer'));
    } finally {
      local.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
