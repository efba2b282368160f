/**
 * The device side of a GA 467 ID-card reader (protocols.md §1.10; style.md "Simulators"):
 * decodes request frames and encodes replies with the same codec as the driver,
 * byte-exact. Attach it to any {@link Transport} endpoint (memory pair, socat pty, real
 * serial port via cli.ts); HID report tunnelling with a device-side envelope codec.
 *
 * Physical model (§1.9, §1.10), modelled on module behaviour seen in SDKs [vendor]:
 * - card `absent | present-fresh | present-read`; FIND (`20 01`) → `9F` only when fresh,
 *   else `80`; SELECT (`20 02`) → `90` while a card is in the field in any state, `81`
 *   when absent; a successful READ makes the card `present-read`, so the module refuses to
 *   FIND it again until it is removed and re-presented;
 * - READ needs a SELECT since the last FIND/reset (else `41`); `30 03` needs a read card;
 * - a SAM fault (60/66) answers every command but `10 FF` with its code; a reset, like
 *   losing the link (USB power), power-cycles the module: a transient fault clears and a
 *   read card becomes fresh.
 */
import createDebug from 'debug';
import { type Clock, systemClock } from '../../clock.js';
import {
  MIN_REQUEST_LEN,
  SamFramer,
  decodeRequest,
  encodeResponse,
  type SamCommandName,
  type SamRequest,
} from '../../protocols/sam/frame.js';
import { Listeners } from '../../transports/listeners.js';
import type { Transport } from '../../transports/transport.js';
import type { SamEnvelope } from '../../devices/id-card-reader/envelope.js';
import { DeviceEnd } from '../device-end.js';
import { type IdCardReaderFaults, type OneShotFault, isReadCommand, matches } from './faults.js';
import { ReplySender, type SentReply } from './reply-sender.js';
import { type SimulatedCard, encodeAppendedAddress, encodeTextAndPhoto, encodeWithFingerprint } from './simulated-cards.js';

const debug = createDebug('kiosk:simulator:id-card-reader');

/** Commands kept in {@link IdCardReaderSimulator.received}; older ones are dropped. */
export const MAX_RECORDED_COMMANDS = 10_000;
/** A made-up SAM ID (`12 FF`): renders as `05.01-20261124-0000000001-0000065537`. */
export const SIMULATED_SAM_ID = Uint8Array.of(5, 0, 1, 0, 0x04, 0x29, 0x35, 0x01, 1, 0, 0, 0, 1, 0, 1, 0);

export type CardState = 'absent' | 'present-fresh' | 'present-read';

/** One request as received, with the simulator clock's time. Carries no card data. */
export interface RecordedCommand {
  readonly atMs: number;
  readonly command: SamCommandName | 'unknown';
  readonly cmd: number;
  readonly para: number;
}

export interface IdCardReaderSimulatorOptions {
  readonly clock?: Clock;
  /** A card on the reader from the start (fresh). */
  readonly card?: SimulatedCard;
  /** RF read + authentication time for `30 01`/`30 10` in ms (§1.9: 0.5–1.5 s). Default 0. */
  readonly readDelayMs?: number;
  readonly faults?: IdCardReaderFaults;
  /** Device side of a HID envelope codec; default passthrough (UART). */
  readonly envelope?: SamEnvelope;
  /** Seed for split-delivery chunk sizes and gaps. */
  readonly seed?: number;
}

