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
import { type Clock, sleep, systemClock, type TimerHandle } from '../../clock.js';
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { Listeners } from '../../transports/listeners.js';
import { TransportError, errorMessage } from '../../transports/transport-error.js';
import type { CloseReason, Transport } from '../../transports/transport.js';
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

/** First reopen attempt after an unplug, then doubled per attempt up to the cap (R-V4). */
export const RECONNECT_INITIAL_DELAY_MS = 100;
/** Cap of the reopen backoff. */
export const RECONNECT_MAX_DELAY_MS = 5_000;

/** Options of {@link BarcodeScanner}: the link, the scanner's mode and its settings. */
export interface BarcodeScannerOptions {
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
  /** Reopen after unplug automatically. Default true. */
  readonly isAutoReconnect?: boolean;
  /** Default {@link RECONNECT_INITIAL_DELAY_MS}. */
  readonly reconnectInitialDelayMs?: number;
  /** Default {@link RECONNECT_MAX_DELAY_MS}. */
  readonly reconnectMaxDelayMs?: number;
  /** Reopen attempts before giving up (error event; `reconnect()` may be called). Default ∞. */
  readonly reconnectMaxAttempts?: number;
}

const NOT_ENABLED: Readonly<Record<DeviceLifecycle, DeviceError | undefined>> = {
  closed: deviceError('closed', 'the barcode scanner is not open'),
  opened: deviceError('notClaimed', 'the barcode scanner is not claimed'),
  claimed: deviceError('disabled', 'the barcode scanner is not enabled'),
  enabled: undefined,
};

