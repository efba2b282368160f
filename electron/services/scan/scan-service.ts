/**
 * Scanning while a screen waits for a code: the scanner is enabled only between
 * `scan.start` and `scan.stop` (a code waved at an idle kiosk does nothing), every code is
 * classified by {@link classifyScan} and reaches the screen as a `scan.scanned` event. The
 * same classification serves bursts the renderer's keyboard guard caught from a scanner
 * that can only type as an OS keyboard. A double scan of the same text within
 * {@link DOUBLE_SCAN_MS} counts once. Scanned text is never logged (it may be personal).
 */
import createDebug from 'debug';
import type { ScanRefusal, ScanResult } from '../../ipc/contract.js';
import type { BarcodeScannerPort, ScanFailure } from './barcode-scanner-port.js';
import { type ScanInput, classifyScan, refuse } from './scan-payload.js';

const debug = createDebug('kiosk:services:scan');

/** Scanners in continuous mode read the same code again within about a second. */
export const DOUBLE_SCAN_MS = 1500;

/** What the citizen is told when the scanner itself could not deliver a code. */
const FAILURE_REASONS: Readonly<Record<ScanFailure, ScanRefusal>> = { tooLong: 'tooLong', garbled: 'garbled', undecodable: 'garbled' };

export interface ScanServiceOptions {
  readonly scanner: BarcodeScannerPort | null;
  readonly publicBaseUrl: string;
  readonly now: () => number;
  readonly emit: (result: ScanResult) => void;
}

export class ScanService {
  readonly #options: ScanServiceOptions;
  #isScanning = false;
  #last: { text: string; at: number } | null = null;

  constructor(options: ScanServiceOptions) {
    this.#options = options;
    options.scanner?.onScan((scan) => {
      if (this.#isScanning) this.#accept(scan);
    });
    options.scanner?.onScanFailed((reason) => {
      debug('scan failed: %s', reason);
      if (this.#isScanning) options.emit(refuse(FAILURE_REASONS[reason]));
    });
  }

  get isScanning(): boolean {
    return this.#isScanning;
  }

  async start(): Promise<void> {
    this.#isScanning = true;
    this.#last = null;
    await this.#options.scanner?.enable();
  }

  async stop(): Promise<void> {
    this.#isScanning = false;
    this.#last = null;
    await this.#options.scanner?.disable();
  }

  /** A burst from the keyboard guard: classified, emitted while scanning, and returned. */
  submitText(text: string): ScanResult {
    const result = classifyScan({ text }, this.#options.publicBaseUrl);
    if (this.#isScanning) this.#accept({ text }, result);
    return result;
  }

  #accept(scan: ScanInput, classified?: ScanResult): void {
    const now = this.#options.now();
    if (this.#last !== null && this.#last.text === scan.text && now - this.#last.at < DOUBLE_SCAN_MS) return;
    this.#last = { text: scan.text, at: now };
    const result = classified ?? classifyScan(scan, this.#options.publicBaseUrl);
    debug('scanned: %s', result.kind === 'refused' ? `refused (${result.reason})` : result.kind);
    this.#options.emit(result);
  }
}
