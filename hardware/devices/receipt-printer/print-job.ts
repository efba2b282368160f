/**
 * One print job, start to confirmation (used by {@link ReceiptPrinter.print}):
 *
 * 1. Read status (`DLE EOT 1..4`); refuse when the printer cannot print (§2.5: query before
 *    large jobs, since a job queued behind a stopped printer only back-pressures the link).
 * 2. Write the job in chunks, checking the abort signal between chunks.
 * 3. Append `GS r 1`. It is buffered, so its reply means everything before it was processed,
 *    and it is not executed while the printer is stopped (§2.5). While waiting for it, poll
 *    real-time status, which is answered even when stopped: paper end, cover open or a cutter
 *    jam mid-job end the wait with a `failure` naming the cause.
 * 4. Read status once more and report it with the completion.
 */
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { transmitPaperSensorStatus } from '../../protocols/escpos/commands.js';
import type { PrinterStatus } from '../../protocols/escpos/status.js';
import { EscPosStreamParser } from '../../protocols/escpos/stream-parser.js';
import { type Clock, sleep } from '../../clock.js';
import type { OutputComplete } from './events.js';
import type { ReplyChannel } from './reply-channel.js';

/** Job bytes per `write` call; the abort signal is checked between chunks. */
export const WRITE_CHUNK_BYTES = 1024;
/** A chunk the OS does not accept within this time means the link is back-pressured. */
export const WRITE_TIMEOUT_MS = 10_000;
/** Real-time status poll interval while waiting for a job to be processed. */
export const COMPLETION_POLL_MS = 1_000;
/** Longest wait for a job to be processed (a long receipt at ~100 mm/s, plus margin). */
export const JOB_COMPLETION_TIMEOUT_MS = 60_000;

export interface PrintJobSettings {
  readonly writeChunkBytes: number;
  readonly writeTimeoutMs: number;
  readonly completionPollMs: number;
  readonly completionTimeoutMs: number;
}

export interface PrintJobContext {
  readonly clock: Clock;
  readonly channel: ReplyChannel;
  readonly settings: PrintJobSettings;
  /** Writes to the transport (errors are returned as `offline`). */
  readonly write: (bytes: Uint8Array) => Promise<Result<void, DeviceError>>;
  /** Status query that also updates the device's status and events. */
  readonly queryStatus: (signal?: AbortSignal) => Promise<Result<PrinterStatus, DeviceError>>;
}

/**
 * The reason a printer in `status` cannot print, as a `DeviceError` detail; undefined when it
 * can. Paper near end still prints (§2.5).
 */
export function printerFault(status: PrinterStatus): string | undefined {
  if (status.coverOpen) return 'coverOpen';
  if (status.paper === 'empty') return 'paperEmpty';
  if (status.cutterError) return 'cutterJam';
  if (status.unrecoverableError) return 'unrecoverableError';
  if (status.recoverableError || status.autoRecoverableError) return 'printerError';
  if (!status.online) return 'offline';
  return undefined;
}

function cancelled(detail: string): DeviceError {
  return deviceError('cancelled', 'the print job was cancelled', detail);
}

/** Waits `ms`, or less if `wake` settles first or `signal` aborts; cleans up its timer. */
async function waitUntil(clock: Clock, ms: number, wake: Promise<void>, signal?: AbortSignal): Promise<'woken' | 'elapsed' | 'aborted'> {
  const local = new AbortController();
  const onAbort = (): void => local.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([wake.then(() => 'woken' as const), sleep(clock, ms, local.signal)]);
  } finally {
    local.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Runs one job; see the module comment for the steps and the errors of each. */
export async function runPrintJob(
  context: PrintJobContext,
  job: Uint8Array,
  signal?: AbortSignal,
): Promise<Result<OutputComplete, DeviceError>> {
  const { clock, channel, settings } = context;
  const startedMs = clock.now();
  const before = await context.queryStatus(signal);
  if (!before.ok) return before;
  const fault = printerFault(before.value);
  if (fault !== undefined) {
    // Nothing was sent: `extended` tells the caller the job can be retried as a whole.
    return err(deviceError('extended', `the printer cannot print: ${fault}`, fault));
  }

  // Count the job's own GS r requests before each chunk leaves, so their replies are
  // expected by the time they can arrive (R-V3).
  const parser = new EscPosStreamParser();
  for (let offset = 0; offset < job.length; offset += settings.writeChunkBytes) {
    if (signal?.aborted === true) return err(cancelled(offset === 0 ? 'notStarted' : 'partlySent'));
    const chunk = job.subarray(offset, offset + settings.writeChunkBytes);
    const requests = parser.push(chunk).filter((command) => command.kind === 'transmitStatus').length;
    channel.noteBufferedRequests(requests);
    const written = await context.write(chunk);
    if (!written.ok) return written;
  }
  const target = channel.noteBufferedRequests(1);
  const marker = await context.write(transmitPaperSensorStatus());
  if (!marker.ok) return marker;

  const deadlineMs = startedMs + settings.completionTimeoutMs;
  while (!channel.hasBufferedReplies(target)) {
    const remainingMs = deadlineMs - clock.now();
    if (remainingMs <= 0) {
      return err(deviceError('timeout', `the job was not processed within ${settings.completionTimeoutMs} ms`, 'jobTimeout'));
    }
    const next = channel.nextBufferedReply();
    const outcome = await waitUntil(clock, Math.min(settings.completionPollMs, remainingMs), next.promise, signal);
    next.cancel();
    if (outcome === 'aborted') return err(cancelled('jobSent'));
    if (outcome === 'woken') continue;
    const polled = await context.queryStatus(signal);
    if (!polled.ok) return polled.error.code === 'cancelled' ? polled : err({ ...polled.error, code: 'failure' });
    const stop = printerFault(polled.value);
    if (stop !== undefined) return err(deviceError('failure', `the printer stopped during the job: ${stop}`, stop));
  }

  const after = await context.queryStatus(signal);
  if (!after.ok) return after;
  const stop = printerFault(after.value);
  if (stop !== undefined) return err(deviceError('failure', `the printer stopped after the job: ${stop}`, stop));
  return ok({ bytes: job.length, durationMs: clock.now() - startedMs, status: after.value });
}
