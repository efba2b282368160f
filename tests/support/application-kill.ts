/**
 * kill -9 of a submitting kiosk (issue #6, R-D2, R-D5): runs tests/support/application-child.ts
 * against a data folder whose `http` platform is the loopback test server, kills it — at a
 * named failpoint or at a random moment — restarts it, and finally lets it drain the outbox.
 * Then compares what the citizen was told with what the database and the platform hold:
 * an application acknowledged (ACK printed) but absent from the database or the platform is
 * lost; a submission with more than one effect at the platform is duplicated.
 *
 * The child is bundled once with esbuild (node_modules left external) so each restart costs
 * a few hundred milliseconds instead of a TypeScript compile.
 */
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { type PlatformTestServer, TEST_PLATFORM_TOKEN } from './platform-test-server.js';
import { ASSETS_DIR } from './temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD_OUT = path.join(ROOT, 'node_modules', '.cache', 'kiosk-tests', 'application-child.mjs');

let built: Promise<string> | null = null;

/** The child bundled to one ES module beside node_modules (built once per process). */
export function buildApplicationChild(): Promise<string> {
  built ??= build({
    entryPoints: [path.join(ROOT, 'tests/support/application-child.ts')],
    outfile: CHILD_OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    banner: { js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);" },
  }).then(() => CHILD_OUT);
  return built;
}

/** Writes the data folder's config: `http` platform at the test server, short deadlines. */
export function configureForTestPlatform(dataDir: string, platform: PlatformTestServer): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({ version: 1, platform: { adapter: 'http', http: { baseUrl: platform.url, totalTimeoutMs: 4000 } } }),
  );
  writeFileSync(path.join(dataDir, 'platform.token'), TEST_PLATFORM_TOKEN, { mode: 0o600 });
}

export interface ChildRun {
  /** References the child acknowledged before it ended. */
  readonly acknowledged: readonly string[];
  /** How it ended: `SIGKILL` (killed or failpoint), `exit 0`, … */
  readonly ending: string;
  readonly output: string;
}

export interface RunOptions {
  readonly dataDir: string;
  readonly itemCode: string;
  /** Applications to submit; 0: start, drain the outbox, stop. */
  readonly count: number;
  readonly failpoints?: readonly string[];
  /** Kill the child this many ms after READY (a random moment of a submission). */
  readonly killAfterMs?: number;
  /** Give up (and kill) after this long. */
  readonly timeoutMs?: number;
}

/** One life of the child: start, submit, end by itself, by a failpoint or by our SIGKILL. */
export async function runChild(options: RunOptions): Promise<ChildRun> {
  const script = await buildApplicationChild();
  const child: ChildProcess = spawn(process.execPath, [script, options.dataDir, options.itemCode, String(options.count)], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_ASSETS_DIR: ASSETS_DIR, KIOSK_FAILPOINTS: (options.failpoints ?? []).join(','), DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const acknowledged: string[] = [];
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    for (const match of text.matchAll(/^ACK (\S+)/gmu)) if (match[1] !== undefined) acknowledged.push(match[1]);
    if (options.killAfterMs !== undefined && /^READY$/mu.test(text)) setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const ending = await new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${String(code)}`);
    }),
  );
  return { acknowledged, ending, output };
}

/** Starts the child without submitting and stops it once the outbox has nothing pending. */
export async function drainOutbox(dataDir: string, timeoutMs = 60_000): Promise<void> {
  const script = await buildApplicationChild();
  const child = spawn(process.execPath, [script, dataDir, '-', '0'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_ASSETS_DIR: ASSETS_DIR, KIOSK_FAILPOINTS: '', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const pending = outboxState(dataDir).pending;
      if (pending === 0) break;
      if (Date.now() > deadline) throw new Error(`outbox still has ${pending} pending records after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export interface StoredApplications {
  readonly references: readonly string[];
  readonly pending: number;
  readonly quarantined: number;
  readonly integrity: string;
}

/** What the database holds: committed applications and the outbox state. */
export function outboxState(dataDir: string): StoredApplications {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const references = (db.prepare('SELECT reference FROM applications ORDER BY reference').all() as { reference: string }[]).map((r) => r.reference);
    const counts = db.prepare("SELECT sum(status = 'pending') AS pending, sum(status = 'quarantined') AS quarantined FROM outbox WHERE kind = 'application'").get() as {
      pending: number | null;
      quarantined: number | null;
    };
    return { references, pending: counts.pending ?? 0, quarantined: counts.quarantined ?? 0, integrity: String(db.pragma('integrity_check', { simple: true })) };
  } finally {
    db.close();
  }
}

export interface KillVerdict {
  readonly acknowledged: number;
  readonly committed: number;
  /** Acknowledged but missing from the database or the platform. */
  readonly lost: readonly string[];
  /** Submissions with more than one effect (case) at the platform. */
  readonly duplicated: readonly string[];
  /** Committed but never filed at the platform after the drain. */
  readonly undelivered: readonly string[];
  readonly integrity: string;
}

/** Compares acknowledgements, the database and the platform after a final drain. */
export function verdict(dataDir: string, acknowledged: readonly string[], platform: PlatformTestServer): KillVerdict {
  const stored = outboxState(dataDir);
  const committed = new Set(stored.references);
  const filed = (reference: string): number => platform.store.casesFiledFor(reference);
  return {
    acknowledged: acknowledged.length,
    committed: committed.size,
    lost: acknowledged.filter((reference) => !committed.has(reference) || filed(reference) === 0),
    duplicated: stored.references.filter((reference) => filed(reference) > 1),
    undelivered: stored.references.filter((reference) => filed(reference) === 0),
    integrity: stored.integrity,
  };
}
