/**
 * Probes one serial port for a kiosk peripheral (issue #8 "自动识别"): for each baud rate it
 * opens the port, asks the harmless queries of probe-queries.ts in their safe order, reads
 * what comes back, and closes the port again. Nothing it sends prints or changes a device.
 *
 * Every wait has a deadline and honours an `AbortSignal`, so a probe always ends: a silent
 * port costs about `baudRates × queries × replyTimeoutMs` (5 × 3 × 300 ms ≈ 5 s).
 *
 * Known limits:
 * - A serial barcode scanner never answers anything (protocols.md §3.3); it shows up as
 *   "nothing answered". `doctor test scanner` confirms one by scanning.
 * - Only pads speaking the kiosk's generic serial profile answer the pad query, and only at
 *   the address asked (default 1).
 * - At a wrong baud rate the device receives our queries as garbage. A printer may keep
 *   that garbage in its line buffer; the kiosk's receipts start with `ESC @`, which clears
 *   it before anything is printed.
 * - Opening a port toggles DTR/RTS as any serial program does.
 */
import createDebug from 'debug';
import { type Clock, sleep, systemClock } from '../clock.js';
import type { SerialBinding } from '../transports/serial-binding.js';
import { SerialTransport } from '../transports/serial-transport.js';
import { TransportError, errorMessage } from '../transports/transport-error.js';
import type { Transport } from '../transports/transport.js';
import { DEFAULT_PAD_ADDRESS } from '../protocols/evaluation-pad/serial-pad-frame.js';
import {
  PRINTER_CONFIRM_BYTES,
  type ProbeQuery,
  type ReplyVerdict,
  SAFE_QUERY_ORDER,
  type SerialDeviceKind,
  classifyReply,
  padEvidence,
  printerEvidence,
  queryBytes,
  samEvidence,
} from './probe-queries.js';

const debug = createDebug('kiosk:detect:serial');

/**
 * Baud rates tried, in order: the factory default of ID-card readers and most current
 * printers first (115200), then the pads' and older printers' 9600, then the rest of
 * protocols.md §1.1.
 */
export const PROBE_BAUD_RATES: readonly number[] = [115_200, 9_600, 57_600, 38_400, 19_200];
/**
 * How long one query waits for its answer. A SAM status answer is due within 300 ms
 * (protocols.md §1.9); printers answer real-time status within a few ms.
 */
export const PROBE_REPLY_TIMEOUT_MS = 300;
/** An open that takes longer is given up (a Bluetooth `rfcomm` port may connect for long). */
export const PROBE_OPEN_TIMEOUT_MS = 2_000;
/** A reply is complete after this much silence; 30 ms is 28 bytes at 9600 bps. */
export const PROBE_QUIET_MS = 30;
/** Before a query, wait at most this long for the line to fall quiet, then discard. */
export const PROBE_SETTLE_MAX_MS = 150;
/** A write the OS has not sent within this time means a stuck port. */
export const PROBE_WRITE_TIMEOUT_MS = 1_000;
/** Closing is not awaited longer than this; the probe result does not depend on it. */
export const PROBE_CLOSE_TIMEOUT_MS = 1_000;

/** Options of {@link probeSerialPort}. */
export interface SerialProbeOptions {
  /** Tried in this order. Default {@link PROBE_BAUD_RATES}. */
  readonly baudRates?: readonly number[];
  /** Which queries to ask, always in {@link SAFE_QUERY_ORDER}. Default all three. */
  readonly queries?: readonly ProbeQuery[];
  /** Wait per query (ms). Default {@link PROBE_REPLY_TIMEOUT_MS}. */
  readonly replyTimeoutMs?: number;
  /** Default {@link PROBE_OPEN_TIMEOUT_MS}. */
  readonly openTimeoutMs?: number;
  /** The pad address asked by the pad query, 1–254. Default 1. */
  readonly padAddress?: number;
  readonly signal?: AbortSignal;
  /** serialport binding for {@link SerialTransport}; default the platform's. */
  readonly binding?: SerialBinding;
  /** Builds the link for one baud rate instead of a {@link SerialTransport} (tests). */
  readonly openLink?: (path: string, baudRate: number) => Transport;
  readonly clock?: Clock;
}

/** A device that answered. */
export interface SerialFinding {
  readonly device: SerialDeviceKind;
  readonly baudRate: number;
  /** What it said, e.g. `SAM status 0x90 (operation OK)`. No personal data. */
  readonly evidence: string;
  /** Pads: the multi-drop address that answered. */
  readonly padAddress?: number;
}

