/**
 * Bundles the Electron host with esbuild:
 * - electron/main/main.ts       → dist/electron/main.cjs    (Node, CommonJS; native modules
 *   stay external and are rebuilt for Electron by electron-builder);
 * - electron/preload/preload.ts → dist/electron/preload.cjs (one file: a sandboxed preload
 *   can `require` only `electron` and a few built-ins, so the build fails if it needs more);
 * - the out-of-service page     → dist/electron/static/.
 * Prints the bundle sizes. Usage: `npm run build:electron`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type Metafile, build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'electron');

/** Native or optional-native modules: loaded from node_modules (unpacked from the asar). */
export const MAIN_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'node-hid',
  'sharp',
  '@img/*',
  'usb',
  'bufferutil',
  'utf-8-validate',
];

/** Modules a sandboxed preload may `require` (Electron's sandbox docs). */
const PRELOAD_ALLOWED_REQUIRES = new Set(['electron', 'events', 'timers', 'url']);

// Electron 45 ships Node 22.
const NODE_TARGET = 'node22';

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: NODE_TARGET,
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
} as const satisfies BuildOptions;

function outputBytes(metafile: Metafile, outfile: string): number {
  const key = path.relative(ROOT, outfile).split(path.sep).join('/');
  return metafile.outputs[key]?.bytes ?? 0;
}

/** Node built-ins and externals the preload bundle still `require`s. */
function preloadRequires(metafile: Metafile): string[] {
  const required = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) required.add(imported.path);
  }
  return [...required];
}

/** Top-level packages that ended up inside a bundle, largest first. */
function packagesIn(metafile: Metafile): [string, number][] {
  const sizes = new Map<string, number>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(file);
    const name = match?.[1] ?? '(ours)';
    sizes.set(name, (sizes.get(name) ?? 0) + input.bytes);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

export interface ElectronBuildReport {
  readonly mainBytes: number;
  readonly preloadBytes: number;
  /** What went into the preload, by package (input bytes), to keep an eye on its size. */
  readonly preloadPackages: [string, number][];
}

export async function buildElectron(): Promise<ElectronBuildReport> {
  mkdirSync(OUT_DIR, { recursive: true });
  const mainOut = path.join(OUT_DIR, 'main.cjs');
  const preloadOut = path.join(OUT_DIR, 'preload.cjs');

  const main = await build({
    ...common,
    entryPoints: [path.join(ROOT, 'electron', 'main', 'main.ts')],
    outfile: mainOut,
    external: MAIN_EXTERNALS,
    // Some dependencies use import.meta.url; give them this file's URL in CommonJS.
    define: { ...common.define, 'import.meta.url': '__kioskImportMetaUrl' },
    banner: { js: "const __kioskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });

  const preload = await build({
    ...common,
    entryPoints: [path.join(ROOT, 'electron', 'preload', 'preload.ts')],
    outfile: preloadOut,
    external: ['electron'],
  });
  const forbidden = preloadRequires(preload.metafile).filter((name) => !PRELOAD_ALLOWED_REQUIRES.has(name));
  if (forbidden.length > 0) {
    throw new Error(`preload.cjs requires ${forbidden.join(', ')}: a sandboxed preload cannot load them`);
  }

  const staticDir = path.join(OUT_DIR, 'static');
  mkdirSync(staticDir, { recursive: true });
  for (const file of ['out-of-service.html', 'out-of-service.css']) {
    copyFileSync(path.join(ROOT, 'electron', 'main', file), path.join(staticDir, file));
  }

  return {
    mainBytes: outputBytes(main.metafile, mainOut),
    preloadBytes: outputBytes(preload.metafile, preloadOut),
    preloadPackages: packagesIn(preload.metafile),
  };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { mainBytes, preloadBytes, preloadPackages } = await buildElectron();
    const contents = preloadPackages.map(([name, bytes]) => `${name} ${kib(bytes)}`).join(', ');
    process.stdout.write(`dist/electron/main.cjs     ${kib(mainBytes)}\n`);
    process.stdout.write(`dist/electron/preload.cjs  ${kib(preloadBytes)} (inputs: ${contents})\n`);
    process.stdout.write('dist/electron/static/      out-of-service page\n');
  } catch (error) {
    process.stderr.write(`build:electron failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

