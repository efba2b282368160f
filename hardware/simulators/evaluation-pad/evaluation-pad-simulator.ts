/**
 * The device side of an evaluation pad (protocols.md §4.3; style.md "Simulators"): a
 * serial pad speaking the generic profile of serial-pad-frame.ts with a vendor code table,
 * or a keyboard-style HID pad sending boot-keyboard reports. Attach it to any
 * {@link Transport} endpoint (memory pair, socat pty, real serial port via cli.ts).
 *
 * Physical model: a serial pad shows a prompt from `S` until a button is pressed, `C`
 * arrives or a new `S` replaces it; buttons pressed while no prompt shows are ignored, as
 * on real pads. A HID pad is a keyboard: every press is typed, prompt or not. Faults
 * (faults.ts): no answer, double press, unplug mid-prompt, line noise.
 */
import createDebug from 'debug';
import { type Clock, type TimerHandle, systemClock } from '../../clock.js';
import { encodeBootReport } from '../../protocols/hid-keyboard/boot-report.js';
import {
  DEFAULT_CODE_TABLE,
  codeForLevel,
  formatCode,
  parseCode,
  type EvaluationLevel,
  type VendorCodeTable,
} from '../../protocols/evaluation-pad/code-table.js';
import { DEFAULT_HID_KEY_TABLE, type HidKeyTable } from '../../protocols/evaluation-pad/hid-pad-keys.js';
import {
  DEFAULT_PAD_ADDRESS,
  PadFramer,
  decodeCommand,
  encodeReply,
  type PadReply,
} from '../../protocols/evaluation-pad/serial-pad-frame.js';
import { Listeners } from '../../transports/listeners.js';
import { MemoryTransport } from '../../transports/memory-transport.js';
import { errorMessage } from '../../transports/transport-error.js';
import type { Transport } from '../../transports/transport.js';
import type { EvaluationPadKind } from '../../devices/evaluation-pad/events.js';
import { DeviceEnd } from '../device-end.js';
import { DEFAULT_HID_GARBAGE, DEFAULT_PAD_GARBAGE, HID_ROLL_OVER_REPORT, type EvaluationPadFaults } from './faults.js';

const debug = createDebug('kiosk:simulator:evaluation-pad');

/** Commands kept in {@link EvaluationPadSimulator.received}; older ones are dropped. */
export const MAX_RECORDED_COMMANDS = 10_000;
export const DEFAULT_SIMULATED_MODEL = 'SIM-EP5';
export const DEFAULT_SIMULATED_FIRMWARE = '1.0.0';

/** Press a button automatically `afterMs` after each prompt (serial pads). */
export interface AutoPress {
  readonly level: EvaluationLevel;
  readonly afterMs: number;
}

export interface EvaluationPadSimulatorOptions {
  /** Default `serial`. */
  readonly kind?: EvaluationPadKind;
  /** Serial: the pad's multi-drop address. Default 1. */
  readonly address?: number;
  /** Serial: which code each button sends. Default {@link DEFAULT_CODE_TABLE}. */
  readonly codeTable?: VendorCodeTable;
  /** HID: which key each button types. Default {@link DEFAULT_HID_KEY_TABLE}. */
  readonly keyTable?: HidKeyTable;
  readonly clock?: Clock;
  /** Serial: model name in the query reply. Default {@link DEFAULT_SIMULATED_MODEL}. */
  readonly model?: string;
  /** Serial: firmware version in the query reply. */
  readonly firmware?: string;
  /** HID: put this report ID in front of every report. */
  readonly reportId?: number;
  readonly autoPress?: AutoPress;
  readonly faults?: EvaluationPadFaults;
}

/** One command as received, with the simulator clock's time. */
export interface RecordedPadCommand {
  readonly atMs: number;
  readonly address: number;
  readonly command: 'query' | 'start' | 'cancel' | 'unknown';
  readonly cmd: number;
  /** The prompt id of a `start`, else null. */
  readonly promptId: number | null;
}

/** A prompt the pad started showing. */
export interface PadPrompt {
  readonly atMs: number;
  readonly promptId: number | null;
}

/** What to press: a level (the button the table maps to it) or a raw code / usage. */
export type PadButton = EvaluationLevel | { readonly code: number | string };