const SW3 = {
  ok: 0x90,
  noContent: 0x91,
  findOk: 0x9f,
  hostChecksum: 0x10,
  hostLength: 0x11,
  commandError: 0x21,
  readFailed: 0x41,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

interface Reply {
  readonly sw3: number;
  readonly data?: Uint8Array;
  /** Extra wait before sending (RF time). */
  readonly delayMs?: number;
}

export class IdCardReaderSimulator {
  /** Mutable persistent fault script; see {@link IdCardReaderFaults}. */
  readonly faults: IdCardReaderFaults;
  readonly #clock: Clock;
  readonly #readDelayMs: number;
  readonly #envelope: SamEnvelope | undefined;
  readonly #framer = new SamFramer({ minLen: MIN_REQUEST_LEN });
  readonly #sender: ReplySender;
  readonly #received: RecordedCommand[] = [];
  readonly #commandListeners = new Listeners<RecordedCommand>();
  #oneShots: OneShotFault[] = [];
  #card: SimulatedCard | undefined;
  #cardState: CardState = 'absent';
  #isSelected = false;
  #samFault: { readonly sw3: 0x60 | 0x66; readonly isPersistent: boolean } | undefined;
  readonly #link = new DeviceEnd();

  constructor(options: IdCardReaderSimulatorOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#readDelayMs = options.readDelayMs ?? 0;
    this.#envelope = options.envelope;
    this.faults = { ...options.faults };
    this.#sender = new ReplySender({
      clock: this.#clock,
      faults: this.faults,
      seed: options.seed ?? 1,
      transport: () => this.#link.transport,
      wrap: (frame) => this.#envelope?.wrap(frame) ?? [frame],
    });
    if (options.card !== undefined) this.presentCard(options.card);
  }

  get cardState(): CardState {
    return this.#cardState;
  }

  /** The card in the field, if any. */
  get card(): SimulatedCard | undefined {
    return this.#card;
  }

  /** Every request received (newest last, at most {@link MAX_RECORDED_COMMANDS}). */
  get received(): readonly RecordedCommand[] {
    return this.#received;
  }

  /** Every reply sent (or cut short), newest last. */
  get replies(): readonly SentReply[] {
    return this.#sender.sent;
  }

  /** Connects to the device end of a link; returns a detach function. One link at a time. */
  attach(transport: Transport): () => void {
    this.#link.attach(transport, {
      data: (bytes) => this.#receive(bytes),
      closed: (reason) => {
        // A new connection starts a new byte stream; a half-received request is lost. A
        // USB reader is powered by its cable: losing the link power-cycles the module, so
        // a card it had read is fresh to it again.
        debug('link closed (%s): power cycle', reason.kind);
        this.#framer.reset();
        this.#envelope?.reset();
        this.#powerCycle();
      },
    });
    return () => this.detach();
  }

  detach(): void {
    this.#link.detach();
  }

  /** Puts `card` in the field (fresh); replaces any card there. */
  presentCard(card: SimulatedCard): void {
    this.#card = card;
    this.#cardState = 'present-fresh';
    this.#isSelected = false;
    debug('card %s presented', card.id);
  }

  /** Takes the card away. */
  removeCard(): void {
    this.#card = undefined;
    this.#cardState = 'absent';
    this.#isSelected = false;
  }

  /** SAM fault 60/66: transient (the next `10 FF` clears it) or persistent; undefined clears. */
  setSamFault(sw3: 0x60 | 0x66 | undefined, isPersistent = false): void {
    this.#samFault = sw3 === undefined ? undefined : { sw3, isPersistent };
  }

  /** Arms a one-shot fault for the next matching command (in arming order). */
  inject(fault: OneShotFault): void {
    this.#oneShots.push(fault);
  }

  /** Clears persistent, one-shot and SAM faults. */
  clearFaults(): void {
    for (const key of Object.keys(this.faults) as (keyof IdCardReaderFaults)[]) delete this.faults[key];
    this.#oneShots = [];
    this.#samFault = undefined;
  }

  /** Every request, after the simulator has decided its reply. */
  onCommand(listener: (command: RecordedCommand) => void): () => void {
    return this.#commandListeners.add(listener);
  }

  /** Every reply, once written (`onReply` in the bench: when FIND answered 9F). */
  onReply(listener: (reply: SentReply) => void): () => void {
    return this.#sender.onReply(listener);
  }

  /** Resolves once every reply decided so far has been written (or dropped). */
  whenIdle(): Promise<void> {
    return this.#sender.whenIdle();
  }

  #receive(chunk: Uint8Array): void {
    const bytes = this.#envelope === undefined ? chunk : this.#envelope.unwrap(chunk);
    for (const event of this.#framer.push(bytes)) {
      if (event.kind === 'discarded') {
        // §1.4: the SAM says what was wrong with a damaged host frame.
        if (event.reason === 'badChecksum') this.#send('unknown', { sw3: SW3.hostChecksum }, undefined);
        if (event.reason === 'badLength') this.#send('unknown', { sw3: SW3.hostLength }, undefined);
        continue;
      }
      const request = decodeRequest(event.frame);
      if (!request.ok) continue;
      const recorded: RecordedCommand = { atMs: this.#clock.now(), command: request.value.command, cmd: request.value.cmd, para: request.value.para };
      this.#received.push(recorded);
      if (this.#received.length > MAX_RECORDED_COMMANDS) this.#received.shift();
      const fault = this.#takeOneShot(recorded.command);
      // A scripted SW3 replaces the module's decision, so the model does not change.
      const reply = fault?.kind === 'answer' ? { sw3: fault.sw3 } : this.#answer(request.value);
      this.#send(recorded.command, reply, fault);
      this.#commandListeners.emit(recorded);
    }
  }

  /** Applies a one-shot fault to `reply` and hands it to the sender. */
  #send(command: SamCommandName | 'unknown', reply: Reply, fault: OneShotFault | undefined): void {
    let frame = encodeResponse(reply.sw3, reply.data);
    let delayMs = reply.delayMs ?? 0;
    let truncateAt: number | undefined;
    switch (fault?.kind) {
      case 'noReply':
        debug('%s: no reply (scripted)', command);
        return;
      case 'badChecksum':
        frame = frame.slice();
        frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
        break;
      case 'delayReply':
        delayMs += fault.ms;
        break;
      case 'answer':
        break;
      case 'removeMidRead':
        this.removeCard();
        if (fault.mode === 'sw41') frame = encodeResponse(SW3.readFailed);
        else truncateAt = fault.truncateAt ?? Math.floor(frame.length / 2);
        break;
      case undefined:
        break;
    }
    this.#sender.send({ command, sw3: frame[9] ?? reply.sw3, frame, delayMs, truncateAt });
  }

  #takeOneShot(command: SamCommandName | 'unknown'): OneShotFault | undefined {
    const index = this.#oneShots.findIndex((fault) => matches(fault, command));
    if (index < 0) return undefined;
    const [fault] = this.#oneShots.splice(index, 1);
    return fault;
  }

  /** The module's answer to one request; updates the physical model. */
  #answer(request: SamRequest): Reply {
    const { command } = request;
    if (command === 'resetSam') {
      // "Like a power cycle" (§1.3): the RF field restarts, a read card is fresh again.
      this.#powerCycle();
      return { sw3: SW3.ok };
    }
    if (this.#samFault !== undefined) return { sw3: this.#samFault.sw3 };
    switch (command) {
      case 'samStatus':
      case 'setBaudRate':
      case 'setMaxFrameBytes':
        return { sw3: SW3.ok };
      case 'readSamId':
        return { sw3: SW3.ok, data: SIMULATED_SAM_ID };
      case 'findCard':
        this.#isSelected = false;
        return this.#cardState === 'present-fresh' ? { sw3: SW3.findOk, data: new Uint8Array(4) } : { sw3: SW3.findFailed };
      case 'selectCard':
        this.#isSelected = this.#cardState !== 'absent';
        return this.#isSelected ? { sw3: SW3.ok, data: new Uint8Array(8) } : { sw3: SW3.selectFailed };
      case 'readTextAndPhoto':
      case 'readWithFingerprint':
        return this.#read(command);
      case 'readAppendedAddress': {
        const card = this.#card;
        if (card === undefined || this.#cardState !== 'present-read') return { sw3: SW3.readFailed };
        return card.appendedAddress === null ? { sw3: SW3.noContent } : { sw3: SW3.ok, data: encodeAppendedAddress(card.appendedAddress) };
      }
      case 'unknown':
        return { sw3: SW3.commandError };
    }
  }

  /** Power-on state: transient SAM fault gone, a card in the field is fresh. */
  #powerCycle(): void {
    if (this.#samFault?.isPersistent === false) this.#samFault = undefined;
    if (this.#cardState === 'present-read') this.#cardState = 'present-fresh';
    this.#isSelected = false;
  }

  #read(command: 'readTextAndPhoto' | 'readWithFingerprint'): Reply {
    const card = this.#card;
    if (card === undefined || !this.#isSelected || !isReadCommand(command)) return { sw3: SW3.readFailed };
    this.#cardState = 'present-read';
    const data = command === 'readWithFingerprint' ? encodeWithFingerprint(card) : encodeTextAndPhoto(card);
    return { sw3: SW3.ok, data, delayMs: this.#readDelayMs };
  }
}
