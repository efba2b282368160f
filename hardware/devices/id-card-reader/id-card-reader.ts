/**
 * Second-generation ID-card reader (GA 467 SAM_V frames, protocols.md §1) over any
 * {@link Transport}: UART / USB-CDC as is, HID with a {@link SamEnvelope}. UnifiedPOS life
 * cycle `closed → opened → claimed → enabled`; while enabled a poll loop runs
 * `FIND → SELECT → READ` (read-cycle.ts) every `POLL_INTERVAL_MS`, one command in
 * flight (sam-channel.ts), each with its §1.9 deadline.
 *
 * Events: `cardRead` once per presentation, `cardRemoved`, `readFailed` (closed reasons),
 * `statusUpdate` (tagged union), `error`. Faults (R-V4, R-V5): unplug → `powerOff`, reopen
 * with capped backoff, SAM status check, `powerOn`; SW3 60/66 → one `10 FF` reset per
 * episode, at most {@link MAX_AUTOMATIC_RESETS} in a window, else `faulty`/`maintenance`.
 *
 * Privacy (R-P2): nothing here logs card text, ID numbers or photos — only SW3 codes,
 * lengths and timings.
 */
import createDebug from 'debug';
import { type Clock, systemClock } from '../../clock.js';
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { SAM_COMMANDS, encodeRequest, type SamCommandName, type SamResponse } from '../../protocols/sam/frame.js';
import { decodeAppendedAddress, formatSamId } from '../../protocols/sam/id-card-text.js';
import { Listeners } from '../../transports/listeners.js';
import type { CloseReason, Transport } from '../../transports/transport.js';
import { DeviceLink } from '../device-link.js';
import { Lifecycle } from '../lifecycle.js';
import { ReconnectTask, reconnectWithBackoff, type AutoReconnectOptions } from '../reconnect.js';
import type { SamEnvelope } from './envelope.js';
import type {
  CardRead,
  CardRemoved,
  IdCardReaderCondition,
  IdCardReaderState,
  IdCardReaderStatusUpdate,
  ReadFailed,
} from './events.js';
import { CommandQueue, type Task } from './command-queue.js';
import { ReadCycle } from './read-cycle.js';
import { runPollLoop } from './poll-loop.js';
import { NOT_ENABLED, fromExchangeFailure, fromSw3 } from './reader-errors.js';
import { SamChannel, type ExchangeFailure } from './sam-channel.js';
import { SamHealth } from './sam-health.js';
import { ResetBudget } from './sam-recovery.js';
import { MAX_AUTOMATIC_RESETS, type IdCardReaderTimings, type ResolvedTimings, resolveTimings, timeoutFor } from './timing.js';

const debug = createDebug('kiosk:hardware:id-card-reader');

/** Commands waiting behind the one in flight; more are refused with `busy`. */
export const MAX_QUEUED_COMMANDS = 8;
const SW3_OK = 0x90;
const SW3_NO_CONTENT = 0x91;

export interface IdCardReaderOptions extends AutoReconnectOptions {
  readonly transport: Transport;
  readonly clock?: Clock;
  /** How SAM frames travel on the link; default passthrough (UART / USB-CDC). */
  readonly envelope?: SamEnvelope;
  /** Read with `30 10` (fingerprints). Default false: biometric data (R-P1). */
  readonly isFingerprintRead?: boolean;
  /** Deadlines and intervals; defaults in timing.ts (§1.9). */
  readonly timings?: IdCardReaderTimings;
  /** Automatic resets per window before `maintenance` (R-V5). Default {@link MAX_AUTOMATIC_RESETS}. */
  readonly maxAutomaticResets?: number;
}

/** Options of a single call. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** The SAM's management info (`12 FF`). Not personal data: it identifies the reader. */
export interface SamId {
  readonly bytes: Uint8Array;
  /** `AA.BB-CCCCCCCC-DDDDDDDDDD-EEEEEEEEEE` (§1.5; rendering varies per SDK). */
  readonly text: string;
}

/**
 * ```ts
 * const reader = new IdCardReader({ transport: new SerialTransport({ path }) });
 * reader.onCardRead(({ text, photo }) => session.identify(text, photo));
 * reader.onReadFailed(({ reason }) => ui.say(reason)); // cardMoved → 请不要移动身份证
 * await reader.open(); reader.claim(); await reader.enable();
 * ```
 * Every method resolves (never rejects) with a `Result` or nothing.
 */