export class EvaluationPadSimulator {
  readonly kind: EvaluationPadKind;
  readonly address: number;
  /** Mutable fault script; see {@link EvaluationPadFaults}. */
  readonly faults: EvaluationPadFaults;
  /** Mutable: change or clear the automatic press at any time. */
  autoPress: AutoPress | undefined;
  readonly #clock: Clock;
  readonly #codeTable: VendorCodeTable;
  readonly #keyTable: HidKeyTable;
  readonly #model: string;
  readonly #firmware: string;
  readonly #reportId: number | undefined;
  readonly #framer = new PadFramer();
  readonly #received: RecordedPadCommand[] = [];
  readonly #promptListeners = new Listeners<PadPrompt>();
  readonly #commandListeners = new Listeners<RecordedPadCommand>();
  #isPrompted = false;
  #autoTimer: TimerHandle = undefined;
  readonly #link = new DeviceEnd();
  #tail: Promise<void> = Promise.resolve();

  constructor(options: EvaluationPadSimulatorOptions = {}) {
    this.kind = options.kind ?? 'serial';
    this.address = options.address ?? DEFAULT_PAD_ADDRESS;
    this.#clock = options.clock ?? systemClock;
    this.#codeTable = options.codeTable ?? DEFAULT_CODE_TABLE;
    this.#keyTable = options.keyTable ?? DEFAULT_HID_KEY_TABLE;
    this.#model = options.model ?? DEFAULT_SIMULATED_MODEL;
    this.#firmware = options.firmware ?? DEFAULT_SIMULATED_FIRMWARE;
    this.#reportId = options.reportId;
    this.autoPress = options.autoPress;
    this.faults = { ...options.faults };
  }

  /** True while a serial pad shows a prompt (always false for HID pads). */
  get isPrompted(): boolean {
    return this.#isPrompted;
  }

  /** Every command received (newest last, at most {@link MAX_RECORDED_COMMANDS}). */
  get received(): readonly RecordedPadCommand[] {
    return this.#received;
  }

