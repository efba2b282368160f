/**
 * Service evaluation pad (评价器, protocols.md §4) over any {@link Transport}: a serial /
 * RS-485 button pad speaking the generic profile of serial-pad-frame.ts, or a
 * keyboard-style HID pad (hid-pad-keys.ts). UnifiedPOS life cycle
 * `closed → opened → claimed → enabled`; one request at a time; every wait has a timeout
 * and honours an `AbortSignal`; failures are `Result` values with the closed
 * `DeviceErrorCode`s.
 *
 * The evaluation cycle (§4.3): `idle → prompting → awaiting → (rated | timeout |
 * cancelled | deviceError) → idle`. Key presses are accepted only while `awaiting`;
 * anything the pad says at any other time — a late press after a timeout or cancel, the
 * second press of a double press, a press while idle — is dropped (pad-inbox.ts), so a
 * rating can never land on the wrong case.
 *
 * Unplug (transport closed with `disconnected`/`error`) ends a request with `offline`,
 * reports `powerOff`, and the device reopens the transport with capped exponential backoff
 * (reliability.md R-V4), querying a serial pad before reporting `powerOn`.
 *
 * Privacy: logs carry states, key codes and byte counts only — never the case number,
 * window or staff ID of a request.
 */
import createDebug from 'debug';
import { type Clock, systemClock } from '../../clock.js';
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { DEFAULT_CODE_TABLE, compileCodeTable, validateCodeTable } from '../../protocols/evaluation-pad/code-table.js';
import { DEFAULT_HID_KEY_TABLE, validateKeyTable } from '../../protocols/evaluation-pad/hid-pad-keys.js';
import { DEFAULT_PAD_ADDRESS, isPadAddress } from '../../protocols/evaluation-pad/serial-pad-frame.js';
import { Listeners } from '../../transports/listeners.js';
import type { CloseReason, Transport } from '../../transports/transport.js';
import { DeviceLink } from '../device-link.js';
import { Lifecycle } from '../lifecycle.js';
import { ReconnectTask, reconnectWithBackoff } from '../reconnect.js';
import type {
  EvaluationPadCondition,
  EvaluationPadKind,
  EvaluationPadState,
  EvaluationPadStatusUpdate,
  EvaluationRequest,
  PadEvaluation,
  PadIdentity,
} from './events.js';
import { runEvaluation, runQuery, type CycleContext } from './evaluation-cycle.js';
import { writeWithTimeout } from './link.js';
import {
  ACK_TIMEOUT_MS,
  INTER_BYTE_TIMEOUT_MS,
  RECONNECT_INITIAL_DELAY_MS,
  RECONNECT_MAX_DELAY_MS,
  WRITE_TIMEOUT_MS,
  type EvaluationPadOptions,
} from './options.js';
import { NOT_ENABLED, PAD_DISCONNECTED } from './pad-errors.js';
import { PadInbox, describeInput } from './pad-inbox.js';

export {
  ACK_TIMEOUT_MS,
  INTER_BYTE_TIMEOUT_MS,
  RECONNECT_INITIAL_DELAY_MS,
  RECONNECT_MAX_DELAY_MS,
  WRITE_TIMEOUT_MS,
  type EvaluationPadOptions,
} from './options.js';

const debug = createDebug('kiosk:hardware:evaluation-pad');

/**
 * ```ts
 * const pad = new EvaluationPad({ transport: new SerialTransport({ path, baudRate: 9600 }), kind: 'serial' });
 * await pad.open(); pad.claim(); await pad.enable();
 * const result = await pad.requestEvaluation({ caseNumber, windowId, staffId, timeoutMs: 10_000 }, signal);
 * if (result.ok && result.value.outcome === 'rated') record(result.value.level);
 * ```
 * Every method resolves (never rejects) with a `Result` or nothing.
 */
