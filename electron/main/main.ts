/**
 * Composition root of the Electron host (design.md §3). Order matters:
 * 1. argv guard (R-E7) before anything else runs;
 * 2. `app.enableSandbox()` and the privileged `app://` scheme, both before `ready`;
 * 3. one instance only (a second kiosk window would fight over the peripherals);
 * 4. on ready: session lockdown (R-E5), protocol handler (R-E2/R-E3), core, IPC (R-E6),
 *    the window (R-E1/R-K2), the watchdog (R-W1);
 * 5. on quit: stop the watchdog, close the core (devices, database) before exiting.
 *
 * The only module that imports `electron` at run time (with preload.ts); everything else
 * receives the pieces it needs, so it can be tested without the binary.
 */
import path from 'node:path';
import createDebug from 'debug';
import { BrowserWindow, Menu, app, ipcMain, protocol, session } from 'electron';
import { createRouter } from '../ipc/router.js';
import { createKioskCore } from '../services/kiosk-core.js';
import type { KioskCore } from '../services/kiosk-core-types.js';
import { APP_HOME_URL, OUT_OF_SERVICE_URL, APP_SCHEME, createAppProtocolHandler, registerAppScheme } from './app-protocol.js';
import { FORBIDDEN_SWITCH_PREFIXES, findForbiddenSwitch } from './argv-guard.js';
import { forwardCoreEvents, registerKioskIpc } from './ipc-main.js';
import { applyPermissionPolicy } from './permissions.js';
import { type RendererWatchdog, startRendererWatchdog } from './watchdog.js';
import { KIOSK_PARTITION, createKioskWindow, hardenWebContents } from './window.js';

const debug = createDebug('kiosk:main:app');

/** Exit code for a refused launch (R-E7), distinct from crashes for the supervisor (R-W2). */
export const EXIT_FORBIDDEN_SWITCH = 78;
export const EXIT_STARTUP_FAILED = 70;

function forbiddenSwitch(): string | null {
  const fromArgv = findForbiddenSwitch(process.argv);
  if (fromArgv !== null) return fromArgv;
  // Chromium also takes switches from elsewhere (e.g. a wrapper's appendSwitch); ask it too.
  const exact = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'inspect-port', 'js-flags'];
  const hit = exact.find((name) => app.commandLine.hasSwitch(name));
  return hit === undefined ? null : `--${hit}`;
}

/**
 * Where the files live, from this bundle's own folder (`<app>/dist/electron`, CommonJS
 * `__dirname`): the same in the asar and in a checkout, and independent of how Electron was
 * launched (`electron .` or `electron dist/electron/main.cjs` give different app paths).
 */
function appPaths(): { rendererDir: string; staticDir: string; preloadPath: string; assetsDir: string } {
  const bundleDir = __dirname;
  return {
    rendererDir: path.join(bundleDir, '..', 'renderer'),
    staticDir: path.join(bundleDir, 'static'),
    preloadPath: path.join(bundleDir, 'preload.cjs'),
    // extraResources put assets next to the asar; in a checkout they are in the repo.
    assetsDir: app.isPackaged ? path.join(process.resourcesPath, 'assets') : path.join(bundleDir, '..', '..', 'assets'),
  };
}

/** What is running, filled in as startup proceeds, so quit can close whatever exists. */
interface Running {
  core: KioskCore | null;
  watchdog: RendererWatchdog | null;
  window: BrowserWindow | null;
}

async function start(running: Running): Promise<void> {
  const paths = appPaths();
  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  applyPermissionPolicy(kioskSession, {
    // Off unless a UVC document camera is configured (R-E5); asked at each request, so
    // nothing is granted before the core has read the configuration.
    get isDocumentCameraEnabled() {
      return running.core?.needsCameraPermission() ?? false;
    },
  });
  kioskSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(paths));

  const core = await createKioskCore({
    dataDir: process.env['KIOSK_DATA_DIR'] ?? app.getPath('userData'),
    assetsDir: paths.assetsDir,
    seedDemoData: process.env['KIOSK_DEMO_DATA'] === '1',
    version: app.getVersion(),
    // The console's 立即重启 (a new binding or setting): a moment for the answer to reach the screen.
    onRestartRequested: () =>
      setTimeout(() => {
        app.relaunch();
        app.quit();
      }, 500),
  });
  running.core = core;
  registerKioskIpc(ipcMain, createRouter(core.handlers));

  const window = createKioskWindow({ BrowserWindow, Menu }, { isProduction: app.isPackaged, preloadPath: paths.preloadPath });
  running.window = window;
  forwardCoreEvents(core, window.webContents);
  running.watchdog = startRendererWatchdog({
    webContents: window.webContents,
    homeUrl: APP_HOME_URL,
    outOfServiceUrl: OUT_OF_SERVICE_URL,
    onAlarm: (alarm) => {
      debug('ALARM %s after %d crashes (%s)', alarm.kind, alarm.crashCount, alarm.reasons.join(', '));
      core.raiseAlarm('watchdog', alarm.kind, `the screen failed ${alarm.crashCount} times (${alarm.reasons.join(', ')}); out-of-service page shown`);
    },
  });
  // Nothing else can close the window (Alt+F4 is filtered); if it goes, quit and let the
  // supervisor restart us (R-W2).
  window.on('closed', () => {
    running.window = null;
    app.quit();
  });
  try {
    await window.loadURL(APP_HOME_URL);
  } catch (error) {
    // A missing or broken renderer build: the static page still tells citizens what is up.
    debug('home page failed to load: %O', error);
    await window.loadURL(OUT_OF_SERVICE_URL).catch((again: unknown) => debug('out-of-service page failed: %O', again));
  }
}

/** Stops the watchdog and closes the core; safe to call with anything still null. */
async function shutDown(running: Running): Promise<void> {
  running.watchdog?.stop();
  running.watchdog = null;
  const core = running.core;
  running.core = null;
  if (core !== null) await core.close();
}

function main(): void {
  const refused = forbiddenSwitch();
  if (refused !== null) {
    debug('refusing to start with %s (R-E7; forbidden: %s)', refused, FORBIDDEN_SWITCH_PREFIXES.join(', '));
    app.exit(EXIT_FORBIDDEN_SWITCH);
    return;
  }
  app.enableSandbox();
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    debug('another instance is running');
    app.exit(0);
    return;
  }

  // Every web contents, including any we did not expect, gets the lockdown (R-E4, R-K2).
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  const running: Running = { core: null, watchdog: null, window: null };
  let isShutDown = false;

  app.on('second-instance', () => {
    const window = running.window;
    if (window !== null && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (isShutDown) return;
    // Close devices and the database before the process goes (WAL checkpoint, ports).
    event.preventDefault();
    shutDown(running)
      .catch((error: unknown) => debug('core close failed: %O', error))
      .finally(() => {
        isShutDown = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => start(running))
    .then(() => debug('kiosk ready'))
    .catch(async (error: unknown) => {
      debug('startup failed: %O', error);
      await shutDown(running).catch((closeError: unknown) => debug('core close failed: %O', closeError));
      app.exit(EXIT_STARTUP_FAILED);
    });
}

main();
