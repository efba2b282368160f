/**
 * The device side of a barcode / QR scanner (style.md "Simulators", protocols.md §3.5).
 * Attach it to any {@link Transport} endpoint — a memory pair in unit tests, a pty from
 * socat in integration tests, a serial port from the CLI — and call {@link scan}:
 *
 * - `hidKeyboard`: press + release boot reports per character (Shift from the modifier
 *   byte), Alt+numpad groups for characters without a key, the suffix key; one report per
 *   write, `keyDelayMs` ± jitter apart (default 4 ± 2 ms, like real wedges);
 * - `hidPos`: the payload (UTF-8 or GBK) in 56-byte scanned-data reports with the
 *   continuation bit and an AIM id (`]Q1`);
 * - `serial`: AIM id (optional), payload and suffix, in random-size writes or whole.
 *
 * Faults: an ErrorRollOver report inside a symbol, a dropped suffix, an unplug in the
 * middle of a symbol, a double scan, a vendor suffix chord.
 */
import createDebug from 'debug';
import iconv from 'iconv-lite';
import { type Clock, sleep, systemClock } from '../../clock.js';
import type { BarcodeScannerMode } from '../../devices/barcode-scanner/events.js';
import type { AltCodeMode } from '../../protocols/hid-keyboard/wedge-decoder.js';
import { MemoryTransport } from '../../transports/memory-transport.js';
import { errorMessage } from '../../transports/transport-error.js';
import type { Transport } from '../../transports/transport.js';
import { mulberry32 } from '../seeded-random.js';
import {
  encodePayload,
  hidPosReports,
  rollOverReport,
  serialSymbolBytes,
  vendorChordReports,
  wedgeSuffixReports,
  wedgeTextReports,
  type PayloadCharset,
  type SimulatedSuffix,
} from './symbol-encoding.js';

const debug = createDebug('kiosk:simulator:barcode-scanner');

/** Real wedges send a key every ~1–20 ms (§3.1); 4 ms is a typical fast scanner. */
export const DEFAULT_KEY_DELAY_MS = 4;
/** ± range of the key delay. */
export const DEFAULT_KEY_JITTER_MS = 2;
/** Largest write in `random` serial chunking. */
const MAX_RANDOM_CHUNK_BYTES = 16;

/** Scripted faults. All optional; change them at any time. */
export interface BarcodeScannerFaults {
  /** Keyboard: an ErrorRollOver report after the first key of every symbol. */
  rollOver?: boolean | undefined;
  /** No suffix: the device must frame on its idle gap. */
  dropSuffix?: boolean | undefined;
  /**
   * One-shot: the link goes away half-way through the next symbol. A memory end is
   * disconnected (both ends see `disconnected`); any other transport is closed.
   */
  unplugMidScan?: boolean | undefined;
  /** Every symbol is sent twice, as a scanner that reads the code again. */
  doubleScan?: boolean | undefined;
  /** Keyboard: a Ctrl+Shift+F12 vendor chord before the suffix. */
  vendorChord?: boolean | undefined;
}

/** Options of {@link BarcodeScannerSimulator}: its mode and settings, fixed per instance. */
export interface BarcodeScannerSimulatorOptions {
  readonly mode: BarcodeScannerMode;
  readonly clock?: Clock;
  /** Between reports (HID modes). Default {@link DEFAULT_KEY_DELAY_MS}; 0 = back to back. */
  readonly keyDelayMs?: number;
  /** ± range around `keyDelayMs`. Default {@link DEFAULT_KEY_JITTER_MS} (0 when the delay is 0). */
  readonly keyJitterMs?: number;
  /** Default `enter` (keyboard), `cr` (serial); not used by HID POS. */
  readonly suffix?: SimulatedSuffix;
  /** Keyboard: how non-key characters become Alt+numpad numbers. Default `unicode`. */
  readonly altCodes?: AltCodeMode;
  /** HID POS / serial: how text becomes payload bytes. Default `utf-8`. */
  readonly charset?: PayloadCharset;
  /** Serial: random-size writes (default) or one write per symbol. */
  readonly chunking?: 'random' | 'whole';
  /** Seed for jitter and chunk sizes. Default 1. */
  readonly seed?: number;
  /** HID modes: prefix reports with their report ID (1 keyboard, 2 HID POS). Default false. */
  readonly hasReportId?: boolean;
  /** AIM id sent with each symbol. Default `]Q1` (HID POS; `]Q2` with `eci`), none (serial). */
  readonly aimId?: string | null;
  /** HID POS / serial: put this ECI designator in front of the payload. */
  readonly eci?: number;
  /** HID POS: the length byte counts the AIM id too (a vendor variant, §3.2). */
  readonly lengthCountsAim?: boolean;
  readonly faults?: BarcodeScannerFaults;
}

/** Keyboard reports use report ID 1 when numbered (composite keyboard interface). */
const KEYBOARD_REPORT_ID = 1;

/**
 * ```ts
 * const simulator = new BarcodeScannerSimulator({ mode: 'serial', suffix: 'crlf', charset: 'gbk' });
 * simulator.attach(deviceEnd);
 * await simulator.scan('办件回执 2024-0001');
 * ```
 */
export class BarcodeScannerSimulator {
  /** Mutable fault script; see {@link BarcodeScannerFaults}. */
  readonly faults: BarcodeScannerFaults;
  readonly mode: BarcodeScannerMode;
  readonly #options: BarcodeScannerSimulatorOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  #transport: Transport | undefined;
  #tail: Promise<void> = Promise.resolve();
  #symbolsSent = 0;

  constructor(options: BarcodeScannerSimulatorOptions) {
    this.#options = options;
    this.mode = options.mode;
    this.#clock = options.clock ?? systemClock;
    this.#random = mulberry32(options.seed ?? 1);
    this.faults = { ...options.faults };
  }

