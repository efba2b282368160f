/**
 * Injected time source for device classes and simulators (style.md "Driver pattern": clock
 * and delays injected), so tests can drive every timeout with vitest fake timers or a
 * hand-rolled fake clock.
 */

/** Opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since an arbitrary epoch; only differences matter. */
  now(): number;
  /** Calls `callback` once after `delayMs` milliseconds. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. Looks the globals up at call time, so `vi.useFakeTimers()` installed after
 * import still takes effect.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Waits `delayMs` on `clock`. Resolves `'elapsed'`, or `'aborted'` as soon as `signal`
 * aborts (also when it is already aborted). Never rejects.
 */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<'elapsed' | 'aborted'> {
  if (signal?.aborted === true) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve('aborted');
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve('elapsed');
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A promise settling with `'aborted'` when `signal` aborts; `dispose` removes the listener. */
export function whenAborted(signal: AbortSignal | undefined): { readonly promise: Promise<'aborted'>; dispose(): void } {
  if (signal === undefined) return { promise: new Promise<'aborted'>(() => undefined), dispose: () => undefined };
  if (signal.aborted) return { promise: Promise.resolve('aborted'), dispose: () => undefined };
  let onAbort: () => void = () => undefined;
  const promise = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}
