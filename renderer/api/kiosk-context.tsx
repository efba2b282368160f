/**
 * `window.kiosk` for React: one provider at the root, hooks for the api, the live system
 * status and main-side events. Nothing below this file touches `window.kiosk` directly, so
 * tests and the dev build can hand in a fake.
 */
import { type ReactNode, createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EventName, KioskApi, KioskEvents, SystemStatus } from '../../electron/ipc/contract';
import { type StatusStore, createStatusStore } from './status-store';

const KioskContext = createContext<KioskApi | null>(null);
const StatusContext = createContext<StatusStore | null>(null);

export interface KioskProviderProps {
  readonly kiosk: KioskApi;
  /** For tests: a store with a known status; by default one is made from `kiosk`. */
  readonly statusStore?: StatusStore;
  readonly children: ReactNode;
}

export function KioskProvider({ kiosk, statusStore, children }: KioskProviderProps): ReactNode {
  const [ownStore, setOwnStore] = useState<StatusStore | null>(null);
  useEffect(() => {
    if (statusStore) return undefined;
    const store = createStatusStore(kiosk);
    setOwnStore(store);
    return () => {
      store.close();
    };
  }, [kiosk, statusStore]);
  return (
    <KioskContext value={kiosk}>
      <StatusContext value={statusStore ?? ownStore}>{children}</StatusContext>
    </KioskContext>
  );
}

/** The api object; a component outside the provider is a bug. */
export function useKiosk(): KioskApi {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('useKiosk() outside <KioskProvider>');
  return kiosk;
}

const NO_STORE_SUBSCRIBE = (): (() => void) => () => undefined;
const NO_STATUS = (): null => null;

/** The live system status; null until the first answer from the core. */
export function useSystemStatus(): SystemStatus | null {
  const store = useContext(StatusContext);
  return useSyncExternalStore(
    store ? store.subscribe : NO_STORE_SUBSCRIBE,
    store ? store.getSnapshot : NO_STATUS,
    store ? store.getSnapshot : NO_STATUS,
  );
}

/** Calls `listener` for every `event` while mounted; the latest listener is always used. */
export function useKioskEvent<E extends EventName>(event: E, listener: (payload: KioskEvents[E]) => void): void {
  const kiosk = useKiosk();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => kiosk.on(event, (payload) => latest.current(payload)), [kiosk, event]);
}
