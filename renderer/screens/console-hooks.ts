/**
 * How the console's screens reach the core: every admin call goes with the session's token,
 * and an answer of `forbidden` (the token lapsed or was never good) sends the console back to
 * the PIN pad once instead of showing an error. Calls that throw (the web host's connection
 * gone) become an error value like any other, with copy for the screen.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult, KioskApi } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';

type AdminApi = KioskApi['admin'];
export type AdminInvoke<T> = (admin: AdminApi, token: string) => Promise<IpcResult<T>>;

export interface ConsoleSession {
  readonly token: string;
  /** The console machine's FORBIDDEN. */
  readonly onForbidden: (message: string) => void;
  /** Epoch ms of the last answered call, for the keep-alive. */
  readonly lastCallAt: { current: number };
}

export const ConsoleSessionContext = createContext<ConsoleSession | null>(null);

/** Calls the core with the token; null when the session was over (already handled). */
export function useAdminCall(): <T>(invoke: AdminInvoke<T>) => Promise<IpcResult<T> | null> {
  const kiosk = useKiosk();
  const session = useContext(ConsoleSessionContext);
  const { t } = useTranslation();
  return useCallback(
    async <T>(invoke: AdminInvoke<T>): Promise<IpcResult<T> | null> => {
      if (!session) return null;
      let result: IpcResult<T>;
      try {
        result = await invoke(kiosk.admin, session.token);
      } catch {
        return { ok: false, error: { code: 'internal', message: t('console.callFailed') } };
      }
      if (!result.ok && result.error.code === 'forbidden') {
        session.onForbidden(result.error.message);
        return null;
      }
      session.lastCallAt.current = Date.now();
      return result;
    },
    [kiosk, session, t],
  );
}

export interface AdminQuery<T> {
  readonly value: T | null;
  readonly error: IpcError | null;
  readonly isLoading: boolean;
  /** Epoch ms of the last answer. */
  readonly loadedAt: number | null;
  readonly reload: () => void;
}

/**
 * Loads `invoke` when mounted and again every `refreshMs` (if given) while mounted; the last
 * good value stays on the screen while a reload runs or fails. `invoke` must be stable.
 */
export function useAdminQuery<T>(invoke: AdminInvoke<T>, refreshMs: number | null = null): AdminQuery<T> {
  const call = useAdminCall();
  const [state, setState] = useState<Omit<AdminQuery<T>, 'reload'>>({ value: null, error: null, isLoading: true, loadedAt: null });
  const isMounted = useRef(true);
  const isRunning = useRef(false);
  const load = useCallback(async () => {
    // One call at a time: a slow core must not pile up refreshes.
    if (isRunning.current) return;
    isRunning.current = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    const result = await call(invoke);
    isRunning.current = false;
    if (!isMounted.current || result === null) return;
    setState((previous) =>
      result.ok
        ? { value: result.value, error: null, isLoading: false, loadedAt: Date.now() }
        : { ...previous, error: result.error, isLoading: false },
    );
  }, [call, invoke]);
  useEffect(() => {
    isMounted.current = true;
    void load();
    const timer = refreshMs === null ? null : setInterval(() => void load(), refreshMs);
    return () => {
      isMounted.current = false;
      if (timer !== null) clearInterval(timer);
    };
  }, [load, refreshMs]);
  const reload = useCallback(() => void load(), [load]);
  return { ...state, reload };
}

export type ActionPhase = 'idle' | 'running' | 'done' | 'failed';

export interface AdminAction<T, A> {
  readonly phase: ActionPhase;
  readonly value: T | null;
  readonly error: IpcError | null;
  readonly start: (arg: A) => void;
  readonly reset: () => void;
}

/** One action the technician starts (save, test, export): its phase, value or error; `onDone` after success. */
export function useAdminAction<T, A>(
  run: (admin: AdminApi, token: string, arg: A) => Promise<IpcResult<T>>,
  onDone?: (value: T) => void,
): AdminAction<T, A> {
  const call = useAdminCall();
  const [state, setState] = useState<{ phase: ActionPhase; value: T | null; error: IpcError | null }>({ phase: 'idle', value: null, error: null });
  const isMounted = useRef(true);
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
    };
  }, []);
  const latestRun = useRef(run);
  const latestOnDone = useRef(onDone);
  useEffect(() => {
    latestRun.current = run;
    latestOnDone.current = onDone;
  });
  const start = useCallback(
    (arg: A) => {
      setState({ phase: 'running', value: null, error: null });
      void call((admin, token) => latestRun.current(admin, token, arg)).then((result) => {
        if (!isMounted.current || result === null) return;
        setState(result.ok ? { phase: 'done', value: result.value, error: null } : { phase: 'failed', value: null, error: result.error });
        if (result.ok) latestOnDone.current?.(result.value);
      });
    },
    [call],
  );
  const reset = useCallback(() => setState({ phase: 'idle', value: null, error: null }), []);
  return { ...state, start, reset };
}