export class EvaluationPad {
  readonly kind: EvaluationPadKind;
  readonly address: number;
  readonly #transport: Transport;
  readonly #link: DeviceLink;
  readonly #clock: Clock;
  readonly #options: EvaluationPadOptions;
  readonly #inbox: PadInbox;
  readonly #cycle: CycleContext;
  readonly #stateListeners = new Listeners<EvaluationPadState>();
  readonly #statusListeners = new Listeners<EvaluationPadStatusUpdate>();
  readonly #errorListeners = new Listeners<DeviceError>();
  readonly #lifecycle = new Lifecycle(NOT_ENABLED);
  readonly #reconnect = new ReconnectTask<Result<void, DeviceError>>();
  #state: EvaluationPadState = 'idle';
  #condition: EvaluationPadCondition = 'unknown';
  /** The exchange in flight (request or query); its controller stops it on disable. */
  #active: AbortController | undefined;

  /** Throws RangeError for a bad address or table: a configuration bug, caught at start-up. */
  constructor(options: EvaluationPadOptions) {
    this.kind = options.kind;
    this.address = options.address ?? DEFAULT_PAD_ADDRESS;
    if (!isPadAddress(this.address)) throw new RangeError(`evaluation pad address must be 1–254, not ${this.address}`);
    const table = options.kind === 'serial' ? (options.codeTable ?? DEFAULT_CODE_TABLE) : (options.keyTable ?? DEFAULT_HID_KEY_TABLE);
    const problems = options.kind === 'serial' ? validateCodeTable(table) : validateKeyTable(table);
    if (problems.length > 0) throw new RangeError(`evaluation pad ${options.kind === 'serial' ? 'code' : 'key'} table: ${problems.join('; ')}`);
    this.#options = options;
    this.#transport = options.transport;
    this.#link = new DeviceLink(this.#transport, { data: (bytes) => this.#inbox.handleData(bytes), closed: (reason) => this.#onClose(reason) }, debug);
    this.#clock = options.clock ?? systemClock;
    this.#inbox = new PadInbox({
      kind: options.kind,
      address: this.address,
      hasReportId: options.hasReportId === true,
      clock: this.#clock,
      interByteTimeoutMs: options.interByteTimeoutMs ?? INTER_BYTE_TIMEOUT_MS,
      heard: () => this.#setCondition('online'),
      dropped: (input) => debug('%s dropped while %s', describeInput(input), this.#state),
    });
    this.#cycle = {
      kind: this.kind,
      address: this.address,
      clock: this.#clock,
      levels: compileCodeTable(table),
      inbox: this.#inbox,
      ackTimeoutMs: options.ackTimeoutMs ?? ACK_TIMEOUT_MS,
      isLinkOpen: () => this.#transport.isOpen,
      write: (bytes) => writeWithTimeout(this.#transport, this.#clock, bytes, options.writeTimeoutMs ?? WRITE_TIMEOUT_MS),
      setState: (state) => this.#setState(state),
      noReply: () => this.#setCondition('noReply'),
    };
  }

  get lifecycle(): DeviceLifecycle {
    return this.#lifecycle.state;
  }

  /** Where the evaluation cycle stands; `idle` between requests. */
  get state(): EvaluationPadState {
    return this.#state;
  }

  get condition(): EvaluationPadCondition {
    return this.#condition;
  }

  get description(): string {
    return this.#transport.description;
  }

  /** Every state change, end states included (`rated`, `timeout`, … then `idle`). */
  onStateChanged(listener: (state: EvaluationPadState) => void): () => void {
    return this.#stateListeners.add(listener);
  }

  onStatusUpdate(listener: (update: EvaluationPadStatusUpdate) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /** Failures outside a call's own result: unplug, reconnect giving up. */
  onError(listener: (error: DeviceError) => void): () => void {
    return this.#errorListeners.add(listener);
  }

  /** Opens the transport. Errors: `noHardware`, `busy`, `failure` (from the transport). */
  async open(): Promise<Result<void, DeviceError>> {
    if (this.#lifecycle.state !== 'closed') return ok(undefined);
    const opened = await this.#link.open('cannot open the evaluation pad');
    if (!opened.ok) return opened;
    this.#inbox.reset();
    this.#lifecycle.opened();
    this.#condition = 'unknown';
    return ok(undefined);
  }

  /** `opened → claimed`. Errors: `closed`. */
  claim(): Result<void, DeviceError> {
    return this.#lifecycle.claim();
  }

  /**
   * `claimed → enabled`. A serial pad is queried (`Q`) to see that it answers; the pad stays
   * enabled when it does not, and the result says so (`timeout`/`noReply`). A HID pad is
   * `online` as soon as its link is open (keyboards cannot be asked anything).
   */
  async enable(): Promise<Result<void, DeviceError>> {
    const enabled = this.#lifecycle.enable();
    if (!enabled.ok) return enabled;
    if (this.kind === 'hidKeyboard') {
      this.#setCondition('online');
      return ok(undefined);
    }
    const identity = await this.query();
    return identity.ok || identity.error.code === 'busy' ? ok(undefined) : identity;
  }

  /** `enabled → claimed`; a request under way ends as `cancelled`. */
  disable(): void {
    this.#lifecycle.disable();
    this.#active?.abort();
  }

  /** `claimed|enabled → opened`. */
  release(): void {
    this.disable();
    this.#lifecycle.release();
  }

  /** Stops reconnecting, ends a request under way (`closed`), closes the link. Idempotent. */
  async close(): Promise<void> {
    this.#lifecycle.close();
    this.#reconnect.stop();
    this.#inbox.close();
    await this.#link.close();
  }

  /**
   * Asks the citizen for a rating and waits for one button press (§4.3). Serial: sends `S`,
   * waits {@link ACK_TIMEOUT_MS} for the ack, then `request.timeoutMs` for a `K`; codes not
   * in the table are ignored and the wait goes on. HID: waits for a mapped key at once.
   *
   * Outcomes: `rated` (first press wins), `timeout` (no press in time; the service records
   * "not rated"), `cancelled` (`signal` aborted or `disable()`). A serial pad is sent `C`
   * after a timeout or cancel so it stops showing the prompt.
   *
   * Errors: `busy` (a request or query is under way: one per pad), `timeout`/`noReply` (no
   * ack: "the pad does not answer"), `offline`/`powerOff` ("pad disconnected", also when
   * unplugged mid-prompt), `closed`, `failure` (bad `timeoutMs`/`promptId`), life-cycle
   * errors.
   */
  async requestEvaluation(request: EvaluationRequest, signal?: AbortSignal): Promise<Result<PadEvaluation, DeviceError>> {
    const refusal = this.#refusal();
    if (refusal !== undefined) return err(refusal);
    if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
      return err(deviceError('failure', `timeoutMs must be a positive number of milliseconds, not ${request.timeoutMs}`));
    }
    const { promptId } = request;
    if (promptId !== undefined && (!Number.isInteger(promptId) || promptId < 0 || promptId > 0xff)) {
      return err(deviceError('failure', `promptId must be 0–255, not ${promptId}`));
    }
    if (signal?.aborted === true) return ok({ outcome: 'cancelled' });
    const active = this.#begin(signal);
    try {
      return await runEvaluation(this.#cycle, request.timeoutMs, promptId, active.signal);
    } finally {
      this.#end(active);
    }
  }

  /**
   * Serial pads: reads model and firmware (`Q` → `q`) within {@link ACK_TIMEOUT_MS}, for the
   * technician's test and auto-detect. Errors: `extended`/`notSupported` (HID pad),
   * `timeout`/`noReply`, `offline`/`powerOff`, `busy`, `cancelled`, `closed`, life-cycle
   * errors.
   */
  async query(signal?: AbortSignal): Promise<Result<PadIdentity, DeviceError>> {
    if (this.kind !== 'serial') return err(deviceError('extended', 'a keyboard-style pad cannot be queried', 'notSupported'));
    const refusal = this.#refusal();
    if (refusal !== undefined) return err(refusal);
    const active = this.#begin(signal);
    try {
      return await runQuery(this.#cycle, active.signal);
    } finally {
      this.#end(active);
    }
  }

  /**
   * Reopens the transport now (capped backoff between attempts) and, for a serial pad,
   * queries it before use (R-V4). Shares an attempt already running. Errors: `closed`,
   * `cancelled`, `noHardware`/`reconnectFailed` after `reconnectMaxAttempts`, or the
   * query's error when the link is back but the pad does not answer (`noReply`).
   */
  reconnect(): Promise<Result<void, DeviceError>> {
    if (!this.#reconnect.isRunning && this.#lifecycle.state === 'closed') return Promise.resolve(err(NOT_ENABLED.closed));
    return this.#reconnect.run((signal) => this.#reconnectLoop(signal));
  }

  /** Marks an exchange as under way; its controller also follows the caller's signal. */
  #begin(signal: AbortSignal | undefined): AbortController {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    controller.signal.addEventListener('abort', () => signal?.removeEventListener('abort', onAbort), { once: true });
    this.#active = controller;
    this.#inbox.beginSession();
    return controller;
  }

  #end(controller: AbortController): void {
    if (this.#active === controller) {
      this.#active = undefined;
      this.#inbox.endSession();
    }
    // Drops the listener on the caller's signal; nothing waits on this controller any more.
    controller.abort();
  }

  #refusal(): DeviceError | undefined {
    const notEnabled = this.#lifecycle.refusal;
    if (notEnabled !== undefined) return notEnabled;
    if (this.#active !== undefined) return deviceError('busy', 'the evaluation pad is already busy with a request');
    if (!this.#transport.isOpen) return PAD_DISCONNECTED;
    return undefined;
  }

  #setState(state: EvaluationPadState): void {
    if (this.#state === state) return;
    debug('state %s → %s', this.#state, state);
    this.#state = state;
    this.#stateListeners.emit(state);
  }

  #setCondition(condition: EvaluationPadCondition, update?: EvaluationPadStatusUpdate): void {
    if (this.#condition === condition) return;
    const previous = this.#condition;
    this.#condition = condition;
    if (update !== undefined) this.#statusListeners.emit(update);
    else if (condition === 'online') this.#statusListeners.emit(previous === 'powerOff' ? { kind: 'powerOn' } : { kind: 'online' });
    else if (condition === 'noReply') this.#statusListeners.emit({ kind: 'noReply' });
  }

  #onClose(reason: CloseReason): void {
    if (reason.kind === 'requested' || this.#lifecycle.state === 'closed') return;
    debug('%s lost: %s', this.description, reason.detail);
    this.#inbox.linkLost();
    this.#setCondition('powerOff', { kind: 'powerOff', detail: reason.detail });
    this.#errorListeners.emit(deviceError('offline', `the evaluation pad link was lost: ${reason.detail}`, 'powerOff'));
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
      deviceName: 'the evaluation pad',
      debug,
      reopened: () => this.#inbox.reset(),
      check: () => this.#checkAfterReopen(signal),
      gaveUp: (error) => this.#errorListeners.emit(error),
    });
  }

  /** R-V4: a serial pad must answer a query before it counts as back. */
  async #checkAfterReopen(signal: AbortSignal): Promise<Result<void, DeviceError>> {
    // A caller's request already running on the reopened link will show whether the pad
    // answers; a query now would only collide with it.
    if (this.kind === 'hidKeyboard' || this.#active !== undefined) {
      this.#setCondition('online');
      return ok(undefined);
    }
    const active = this.#begin(signal);
    try {
      const identity = await runQuery(this.#cycle, active.signal);
      if (!identity.ok) return identity;
      return ok(undefined);
    } finally {
      this.#end(active);
    }
  }
}
