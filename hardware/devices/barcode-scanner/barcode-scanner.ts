/**
 * Barcode / QR scanner (扫码枪, protocols.md §3) over any {@link Transport}: a keyboard
 * wedge read as HID boot reports, a HID POS scanner (usage page 0x8C) or a serial /
 * USB-CDC scanner. UnifiedPOS life cycle `closed → opened → claimed → enabled`; symbols
 * are delivered only while enabled — a code scanned while the kiosk is not asking for
 * one must not act, so it is decoded (to keep the decoder in step) and dropped.
 *
 * The scanner only talks: there is no command queue and no status query. Symbols without
 * a suffix end after the mode's idle gap (injected clock). Unplug (transport closed with
 * `disconnected`/`error`) reports `powerOff`, drops the symbol in progress and reopens the
 * transport with capped exponential backoff (reliability.md R-V4), then `powerOn`.
 *
 * Privacy: scanned text is never logged; debug output has modes and lengths only.
 */
import createDebug from 'debug';
import { type Clock, systemClock, type TimerHandle } from '../../clock.js';
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { Listeners } from '../../transports/listeners.js';
import { errorMessage } from '../../transports/transport-error.js';
import type { CloseReason, Transport } from '../../transports/transport.js';
import { DeviceLink } from '../device-link.js';
import { Lifecycle, notEnabledErrors } from '../lifecycle.js';
import {
  RECONNECT_INITIAL_DELAY_MS,
  RECONNECT_MAX_DELAY_MS,
  ReconnectTask,
  reconnectStopped,
  reconnectWithBackoff,
  type ReconnectOptions,
} from '../reconnect.js';
import type {
  BarcodeScannerCondition,
  BarcodeScannerMode,
  BarcodeScannerStatusUpdate,
  ScanFailed,
  ScannedCode,
} from './events.js';
import {
  QR_MAX_BYTES,
  createSymbolSource,
  type HidKeyboardSettings,
  type HidPosSettings,
  type SerialSettings,
  type SourceOutcome,
  type SymbolSource,
} from './symbol-source.js';

const debug = createDebug('kiosk:hardware:barcode-scanner');

export { RECONNECT_INITIAL_DELAY_MS, RECONNECT_MAX_DELAY_MS } from '../reconnect.js';

/** Options of {@link BarcodeScanner}: the link, the scanner's mode and its settings. */
export interface BarcodeScannerOptions extends ReconnectOptions {
  readonly transport: Transport;
  readonly mode: BarcodeScannerMode;
  readonly clock?: Clock;
  /** Used in `hidKeyboard` mode. */
  readonly hidKeyboard?: HidKeyboardSettings;
  /** Used in `hidPos` mode. */
  readonly hidPos?: HidPosSettings;
  /** Used in `serial` mode. */
  readonly serial?: SerialSettings;
  /** Longer symbols are reported `tooLong`. Default {@link QR_MAX_BYTES}. */
  readonly maxSymbolBytes?: number;
}

/**
 * ```ts
 * const scanner = new BarcodeScanner({ transport: new SerialTransport({ path }), mode: 'serial' });
 * scanner.onScan((code) => session.scanned(code)); // code.text, code.charset
 * await scanner.open(); scanner.claim(); await scanner.enable();
 * ```
 * Every method resolves (never rejects) with a `Result` or nothing.
 */
export class BarcodeScanner {
  readonly #transport: Transport;
  readonly #link: DeviceLink;
  readonly #clock: Clock;
  readonly #options: BarcodeScannerOptions;
  readonly #source: SymbolSource;
  readonly #scanListeners = new Listeners<ScannedCode>();
  readonly #failedListeners = new Listeners<ScanFailed>();
  readonly #statusListeners = new Listeners<BarcodeScannerStatusUpdate>();
  readonly #errorListeners = new Listeners<DeviceError>();
  readonly #lifecycle = new Lifecycle(notEnabledErrors('the barcode scanner'));
  readonly #reconnect = new ReconnectTask<Result<void, DeviceError>>();
  #condition: BarcodeScannerCondition = 'unknown';
  #idleTimer: TimerHandle = undefined;
  /** A symbol began before `enable()`: its end is not a scan the kiosk asked for. */
  #isDiscardingSymbol = false;

