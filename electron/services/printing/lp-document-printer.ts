/**
 * The A4 printer through the OS spooler (CUPS): `lp -d <printer> -t <title> -` with the PDF on
 * stdin, and `lpstat -p <printer>` for health. Spawned without a shell, so a title or printer
 * name can never become a command. CUPS converts the PDF for the printer (its own filters and
 * driver); `lp` returns as soon as the job is queued, so "printed" means "accepted by the
 * spooler" — the queue state after that shows in health (a stopped queue, an unknown printer).
 */
import createDebug from 'debug';
import { spawn } from 'node:child_process';
import { type DeviceError, deviceError } from '../../../hardware/device-error.js';
import { type Result, err, ok } from '../../../hardware/result.js';
import type { DeviceHealth } from '../../ipc/contract.js';
import type { DocumentPrinterPort } from './document-printer-port.js';
import { checkPdf } from './pdf-pages.js';

const debug = createDebug('kiosk:services:document-printer');

/** lp only hands the job to cupsd; longer than this means the scheduler is stuck. */
export const LP_TIMEOUT_MS = 30_000;
/** Queue state changes (paper out, stopped queue) are seen within this time. */
export const LPSTAT_POLL_MS = 30_000;
/** Longest stderr kept for a message: enough for CUPS's one-line errors. */
const MAX_MESSAGE_CHARS = 300;

export interface LpDocumentPrinterOptions {
  /** CUPS queue name (`lpstat -p` lists them). */
  readonly printer: string;
  /** Environment for `lp`/`lpstat`; tests put fake executables first on PATH. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

interface RunResult {
  /** `notFound`: the command is not installed; `timeout`: killed after `timeoutMs`. */
  readonly outcome: 'exited' | 'notFound' | 'timeout' | 'spawnFailed';
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** One line of plain words from a command's output. */
function plain(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}

export class LpDocumentPrinter implements DocumentPrinterPort {
  readonly #printer: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #timeoutMs: number;
  readonly #listeners = new Set<(health: DeviceHealth) => void>();
  #health: DeviceHealth;
  #poll: NodeJS.Timeout | undefined;
  #pending: Promise<unknown> = Promise.resolve();
  /** Health checks under way; close() waits for them so no lpstat outlives the port. */
  readonly #checks = new Set<Promise<DeviceHealth>>();

  private constructor(options: LpDocumentPrinterOptions) {
    this.#printer = options.printer;
    // The C locale keeps lp's and lpstat's words English, which is what #check parses.
    this.#env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' };
    this.#timeoutMs = options.timeoutMs ?? LP_TIMEOUT_MS;
    this.#health = this.#make('offline', 'unknown', 'not checked yet');
  }

  /** Checks the queue once (so health is known from the start), then every `pollMs`. */
  static async start(options: LpDocumentPrinterOptions): Promise<LpDocumentPrinter> {
    const printer = new LpDocumentPrinter(options);
    await printer.refreshHealth();
    printer.#poll = setInterval(() => void printer.refreshHealth(), options.pollMs ?? LPSTAT_POLL_MS);
    printer.#poll.unref();
    return printer;
  }

  print(pdf: Uint8Array, title: string): Promise<Result<{ readonly pages: number }, DeviceError>> {
    const checked = checkPdf(pdf);
    if (!checked.ok) return Promise.resolve(checked);
    // One job at a time, so the queue holds them in the order the citizens asked.
    const done = this.#pending.then(() => this.#submit(pdf, title, checked.value));
    this.#pending = done;
    return done;
  }

  async #submit(pdf: Uint8Array, title: string, pages: number): Promise<Result<{ readonly pages: number }, DeviceError>> {
    const run = await this.#run('lp', ['-d', this.#printer, '-t', title, '-'], pdf);
    const failure = this.#failure('lp', run);
    void this.refreshHealth();
    if (failure !== null) {
      debug('lp failed: %s', failure.message);
      return err(failure);
    }
    debug('lp accepted "%s" (%d page(s)): %s', title, pages, plain(run.stdout));
    return ok({ pages });
  }

  #failure(command: string, run: RunResult): DeviceError | null {
    switch (run.outcome) {
      case 'notFound':
        return deviceError('noHardware', `${command} not found: install the CUPS client (apt-get install cups-client)`);
      case 'timeout':
        return deviceError('timeout', `${command} gave no answer within ${Math.round(this.#timeoutMs / 1000)} s: is cupsd running?`);
      case 'spawnFailed':
        return deviceError('failure', `${command} could not be started: ${plain(run.stderr)}`);
      case 'exited':
        if (run.code === 0) return null;
        return deviceError(
          'failure',
          `${command} -d ${this.#printer} failed (exit ${run.code ?? 'signal'}): ${plain(run.stderr) || plain(run.stdout) || 'no message'}`,
        );
    }
  }

  /** Asks `lpstat -p` for the queue's state; publishes a change. */
  refreshHealth(): Promise<DeviceHealth> {
    const check = this.#check();
    this.#checks.add(check);
    void check.finally(() => this.#checks.delete(check));
    return check;
  }

  async #check(): Promise<DeviceHealth> {
    const run = await this.#run('lpstat', ['-p', this.#printer], null);
    const failure = this.#failure('lpstat', run);
    let next: DeviceHealth;
    if (failure !== null) {
      next = this.#make('offline', run.outcome === 'exited' ? 'unknownPrinter' : 'noSpooler', failure.message);
    } else {
      // "printer X is idle.  enabled since …", "printer X now printing X-12.  enabled since …",
      // "printer X disabled since … -\n\treason" (a stopped queue holds every job).
      const text = plain(run.stdout);
      if (/\bdisabled\b/u.test(text)) next = this.#make('error', 'queueStopped', text);
      else if (/\b(is idle|now printing)\b/u.test(text)) next = this.#make('online', null, null);
      else next = this.#make('error', 'unknown', text || 'lpstat printed nothing');
    }
    this.#publish(next);
    return next;
  }

  #make(state: DeviceHealth['state'], condition: string | null, detail: string | null): DeviceHealth {
    return { kind: 'documentPrinter', isSimulated: false, state, condition, detail };
  }

  #publish(next: DeviceHealth): void {
    if (JSON.stringify(next) === JSON.stringify(this.#health)) return;
    this.#health = next;
    debug('health: %s %s', next.state, next.detail ?? '');
    for (const listener of this.#listeners) listener(next);
  }

  /** Runs a command without a shell; `stdin` is written and closed (null: closed at once). */
  #run(command: string, args: readonly string[], stdin: Uint8Array | null): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = spawn(command, args, { env: this.#env, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
      let stdout = '';
      let stderr = '';
      let isSettled = false;
      const settle = (result: RunResult): void => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle({ outcome: 'timeout', code: null, stdout, stderr });
      }, this.#timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        settle({ outcome: error.code === 'ENOENT' ? 'notFound' : 'spawnFailed', code: null, stdout, stderr: error.message });
      });
      child.on('close', (code) => settle({ outcome: 'exited', code, stdout, stderr }));
      // lp may exit before reading everything (unknown printer): EPIPE here is not the
      // failure to report; its exit status and stderr are.
      child.stdin.on('error', () => undefined);
      child.stdin.end(stdin === null ? undefined : Buffer.from(stdin.buffer, stdin.byteOffset, stdin.byteLength));
    });
  }

  health(): DeviceHealth {
    return this.#health;
  }

  onHealthChanged(listener: (health: DeviceHealth) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.#poll);
    await this.#pending;
    await Promise.all(this.#checks);
  }
}
