/**
 * What every journey component does around its machine: build it on the kiosk, hand its
 * output to the app once it is over, and report what the app must know while it runs.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { KioskApi } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';

/** The journey's machine, wired to the core through the app's `window.kiosk`. */
export function useKioskMachine<TMachine>(provide: (kiosk: KioskApi) => TMachine): TMachine {
  const kiosk = useKiosk();
  return useMemo(() => provide(kiosk), [provide, kiosk]);
}

/** The part of a machine snapshot that says whether it is over, and how. */
export type EndingSnapshot<TOutput> =
  | { readonly status: 'done'; readonly output: TOutput }
  | { readonly status: 'active' | 'error' | 'stopped' };

/**
 * Calls `onEnd` with the machine's output once, when it reaches its final state; the
 * latest `onEnd` is the one called, so the caller need not keep it stable.
 */
export function useJourneyEnd<TOutput>(snapshot: EndingSnapshot<TOutput>, onEnd: (output: TOutput) => void): void {
  const hasEnded = useRef(false);
  const latestOnEnd = useRef(onEnd);
  useEffect(() => {
    latestOnEnd.current = onEnd;
  });
  useEffect(() => {
    if (snapshot.status !== 'done' || hasEnded.current) return;
    hasEnded.current = true;
    latestOnEnd.current(snapshot.output);
  }, [snapshot]);
}

/** Tells `report` the value when the journey starts and each time it changes. */
export function useReported<T>(value: T, report: ((value: T) => void) | undefined): void {
  useEffect(() => {
    report?.(value);
  }, [value, report]);
}
