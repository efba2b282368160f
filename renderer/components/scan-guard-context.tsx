/**
 * The keyboard guard (scan-guard.ts) for React: the provider installs it on the window for
 * as long as the app is mounted; a screen that waits for a code names itself the sink of
 * recognised bursts with {@link useScanSink}. With no sink (no screen waiting) a burst is
 * dropped in the renderer: a code scanned on the home screen goes nowhere.
 */
import { type ReactNode, createContext, useContext, useEffect, useRef, useState } from 'react';
import { useSystemStatus } from '../api/kiosk-context';
import { type AltCodes, type GuardTarget, installScanGuard } from './scan-guard';

type Sink = (text: string) => void;

interface SinkSlot {
  current: Sink | null;
}

const SinkContext = createContext<SinkSlot | null>(null);

export interface ScanGuardProviderProps {
  /** Where to listen; the window by default. */
  readonly target?: GuardTarget;
  readonly children: ReactNode;
}

export function ScanGuardProvider({ target, children }: ScanGuardProviderProps): ReactNode {
  // One mutable slot for the app's life: screens swap the sink without re-rendering anything.
  const [slot] = useState<SinkSlot>(() => ({ current: null }));
  // The scanner's Alt-code setting comes with the status; read when a code completes.
  const altCodes = useRef<AltCodes>('unicode');
  const status = useSystemStatus();
  useEffect(() => {
    altCodes.current = status?.scannerAltCodes ?? 'unicode';
  }, [status]);
  useEffect(
    () => installScanGuard(target ?? window, { onScan: (text) => slot.current?.(text), altCodes: () => altCodes.current }),
    [target, slot],
  );
  return <SinkContext value={slot}>{children}</SinkContext>;
}

/** While the calling screen is mounted, recognised bursts go to `sink` (the latest one). */
export function useScanSink(sink: Sink): void {
  const slot = useContext(SinkContext);
  const latest = useRef(sink);
  useEffect(() => {
    latest.current = sink;
  });
  useEffect(() => {
    if (!slot) return undefined;
    const own: Sink = (text) => latest.current(text);
    slot.current = own;
    return () => {
      if (slot.current === own) slot.current = null;
    };
  }, [slot]);
}
