import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** How long socat gets to create both ptys, and to exit after SIGTERM. */
const SOCAT_START_MS = 5_000;
const SOCAT_EXIT_MS = 2_000;
/** socat prints this (at `-d -d`) once both ptys exist and it is copying bytes. */
const READY_LINE = 'starting data transfer loop';
/** Only the start of socat's log is kept, for error messages. */
const STDERR_KEEP_CHARS = 8_000;

/**
 * Two pseudo-terminals joined back to back by socat: bytes written to one path come out
 * of the other, through the real tty and serialport stack. Modem lines and enumeration
 * are not emulated (style.md "Simulators").
 */
export interface PtyPair {
  /** Symlink to the first pty, e.g. `/tmp/kiosk-pty-XXXX/A`; stable across restarts. */
  readonly pathA: string;
  /** Symlink to the second pty. */
  readonly pathB: string;
  /** Kills socat: both ptys hang up, as on unplug. {@link restart} brings them back. */
  kill(): Promise<void>;
  /**
   * Kills socat if running and starts it again with the same link names: unplug, replug.
   */
  restart(): Promise<void>;
  /** Kills socat and removes the temp folder. Idempotent; call it in `afterEach`. */
  stop(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0,link=<dir>/A pty,raw,echo=0,link=<dir>/B` in a fresh
 * temp folder and resolves once both links exist and socat is copying.
 *
 * Throws when socat is not installed: a serial suite that silently skipped would hide a
 * broken CI image (style.md "Simulators").
 */
export async function startPtyPair(): Promise<PtyPair> {
  if (!(await isOnPath('socat'))) throw new Error('socat is missing: apt-get install -y socat');
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-pty-'));
  const pathA = join(dir, 'A');
  const pathB = join(dir, 'B');
  let child: ChildProcess | undefined;
  let isStopped = false;

  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running !== undefined) await killProcess(running);
  };

  const start = async (): Promise<void> => {
    // socat unlinks its links on SIGTERM, but not if it was SIGKILLed; a stale link would
    // make socat fail and would satisfy the readiness check too early.
    await rm(pathA, { force: true });
    await rm(pathB, { force: true });
    child = await spawnSocat(pathA, pathB);
  };

  try {
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    pathA,
    pathB,
    kill,
    async restart() {
      if (isStopped) throw new Error('this pty pair was stopped; start a new one');
      await kill();
      await start();
    },
    async stop() {
      isStopped = true;
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function isOnPath(command: string): Promise<boolean> {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    if (folder === '') continue;
    try {
      await access(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // Not in this folder; keep looking.
    }
  }
  return false;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function spawnSocat(pathA: string, pathB: string): Promise<ChildProcess> {
  const args = ['-d', '-d', `pty,raw,echo=0,link=${pathA}`, `pty,raw,echo=0,link=${pathB}`];
  const child = spawn('socat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise<ChildProcess>((resolve, reject) => {
    let isSettled = false;
    const fail = (message: string): void => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      void killProcess(child).finally(() => reject(new Error(`${message}\nsocat said:\n${log}`)));
    };
    const timer = setTimeout(() => fail(`socat did not create ${pathA} and ${pathB} within ${SOCAT_START_MS} ms`), SOCAT_START_MS);
    child.once('error', (error) => fail(`cannot run socat: ${error.message}`));
    child.once('exit', (code, signal) => fail(`socat exited early (code ${code}, signal ${signal})`));
    // stderr is read for as long as socat runs, so a full pipe can never block it.
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      if (log.length < STDERR_KEEP_CHARS) log += text;
      if (isSettled || !log.includes(READY_LINE)) return;
      void Promise.all([exists(pathA), exists(pathB)]).then(([hasA, hasB]) => {
        if (isSettled) return;
        if (!hasA || !hasB) {
          fail('socat is running but the pty links are missing');
          return;
        }
        isSettled = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(child);
      });
    });
  });
}

/** Sends SIGTERM to the child's PID and waits for it to exit; SIGKILL if it lingers. */
function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  const { pid } = child;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    }, SOCAT_EXIT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
