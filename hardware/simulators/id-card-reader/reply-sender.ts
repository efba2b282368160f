/**
 * Writes the simulator's replies one after the other, applying the persistent faults of
 * the wire (faults.ts): delay, leading garbage, split delivery, truncation, mute. A real
 * module answers one command at a time, so replies never interleave.
 */
import createDebug from 'debug';
import { type Clock, sleep } from '../../clock.js';
import type { SamCommandName } from '../../protocols/sam/frame.js';
import { Listeners } from '../../transports/listeners.js';
import { errorMessage } from '../../transports/transport-error.js';
import type { Transport } from '../../transports/transport.js';
import type { IdCardReaderFaults } from './faults.js';
import { lcg } from './simulated-cards.js';

const debug = createDebug('kiosk:simulator:id-card-reader');

/** Replies kept in {@link ReplySender.sent}; older ones are dropped. */
export const MAX_RECORDED_REPLIES = 10_000;

/** One reply as sent. Carries no payload (card data): only its size and status. */
export interface SentReply {
  readonly command: SamCommandName | 'unknown';
  readonly sw3: number;
  /** Frame bytes actually written (fewer than the frame when truncated). */
  readonly bytes: number;
  /** Clock ms when the first byte was handed to the transport. */
  readonly startedAtMs: number;
  /** Clock ms when the last byte was accepted. */
  readonly atMs: number;
  readonly isTruncated: boolean;
}

export interface OutgoingReply {
  readonly command: SamCommandName | 'unknown';
  readonly sw3: number;
  readonly frame: Uint8Array;
  readonly delayMs: number;
  /** Send only this many frame bytes, then stay silent. */
  readonly truncateAt: number | undefined;
}

export interface ReplySenderOptions {
  readonly clock: Clock;
  /** The simulator's persistent faults, read at send time. */
  readonly faults: IdCardReaderFaults;
  readonly seed: number;
  readonly transport: () => Transport | undefined;
  /** HID envelope: one SAM frame → reports. */
  readonly wrap: (frame: Uint8Array) => readonly Uint8Array[];
}

export class ReplySender {
  readonly #options: ReplySenderOptions;
  readonly #random: () => number;
  readonly #sent: SentReply[] = [];
  readonly #listeners = new Listeners<SentReply>();
  #tail: Promise<void> = Promise.resolve();

  constructor(options: ReplySenderOptions) {
    this.#options = options;
    this.#random = lcg(options.seed);
  }

  get sent(): readonly SentReply[] {
    return this.#sent;
  }

  onReply(listener: (reply: SentReply) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** Queues a reply behind those already queued. */
  send(reply: OutgoingReply): void {
    this.#tail = this.#tail.then(() => this.#write(reply)).catch((error: unknown) => debug('reply lost: %s', errorMessage(error)));
  }

  whenIdle(): Promise<void> {
    return this.#tail;
  }

  async #write(reply: OutgoingReply): Promise<void> {
    const { clock, faults } = this.#options;
    if (faults.isMute === true) return;
    const delayMs = reply.delayMs + (faults.replyDelayMs ?? 0);
    if (delayMs > 0) await sleep(clock, delayMs);
    const transport = this.#options.transport();
    if (transport === undefined || !transport.isOpen) return;
    const frame = reply.truncateAt === undefined ? reply.frame : reply.frame.subarray(0, reply.truncateAt);
    const startedAtMs = clock.now();
    if (faults.garbageBeforeReply !== undefined) await transport.write(faults.garbageBeforeReply);
    const split = faults.split;
    // Truncation is a SAM stream cut short: the envelope would carry the partial frame.
    for (const report of this.#options.wrap(frame)) {
      if (split === undefined) {
        await transport.write(report);
        continue;
      }
      for (let offset = 0; offset < report.length; ) {
        const size = split.minChunk + Math.floor(this.#fraction() * (split.maxChunk - split.minChunk + 1));
        await transport.write(report.subarray(offset, offset + Math.max(1, size)));
        offset += Math.max(1, size);
        const gapMs = Math.floor(this.#fraction() * (split.maxGapMs + 1));
        if (offset < report.length && gapMs > 0) await sleep(clock, gapMs);
      }
    }
    const sent: SentReply = {
      command: reply.command,
      sw3: reply.sw3,
      bytes: frame.length,
      startedAtMs,
      atMs: clock.now(),
      isTruncated: reply.truncateAt !== undefined,
    };
    this.#sent.push(sent);
    if (this.#sent.length > MAX_RECORDED_REPLIES) this.#sent.shift();
    this.#listeners.emit(sent);
  }

  #fraction(): number {
    return this.#random() / 256;
  }
}
