/**
 * `npm start`: the one command after `npm install`. Builds what is stale, then runs the
 * Electron host when the Electron binary is installed; otherwise says so in one line and runs
 * the web host, opening the system Chromium in app/kiosk mode when one is found.
 *
 *   npm start                  Electron, or web host + Chromium
 *   npm start -- --no-browser  web host only (prints the URL)
 *   npm start -- --web         web host even when Electron is installed
 *
 * Environment: KIOSK_PORT (default 8780), KIOSK_DATA_DIR (default: the platform's user-data
 * folder), KIOSK_CHROMIUM (a browser executable to use), KIOSK_DEMO_DATA=1 (demo cases and
 * appointments for the specimen cards, on a simulated terminal).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from '../electron/main/electron-binary.js';
import { type WebHost, startWebHost } from '../electron/host/web-host.js';
import { defaultDataDir } from '../electron/services/data-dir.js';
import { createKioskCore } from '../electron/services/kiosk-core.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const ASSETS_DIR = path.join(ROOT, 'assets');
export const DEFAULT_PORT = 8780;

const args = new Set(process.argv.slice(2));
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Newest modification time of any file below `dir` (0 when absent). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIfStale(script: string, output: string, sources: readonly string[]): void {
  const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((s) => newestMtime(path.join(ROOT, s))));
  if (builtAt >= changedAt) return;
  log(`Building (${script})…`);
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`Build failed (${script}); see the messages above.`);
    process.exit(1);
  }
}

function findChromium(): string | null {
  const candidates = [
    process.env['KIOSK_CHROMIUM'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ];
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c)) ?? null;
}

function portFromEnv(): number {
  const raw = process.env['KIOSK_PORT'];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    log(`KIOSK_PORT must be a port number from 1 to 65535 (0: any free port), got "${raw}".`);
    process.exit(2);
  }
  return port;
}

function runElectron(binary: string): void {
  buildIfStale('build:electron', path.join(ROOT, 'dist', 'electron', 'main.cjs'), ['electron', 'hardware']);
  const child = spawn(binary, [path.join(ROOT, 'dist', 'electron', 'main.cjs')], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
}

async function runWebHost(): Promise<void> {
  const dataDir = defaultDataDir();
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const core = await createKioskCore({
    dataDir,
    assetsDir: ASSETS_DIR,
    seedDemoData: process.env['KIOSK_DEMO_DATA'] === '1',
    version,
    // The console's 立即重启: a moment for the answer to reach the screen, then start afresh.
    onRestartRequested: () => setTimeout(() => void restart(), 500),
  });
  for (const note of core.diagnostics()) log(`Attention: ${note}`);
  let host: WebHost;
  try {
    host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: portFromEnv() });
  } catch (error) {
    log(`Cannot start the web host: ${error instanceof Error ? error.message : String(error)} (set KIOSK_PORT to a free port).`);
    await core.close();
    process.exit(1);
  }
  log(`Data folder: ${dataDir}`);
  log(`Kiosk ready: ${host.url}`);

  let isShuttingDown = false;
  let browser: ChildProcess | null = null;
  let profileDir: string | null = null;
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);
  const chromium = args.has('--no-browser') ? null : findChromium();
  if (chromium !== null && hasDisplay) {
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-chromium-'));
    browser = spawn(
      chromium,
      [
        `--app=${host.url}`,
        '--kiosk',
        `--user-data-dir=${profileDir}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-translate',
        '--noerrdialogs',
        // Voice prompts play when a screen appears, not only after a tap.
        '--autoplay-policy=no-user-gesture-required',
        '--disable-pinch',
        '--overscroll-history-navigation=0',
      ],
      { stdio: 'ignore' },
    );
    // The host outlives the browser: a closed or crashed window must not take the queue
    // numbering down with it; the URL stays reachable for a restarted browser.
    browser.on('exit', (code) => {
      if (!isShuttingDown) log(`Chromium exited (${code ?? 'signal'}); the kiosk is still serving ${host.url}`);
    });
  } else if (!args.has('--no-browser')) {
    log(chromium === null ? 'No Chromium found (set KIOSK_CHROMIUM); open the URL above in a browser.' : 'No display found; open the URL above in a browser.');
  }

  async function stop(): Promise<void> {
    browser?.kill();
    await host.close();
    await core.close();
    if (profileDir !== null) rmSync(profileDir, { recursive: true, force: true });
  }
  async function shutdown(): Promise<void> {
    if (isShuttingDown) return;
    isShuttingDown = true;
    await stop();
    process.exit(0);
  }
  /** A new configuration takes effect: everything closed, then started again in this process. */
  async function restart(): Promise<void> {
    if (isShuttingDown) return;
    isShuttingDown = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    log('Restarting for the new configuration…');
    await stop();
    await runWebHost();
  }
  const onSignal = (): void => void shutdown();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

buildIfStale('build:renderer', path.join(RENDERER_DIR, 'index.html'), ['renderer']);
const electronBinary = args.has('--web') || args.has('--no-browser') ? null : findElectronBinary();
if (electronBinary !== null) {
  runElectron(electronBinary);
} else {
  if (!args.has('--web') && !args.has('--no-browser')) {
    log('Electron binary not installed (its download is blocked or was skipped); starting the web host instead.');
  }
  await runWebHost();
}
