/**
 * Waiting helpers for tests: wait for an event, never sleep. Each wait has a deadline so
 * a missing event fails the test with a message saying what did not happen.
 */

/** Deadline for one awaited event; generous because CI machines stall. */
export const DEFAULT_WAIT_MS = 5_000;

/** Resolves or rejects with `promise`, or rejects when `timeoutMs` passes first. */
export function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Resolves with the next value emitted through an `onX(listener) → unsubscribe`
 * subscription, e.g. `nextEvent((l) => transport.onClose(l), 'close')`. Unsubscribes
 * either way.
 */
export function nextEvent<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  what: string,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T> {
  let unsubscribe: () => void = () => undefined;
  const event = new Promise<T>((resolve) => {
    unsubscribe = subscribe((value) => {
      unsubscribe();
      resolve(value);
    });
  });
  return withTimeout(event, what, timeoutMs).finally(() => unsubscribe());
}

/**
 * Polls `predicate` every 5 ms until it holds. For state that has no event to wait on (a
 * file appearing, a process exiting); prefer {@link nextEvent} wherever there is one.
 */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Collects bytes from an `onData` subscription and lets a test wait for a given count.
 */
export interface ByteCollector {
  /** Everything received so far, concatenated. */
  readonly bytes: Uint8Array;
  /** The chunks as they arrived. */
  readonly chunks: readonly Uint8Array[];
  /** Resolves with all bytes received once at least `length` have arrived. */
  untilLength(length: number, timeoutMs?: number): Promise<Uint8Array>;
  /** Unsubscribes. */
  stop(): void;
}

/** Starts collecting, e.g. `collectBytes((l) => transport.onData(l))`. */
export function collectBytes(subscribe: (listener: (bytes: Uint8Array) => void) => () => void): ByteCollector {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const waiters = new Set<{ readonly length: number; readonly resolve: () => void }>();
  const concat = (): Uint8Array => {
    const all = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all;
  };
  const unsubscribe = subscribe((bytes) => {
    // Copied (Buffer#slice would only make a view): a transport may hand out views of a
    // buffer it later reuses.
    chunks.push(new Uint8Array(bytes));
    length += bytes.length;
    for (const waiter of [...waiters]) {
      if (length >= waiter.length) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  });
  return {
    get bytes() {
      return concat();
    },
    chunks,
    async untilLength(wanted, timeoutMs = DEFAULT_WAIT_MS) {
      if (length < wanted) {
        let waiter: { length: number; resolve: () => void } | undefined;
        const arrived = new Promise<void>((resolve) => {
          waiter = { length: wanted, resolve };
          waiters.add(waiter);
        });
        try {
          await withTimeout(arrived, `${wanted} bytes`, timeoutMs);
        } catch (error) {
          if (waiter !== undefined) waiters.delete(waiter);
          const message = `${(error as Error).message}; received ${length} bytes in ${chunks.length} chunks`;
          throw new Error(message, { cause: error });
        }
      }
      return concat();
    },
    stop: unsubscribe,
  };
}