/** One question asked, and what came back. */
export interface ProbeAttempt {
  readonly baudRate: number;
  /** `printerConfirm` is the `DLE EOT 4` that confirms a printer's first answer. */
  readonly query: ProbeQuery | 'printerConfirm';
  /** `noise`: bytes that answer nothing (often: wrong baud rate, or another device). */
  readonly reply: 'silent' | 'noise' | 'answer';
  /** Bytes received for this query. */
  readonly bytes: number;
}

/**
 * Why a port could not be probed: `noHardware` (no such port, or no UART behind it),
 * `busy` (another program holds it: often the kiosk itself), `permission`, `notSerial`,
 * `timeout` (open or write stuck), `lost` (went away during the probe), `cancelled`,
 * `failure` (anything else).
 */
export type SerialProbeErrorKind = 'noHardware' | 'busy' | 'permission' | 'notSerial' | 'timeout' | 'lost' | 'cancelled' | 'failure';

/** The outcome of {@link probeSerialPort}. Plain data: crosses IPC and `--json` as is. */
export interface SerialProbeResult {
  readonly path: string;
  /** The device that answered, or null when nothing did (or the port could not be probed). */
  readonly found: SerialFinding | null;
  /** Every question asked, in order. */
  readonly tried: readonly ProbeAttempt[];
  /** Why the probe stopped early, in plain words; absent when it ran. */
  readonly error?: string;
  readonly errorKind?: SerialProbeErrorKind;
  /** Wall time of the probe (ms). */
  readonly durationMs: number;
}

/** Ends a probe early with a reason. */
class ProbeStop extends Error {
  readonly kind: SerialProbeErrorKind;

  constructor(kind: SerialProbeErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/**
 * Probes `path` and resolves with what answered; never rejects. One port is probed by one
 * call at a time (it opens the port exclusively); different ports may be probed in
 * parallel.
 */
export async function probeSerialPort(path: string, options: SerialProbeOptions = {}): Promise<SerialProbeResult> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const tried: ProbeAttempt[] = [];
  const finish = (found: SerialFinding | null, stop?: ProbeStop): SerialProbeResult => {
    const durationMs = clock.now() - startedAt;
    return stop === undefined
      ? { path, found, tried, durationMs }
      : { path, found, tried, error: stop.message, errorKind: stop.kind, durationMs };
  };
  const openLink =
    options.openLink ??
    ((linkPath: string, baudRate: number) =>
      new SerialTransport(options.binding === undefined ? { path: linkPath, baudRate } : { path: linkPath, baudRate, binding: options.binding }));
  const wanted = new Set(options.queries ?? SAFE_QUERY_ORDER);
  const settings: BaudSettings = {
    clock,
    queries: SAFE_QUERY_ORDER.filter((query) => wanted.has(query)),
    replyTimeoutMs: options.replyTimeoutMs ?? PROBE_REPLY_TIMEOUT_MS,
    padAddress: options.padAddress ?? DEFAULT_PAD_ADDRESS,
    signal: options.signal,
    tried,
  };
  for (const baudRate of options.baudRates ?? PROBE_BAUD_RATES) {
    if (options.signal?.aborted === true) return finish(null, cancelled());
    const transport = openLink(path, baudRate);
    try {
      await openWithDeadline(transport, clock, options.openTimeoutMs ?? PROBE_OPEN_TIMEOUT_MS, options.signal);
    } catch (error) {
      const stop = asStop(error);
      // One rate the port cannot do is no reason to give up the others.
      if (stop.kind === 'failure' && /baud rate/i.test(stop.message)) continue;
      return finish(null, stop);
    }
    try {
      const found = await new BaudProbe(transport, baudRate, settings).run();
      if (found !== null) {
        debug('%s: %s at %d (%s)', path, found.device, baudRate, found.evidence);
        return finish(found);
      }
    } catch (error) {
      return finish(null, asStop(error));
    } finally {
      await closeWithDeadline(transport, clock);
    }
  }
  debug('%s: nothing answered', path);
  return finish(null);
}

interface BaudSettings {
  readonly clock: Clock;
  readonly queries: readonly ProbeQuery[];
  readonly replyTimeoutMs: number;
  readonly padAddress: number;
  readonly signal: AbortSignal | undefined;
  readonly tried: ProbeAttempt[];
}

/** The queries at one baud rate on an open link. Throws {@link ProbeStop} to end the probe. */
class BaudProbe {
  readonly #transport: Transport;
  readonly #baudRate: number;
  readonly #settings: BaudSettings;
  #received: number[] = [];
  #lastByteAt: number;
  #wake: ((event: 'data' | 'closed') => void) | undefined;
  #isClosed = false;