  /** Connects to the device end of a link; returns a detach function. One link at a time. */
  attach(transport: Transport): () => void {
    this.detach();
    this.#link.attach(transport, {
      data: (bytes) => this.#receive(bytes),
      closed: (reason) => {
        // A new connection starts a new byte stream, and a pad that lost power forgets
        // its prompt.
        debug('link closed (%s)', reason.kind);
        this.#framer.reset();
        this.#endPrompt();
      },
    });
    return () => this.detach();
  }

  detach(): void {
    this.#link.detach();
    this.#endPrompt();
  }

  /** A prompt started (serial `S` acked); for tests and dev panels that answer it. */
  onPrompt(listener: (prompt: PadPrompt) => void): () => void {
    return this.#promptListeners.add(listener);
  }

  /** Every command, after the pad has decided its answer. */
  onCommand(listener: (command: RecordedPadCommand) => void): () => void {
    return this.#commandListeners.add(listener);
  }

  /**
   * The citizen presses a button. Returns whether the pad sent anything: a serial pad
   * ignores buttons while no prompt shows, and a pad has no button for a level its table
   * lacks (4-key pads). A raw `{code}` (number or `"0x39"`) is sent as is.
   */
  press(button: PadButton): boolean {
    if (this.faults.noAnswer === true) return false;
    const code = this.#codeFor(button);
    if (code === undefined) {
      debug('no button for %s', typeof button === 'number' ? `level ${button}` : String(button.code));
      return false;
    }
    const times = this.faults.doublePress === true ? 2 : 1;
    if (this.kind === 'hidKeyboard') {
      for (let i = 0; i < times; i += 1) {
        this.#sendReport(encodeBootReport(0, [code], this.#reportId));
        this.#sendReport(encodeBootReport(0, [], this.#reportId));
      }
      return true;
    }
    if (!this.#isPrompted) return false;
    // The pad leaves its prompt after one press (serial-pad-frame.ts).
    this.#endPrompt();
    for (let i = 0; i < times; i += 1) this.#sendFrame({ kind: 'key', code });
    return true;
  }

  /** Resolves once every frame or report decided so far has been written (or dropped). */
  whenIdle(): Promise<void> {
    return this.#tail;
  }

  #codeFor(button: PadButton): number | undefined {
    if (typeof button !== 'number') return typeof button.code === 'number' ? button.code & 0xff : parseCode(button.code);
    return codeForLevel(this.kind === 'serial' ? this.#codeTable : this.#keyTable, button);
  }

  #receive(bytes: Uint8Array): void {
    // A keyboard's only output reports are LEDs; nothing the host sends means anything.
    if (this.kind === 'hidKeyboard') return;
    for (const event of this.#framer.push(bytes)) {
      if (event.kind === 'discarded') continue;
      const { frame } = event;
      const command = decodeCommand(frame);
      const recorded: RecordedPadCommand = {
        atMs: this.#clock.now(),
        address: frame.address,
        command: command?.kind ?? 'unknown',
        cmd: frame.cmd,
        promptId: command?.kind === 'start' ? (command.promptId ?? null) : null,
      };
      this.#received.push(recorded);
      if (this.#received.length > MAX_RECORDED_COMMANDS) this.#received.shift();
      // On a multi-drop line every pad hears every frame and answers only its own.
      if (frame.address === this.address && this.faults.noAnswer !== true) this.#answer(recorded);
      this.#commandListeners.emit(recorded);
    }
  }

  #answer(command: RecordedPadCommand): void {
    switch (command.command) {
      case 'query':
        this.#sendFrame({ kind: 'identity', model: this.#model, firmware: this.#firmware });
        return;
      case 'start':
        this.#endPrompt();
        this.#sendFrame({ kind: 'ack', of: 'start' });
        this.#isPrompted = true;
        if (this.faults.unplugMidPrompt === true) {
          this.faults.unplugMidPrompt = false;
          this.#unplugAfterWrites();
          return;
        }
        this.#promptListeners.emit({ atMs: command.atMs, promptId: command.promptId });
        this.#armAutoPress();
        return;
      case 'cancel':
        this.#endPrompt();
        this.#sendFrame({ kind: 'ack', of: 'cancel' });
        return;
      case 'unknown':
        debug('unknown command %s ignored', formatCode(command.cmd));
        return;
    }
  }

  #armAutoPress(): void {
    const auto = this.autoPress;
    if (auto === undefined) return;
    this.#autoTimer = this.#clock.setTimeout(() => {
      this.#autoTimer = undefined;
      this.press(auto.level);
    }, auto.afterMs);
  }

  #endPrompt(): void {
    this.#isPrompted = false;
    if (this.#autoTimer !== undefined) this.#clock.clearTimeout(this.#autoTimer);
    this.#autoTimer = undefined;
  }

  #sendFrame(reply: PadReply): void {
    const garbage = this.faults.garbage === true ? DEFAULT_PAD_GARBAGE : this.faults.garbage;
    this.#write(garbage === false || garbage === undefined ? [] : [garbage], encodeReply(this.address, reply));
  }

  #sendReport(report: Uint8Array): void {
    const noise = this.faults.garbage === undefined || this.faults.garbage === false ? [] : [this.faults.garbage === true ? DEFAULT_HID_GARBAGE : this.faults.garbage, HID_ROLL_OVER_REPORT];
    this.#write(noise, report);
  }

  /** Queues writes behind those already queued: a pad sends one thing after the other. */
  #write(before: readonly Uint8Array[], bytes: Uint8Array): void {
    this.#tail = this.#tail
      .then(async () => {
        const transport = this.#link.transport;
        if (transport === undefined || !transport.isOpen) return;
        for (const noise of before) await transport.write(noise);
        await transport.write(bytes);
      })
      .catch((error: unknown) => debug('write lost: %s', errorMessage(error)));
  }

  /** After the ack is on the wire, the pad's side of the link goes away. */
  #unplugAfterWrites(): void {
    this.#tail = this.#tail
      .then(async () => {
        const transport = this.#link.transport;
        debug('unplugged mid-prompt (scripted)');
        // A memory link can signal an unplug to both ends; other transports can only close
        // our end (on a pty pair the host notices when socat hangs up).
        if (transport instanceof MemoryTransport) transport.disconnect('unplugged mid-prompt');
        else await transport?.close();
      })
      .catch((error: unknown) => debug('unplug failed: %s', errorMessage(error)));
  }
}
