/**
 * The live system status outside React: one subscription to `system.statusChanged` and a
 * `system.getStatus` that is retried while the core is not answering yet.
 */
import type { KioskApi, SystemStatus } from '../../electron/ipc/contract';

/** Retry interval for `system.getStatus` while it fails (web host still starting). */
export const STATUS_RETRY_MS = 3_000;

export interface StatusStore {
  /** The last status known, or null before the first answer. */
  readonly getSnapshot: () => SystemStatus | null;
  readonly subscribe: (onChange: () => void) => () => void;
  /** Stops listening and retrying. */
  readonly close: () => void;
}

export interface StatusStoreOptions {
  readonly retryMs?: number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/**
 * Follows `system.statusChanged` and asks `system.getStatus` once (again after a failure).
 * An event that arrives while the first request is in flight wins over its answer, which
 * may be older.
 */
export function createStatusStore(kiosk: KioskApi, options: StatusStoreOptions = {}): StatusStore {
  const retryMs = options.retryMs ?? STATUS_RETRY_MS;
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const subscribers = new Set<() => void>();
  let snapshot: SystemStatus | null = null;
  let hasEvent = false;
  let isClosed = false;
  let retryHandle: unknown = null;

  const publish = (status: SystemStatus): void => {
    snapshot = status;
    for (const subscriber of [...subscribers]) subscriber();
  };

  const unsubscribe = kiosk.on('system.statusChanged', (status) => {
    hasEvent = true;
    publish(status);
  });

  const request = (): void => {
    retryHandle = null;
    kiosk.system.getStatus({}).then(
      (result) => {
        if (isClosed || hasEvent) return;
        if (result.ok) publish(result.value);
        else retryHandle = setTimer(request, retryMs);
      },
      () => {
        if (!isClosed && !hasEvent) retryHandle = setTimer(request, retryMs);
      },
    );
  };
  request();

  return {
    getSnapshot: () => snapshot,
    subscribe: (onChange) => {
      subscribers.add(onChange);
      return () => {
        subscribers.delete(onChange);
      };
    },
    close: () => {
      isClosed = true;
      unsubscribe();
      if (retryHandle !== null) clearTimer(retryHandle);
      subscribers.clear();
    },
  };
}