  constructor(transport: Transport, baudRate: number, settings: BaudSettings) {
    this.#transport = transport;
    this.#baudRate = baudRate;
    this.#settings = settings;
    // Counts as a byte at open, so the first settle waits one quiet period for power-up
    // or hot-plug noise (protocols.md §1.9) before the first query.
    this.#lastByteAt = settings.clock.now();
  }

  async run(): Promise<SerialFinding | null> {
    const offData = this.#transport.onData((bytes) => {
      for (const byte of bytes) this.#received.push(byte);
      this.#lastByteAt = this.#settings.clock.now();
      this.#wake?.('data');
    });
    const offClose = this.#transport.onClose((reason) => {
      if (reason.kind === 'requested') return;
      this.#isClosed = true;
      this.#wake?.('closed');
    });
    try {
      return await this.#askAll();
    } finally {
      offData();
      offClose();
    }
  }

  async #askAll(): Promise<SerialFinding | null> {
    const { padAddress } = this.#settings;
    for (const query of this.#settings.queries) {
      const verdict = await this.#ask(query, queryBytes(query, padAddress), query);
      const found = this.#finding(verdict);
      if (found !== null) return found;
      if (verdict.kind !== 'printerStatusByte') continue;
      const confirm = await this.#ask('printerStatus', PRINTER_CONFIRM_BYTES, 'printerConfirm');
      if (confirm.kind === 'printerStatusByte') {
        return { device: 'receiptPrinter', baudRate: this.#baudRate, evidence: printerEvidence(verdict.byte, confirm.byte) };
      }
      // Something answered like a printer once. If it is one, the other queries would be
      // printed as garbage: ask nothing more at this rate.
      return null;
    }
    return null;
  }

  #finding(verdict: ReplyVerdict): SerialFinding | null {
    switch (verdict.kind) {
      case 'samResponse':
        return { device: 'idCardReader', baudRate: this.#baudRate, evidence: samEvidence(verdict.sw3, verdict.status) };
      case 'padIdentity':
        return {
          device: 'evaluationPad',
          baudRate: this.#baudRate,
          evidence: padEvidence(verdict.address, verdict.model, verdict.firmware),
          padAddress: verdict.address,
        };
      case 'printerStatusByte':
      case 'noise':
      case 'silent':
        return null;
    }
  }

  /** Settles the line, sends `bytes`, and reads the reply until it is whole or late. */
  async #ask(query: ProbeQuery, bytes: Uint8Array, label: ProbeAttempt['query']): Promise<ReplyVerdict> {
    await this.#settle();
    this.#received = [];
    await this.#write(bytes);
    const { clock, replyTimeoutMs, padAddress } = this.#settings;
    const deadline = clock.now() + replyTimeoutMs;
    let verdict: ReplyVerdict;
    for (;;) {
      verdict = classifyReply(query, Uint8Array.from(this.#received), padAddress);
      const now = clock.now();
      if (now >= deadline) break;
      const isAnswer = verdict.kind === 'printerStatusByte' || verdict.kind === 'samResponse' || verdict.kind === 'padIdentity';
      // An answer is final once the line has been quiet a moment: a printer's status is
      // one byte, and a second byte right behind it would make it noise.
      const quietLeft = this.#lastByteAt + PROBE_QUIET_MS - now;
      if (isAnswer && quietLeft <= 0) break;
      await this.#nextByte(isAnswer ? Math.min(quietLeft, deadline - now) : deadline - now);
    }
    const isAnswer = verdict.kind !== 'noise' && verdict.kind !== 'silent';
    this.#settings.tried.push({
      baudRate: this.#baudRate,
      query: label,
      reply: isAnswer ? 'answer' : verdict.kind === 'noise' ? 'noise' : 'silent',
      bytes: this.#received.length,
    });
    return verdict;
  }

  /** Waits for the line to be quiet (at most {@link PROBE_SETTLE_MAX_MS}), then drops what came. */
  async #settle(): Promise<void> {
    const { clock } = this.#settings;
    const giveUpAt = clock.now() + PROBE_SETTLE_MAX_MS;
    for (;;) {
      const now = clock.now();
      const quietLeft = this.#lastByteAt + PROBE_QUIET_MS - now;
      if (quietLeft <= 0 || now >= giveUpAt) break;
      await this.#nextByte(Math.min(quietLeft, giveUpAt - now));
    }
    if (this.#received.length > 0) debug('%s: %d stray bytes dropped', this.#transport.description, this.#received.length);
    this.#received = [];
  }

  async #write(bytes: Uint8Array): Promise<void> {
    const { clock, signal } = this.#settings;
    const writing = this.#transport.write(bytes).then(
      () => 'written' as const,
      (error: unknown) => ({ error }),
    );
    const outcome = await withDeadline(writing, clock, PROBE_WRITE_TIMEOUT_MS, signal);
    if (outcome === 'written') return;
    if (outcome === 'aborted') throw cancelled();
    if (outcome === 'elapsed') throw new ProbeStop('timeout', `writing to ${this.#transport.description} did not finish within ${PROBE_WRITE_TIMEOUT_MS} ms`);
    throw asStop(outcome.error);
  }

  /** Resolves on the next bytes or after `timeoutMs`; throws when aborted or the port went away. */
  async #nextByte(timeoutMs: number): Promise<void> {
    const { clock, signal } = this.#settings;
    if (this.#isClosed) throw lost(this.#transport);
    if (signal?.aborted === true) throw cancelled();
    const event = await new Promise<'data' | 'closed' | 'timeout' | 'aborted'>((resolve) => {
      const done = (value: 'data' | 'closed' | 'timeout' | 'aborted'): void => {
        clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#wake = undefined;
        resolve(value);
      };
      const onAbort = (): void => done('aborted');
      const timer = clock.setTimeout(() => done('timeout'), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#wake = done;
    });
    if (event === 'aborted') throw cancelled();
    if (event === 'closed') throw lost(this.#transport);
  }
}

function cancelled(): ProbeStop {
  return new ProbeStop('cancelled', 'the probe was cancelled');
}

function lost(transport: Transport): ProbeStop {
  return new ProbeStop('lost', `${transport.description} went away during the probe`);
}

/** A transport failure in the probe's words. */
function asStop(error: unknown): ProbeStop {
  if (error instanceof ProbeStop) return error;
  const message = errorMessage(error);
  if (!(error instanceof TransportError)) return new ProbeStop('failure', message);
  switch (error.code) {
    case 'noHardware':
      return new ProbeStop('noHardware', message);
    case 'busy':
      return new ProbeStop('busy', message);
    case 'timeout':
      return new ProbeStop('timeout', message);
    case 'offline':
    case 'closed':
      return new ProbeStop('lost', message);
    case 'failure':
      if (/permission denied/i.test(message)) return new ProbeStop('permission', message);
      if (/not a serial port/i.test(message)) return new ProbeStop('notSerial', message);
      // Legacy 8250 ports that udev lists but no UART sits behind fail to open with EIO.
      if (/input\/output error/i.test(message)) return new ProbeStop('noHardware', `${message} (no device behind this port)`);
      return new ProbeStop('failure', message);
  }
}

/**
 * Races `work` against a deadline and `signal`; the timer is cleared either way, so a
 * finished probe leaves nothing pending.
 */
async function withDeadline<T>(work: Promise<T>, clock: Clock, timeoutMs: number, signal?: AbortSignal): Promise<T | 'elapsed' | 'aborted'> {
  const done = new AbortController();
  const stop = signal === undefined ? done.signal : AbortSignal.any([signal, done.signal]);
  try {
    return await Promise.race([work, sleep(clock, timeoutMs, stop)]);
  } finally {
    done.abort();
  }
}

async function openWithDeadline(transport: Transport, clock: Clock, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  const opening = transport.open().then(
    () => 'opened' as const,
    (error: unknown) => ({ error }),
  );
  const outcome = await withDeadline(opening, clock, timeoutMs, signal);
  if (outcome === 'opened') return;
  if (outcome === 'elapsed' || outcome === 'aborted') {
    // The open may still succeed later: close the port then, so nothing leaks.
    void opening.then((late) => (late === 'opened' ? transport.close() : undefined)).catch(() => undefined);
    throw outcome === 'aborted' ? cancelled() : new ProbeStop('timeout', `${transport.description} did not open within ${timeoutMs} ms`);
  }
  throw asStop(outcome.error);
}

async function closeWithDeadline(transport: Transport, clock: Clock): Promise<void> {
  const closing = transport.close().catch((error: unknown) => debug('closing %s failed: %s', transport.description, errorMessage(error)));
  await withDeadline(closing, clock, PROBE_CLOSE_TIMEOUT_MS);
}
