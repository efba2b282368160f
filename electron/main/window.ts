/**
 * The one kiosk window factory (R-E1) and the lockdown applied to its web contents (R-E4,
 * R-K2). The options are a pure function so a unit test can pin every key; the hardening
 * is written against a narrowed WebContents so the shared fake stays small.
 */
import createDebug from 'debug';
import type { BrowserWindow, BrowserWindowConstructorOptions, Input, Menu } from 'electron';
import { isAppUrl } from './app-protocol.js';

const debug = createDebug('kiosk:main:window');

/**
 * In-memory partition (no `persist:` prefix): web storage, cache and cookies never reach the
 * disk, so a citizen's data cannot survive a reload in the profile folder (R-P3).
 */
export const KIOSK_PARTITION = 'kiosk';
/** Matches the renderer's standard theme background so a reload does not flash. */
export const KIOSK_BACKGROUND_COLOR = '#f4f6f9';
export const KIOSK_WINDOW_TITLE = '政务服务自助终端';

export interface KioskWindowParams {
  /** `app.isPackaged`: devtools are off in production (R-E1). */
  readonly isProduction: boolean;
  /** Absolute path of the bundled `preload.cjs`. */
  readonly preloadPath: string;
}

/** R-E1: every security-relevant option spelled out, even where it is Electron's default. */
export function kioskWindowOptions({ isProduction, preloadPath }: KioskWindowParams): BrowserWindowConstructorOptions {
  return {
    title: KIOSK_WINDOW_TITLE,
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    webPreferences: {
      preload: preloadPath,
      partition: KIOSK_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !isProduction,
      // Middle-click would open links in a new window (denied anyway, but never start one).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      // Voice prompts (design.md §6) must play when a screen appears, not only after a tap.
      autoplayPolicy: 'no-user-gesture-required',
      navigateOnDragDrop: false,
      enableWebSQL: false,
      experimentalFeatures: false,
      safeDialogs: true,
    },
  };
}

/** The fields of Electron's `Input` the filter reads. */
export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'alt' | 'meta' | 'shift'>;

const BLOCKED_PLAIN_KEYS = new Set(['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward', 'Print']);
/** Ctrl/Cmd + key: reload, close, print, find, save, open, devtools, zoom, history, view source. */
const BLOCKED_CONTROL_KEYS = new Set(['r', 'w', 'p', 'f', 'g', 's', 'o', 'n', 't', 'u', 'h', 'j', 'q', '+', '=', '-', '_', '0']);
const BLOCKED_CONTROL_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0']);
/** Ctrl+Shift + key: devtools (I, J, C), hard reload (R). */
const BLOCKED_CONTROL_SHIFT_KEYS = new Set(['i', 'j', 'c', 'r', 'delete']);

/**
 * R-K2: true for key presses that would reload, open devtools, zoom, close, print, find or
 * leave fullscreen. Only `keyDown`/`rawKeyDown` count; releases pass through. Alt+arrow
 * (history) and Alt+F4 are blocked; plain typing, Enter, Tab and arrows are not.
 */
export function isBlockedInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  if (BLOCKED_PLAIN_KEYS.has(input.key)) return true;
  if (input.alt && (input.key === 'F4' || input.key === 'ArrowLeft' || input.key === 'ArrowRight' || input.key === 'Home')) {
    return true;
  }
  const isCommand = input.control || input.meta;
  if (!isCommand) return false;
  if (input.shift && BLOCKED_CONTROL_SHIFT_KEYS.has(key)) return true;
  return BLOCKED_CONTROL_KEYS.has(key) || BLOCKED_CONTROL_CODES.has(input.code);
}

/**
 * R-E4: only our own origin. Used for the main frame and every subframe; there are no
 * subframes in our UI (`frame-src 'none'`), so this is the whole allowlist.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** A cancellable Electron event, narrowed. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** Electron's navigation events carry the target URL on the event (Electron ≥ 25). */
export type NavigationEvent = PreventableEvent & { readonly url: string };

/** The WebContents calls the hardening uses; real `WebContents` satisfies it. */
export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'before-input-event', listener: (event: PreventableEvent, input: Input) => void): unknown;
  on(event: 'context-menu', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(event: 'select-bluetooth-device', listener: (event: PreventableEvent, devices: unknown, callback: (deviceId: string) => void) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
}

const hardened = new WeakSet<object>();

/**
 * Applies R-E4 and R-K2 to one web contents. Idempotent, so `app.on('web-contents-created')`
 * can harden every contents and the window factory can call it again safely.
 */
export function hardenWebContents(contents: HardenableWebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  const denyForeign = (kind: string) => (event: NavigationEvent) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    debug('denied %s to %s', kind, event.url.slice(0, 200));
  };
  contents.on('will-navigate', denyForeign('navigation'));
  contents.on('will-frame-navigate', denyForeign('frame navigation'));
  contents.on('will-redirect', denyForeign('redirect'));
  contents.setWindowOpenHandler((details) => {
    debug('denied new window for %s', details.url.slice(0, 200));
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    debug('denied webview');
  });
  contents.on('before-input-event', (event, input) => {
    if (isBlockedInput(input)) event.preventDefault();
  });
  contents.on('context-menu', (event) => event.preventDefault());
  // Web Bluetooth chooser: cancel (R-E5); devices are only reached through main.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  // Pinch-zoom off (R-K2; Electron's default too, but not ours to leave to chance). Applied
  // again after every load, since a crashed and restarted renderer starts afresh. The
  // promise only fails if the contents is already gone.
  const lockZoom = (): void => {
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => debug('zoom limits not set: %O', error));
  };
  lockZoom();
  contents.on('did-finish-load', lockZoom);
}

/** The Electron pieces the factory needs, injected so tests pass fakes. */
export interface WindowFactoryDeps<W extends { readonly webContents: HardenableWebContents }> {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  readonly Menu: Pick<typeof Menu, 'setApplicationMenu'>;
}

/**
 * Creates the kiosk window (R-E1) with the lockdown applied (R-E4, R-K2) and no application
 * menu. The caller loads the URL and wires the watchdog.
 */
export function createKioskWindow<W extends { readonly webContents: HardenableWebContents } = BrowserWindow>(
  deps: WindowFactoryDeps<W>,
  params: KioskWindowParams,
): W {
  deps.Menu.setApplicationMenu(null);
  const window = new deps.BrowserWindow(kioskWindowOptions(params));
  hardenWebContents(window.webContents);
  return window;
}
