/**
 * What every simulator CLI (`<device>/cli.ts`) does with its serial port: complain about bad
 * arguments, open the port and keep reopening it while it is away (socat restarted, adapter
 * unplugged), and on SIGINT/SIGTERM let the simulator finish what it is sending before the
 * port closes.
 */
import { errorMessage } from '../transports/transport-error.js';
import type { SerialTransport } from '../transports/serial-transport.js';

/** Between reopen attempts after the port went away (socat restarted, adapter unplugged). */
export const REOPEN_DELAY_MS = 500;

/** A `fail(message)` that prints `message` and `usage`, then exits with status 2. */
export function usageFailure(usage: string): (message: string) => never {
  return (message) => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
}

/** `text` as a baud rate, or `fail` with the flag's words. */
export function parseBaudRate(text: string, fail: (message: string) => never): number {
  const baudRate = Number(text);
  if (!Number.isInteger(baudRate) || baudRate <= 0) fail(`--baud must be a positive integer, not ${text}`);
  return baudRate;
}

export interface ServeOnPortOptions {
  readonly transport: SerialTransport;
  /** For the "cannot open" message: the path as the user typed it. */
  readonly portPath: string;
  /** Printed each time the port has opened. */
  readonly banner: () => string;
  /** Lets the simulator finish (flush a job, send what is queued) before the port closes. */
  readonly drain: () => Promise<void>;
}

/**
 * Opens the port (retrying every {@link REOPEN_DELAY_MS} until it opens), reopens it when
 * it closes by itself, and stops cleanly on SIGINT/SIGTERM. Resolves once the port is
 * first open.
 */
export function serveOnPort(options: ServeOnPortOptions): Promise<void> {
  const { transport, portPath } = options;
  let isStopping = false;

  async function openWithRetry(): Promise<void> {
    let lastError = '';
    while (!isStopping) {
      try {
        await transport.open();
        console.log(options.banner());
        return;
      } catch (error) {
        // Say it once per streak, not every REOPEN_DELAY_MS while the port is away.
        const message = errorMessage(error);
        if (message !== lastError) console.error(`cannot open ${portPath}: ${message}; retrying`);
        lastError = message;
        await new Promise((resolve) => setTimeout(resolve, REOPEN_DELAY_MS));
      }
    }
  }

  transport.onClose((reason) => {
    if (reason.kind === 'requested' || isStopping) return;
    console.error(`port closed (${reason.detail}); reopening`);
    void openWithRetry();
  });

  async function stop(): Promise<void> {
    isStopping = true;
    await options.drain();
    await transport.close();
    process.exit(0);
  }

  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return openWithRetry();
}
