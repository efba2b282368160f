/**
 * Finds an installed Electron binary without ever starting a download. `require('electron')`
 * runs node_modules/electron/index.js, which spawns install.js (a download) when `path.txt`
 * is missing or names a file that is not in `dist/`; on build machines that download is
 * impossible. This module mirrors index.js's lookup but only reads and stats files.
 *
 * Used by `npm start` (scripts/start.ts) to pick the Electron host or the web host. Never
 * imported by main itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import createDebug from 'debug';

const debug = createDebug('kiosk:main:electron-binary');

export interface ElectronBinaryProbe {
  /** Folder of the `electron` npm package; defaults to the one this project resolves. */
  readonly electronDir?: string | null;
  /** Defaults to `process.env` (reads `ELECTRON_OVERRIDE_DIST_PATH`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Locates node_modules/electron by its package.json; resolving it runs no package code. */
function defaultElectronDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function readPathFile(electronDir: string): string | null {
  try {
    const text = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

function isFile(filePath: string): boolean {
  try {
    return existsSync(filePath) && statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/**
 * Absolute path of the Electron executable when it is installed, else null. Same rules as
 * electron/index.js: `ELECTRON_OVERRIDE_DIST_PATH` joined with `path.txt` (or `electron`),
 * otherwise `dist/<path.txt>`; a file that index.js would download instead gives null.
 */
export function findElectronBinary(probe: ElectronBinaryProbe = {}): string | null {
  const env = probe.env ?? process.env;
  const electronDir = probe.electronDir === undefined ? defaultElectronDir() : probe.electronDir;
  const executablePath = electronDir === null ? null : readPathFile(electronDir);

  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override !== undefined && override !== '') {
    const candidate = path.resolve(override, executablePath ?? 'electron');
    debug('override %s → %s', override, isFile(candidate) ? candidate : 'missing');
    return isFile(candidate) ? candidate : null;
  }
  if (electronDir === null || executablePath === null) {
    debug('electron package %s, path.txt %s', electronDir ?? 'not found', executablePath ?? 'missing');
    return null;
  }
  const candidate = path.join(electronDir, 'dist', executablePath);
  debug('binary %s %s', candidate, isFile(candidate) ? 'present' : 'missing');
  return isFile(candidate) ? candidate : null;
}