  constructor(options: BarcodeScannerOptions) {
    this.#options = options;
    this.#transport = options.transport;
    this.#link = new DeviceLink(this.#transport, { data: (bytes) => this.#onData(bytes), closed: (reason) => this.#onClose(reason) }, debug);
    this.#clock = options.clock ?? systemClock;
    this.#source = createSymbolSource({
      mode: options.mode,
      maxSymbolBytes: options.maxSymbolBytes ?? QR_MAX_BYTES,
      ...(options.hidKeyboard === undefined ? {} : { hidKeyboard: options.hidKeyboard }),
      ...(options.hidPos === undefined ? {} : { hidPos: options.hidPos }),
      ...(options.serial === undefined ? {} : { serial: options.serial }),
    });
  }

  get lifecycle(): DeviceLifecycle {
    return this.#lifecycle.state;
  }

  get condition(): BarcodeScannerCondition {
    return this.#condition;
  }

  get mode(): BarcodeScannerMode {
    return this.#source.mode;
  }

  get description(): string {
    return this.#transport.description;
  }

  /** A symbol was read while enabled. Possibly personal data: never log `text`/`bytes`. */
  onScan(listener: (scan: ScannedCode) => void): () => void {
    return this.#scanListeners.add(listener);
  }

  /** A symbol arrived while enabled but cannot be delivered; `reason` is a closed set. */
  onScanFailed(listener: (failed: ScanFailed) => void): () => void {
    return this.#failedListeners.add(listener);
  }

  onStatusUpdate(listener: (update: BarcodeScannerStatusUpdate) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /** Failures outside a call's own result: unplug, reconnect giving up. */
  onError(listener: (error: DeviceError) => void): () => void {
    return this.#errorListeners.add(listener);
  }

  /** Opens the transport. Errors: `noHardware`, `busy`, `failure` (from the transport). */
  async open(): Promise<Result<void, DeviceError>> {
    if (this.#lifecycle.state !== 'closed') return ok(undefined);
    const opened = await this.#link.open('cannot open the barcode scanner');
    if (!opened.ok) return opened;
    this.#source.reset();
    this.#lifecycle.opened();
    this.#condition = 'online';
    debug('%s opened in %s mode', this.description, this.#source.mode);
    return ok(undefined);
  }

  /** `opened → claimed`. Errors: `closed`. */
  claim(): Result<void, DeviceError> {
    return this.#lifecycle.claim();
  }

  /**
   * `claimed → enabled`: scans are delivered from now on. A symbol already half received
   * is dropped. The scanner is enabled even while its link is down (it reconnects); the
   * result then says `offline`/`powerOff`. Errors: `closed`, `notClaimed`, `offline`.
   */
  enable(): Promise<Result<void, DeviceError>> {
    const wasEnabled = this.#lifecycle.state === 'enabled';
    const enabled = this.#lifecycle.enable();
    if (!enabled.ok) return Promise.resolve(enabled);
    if (!wasEnabled) this.#isDiscardingSymbol = this.#source.hasPending;
    if (this.#condition === 'powerOff') {
      return Promise.resolve(err(deviceError('offline', 'the barcode scanner link is down', 'powerOff')));
    }
    return Promise.resolve(ok(undefined));
  }

  /** `enabled → claimed`: scans are dropped from now on. */
  disable(): Result<void, DeviceError> {
    this.#lifecycle.disable();
    return ok(undefined);
  }

  /** `claimed|enabled → opened`. */
  release(): Result<void, DeviceError> {
    this.#lifecycle.release();
    return ok(undefined);
  }

  /** Stops reconnecting and the idle timer, closes the transport. Idempotent. */
  async close(): Promise<void> {
    this.#lifecycle.close();
    this.#reconnect.stop();
    this.#clearIdleTimer();
    this.#source.reset();
    await this.#link.close();
  }

  /**
   * Reopens the transport now, with capped backoff between attempts. Shares an attempt
   * already running. Errors: `closed`, `cancelled` (closed while reconnecting),
   * `noHardware` with detail `reconnectFailed` after `reconnectMaxAttempts`.
   */
  reconnect(): Promise<Result<void, DeviceError>> {
    if (!this.#reconnect.isRunning && this.#lifecycle.state === 'closed') return Promise.resolve(err(this.#lifecycle.notEnabled.closed));
    return this.#reconnect.run((signal) => this.#reconnectLoop(signal));
  }

  #onData(bytes: Uint8Array): void {
    if (this.#lifecycle.state === 'closed') return;
    this.#deliver(this.#source.push(bytes));
    // Re-armed on every chunk: the gap counts from the last byte or report.
    this.#clearIdleTimer();
    this.#idleTimer = this.#clock.setTimeout(() => this.#onIdle(), this.#source.idleGapMs);
  }

  #onIdle(): void {
    this.#idleTimer = undefined;
    this.#deliver(this.#source.flush());
    this.#isDiscardingSymbol = false;
  }

  #deliver(outcomes: readonly SourceOutcome[]): void {
    for (const outcome of outcomes) {
      const isWanted = this.#lifecycle.state === 'enabled' && !this.#isDiscardingSymbol;
      this.#isDiscardingSymbol = false;
      if (!isWanted) {
        debug('%s dropped while not enabled', outcome.kind);
        continue;
      }
      if (outcome.kind === 'scan') {
        const { scan } = outcome;
        debug('scan: %d bytes, %s, %s%s', scan.bytes.length, scan.symbology ?? 'no AIM id', scan.charset, scan.isCharsetUncertain ? ' (uncertain)' : '');
        this.#scanListeners.emit(scan);
      } else {
        debug('scan failed: %s (%s)', outcome.failed.reason, outcome.failed.detail);
        this.#failedListeners.emit(outcome.failed);
      }
    }
  }

  #clearIdleTimer(): void {
    if (this.#idleTimer === undefined) return;
    this.#clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #onClose(reason: CloseReason): void {
    if (reason.kind === 'requested' || this.#lifecycle.state === 'closed') return;
    debug('%s lost: %s', this.description, reason.detail);
    // Half a symbol is not a code: the citizen scans again after the replug.
    this.#clearIdleTimer();
    this.#source.reset();
    this.#isDiscardingSymbol = false;
    this.#condition = 'powerOff';
    this.#statusListeners.emit({ kind: 'powerOff', detail: reason.detail });
    this.#errorListeners.emit(deviceError('offline', `the barcode scanner link was lost: ${reason.detail}`, 'powerOff'));
    if (this.#options.isAutoReconnect !== false) void this.reconnect();
  }

  #reconnectLoop(signal: AbortSignal): Promise<Result<void, DeviceError>> {
    return reconnectWithBackoff({
      transport: this.#transport,
      clock: this.#clock,
      initialDelayMs: this.#options.reconnectInitialDelayMs ?? RECONNECT_INITIAL_DELAY_MS,
      maxDelayMs: this.#options.reconnectMaxDelayMs ?? RECONNECT_MAX_DELAY_MS,
      maxAttempts: this.#options.reconnectMaxAttempts ?? Number.POSITIVE_INFINITY,
      signal,
      deviceName: 'the barcode scanner',
      debug,
      check: async (attempt) => {
        if (signal.aborted) {
          // close() ran while open() was in flight: do not leave the port open behind it.
          await this.#transport.close().catch((error: unknown) => debug('close failed: %s', errorMessage(error)));
          return err(reconnectStopped());
        }
        // A replugged scanner starts a fresh stream.
        this.#source.reset();
        this.#condition = 'online';
        debug('%s back after %d attempt(s)', this.description, attempt);
        this.#statusListeners.emit({ kind: 'powerOn' });
        return ok(undefined);
      },
      gaveUp: (error) => this.#errorListeners.emit(error),
    });
  }
}
