/**
 * The A4 document printer (design.md §4: "A4 printer (PDF through the OS spooler)"), narrowed
 * to what the services need: print a PDF, report health. Two implementations: a simulator
 * that files each PDF as `KIOSK_DATA_DIR/a4/<n>.pdf` (dev machines, tests, e2e) and the CUPS
 * spooler through `lp` (lp-document-printer.ts). The spooler owns the printer's protocol,
 * driver and queue; the kiosk only hands over finished PDFs.
 */
import createDebug from 'debug';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { type DeviceError, deviceError } from '../../../hardware/device-error.js';
import { type Result, assertNever, err, ok } from '../../../hardware/result.js';
import type { DeviceHealth, DocumentPrintOutcome } from '../../ipc/contract.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import { LpDocumentPrinter } from './lp-document-printer.js';
import { checkPdf } from './pdf-pages.js';

const debug = createDebug('kiosk:services:document-printer');

export interface DocumentPrinterPort {
  /**
   * Prints one PDF; resolves once the printer (or the spooler) has accepted it. `title` names
   * the job in the spooler's queue. `pages` is the PDF's page count.
   */
  print(pdf: Uint8Array, title: string): Promise<Result<{ readonly pages: number }, DeviceError>>;
  health(): DeviceHealth;
  onHealthChanged(listener: (health: DeviceHealth) => void): () => void;
  /** Waits for jobs being handed over, then stops health polling. */
  close(): Promise<void>;
}

/** Folder under the data folder where the simulated printer files PDFs. */
export const SIMULATED_A4_FOLDER = 'a4';

type DocumentPrinterConfig = TerminalConfig['devices']['documentPrinter'];

/** What the citizen reads when an A4 print failed; the technician sees `error.message`. */
export function documentPrintFailureReason(error: DeviceError): string {
  switch (error.code) {
    case 'offline':
    case 'noHardware':
    case 'closed':
      return 'A4 打印机未连接，请到窗口领取纸质办事指南';
    case 'timeout':
      return 'A4 打印机无响应，请稍后再试';
    case 'busy':
      return 'A4 打印机忙，请稍候';
    default:
      return 'A4 打印机故障，请到窗口领取纸质办事指南';
  }
}

/** Alarm source of the A4 printer's failures (cleared by the next good print). */
export const DOCUMENT_PRINTER_ALARM_SOURCE = 'documentPrinter';

/**
 * Prints a finished PDF for a citizen: the outcome for the screen, an alarm for the
 * technician when it failed, the alarm cleared when it worked.
 */
export async function printPdf(printer: DocumentPrinterPort, alarms: AlarmService, pdf: Uint8Array, title: string): Promise<DocumentPrintOutcome> {
  const result = await printer.print(pdf, title);
  if (result.ok) {
    alarms.clear(DOCUMENT_PRINTER_ALARM_SOURCE);
    return { status: 'printed', pages: result.value.pages };
  }
  alarms.raise(DOCUMENT_PRINTER_ALARM_SOURCE, result.error.detail ?? result.error.code, `document printer: ${result.error.message}`);
  return { status: 'failed', reason: documentPrintFailureReason(result.error) };
}

const PDF_FILE = /^(\d+)\.pdf$/u;

/**
 * Writes a file so that whoever watches the folder (a test, a technician) never sees half a
 * PDF: temp file beside it, fsync, rename, fsync the folder.
 */
async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * The simulated A4 printer: `<dir>/<n>.pdf`, n continuing after the highest number already
 * in the folder so it keeps increasing across restarts. Jobs are written one at a time.
 */
export class SimulatedDocumentPrinter implements DocumentPrinterPort {
  readonly dir: string;
  #next: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.dir = dir;
  }

  print(pdf: Uint8Array, title: string): Promise<Result<{ readonly pages: number; readonly file: string }, DeviceError>> {
    const checked = checkPdf(pdf);
    if (!checked.ok) return Promise.resolve(checked);
    const done = this.#queue.then(() => this.#write(pdf, title, checked.value));
    this.#queue = done;
    return done;
  }

  async #write(pdf: Uint8Array, title: string, pages: number): Promise<Result<{ readonly pages: number; readonly file: string }, DeviceError>> {
    try {
      await mkdir(this.dir, { recursive: true });
      this.#next ??= (await highestPdfNumber(this.dir)) + 1;
      const file = path.join(this.dir, `${this.#next}.pdf`);
      this.#next += 1;
      await writeFileAtomic(file, pdf);
      debug('simulated A4 job "%s": %d page(s) → %s', title, pages, file);
      return ok({ pages, file });
    } catch (error) {
      // Disk full or folder not writable: the job failed, as a real printer's would.
      return err(deviceError('failure', `simulated A4 printer cannot write to ${this.dir}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  health(): DeviceHealth {
    return { kind: 'documentPrinter', isSimulated: true, state: 'online', condition: null, detail: null };
  }

  onHealthChanged(): () => void {
    // Always online: nothing ever changes.
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.#queue;
  }
}

async function highestPdfNumber(dir: string): Promise<number> {
  let highest = 0;
  for (const name of await readdir(dir)) {
    const match = PDF_FILE.exec(name);
    if (match?.[1] !== undefined) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

export interface DocumentPrinterOptions {
  readonly dataDir: string;
  /** Environment for `lp`/`lpstat`; tests put fake executables first on PATH. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The configured A4 printer; no configuration means simulated. */
export async function createDocumentPrinterPort(config: DocumentPrinterConfig, options: DocumentPrinterOptions): Promise<DocumentPrinterPort> {
  const transport = config?.transport ?? { type: 'simulated' };
  switch (transport.type) {
    case 'simulated':
      return new SimulatedDocumentPrinter(path.join(options.dataDir, SIMULATED_A4_FOLDER));
    case 'lp':
      return LpDocumentPrinter.start({ printer: transport.printer, ...(options.env === undefined ? {} : { env: options.env }) });
    default:
      return assertNever(transport, 'document printer transport');
  }
}
