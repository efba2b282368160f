/**
 * Bench figure: how long from "the reader sees the card" to the `cardRead` event, relative
 * to the time the bytes of that exchange need on a 115200-baud wire (protocols.md §1.9:
 * "Wire time of a 1295-byte reply at 115200 ≈ 113 ms").
 *
 * What is fair to measure. The issue asks for "card-present → identity-event time with the
 * simulator answering instantly". Measured from `presentCard()`, the result would be
 * dominated by where the 300 ms poll happened to be (§1.9 forbids polling faster), not by
 * the driver. So the clock starts when the simulator receives the FIND that it answers
 * `9F` — the first moment the reader can know a card is there — and stops at `cardRead`.
 * The wire time counts every byte exchanged in that interval at 10 bits per byte: the FIND
 * reply, SELECT request + reply, READ request + reply (the FIND request itself was on the
 * wire before the interval starts, so it is left out of both).
 *
 * A socat pty moves bytes at memory speed whatever the baud rate. By default the
 * simulator's replies are therefore paced at 115200 baud (a transport wrapper below), so
 * `ms` is what a real UART would give with an instant module, and `ratio` is the driver's
 * overhead on top of the wire (goal ≤ 1.10). `isWirePaced: false` measures the pure
 * driver + pty overhead instead (then `ratio` ≪ 1 and means overhead / wire time).
 */
import { IdCardReader } from '../../hardware/devices/id-card-reader/id-card-reader.js';
import type { Clock } from '../../hardware/clock.js';
import { encodeResponse, findCard, readTextAndPhoto, selectCard } from '../../hardware/protocols/sam/frame.js';
import { IdCardReaderSimulator } from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { encodeTextAndPhoto, simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SerialTransport } from '../../hardware/transports/serial-transport.js';
import type { CloseReason, Transport } from '../../hardware/transports/transport.js';
import { startPtyPair } from '../support/pty.js';
import { nextEvent } from '../support/wait.js';

const BAUD_RATE = 115_200;
const BITS_PER_BYTE = 10; // 8N1: start + 8 data + stop
const DEFAULT_RUNS = 20;
/** Bytes per paced write: a UART FIFO's worth. */
const PACE_CHUNK_BYTES = 16;

/** Sub-millisecond time for both ends, so the figure is not rounded to whole ms. */
const perfClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CardReadRatio {
  /** Median FIND-answered-9F → `cardRead`, ms. */
  readonly ms: number;
  /** Wire time of FIND reply + SELECT + READ at 115200 baud, ms. */
  readonly wireMs: number;
  /** `ms / wireMs`. */
  readonly ratio: number;
}

export interface CardReadRatioOptions {
  readonly runs?: number;
  /** Pace the simulator's replies at 115200 baud (default true; see above). */
  readonly isWirePaced?: boolean;
}

/** Runs the reader against the simulator over a socat pty; see the file comment. */
export async function measureCardReadRatio(options: CardReadRatioOptions = {}): Promise<CardReadRatio> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const card = simulatedCard('resident');
  const wireBytes =
    encodeResponse(0x9f, new Uint8Array(4)).length +
    selectCard().length +
    encodeResponse(0x90, new Uint8Array(8)).length +
    readTextAndPhoto().length +
    encodeResponse(0x90, encodeTextAndPhoto(card)).length;
  const wireMs = (wireBytes * BITS_PER_BYTE * 1_000) / BAUD_RATE;
  // Sanity: the FIND request is left out (see above) but must be a 10-byte frame.
  if (findCard().length !== 10) throw new Error('unexpected FIND frame size');

  const pty = await startPtyPair();
  const simulatorPort = new SerialTransport({ path: pty.pathB, baudRate: BAUD_RATE });
  const simulatorSide = options.isWirePaced === false ? simulatorPort : new PacedTransport(simulatorPort, BAUD_RATE);
  const simulator = new IdCardReaderSimulator({ clock: perfClock });
  const reader = new IdCardReader({ transport: new SerialTransport({ path: pty.pathA, baudRate: BAUD_RATE }), clock: perfClock });
  const samples: number[] = [];
  try {
    await simulatorSide.open();
    simulator.attach(simulatorSide);
    if (!(await reader.open()).ok) throw new Error('cannot open the reader');
    reader.claim();
    const enabled = await reader.enable();
    if (!enabled.ok) throw new Error(enabled.error.message);
    for (let run = 0; run < runs; run++) {
      let foundAtMs = Number.NaN;
      const offFind = simulator.onCommand((command) => {
        // onCommand fires once the reply is decided; FIND leaves the card state as it was.
        if (command.command === 'findCard' && simulator.cardState === 'present-fresh' && Number.isNaN(foundAtMs)) foundAtMs = command.atMs;
      });
      const read = nextEvent<number>((listener) => reader.onCardRead(() => listener(perfClock.now())), 'cardRead');
      simulator.presentCard(card);
      const readAtMs = await read;
      offFind();
      samples.push(readAtMs - foundAtMs);
      const removed = nextEvent((listener) => reader.onCardRemoved(listener), 'cardRemoved');
      simulator.removeCard();
      await removed;
    }
  } finally {
    await reader.close();
    simulator.detach();
    await simulatorSide.close();
    await pty.stop();
  }
  const ms = median(samples);
  return { ms: round(ms), wireMs: round(wireMs), ratio: round(ms / wireMs, 3) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Delivers writes no faster than `baudRate` allows (8N1), in FIFO-sized pieces, keeping a
 * running schedule so timer granularity does not accumulate. Used on the simulator's side
 * only: replies are 99 % of the bytes.
 */
class PacedTransport implements Transport {
  readonly #inner: Transport;
  readonly #msPerByte: number;
  #lineFreeAtMs = 0;

  constructor(inner: Transport, baudRate: number) {
    this.#inner = inner;
    this.#msPerByte = (BITS_PER_BYTE * 1_000) / baudRate;
  }

  get description(): string {
    return `${this.#inner.description} (paced)`;
  }

  get isOpen(): boolean {
    return this.#inner.isOpen;
  }

  open(): Promise<void> {
    return this.#inner.open();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.#lineFreeAtMs = Math.max(this.#lineFreeAtMs, performance.now());
    for (let offset = 0; offset < bytes.length; offset += PACE_CHUNK_BYTES) {
      const chunk = bytes.subarray(offset, offset + PACE_CHUNK_BYTES);
      this.#lineFreeAtMs += chunk.length * this.#msPerByte;
      const waitMs = this.#lineFreeAtMs - performance.now();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      await this.#inner.write(chunk);
    }
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#inner.onData(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    return this.#inner.onClose(listener);
  }
}