function fromTransportError(error: unknown, what: string): DeviceError {
  if (error instanceof TransportError) {
    const code = error.code === 'closed' ? 'offline' : error.code;
    return deviceError(code, `${what}: ${error.message}`, code === 'offline' ? 'powerOff' : undefined);
  }
  return deviceError('failure', `${what}: ${errorMessage(error)}`);
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
  readonly #clock: Clock;
  readonly #options: BarcodeScannerOptions;
  readonly #source: SymbolSource;
  readonly #scanListeners = new Listeners<ScannedCode>();
  readonly #failedListeners = new Listeners<ScanFailed>();
  readonly #statusListeners = new Listeners<BarcodeScannerStatusUpdate>();
  readonly #errorListeners = new Listeners<DeviceError>();
  #lifecycle: DeviceLifecycle = 'closed';
  #condition: BarcodeScannerCondition = 'unknown';
  #idleTimer: TimerHandle = undefined;
  /** A symbol began before `enable()`: its end is not a scan the kiosk asked for. */
  #isDiscardingSymbol = false;
  #unsubscribe: (() => void) | undefined;
  #reconnect: { readonly controller: AbortController; readonly done: Promise<Result<void, DeviceError>> } | undefined;

  constructor(options: BarcodeScannerOptions) {
    this.#options = options;
    this.#transport = options.transport;
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
    return this.#lifecycle;
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
    if (this.#lifecycle !== 'closed') return ok(undefined);
    const offData = this.#transport.onData((bytes) => this.#onData(bytes));
    const offClose = this.#transport.onClose((reason) => this.#onClose(reason));
    this.#unsubscribe = () => {
      offData();
      offClose();
    };
    try {
      await this.#transport.open();
    } catch (error) {
      this.#unsubscribe();
      this.#unsubscribe = undefined;
      return err(fromTransportError(error, 'cannot open the barcode scanner'));
    }
    this.#source.reset();
    this.#lifecycle = 'opened';
    this.#condition = 'online';
    debug('%s opened in %s mode', this.description, this.#source.mode);
    return ok(undefined);
  }

  /** `opened → claimed`. Errors: `closed`. */
  claim(): Result<void, DeviceError> {
    if (this.#lifecycle === 'closed') return err(NOT_ENABLED.closed ?? deviceError('closed', 'not open'));
    if (this.#lifecycle === 'opened') this.#lifecycle = 'claimed';
    return ok(undefined);
  }

  /**
   * `claimed → enabled`: scans are delivered from now on. A symbol already half received
   * is dropped. The scanner is enabled even while its link is down (it reconnects); the
   * result then says `offline`/`powerOff`. Errors: `closed`, `notClaimed`, `offline`.
   */
  enable(): Promise<Result<void, DeviceError>> {
    if (this.#lifecycle === 'closed' || this.#lifecycle === 'opened') {
      return Promise.resolve(err(NOT_ENABLED[this.#lifecycle] ?? deviceError('closed', 'not open')));
    }
    if (this.#lifecycle !== 'enabled') this.#isDiscardingSymbol = this.#source.hasPending;
    this.#lifecycle = 'enabled';
    if (this.#condition === 'powerOff') {
      return Promise.resolve(err(deviceError('offline', 'the barcode scanner link is down', 'powerOff')));
    }
    return Promise.resolve(ok(undefined));
  }

  /** `enabled → claimed`: scans are dropped from now on. */
  disable(): Result<void, DeviceError> {
    if (this.#lifecycle === 'enabled') this.#lifecycle = 'claimed';
    return ok(undefined);
  }

  /** `claimed|enabled → opened`. */
  release(): Result<void, DeviceError> {
    if (this.#lifecycle === 'enabled' || this.#lifecycle === 'claimed') this.#lifecycle = 'opened';
    return ok(undefined);
  }

  /** Stops reconnecting and the idle timer, closes the transport. Idempotent. */
  async close(): Promise<void> {
    this.#lifecycle = 'closed';
    this.#reconnect?.controller.abort();
    this.#clearIdleTimer();
    this.#source.reset();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    try {
      await this.#transport.close();
    } catch (error) {
      debug('close failed: %s', errorMessage(error));
    }
  }

  /**
   * Reopens the transport now, with capped backoff between attempts. Shares an attempt
   * already running. Errors: `closed`, `cancelled` (closed while reconnecting),
   * `noHardware` with detail `reconnectFailed` after `reconnectMaxAttempts`.
   */
  reconnect(): Promise<Result<void, DeviceError>> {
    if (this.#reconnect !== undefined) return this.#reconnect.done;
    if (this.#lifecycle === 'closed') return Promise.resolve(err(NOT_ENABLED.closed ?? deviceError('closed', 'not open')));
    const controller = new AbortController();
    const done = this.#reconnectLoop(controller.signal).finally(() => {
      this.#reconnect = undefined;
    });
    this.#reconnect = { controller, done };
    return done;
  }

  #onData(bytes: Uint8Array): void {
    if (this.#lifecycle === 'closed') return;
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
      const isWanted = this.#lifecycle === 'enabled' && !this.#isDiscardingSymbol;
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
    if (reason.kind === 'requested' || this.#lifecycle === 'closed') return;
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

  async #reconnectLoop(signal: AbortSignal): Promise<Result<void, DeviceError>> {
    const maxAttempts = this.#options.reconnectMaxAttempts ?? Number.POSITIVE_INFINITY;
    const maxDelayMs = this.#options.reconnectMaxDelayMs ?? RECONNECT_MAX_DELAY_MS;
    let delayMs = this.#options.reconnectInitialDelayMs ?? RECONNECT_INITIAL_DELAY_MS;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1 || !this.#transport.isOpen) {
        if ((await sleep(this.#clock, delayMs, signal)) === 'aborted') return err(deviceError('cancelled', 'reconnect stopped'));
        delayMs = Math.min(delayMs * 2, maxDelayMs);
      }
      if (!this.#transport.isOpen) {
        try {
          await this.#transport.open();
        } catch (error) {
          debug('reopen attempt %d failed: %s', attempt, errorMessage(error));
          continue;
        }
      }
      if (signal.aborted) {
        // close() ran while open() was in flight: do not leave the port open behind it.
        await this.#transport.close().catch((error: unknown) => debug('close failed: %s', errorMessage(error)));
        return err(deviceError('cancelled', 'reconnect stopped'));
      }
      // A replugged scanner starts a fresh stream.
      this.#source.reset();
      this.#condition = 'online';
      debug('%s back after %d attempt(s)', this.description, attempt);
      this.#statusListeners.emit({ kind: 'powerOn' });
      return ok(undefined);
    }
    const gaveUp = deviceError('noHardware', `the barcode scanner did not come back after ${maxAttempts} attempts`, 'reconnectFailed');
    this.#errorListeners.emit(gaveUp);
    return err(gaveUp);
  }
}
