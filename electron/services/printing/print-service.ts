/**
 * Sends receipts to the thermal printer and keeps the print log. Every job is recorded
 * (`pending`) before its bytes leave, and marked `printed` or `failed` after; jobs still
 * pending at start belonged to a process that died mid-print and are marked `abandoned`,
 * never printed again (R-W3: a ticket is never printed twice).
 */
import createDebug from 'debug';
import type { DeviceError } from '../../../hardware/device-error.js';
import type { PrintOutcome } from '../../ipc/contract.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { KioskDatabase } from '../storage/database.js';
import type { ReceiptPrinterPort } from './printer-port.js';

const debug = createDebug('kiosk:services:printing');

/** A ticket is short; a printer that needs longer than this is treated as failed. */
export const PRINT_TIMEOUT_MS = 20_000;
export const PRINTER_ALARM_SOURCE = 'receiptPrinter';

/** What the citizen reads when a printout failed; the technician sees `error.message`. */
export function printFailureReason(error: DeviceError): string {
  switch (error.detail) {
    case 'paperEmpty':
      return '打印机缺纸';
    case 'coverOpen':
      return '打印机仓盖未关好';
    case 'cutterJam':
      return '打印机切纸故障';
    default:
      break;
  }
  switch (error.code) {
    case 'offline':
    case 'noHardware':
    case 'closed':
      return '打印机未连接';
    case 'timeout':
      return '打印机无响应';
    case 'busy':
      return '打印机忙，请稍候';
    default:
      return '打印机故障';
  }
}

export type PrintJobKind = 'ticket' | 'checklist' | 'applicationReceipt';

export class PrintService {
  readonly #db: KioskDatabase;
  readonly #printer: ReceiptPrinterPort;
  readonly #alarms: AlarmService;
  readonly #now: () => number;

  constructor(db: KioskDatabase, printer: ReceiptPrinterPort, alarms: AlarmService, now: () => number) {
    this.#db = db;
    this.#printer = printer;
    this.#alarms = alarms;
    this.#now = now;
  }

  /** Marks jobs left pending by a previous process; returns how many. */
  abandonPendingJobs(): number {
    const changes = this.#db
      .prepare("UPDATE print_jobs SET status = 'abandoned', finished_at = ?, detail = 'process ended before the job finished' WHERE status = 'pending'")
      .run(this.#isoNow()).changes;
    if (changes > 0) debug('%d print job(s) abandoned by a previous run', changes);
    return changes;
  }

  async print(kind: PrintJobKind, ticketId: number | null, job: Uint8Array): Promise<PrintOutcome> {
    const jobId = Number(
      this.#db
        .prepare('INSERT INTO print_jobs (ticket_id, kind, byte_count, created_at) VALUES (?, ?, ?, ?)')
        .run(ticketId, kind, job.byteLength, this.#isoNow()).lastInsertRowid,
    );
    const result = await this.#printer.print(job, AbortSignal.timeout(PRINT_TIMEOUT_MS));
    const finish = this.#db.prepare('UPDATE print_jobs SET status = ?, detail = ?, finished_at = ? WHERE id = ?');
    if (result.ok) {
      finish.run('printed', null, this.#isoNow(), jobId);
      this.#alarms.clear(PRINTER_ALARM_SOURCE);
      return { status: 'printed' };
    }
    const detail = `${result.error.code}${result.error.detail === undefined ? '' : `/${result.error.detail}`}: ${result.error.message}`;
    finish.run('failed', detail, this.#isoNow(), jobId);
    this.#alarms.raise(PRINTER_ALARM_SOURCE, result.error.detail ?? result.error.code, `receipt printer: ${detail}`);
    return { status: 'failed', reason: printFailureReason(result.error) };
  }

  #isoNow(): string {
    return new Date(this.#now()).toISOString();
  }
}
