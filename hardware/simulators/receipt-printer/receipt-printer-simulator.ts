/**
 * The device side of an ESC/POS receipt printer (style.md "Simulators", protocols.md §2.5
 * "Simulator"). Attach it to any {@link Transport} endpoint: a memory pair in unit tests, a
 * pty from socat in integration tests, a real serial port from the CLI.
 *
 * Model of the mechanism:
 * - the receive path parses bytes at once; real-time commands (`DLE EOT`, `DLE ENQ`) are
 *   answered there, ahead of buffered data, as on real printers (§2.5);
 * - everything else queues for the print engine, which stops while the printer is stopped
 *   (paper end, cover open, cutter error, offline) and resumes when the cause is cleared,
 *   printing the rest of the job (§2.5 "resumes automatically on most models");
 * - buffered replies (`GS r`) are sent by the engine when it reaches them, so not while
 *   stopped (§2.5);
 * - a job ends at a cut, or at `ESC @` after printed content; it is then written to
 *   `outDir` as `.bin`/`.txt`/`.svg` (job-store.ts).
 */
import createDebug from 'debug';
import { type Clock, systemClock, sleep } from '../../clock.js';
import { concatBytes } from '../../protocols/escpos/commands.js';
import type { EscPosCommand } from '../../protocols/escpos/stream-command.js';
import { isRealtimeCommand } from '../../protocols/escpos/stream-command.js';
import { EscPosStreamParser } from '../../protocols/escpos/stream-parser.js';
import {
  type PaperState,
  type PrinterCondition,
  encodeAsb,
  encodePaperSensorStatus,
  encodeRealtimeStatus,
  isStopped,
} from '../../protocols/escpos/status.js';
import { Listeners } from '../../transports/listeners.js';
import type { Transport } from '../../transports/transport.js';
import { DeviceEnd } from '../device-end.js';
import { renderJobSvg } from './job-svg.js';
import { renderJobText } from './job-text.js';
import { JobStore, type JobFiles } from './job-store.js';
import { PrintHead } from './print-head.js';

const debug = createDebug('kiosk:simulator:receipt-printer');

/** Commands kept in {@link ReceiptPrinterSimulator.received}; older ones are dropped. */
export const MAX_RECORDED_COMMANDS = 10_000;

/** The physical state the simulator answers status queries from. */
export interface ReceiptPrinterModel {
  readonly paper: PaperState;
  readonly coverOpen: boolean;
  /** A jammed cutter. Clearing it is not enough: the host must send `DLE ENQ 1|2` (§2.5). */
  readonly cutterJam: boolean;
  /** Online switch / power; false = offline for any other reason. */
  readonly online: boolean;
}

/** Scripted faults (style.md "Simulators"). All optional; change them at any time. */
export interface ReceiptPrinterFaults {
  /** Paper runs out after this many more printed lines (one-shot, counted from setting it). */
  paperOutAfterLines?: number | undefined;
  /** Paper runs out after this many more job bytes have been processed (one-shot). */
  paperOutAfterBytes?: number | undefined;
  /** A cut jams the cutter (sets `cutterJam`). */
  jamOnCut?: boolean | undefined;
  /** Every reply is sent this many ms late. */
  replyDelayMs?: number | undefined;
  /** No replies at all (dead printer, TX line broken). */
  isMute?: boolean | undefined;
  /** Sent before every reply (line noise). */
  garbageBeforeReply?: Uint8Array | undefined;
}

export interface ReceiptPrinterSimulatorOptions {
  /** Folder for `<n>.bin/.txt/.svg`; no files are written when absent. */
  readonly outDir?: string;
  readonly clock?: Clock;
  /** Time to print one line (ms); 0 prints instantly. */
  readonly printDelayMs?: number;
  readonly model?: Partial<ReceiptPrinterModel>;
  readonly faults?: ReceiptPrinterFaults;
  /** Chinese mode after power-on / `ESC @` (§2.3). Default true. */
  readonly isChineseAtPowerOn?: boolean;
}

/** One command as received, with the simulator clock's time. */
export interface RecordedCommand {
  readonly atMs: number;
  readonly command: EscPosCommand;
}

/** A finished job. `files` is set when the simulator has an `outDir`. */
export interface CompletedJob {
  /** 1-based count of jobs completed by this simulator instance. */
  readonly sequence: number;
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly files: JobFiles | undefined;
}

const MODEL_OK: ReceiptPrinterModel = { paper: 'ok', coverOpen: false, cutterJam: false, online: true };

export class ReceiptPrinterSimulator {
  /** Mutable fault script; see {@link ReceiptPrinterFaults}. */
  readonly faults: ReceiptPrinterFaults;
  readonly #clock: Clock;
  readonly #printDelayMs: number;
  readonly #store: JobStore | undefined;
  readonly #head: PrintHead;
  readonly #received: RecordedCommand[] = [];
  readonly #jobs: CompletedJob[] = [];
  readonly #jobListeners = new Listeners<CompletedJob>();
  readonly #commandListeners = new Listeners<EscPosCommand>();
  readonly #changeWaiters = new Set<() => void>();
  readonly #queue: EscPosCommand[] = [];
  #model: ReceiptPrinterModel;
  /** Latched cutter error: stays set after the jam is cleared until `DLE ENQ` (§2.5). */
  #isCutterErrorLatched = false;
  #asbFlags = 0;
  #parser = new EscPosStreamParser();
  readonly #link = new DeviceEnd();
  #jobParts: Uint8Array[] = [];
  #isEngineRunning = false;
  readonly #engineIdleWaiters = new Set<() => void>();
  readonly #pendingWork = new Set<Promise<unknown>>();
  #jobCount = 0;

  constructor(options: ReceiptPrinterSimulatorOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#printDelayMs = options.printDelayMs ?? 0;
    this.#store = options.outDir === undefined ? undefined : new JobStore(options.outDir);
    this.#head = new PrintHead(options.isChineseAtPowerOn ?? true);
    this.#model = { ...MODEL_OK, ...options.model };
    this.#isCutterErrorLatched = this.#model.cutterJam;
    this.faults = { ...options.faults };
  }

  /** Current physical state. */
  get model(): ReceiptPrinterModel {
    return this.#model;
  }

  /** What a status query would report now. */
  get condition(): PrinterCondition {
    return {
      paper: this.#model.paper,
      coverOpen: this.#model.coverOpen,
      cutterError: this.#isCutterErrorLatched,
      online: this.#model.online,
    };
  }

  /** Every command received (newest last, at most {@link MAX_RECORDED_COMMANDS}). */
  get received(): readonly RecordedCommand[] {
    return this.#received;
  }

  get jobs(): readonly CompletedJob[] {
    return this.#jobs;
  }

  /**
   * Changes the physical state (load paper, open the cover, jam the cutter…). Sends ASB if
   * enabled and wakes a stopped print engine.
   */
  setModel(patch: Partial<ReceiptPrinterModel>): void {
    const before = this.condition;
    this.#model = { ...this.#model, ...patch };
    if (patch.cutterJam === true) this.#isCutterErrorLatched = true;
    this.#conditionChanged(before);
  }

