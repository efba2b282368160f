import createDebug from 'debug';
import { Listeners } from './listeners.js';
import { TransportError } from './transport-error.js';
import type { CloseReason, Transport } from './transport.js';

const debug = createDebug('kiosk:transport:memory');

/** Options for {@link createMemoryPair}. */
export interface MemoryPairOptions {
  /** Descriptions of the two ends. Default `['memory:A', 'memory:B']`. */
  readonly names?: readonly [string, string];
  /**
   * Size in bytes of the next delivered chunk, asked once per chunk. Lets framer and
   * device tests see one write arrive in arbitrary pieces, as it does from a UART or a
   * socket. Values below 1 (or not finite) count as 1. Default: every write arrives
   * whole.
   */
  readonly chunkSizes?: () => number;
}

interface QueuedChunk {
  readonly chunk: Uint8Array;
  /** Set on the last chunk of a write: settles that write's promise. */
  readonly settle?: (error?: Error) => void;
}

/**
 * One end of an in-process link made by {@link createMemoryPair}: what one end writes,
 * the other end receives. Used for fast device tests with a simulator on the far end.
 *
 * Delivery is never synchronous inside `write()`: each chunk arrives in its own
 * microtask, so code sees data interleaved with its own promise continuations, as with
 * real I/O. Microtasks rather than `setImmediate` keep the pair working under
 * `vi.useFakeTimers()`, which fakes `setImmediate` but not `queueMicrotask`.
 *
 * Bytes written while the far end is closed are dropped, like a serial line with nobody
 * listening.
 */
export class MemoryTransport implements Transport {
  readonly description: string;
  /**
   * When `false`, `open()` rejects with a `noHardware` {@link TransportError}, as if the
   * device were not plugged in. Default `true`. Combine with {@link disconnect} to model
   * an unplug that lasts until the test sets it back.
   */
  hasHardware = true;

  readonly #chunkSizes: (() => number) | undefined;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<CloseReason>();
  readonly #outbox: QueuedChunk[] = [];
  #peer: MemoryTransport | undefined;
  #isOpen = false;
  #isPumping = false;

  /** Use {@link createMemoryPair}; a lone end has nobody to talk to. */
  constructor(description: string, chunkSizes?: () => number) {
    this.description = description;
    this.#chunkSizes = chunkSizes;
  }

  get isOpen(): boolean {
    return this.#isOpen;
  }

  /** Links two fresh ends. @internal Called only by {@link createMemoryPair}. */
  static link(a: MemoryTransport, b: MemoryTransport): void {
    if (a.#peer !== undefined || b.#peer !== undefined) {
      throw new Error('memory transport ends are already linked');
    }
    a.#peer = b;
    b.#peer = a;
  }

  /** Opens this end. Rejects with `noHardware` when {@link hasHardware} is `false`. */
  open(): Promise<void> {
    if (!this.hasHardware) {
      return Promise.reject(
        new TransportError('noHardware', `cannot open ${this.description}: no device attached`),
      );
    }
    if (!this.#isOpen) {
      debug('%s opened', this.description);
      this.#isOpen = true;
    }
    return Promise.resolve();
  }

  /** Closes this end; fires `onClose({kind: 'requested'})` if it was open. */
  close(): Promise<void> {
    if (this.#isOpen) {
      debug('%s closed', this.description);
      this.#isOpen = false;
      this.#closeListeners.emit({ kind: 'requested' });
    }
    return Promise.resolve();
  }

  /**
   * Queues `bytes` (copied, so the caller may reuse its buffer) for the far end. Resolves
   * once the last chunk has been handed over; rejects with `closed` when this end is not
   * open, and with `offline` if the link is disconnected before delivery.
   */
  write(bytes: Uint8Array): Promise<void> {
    if (!this.#isOpen) {
      return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    }
    return new Promise((resolve, reject) => {
      const settle = (error?: Error): void => (error === undefined ? resolve() : reject(error));
      // Not bytes.slice(): on a Buffer that is a view, not a copy.
      const copy = new Uint8Array(bytes);
      if (copy.length === 0) {
        resolve();
        return;
      }
      let offset = 0;
      while (offset < copy.length) {
        const end = Math.min(copy.length, offset + this.#nextChunkSize(copy.length - offset));
        const chunk = copy.subarray(offset, end);
        this.#outbox.push(end === copy.length ? { chunk, settle } : { chunk });
        offset = end;
      }
      this.#pump();
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    return this.#closeListeners.add(listener);
  }

  /**
   * Simulates pulling the cable: both ends close with `{kind: 'disconnected', detail}`,
   * bytes still in flight are lost and their writes reject with `offline`. Either end may
   * be opened again afterwards (set {@link hasHardware} to `false` first to keep it
   * unplugged).
   */
  disconnect(detail = 'unplugged'): void {
    this.#dropLink(detail);
    if (this.#peer !== undefined) this.#peer.#dropLink(detail);
  }

  #dropLink(detail: string): void {
    const lost = this.#outbox.splice(0);
    for (const { settle } of lost) {
      settle?.(new TransportError('offline', `${this.description} was disconnected: ${detail}`));
    }
    if (this.#isOpen) {
      debug('%s disconnected: %s', this.description, detail);
      this.#isOpen = false;
      this.#closeListeners.emit({ kind: 'disconnected', detail });
    }
  }

  #nextChunkSize(remaining: number): number {
    if (this.#chunkSizes === undefined) return remaining;
    const size = Math.floor(this.#chunkSizes());
    return Number.isFinite(size) && size >= 1 ? size : 1;
  }

  /**
   * Delivers queued chunks one per microtask, in write order, until the outbox is empty.
   */
  #pump(): void {
    if (this.#isPumping) return;
    this.#isPumping = true;
    const step = (): void => {
      const next = this.#outbox.shift();
      if (next === undefined) {
        this.#isPumping = false;
        return;
      }
      // Schedule the next step first, so a listener that throws (a bug, reported as an
      // uncaught error) does not stall the link for the rest of the test.
      queueMicrotask(step);
      const peer = this.#peer;
      try {
        if (peer !== undefined && peer.#isOpen) peer.#dataListeners.emit(next.chunk);
      } finally {
        next.settle?.();
      }
    };
    queueMicrotask(step);
  }
}

/**
 * Creates two linked {@link MemoryTransport} ends, both closed. Typically the device
 * class under test gets the first and a simulator the second.
 */
export function createMemoryPair(options: MemoryPairOptions = {}): [MemoryTransport, MemoryTransport] {
  const [nameA, nameB] = options.names ?? ['memory:A', 'memory:B'];
  const a = new MemoryTransport(nameA, options.chunkSizes);
  const b = new MemoryTransport(nameB, options.chunkSizes);
  MemoryTransport.link(a, b);
  return [a, b];
}
