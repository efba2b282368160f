/**
 * R-W1: the renderer watchdog. A kiosk has nobody to click "reload", so main brings the
 * screen back itself:
 * - renderer gone (any reason but `clean-exit`) → load the home page again;
 * - `CRASH_LIMIT` crashes within `CRASH_WINDOW_MS` → stop trying, show the bundled
 *   out-of-service page and raise an alarm (a crash loop needs a technician);
 * - `unresponsive` for longer than `UNRESPONSIVE_LIMIT_MS` → kill the renderer and reload
 *   (a hung renderer never reports `gone` by itself). This counts as a crash.
 * Timers are injected so tests drive time.
 */
import createDebug from 'debug';

const debug = createDebug('kiosk:main:watchdog');

export const CRASH_LIMIT = 3;
export const CRASH_WINDOW_MS = 5 * 60_000;
export const UNRESPONSIVE_LIMIT_MS = 15_000;
/**
 * After we kill a hung renderer ourselves, its `render-process-gone` (killed/crashed) is
 * expected; within this time it is not counted or acted on twice.
 */
export const FORCED_CRASH_GRACE_MS = 5_000;

export type RenderGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

/** The WebContents calls the watchdog uses; real `WebContents` satisfies it. */
export interface WatchedWebContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { readonly reason: RenderGoneReason }) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  removeListener(event: 'render-process-gone', listener: (event: unknown, details: { readonly reason: RenderGoneReason }) => void): unknown;
  removeListener(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
}

export interface WatchdogTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WatchdogAlarm {
  readonly kind: 'rendererCrashLoop';
  /** Crashes inside the window, including the last one. */
  readonly crashCount: number;
  readonly reasons: readonly RenderGoneReason[];
}

export interface WatchdogOptions {
  readonly webContents: WatchedWebContents;
  readonly homeUrl: string;
  readonly outOfServiceUrl: string;
  /** Called once when the watchdog gives up and shows the out-of-service page. */
  readonly onAlarm: (alarm: WatchdogAlarm) => void;
  readonly timers?: WatchdogTimers;
  readonly crashLimit?: number;
  readonly crashWindowMs?: number;
  readonly unresponsiveLimitMs?: number;
}

export interface RendererWatchdog {
  /** True once the crash limit was hit; cleared by {@link RendererWatchdog.reset}. */
  readonly isOutOfService: boolean;
  /** Forget past crashes and load the home page (technician's "恢复服务"). */
  reset(): void;
  /** Remove every listener and timer (before quitting). */
  stop(): void;
}

const SYSTEM_TIMERS: WatchdogTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Starts watching one web contents (R-W1). */
export function startRendererWatchdog(options: WatchdogOptions): RendererWatchdog {
  const { webContents, homeUrl, outOfServiceUrl, onAlarm } = options;
  const timers = options.timers ?? SYSTEM_TIMERS;
  const crashLimit = options.crashLimit ?? CRASH_LIMIT;
  const crashWindowMs = options.crashWindowMs ?? CRASH_WINDOW_MS;
  const unresponsiveLimitMs = options.unresponsiveLimitMs ?? UNRESPONSIVE_LIMIT_MS;

  let crashes: { readonly at: number; readonly reason: RenderGoneReason }[] = [];
  let isOutOfService = false;
  let hangTimer: unknown = null;
  let forcedCrashAt: number | null = null;

  const load = (url: string): void => {
    if (webContents.isDestroyed()) return;
    // loadURL rejects when a newer load supersedes it (ERR_ABORTED); nothing to do then.
    webContents.loadURL(url).catch((error: unknown) => debug('load of %s failed: %O', url, error));
  };

  const clearHangTimer = (): void => {
    if (hangTimer !== null) timers.clearTimeout(hangTimer);
    hangTimer = null;
  };

  /** Counts one failure and decides: reload home, or give up. */
  const recordFailure = (reason: RenderGoneReason): void => {
    const now = timers.now();
    crashes = crashes.filter((crash) => now - crash.at < crashWindowMs);
    crashes.push({ at: now, reason });
    if (isOutOfService) {
      // Even the static page died: show it again, no new alarm.
      load(outOfServiceUrl);
      return;
    }
    if (crashes.length >= crashLimit) {
      isOutOfService = true;
      debug('renderer failed %d times in %d ms: out of service', crashes.length, crashWindowMs);
      load(outOfServiceUrl);
      onAlarm({ kind: 'rendererCrashLoop', crashCount: crashes.length, reasons: crashes.map((c) => c.reason) });
      return;
    }
    debug('renderer failed (%s), reloading home (%d/%d)', reason, crashes.length, crashLimit);
    load(homeUrl);
  };

  const onGone = (_event: unknown, details: { readonly reason: RenderGoneReason }): void => {
    clearHangTimer();
    if (details.reason === 'clean-exit') return;
    if (forcedCrashAt !== null && timers.now() - forcedCrashAt <= FORCED_CRASH_GRACE_MS) {
      // Our own kill of a hung renderer: already counted and reloaded.
      forcedCrashAt = null;
      return;
    }
    recordFailure(details.reason);
  };

  const onUnresponsive = (): void => {
    if (hangTimer !== null) return;
    hangTimer = timers.setTimeout(() => {
      hangTimer = null;
      if (webContents.isDestroyed()) return;
      debug('renderer unresponsive for %d ms: killing it', unresponsiveLimitMs);
      forcedCrashAt = timers.now();
      // Electron: reload right after forcefullyCrashRenderer starts a fresh process.
      webContents.forcefullyCrashRenderer();
      recordFailure('killed');
    }, unresponsiveLimitMs);
  };

  const onResponsive = (): void => clearHangTimer();

  webContents.on('render-process-gone', onGone);
  webContents.on('unresponsive', onUnresponsive);
  webContents.on('responsive', onResponsive);

  return {
    get isOutOfService() {
      return isOutOfService;
    },
    reset() {
      crashes = [];
      isOutOfService = false;
      forcedCrashAt = null;
      clearHangTimer();
      load(homeUrl);
    },
    stop() {
      clearHangTimer();
      webContents.removeListener('render-process-gone', onGone);
      webContents.removeListener('unresponsive', onUnresponsive);
      webContents.removeListener('responsive', onResponsive);
    },
  };
}