  /** Symbols sent completely (a double scan counts twice). */
  get symbolsSent(): number {
    return this.#symbolsSent;
  }

  /** Connects to the device end of a link (opened by the caller); returns a detach function. */
  attach(transport: Transport): () => void {
    this.#transport = transport;
    return () => this.detach();
  }

  detach(): void {
    this.#transport = undefined;
  }

  /** Resolves once every scan asked for so far has been sent (or given up). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const tail = this.#tail;
      await tail;
      if (tail === this.#tail) return;
    }
  }

  /** Scans a code holding `text`; resolves once it is sent. Scans queue behind each other. */
  scan(text: string): Promise<void> {
    return this.#enqueue(() => this.#units(text, undefined));
  }

  /**
   * Scans a code holding raw `bytes` (a binary or pre-encoded payload). Keyboard mode
   * types them as text decoded in `charset`, since keys are all a wedge can send.
   */
  scanBytes(bytes: Uint8Array): Promise<void> {
    if (this.mode === 'hidKeyboard') {
      const charset = this.#options.charset === 'gbk' ? 'gb18030' : 'utf-8';
      return this.scan(iconv.decode(Buffer.from(bytes), charset));
    }
    return this.#enqueue(() => this.#units(undefined, bytes));
  }

  #enqueue(units: () => Uint8Array[]): Promise<void> {
    const run = async (): Promise<void> => {
      const isDouble = this.faults.doubleScan === true;
      await this.#send(units());
      if (isDouble) await this.#send(units());
    };
    const next = this.#tail.then(run, run).catch((error: unknown) => debug('scan failed: %s', errorMessage(error)));
    this.#tail = next;
    return next;
  }

  /** The writes of one symbol: reports (HID modes) or chunks (serial). */
  #units(text: string | undefined, bytes: Uint8Array | undefined): Uint8Array[] {
    const options = this.#options;
    const suffix = this.faults.dropSuffix === true ? 'none' : (options.suffix ?? (this.mode === 'serial' ? 'cr' : 'enter'));
    const eci = options.eci;
    const payload = (): Uint8Array => bytes ?? encodePayload(text ?? '', options.charset ?? 'utf-8', eci);
    switch (this.mode) {
      case 'hidKeyboard': {
        const reportId = options.hasReportId === true ? KEYBOARD_REPORT_ID : undefined;
        const encode = { altCodes: options.altCodes ?? 'unicode', ...(reportId === undefined ? {} : { reportId }) };
        const reports = wedgeTextReports(text ?? '', encode);
        if (this.faults.rollOver === true) reports.splice(Math.min(1, reports.length), 0, rollOverReport(reportId));
        if (this.faults.vendorChord === true) reports.push(...vendorChordReports(reportId));
        reports.push(...wedgeSuffixReports(suffix, reportId));
        return reports;
      }
      case 'hidPos': {
        const aimId = options.aimId === undefined ? (eci === undefined ? ']Q1' : ']Q2') : options.aimId;
        return hidPosReports(payload(), {
          aimId,
          ...(options.hasReportId === undefined ? {} : { hasReportId: options.hasReportId }),
          ...(options.lengthCountsAim === undefined ? {} : { lengthCountsAim: options.lengthCountsAim }),
        });
      }
      case 'serial': {
        const aimId = options.aimId === undefined ? (eci === undefined ? null : ']Q2') : options.aimId;
        return this.#chunks(serialSymbolBytes(payload(), suffix, aimId));
      }
    }
  }

  #chunks(bytes: Uint8Array): Uint8Array[] {
    if (this.#options.chunking === 'whole') {
      // An unplug mid-scan needs a gap to happen in: the symbol goes in two halves.
      if (this.faults.unplugMidScan !== true || bytes.length < 2) return [bytes];
      const half = Math.floor(bytes.length / 2);
      return [bytes.subarray(0, half), bytes.subarray(half)];
    }
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; ) {
      const size = 1 + Math.floor(this.#random() * MAX_RANDOM_CHUNK_BYTES);
      chunks.push(bytes.subarray(offset, offset + size));
      offset += size;
    }
    return chunks;
  }

  async #send(units: readonly Uint8Array[]): Promise<void> {
    const unplugAt = this.faults.unplugMidScan === true ? Math.max(1, Math.floor(units.length / 2)) : -1;
    const isHid = this.mode !== 'serial';
    for (const [index, unit] of units.entries()) {
      if (index === unplugAt) {
        this.faults.unplugMidScan = false;
        await this.#unplug();
        return;
      }
      const transport = this.#transport;
      if (transport === undefined || !transport.isOpen) {
        debug('link not open: symbol abandoned after %d of %d writes', index, units.length);
        return;
      }
      if (isHid && index > 0) await this.#keyDelay();
      try {
        await transport.write(unit);
      } catch (error) {
        debug('write failed: %s', errorMessage(error));
        return;
      }
    }
    this.#symbolsSent += 1;
  }

  async #keyDelay(): Promise<void> {
    const delayMs = this.#options.keyDelayMs ?? DEFAULT_KEY_DELAY_MS;
    if (delayMs <= 0) return;
    const jitterMs = this.#options.keyJitterMs ?? DEFAULT_KEY_JITTER_MS;
    const ms = Math.max(0, delayMs + (this.#random() * 2 - 1) * jitterMs);
    await sleep(this.#clock, ms);
  }

  async #unplug(): Promise<void> {
    const transport = this.#transport;
    if (transport === undefined) return;
    debug('unplugging mid-scan');
    if (transport instanceof MemoryTransport) transport.disconnect('unplugged mid-scan');
    else await transport.close();
  }
}