export class IdCardReader {
  readonly #transport: Transport;
  readonly #link: DeviceLink;
  readonly #clock: Clock;
  readonly #options: IdCardReaderOptions;
  readonly #timings: ResolvedTimings;
  readonly #channel: SamChannel;
  readonly #cycle: ReadCycle;
  readonly #budget: ResetBudget;
  readonly #health: SamHealth;
  readonly #queue = new CommandQueue(MAX_QUEUED_COMMANDS);
  readonly #cardReadListeners = new Listeners<CardRead>();
  readonly #cardRemovedListeners = new Listeners<CardRemoved>();
  readonly #readFailedListeners = new Listeners<ReadFailed>();
  readonly #statusListeners = new Listeners<IdCardReaderStatusUpdate>();
  readonly #errorListeners = new Listeners<DeviceError>();
  readonly #lifecycle = new Lifecycle(NOT_ENABLED);
  readonly #reconnect = new ReconnectTask<Result<void, DeviceError>>();
  #poll: { readonly controller: AbortController; readonly done: Promise<void> } | undefined;

  constructor(options: IdCardReaderOptions) {
    this.#options = options;
    this.#transport = options.transport;
    this.#link = new DeviceLink(this.#transport, { data: (bytes) => this.#channel.handleData(bytes), closed: (reason) => this.#onClose(reason) }, debug);
    this.#clock = options.clock ?? systemClock;
    this.#timings = resolveTimings(options.timings);
    this.#channel = new SamChannel({
      clock: this.#clock,
      write: (bytes) => this.#transport.write(bytes),
      ...(options.envelope === undefined ? {} : { envelope: options.envelope }),
      interByteTimeoutMs: this.#timings.interByteTimeoutMs,
      staleReplyGraceMs: this.#timings.staleReplyGraceMs,
      writeTimeoutMs: this.#timings.writeTimeoutMs,
    });
    this.#cycle = new ReadCycle({
      clock: this.#clock,
      isFingerprintRead: options.isFingerprintRead === true,
      send: (command, signal) => this.#send(command, signal),
      cardRead: (card) => this.#cardReadListeners.emit(card),
      cardRemoved: (removed) => this.#cardRemovedListeners.emit(removed),
      readFailed: (failed) => this.#readFailedListeners.emit(failed),
    });
    const t = this.#timings;
    this.#budget = new ResetBudget(this.#clock, options.maxAutomaticResets ?? MAX_AUTOMATIC_RESETS, t.resetWindowMs, t.resetBackoffMs);
    this.#health = new SamHealth({
      clock: this.#clock,
      budget: this.#budget,
      send: (command, signal) => this.#send(command, signal),
      forgetCard: () => this.#cycle.forgetCard(),
      statusUpdate: (update) => this.#statusListeners.emit(update),
      error: (error) => this.#errorListeners.emit(error),
    });
  }

  get lifecycle(): DeviceLifecycle {
    return this.#lifecycle.state;
  }

  /** Condition as of the last status update (`unknown` before the first status check). */
  get condition(): IdCardReaderCondition {
    return this.#health.condition;
  }

  /** `busy` while a caller's command (not the poll) is queued or running. */
  get state(): IdCardReaderState {
    const condition = this.#health.condition;
    if (condition === 'powerOff' || condition === 'faulty' || condition === 'noReply') return 'error';
    return this.#queue.callerQueued > 0 ? 'busy' : 'idle';
  }

  /** True while a card that was read (or failed to decode) is still on the reader. */
  get hasCard(): boolean {
    return this.#cycle.hasCard;
  }

  get description(): string {
    return this.#transport.description;
  }

  /** A card was read and decoded; once per presentation. Personal data: never log it. */
  onCardRead(listener: (card: CardRead) => void): () => void {
    return this.#cardReadListeners.add(listener);
  }

  onCardRemoved(listener: (removed: CardRemoved) => void): () => void {
    return this.#cardRemovedListeners.add(listener);
  }

  /** A card was found but not read; `reason` is a closed set for the UI's words. */
  onReadFailed(listener: (failed: ReadFailed) => void): () => void {
    return this.#readFailedListeners.add(listener);
  }

  onStatusUpdate(listener: (update: IdCardReaderStatusUpdate) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /** Failures outside a call's own result: unplug, driver bugs (SW3 10/11/21), gave up. */
  onError(listener: (error: DeviceError) => void): () => void {
    return this.#errorListeners.add(listener);
  }

  /** Opens the transport. Errors: `noHardware`, `busy`, `failure` (from the transport). */
  async open(): Promise<Result<void, DeviceError>> {
    if (this.#lifecycle.state !== 'closed') return ok(undefined);
    const opened = await this.#link.open('cannot open the ID-card reader');
    if (!opened.ok) return opened;
    this.#channel.reset();
    this.#lifecycle.opened();
    this.#health.forget();
    return ok(undefined);
  }

  /** `opened → claimed`. Errors: `closed`. */
  claim(): Result<void, DeviceError> {
    return this.#lifecycle.claim();
  }

  /**
   * `claimed → enabled`: checks the SAM (`11 FF`, resetting it on 60/66) and starts polling
   * for cards. The reader stays enabled when the check fails; the result says why no card
   * can be read yet, and the poll loop keeps checking until the SAM answers.
   */
  async enable(options: CallOptions = {}): Promise<Result<void, DeviceError>> {
    const enabled = this.#lifecycle.enable();
    if (!enabled.ok) return enabled;
    const health = await this.checkHealth(options);
    if (this.#lifecycle.state === 'enabled') this.#startPolling();
    return health;
  }

  /** `enabled → claimed`: stops polling; resolves once the command in flight has ended. */
  async disable(): Promise<void> {
    this.#lifecycle.disable();
    await this.#stopPolling();
  }

  /** `claimed|enabled → opened`. */
  async release(): Promise<void> {
    await this.disable();
    this.#lifecycle.release();
  }

  /** Stops polling and reconnecting, fails the command in flight, closes the transport. Idempotent. */
  async close(): Promise<void> {
    this.#lifecycle.close();
    this.#reconnect.stop();
    this.#channel.linkLost();
    await this.#stopPolling();
    await this.#link.close();
  }

  /**
   * SAM status check (`11 FF`, `STATUS_TIMEOUT_MS`); on 60/66 one automatic reset (R-V5).
   * Errors: `timeout`/`noReply`, `extended` + SAM status name (e.g. `selfTestFailed`),
   * `offline`/`powerOff`, `cancelled`, `busy`, life-cycle errors.
   */
  checkHealth(options: CallOptions = {}): Promise<Result<void, DeviceError>> {
    return this.#run(options.signal, (signal) => this.#health.check(signal));
  }

  /**
   * Technician reset (XFS `reset` action): `10 FF`, then `11 FF`; clears the automatic
   * reset budget and a `faulty` condition when the SAM passes. Errors as {@link checkHealth}.
   */
  reset(options: CallOptions = {}): Promise<Result<void, DeviceError>> {
    return this.#run(options.signal, (signal) => {
      this.#budget.clear();
      return this.#health.reset(undefined, signal);
    });
  }

  /** Reads the SAM ID (`12 FF`, `STATUS_TIMEOUT_MS`). Errors as {@link checkHealth}. */
  readSamId(options: CallOptions = {}): Promise<Result<SamId, DeviceError>> {
    return this.#run(options.signal, async (signal) => {
      const reply = await this.#command('readSamId', signal);
      if (!reply.ok) return reply;
      const text = formatSamId(reply.value.data);
      return text === null ? err(deviceError('failure', 'the SAM ID is not 16 bytes', 'badFrame')) : ok({ bytes: reply.value.data, text });
    });
  }

  /**
   * Reads the appended (latest) address (`30 03`, `APPENDED_ADDRESS_TIMEOUT_MS`) of
   * the card just read; only valid while it stays in the field (§1.6). `null` = none (91).
   * Personal data: never log the value. Errors as {@link checkHealth}, plus `extended` with
   * `cardNotFound`/`readFailed` when the card is gone.
   */
  readAppendedAddress(options: CallOptions = {}): Promise<Result<string | null, DeviceError>> {
    return this.#run(options.signal, async (signal) => {
      const reply = await this.#command('readAppendedAddress', signal, [SW3_OK, SW3_NO_CONTENT]);
      if (!reply.ok) return reply;
      if (reply.value.sw3 === SW3_NO_CONTENT) return ok(null);
      const address = decodeAppendedAddress(reply.value.data);
      return address.ok ? ok(address.value) : err(deviceError('failure', `appended address: ${address.error.code}`, 'badCardData'));
    });
  }

  /**
   * Reopens the transport now (capped backoff between attempts) and checks the SAM before
   * use (R-V4). Shares an attempt already running. Errors: `closed`, `cancelled`,
   * `noHardware`/`reconnectFailed` after `reconnectMaxAttempts`, `extended` when faulty.
   */
  reconnect(): Promise<Result<void, DeviceError>> {
    if (!this.#reconnect.isRunning && this.#lifecycle.state === 'closed') return Promise.resolve(err(NOT_ENABLED.closed));
    return this.#reconnect.run((signal) => this.#reconnectLoop(signal));
  }

  #onClose(reason: CloseReason): void {
    if (reason.kind === 'requested' || this.#lifecycle.state === 'closed') return;
    debug('%s lost: %s', this.description, reason.detail);
    this.#channel.linkLost();
    this.#health.setCondition('powerOff', { kind: 'powerOff', detail: reason.detail });
    // The module is power-cycled by a replug: it forgets the card, and so do we.
    this.#cycle.forgetCard();
    this.#errorListeners.emit(deviceError('offline', `the ID-card reader link was lost: ${reason.detail}`, 'powerOff'));
    if (this.#options.isAutoReconnect !== false) void this.reconnect();
  }

  #reconnectLoop(signal: AbortSignal): Promise<Result<void, DeviceError>> {
    return reconnectWithBackoff({
      transport: this.#transport,
      clock: this.#clock,
      initialDelayMs: this.#timings.reconnectInitialDelayMs,
      maxDelayMs: this.#timings.reconnectMaxDelayMs,
      maxAttempts: this.#options.reconnectMaxAttempts ?? Number.POSITIVE_INFINITY,
      signal,
      deviceName: 'the ID-card reader',
      debug,
      reopened: () => this.#channel.reset(),
      check: async (attempt) => {
        // R-V4: the SAM must pass its status check before the reader is used again.
        const health = await this.#run(signal, (s) => this.#health.check(s), true);
        if (health.ok || health.error.code === 'cancelled' || this.#health.condition === 'faulty') return health;
        debug('SAM not ready after reopen (attempt %d): %s', attempt, health.error.message);
        return 'retry';
      },
      gaveUp: (error) => this.#errorListeners.emit(error),
    });
  }

  #startPolling(): void {
    if (this.#poll !== undefined) return;
    const controller = new AbortController();
    const loop = runPollLoop(
      {
        clock: this.#clock,
        pollIntervalMs: this.#timings.pollIntervalMs,
        isEnabled: () => this.#lifecycle.state === 'enabled',
        health: this.#health,
        cycle: this.#cycle,
        run: (signal, task) => this.#run(signal, task, true),
        error: (error) => this.#errorListeners.emit(error),
      },
      controller.signal,
    );
    const done = loop.finally(() => {
      if (this.#poll?.controller === controller) this.#poll = undefined;
    });
    this.#poll = { controller, done };
  }

  async #stopPolling(): Promise<void> {
    const poll = this.#poll;
    if (poll === undefined) return;
    poll.controller.abort();
    await poll.done;
  }

  /** Sends `command` with its deadline; counts silent commands towards `noReply`. */
  async #send(command: SamCommandName, signal?: AbortSignal): Promise<Result<SamResponse, ExchangeFailure>> {
    const { cmd, para } = SAM_COMMANDS[command];
    const request = encodeRequest(cmd, para ?? 0);
    const reply = await this.#channel.exchange({ command, request, timeoutMs: timeoutFor(this.#timings, command), signal });
    this.#health.noteReply(reply);
    return reply;
  }

  /** {@link #send} for callers: any SW3 outside `accepted` is an `extended` error. */
  async #command(command: SamCommandName, signal?: AbortSignal, accepted: readonly number[] = [SW3_OK]): Promise<Result<SamResponse, DeviceError>> {
    const reply = await this.#send(command, signal);
    if (!reply.ok) return err(fromExchangeFailure(reply.error, command));
    if (!accepted.includes(reply.value.sw3)) return err(fromSw3(reply.value.sw3, command));
    return ok(reply.value);
  }

  /**
   * Queues `task` behind the command in flight. `isInternal` (poll, reconnect) skips the
   * life-cycle check and does not count as `busy`.
   */
  #run<T>(signal: AbortSignal | undefined, task: Task<T>, isInternal = false): Promise<Result<T, DeviceError>> {
    return this.#queue.run(signal, task, () => this.#refusal(isInternal), isInternal);
  }

  #refusal(isInternal: boolean): DeviceError | undefined {
    const notEnabled = isInternal ? undefined : this.#lifecycle.refusal;
    if (notEnabled !== undefined) return notEnabled;
    if (this.#health.condition === 'powerOff' && !this.#reconnect.isRunning && !this.#transport.isOpen) {
      return deviceError('offline', 'the ID-card reader link is down', 'powerOff');
    }
    return undefined;
  }
}