  /** Connects to the device end of a link; returns a detach function. One link at a time. */
  attach(transport: Transport): () => void {
    this.#link.attach(transport, {
      data: (bytes) => this.#receive(bytes),
      closed: (reason) => {
        // A new connection starts a new byte stream; a half-received command is lost.
        debug('link closed (%s); parser reset', reason.kind);
        this.#parser = new EscPosStreamParser();
      },
    });
    return () => this.detach();
  }

  detach(): void {
    this.#link.detach();
  }

  onJobCompleted(listener: (job: CompletedJob) => void): () => void {
    return this.#jobListeners.add(listener);
  }

  /** Every parsed command, as it is received. */
  onCommand(listener: (command: EscPosCommand) => void): () => void {
    return this.#commandListeners.add(listener);
  }

  /** Ends a job that never got a cut (writes it if it has printed content). */
  flushJob(): void {
    if (this.#head.hasContent) this.#completeJob();
  }

  /**
   * Resolves once queued commands are printed (or the engine is stopped on a fault), pending
   * replies are sent and job files are written.
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      const isEngineBusy = this.#isEngineRunning && !this.#isHalted();
      if (!isEngineBusy && this.#pendingWork.size === 0) return;
      const engineIdle = new Promise<void>((resolve) => this.#engineIdleWaiters.add(resolve));
      await Promise.race([...this.#pendingWork, ...(isEngineBusy ? [engineIdle] : [])]);
    }
  }

  #notifyEngineIdle(): void {
    for (const resolve of [...this.#engineIdleWaiters]) resolve();
    this.#engineIdleWaiters.clear();
  }

  #receive(bytes: Uint8Array): void {
    for (const command of this.#parser.push(bytes)) {
      this.#received.push({ atMs: this.#clock.now(), command });
      if (this.#received.length > MAX_RECORDED_COMMANDS) this.#received.shift();
      this.#commandListeners.emit(command);
      if (isRealtimeCommand(command)) this.#executeRealtime(command);
      else this.#queue.push(command);
    }
    this.#startEngine();
  }

  #executeRealtime(command: EscPosCommand): void {
    if (command.kind === 'realtimeStatusRequest') {
      const n = command.n;
      if (n === 1 || n === 2 || n === 3 || n === 4) this.#reply(Uint8Array.of(encodeRealtimeStatus(n, this.condition)));
    } else if (command.kind === 'realtimeRequest' && (command.n === 1 || command.n === 2)) {
      // DLE ENQ 1|2 recovers from a recoverable error once its cause is gone (§2.5).
      if (this.#isCutterErrorLatched && !this.#model.cutterJam) {
        const before = this.condition;
        this.#isCutterErrorLatched = false;
        if (command.n === 2) this.#queue.length = 0;
        this.#conditionChanged(before);
      }
    }
  }

  #reply(bytes: Uint8Array): void {
    if (this.faults.isMute === true) return;
    const garbage = this.faults.garbageBeforeReply;
    const out = garbage === undefined ? bytes : concatBytes([garbage, bytes]);
    const delayMs = this.faults.replyDelayMs ?? 0;
    const send = (): void => {
      const transport = this.#link.transport;
      if (transport === undefined || !transport.isOpen) return;
      this.#track(transport.write(out).catch((error: unknown) => debug('reply lost: %O', error)));
    };
    if (delayMs > 0) this.#track(sleep(this.#clock, delayMs).then(send));
    else send();
  }

  #track(work: Promise<unknown>): void {
    this.#pendingWork.add(work);
    void work.finally(() => this.#pendingWork.delete(work));
  }

  #conditionChanged(before: PrinterCondition): void {
    const after = this.condition;
    const isSame =
      before.paper === after.paper &&
      before.coverOpen === after.coverOpen &&
      before.cutterError === after.cutterError &&
      before.online === after.online;
    if (!isSame && this.#asbFlags !== 0) this.#reply(encodeAsb(after));
    for (const wake of [...this.#changeWaiters]) wake();
    this.#changeWaiters.clear();
  }

  #isHalted(): boolean {
    return isStopped(this.condition);
  }

  #startEngine(): void {
    if (this.#isEngineRunning || this.#queue.length === 0) return;
    this.#isEngineRunning = true;
    void this.#runEngine().finally(() => {
      this.#isEngineRunning = false;
      this.#notifyEngineIdle();
    });
  }

  async #runEngine(): Promise<void> {
    while (this.#queue.length > 0) {
      if (this.#isHalted()) {
        // Stopped (paper end, cover open, error): data stays buffered until recovery (§2.5).
        this.#notifyEngineIdle();
        await new Promise<void>((resolve) => this.#changeWaiters.add(resolve));
        continue;
      }
      const command = this.#queue.shift();
      if (command !== undefined) await this.#execute(command);
    }
  }

  async #execute(command: EscPosCommand): Promise<void> {
    if (command.kind === 'initialise' && this.#head.hasContent) this.#completeJob();
    if (command.kind === 'initialise') this.#jobParts = [];
    this.#jobParts.push(command.raw);
    this.#head.apply(command);
    this.#countPaper(command);
    switch (command.kind) {
      case 'lineFeed':
      case 'feedLines':
        if (this.#printDelayMs > 0) await sleep(this.#clock, this.#printDelayMs);
        break;
      case 'transmitStatus':
        // GS r 1|49 paper sensor; GS r 2|50 drawer (no drawer: 0).
        this.#reply(Uint8Array.of(command.n === 1 || command.n === 49 ? encodePaperSensorStatus(this.condition) : 0));
        break;
      case 'asbEnable':
        this.#asbFlags = command.flags;
        if (command.flags !== 0) this.#reply(encodeAsb(this.condition));
        break;
      case 'cut':
        if (this.faults.jamOnCut === true) {
          this.#head.markCutJammed();
          this.setModel({ cutterJam: true });
        }
        // A cut after nothing visible (receiptline's closing cut after a `=` line) is a
        // blank slip, not a job.
        if (this.#head.hasContent) this.#completeJob();
        else this.#discardJob();
        break;
      default:
        break;
    }
  }

  /** Scripted paper-out: counts printed lines or job bytes down to zero. */
  #countPaper(command: EscPosCommand): void {
    const faults = this.faults;
    if (faults.paperOutAfterBytes !== undefined) {
      faults.paperOutAfterBytes -= command.raw.length;
      if (faults.paperOutAfterBytes <= 0) {
        faults.paperOutAfterBytes = undefined;
        this.setModel({ paper: 'empty' });
      }
    }
    const lines = command.kind === 'lineFeed' ? 1 : command.kind === 'feedLines' ? command.lines : 0;
    if (faults.paperOutAfterLines !== undefined && lines > 0) {
      faults.paperOutAfterLines -= lines;
      if (faults.paperOutAfterLines <= 0) {
        faults.paperOutAfterLines = undefined;
        this.setModel({ paper: 'empty' });
      }
    }
  }

  #completeJob(): void {
    const blocks = this.#head.takeBlocks();
    const bytes = concatBytes(this.#jobParts);
    this.#jobParts = [];
    const text = renderJobText(blocks);
    this.#jobCount += 1;
    const sequence = this.#jobCount;
    debug('job %d completed: %d bytes', sequence, bytes.length);
    const store = this.#store;
    if (store === undefined) {
      this.#recordJob({ sequence, bytes, text, files: undefined });
      return;
    }
    // Files are written off the protocol loop; the job is reported once they exist.
    const written = store
      .write({ bytes, text, svg: () => renderJobSvg(blocks) })
      .then(
        (files) => this.#recordJob({ sequence, bytes, text, files }),
        (error: unknown) => {
          debug('cannot write job %d: %O', sequence, error);
          this.#recordJob({ sequence, bytes, text, files: undefined });
        },
      );
    this.#track(written);
  }

  #discardJob(): void {
    this.#head.takeBlocks();
    this.#jobParts = [];
  }

  #recordJob(job: CompletedJob): void {
    this.#jobs.push(job);
    this.#jobListeners.emit(job);
  }
}
