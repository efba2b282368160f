/**
 * Runs the kiosk's web host as a real child process (`npm start -- --no-browser`), as a
 * person or the e2e suite would, and talks to it over its WebSocket like the page does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { IpcResult, MethodArgument, MethodName, MethodValues } from '../../electron/ipc/contract.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 30_000;

export interface KioskProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startKioskProcess(dataDir: string, env: Record<string, string> = {}): Promise<KioskProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts'), '--no-browser'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk not ready in ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Kiosk ready: (\S+)/u.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited (${code ?? 'signal'}) before ready:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface KioskClient {
  call<M extends MethodName>(method: M, arg: MethodArgument<M>): Promise<IpcResult<MethodValues[M]>>;
  /** Sends the call without waiting for its answer. */
  send(method: MethodName, arg: unknown): void;
  close(): void;
}

/** Connects like the page does: reads the launch token from index.html, opens the socket. */
export async function connectClient(url: string): Promise<KioskClient> {
  const html = await (await fetch(url)).text();
  const token = /<meta name="kiosk-token" content="([^"]+)">/u.exec(html)?.[1];
  if (token === undefined) throw new Error('no kiosk token in the page');
  const origin = new URL(url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/kiosk-ws?token=${token}`, { headers: { origin } });
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; id?: number; result?: IpcResult<unknown> };
      if (message.type === 'hello') resolve();
      if (message.type === 'result' && message.id !== undefined && message.result !== undefined) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
  });
  return {
    call(method, arg) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: IpcResult<unknown>) => void);
        ws.send(JSON.stringify({ id, method, arg }));
      });
    },
    send(method, arg) {
      ws.send(JSON.stringify({ id: nextId++, method, arg }));
    },
    close: () => ws.terminate(),
  };
}
