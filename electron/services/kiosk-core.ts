/**
 * The composition root of the host-agnostic core: configuration, database, services and
 * devices, wired into the handlers both hosts route to. When something essential is
 * unusable (configuration, database, category list) the core still starts — in
 * out-of-service mode, with a reason on screen and the details in `diagnostics()` — so the
 * citizen sees a clear notice instead of a blank or half-working machine.
 */
import createDebug from 'debug';
import type Database from 'better-sqlite3';
import type {
  DeviceHealth,
  EventName,
  IpcResult,
  KioskEvents,
  KioskHandlers,
  SystemStatus,
  TicketView,
} from '../ipc/contract.js';
import { AlarmService } from './alarms/alarm-service.js';
import { DEFAULT_CONFIG, type TerminalConfig, loadTerminalConfig } from './config/terminal-config.js';
import { createReceiptPrinterPort } from './devices/receipt-printer-port.js';
import type { CoreEventListener, KioskCore, KioskCoreOptions } from './kiosk-core-types.js';
import type { ReceiptPrinterPort } from './printing/printer-port.js';
import { PrintService } from './printing/print-service.js';
import { qrPath } from './printing/qr-path.js';
import { renderEscPos } from './printing/receipt-document.js';
import { ticketQrPayload, ticketReceiptMarkup } from './printing/ticket-receipt.js';
import { loadQueueCategories } from './queue/categories.js';
import { QueueService } from './queue/queue-service.js';
import { SessionService } from './session/session-service.js';
import { type KioskDatabase, openDatabase } from './storage/database.js';

const debug = createDebug('kiosk:services:core');

/** Screen texts for out-of-service reasons (the technician reads `diagnostics()`). */
export const OUT_OF_SERVICE_REASONS = {
  config: '终端配置有误，设备暂停服务',
  storage: '数据存储异常，设备暂停服务',
  categories: '业务类别配置有误，设备暂停服务',
  storageFull: '存储空间不足或存储故障，设备暂停服务',
} as const;

const OUT_OF_SERVICE_ERROR = (reason: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'outOfService', message: `${reason}，请联系大厅工作人员` },
});

/** SQLite result codes that mean the disk, not our code, failed (R-D3). */
const STORAGE_FAILURE_CODES = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|CANTOPEN|READONLY)/u;

function isStorageFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && STORAGE_FAILURE_CODES.test(String((error as { code?: unknown }).code));
}

interface CoreState {
  mode: SystemStatus['mode'];
  outOfServiceReason: string | null;
}

export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const now = options.now ?? Date.now;
  const diagnostics: string[] = [];
  const listeners = new Set<CoreEventListener>();
  const emit = <E extends EventName>(event: E, payload: KioskEvents[E]): void => {
    for (const listener of listeners) listener(event, payload);
  };
  const session = new SessionService();
  const state: CoreState = { mode: 'ready', outOfServiceReason: null };
  let config: TerminalConfig = DEFAULT_CONFIG;
  let db: KioskDatabase | null = null;
  let printer: ReceiptPrinterPort | null = null;
  let queue: QueueService | null = null;
  let printing: PrintService | null = null;
  let isClosed = false;

  const goOutOfService = (reason: string, details: readonly string[]): void => {
    state.mode = 'outOfService';
    state.outOfServiceReason = reason;
    for (const detail of details) diagnostics.push(detail);
    debug('out of service: %s', details.join('; '));
  };

  const deviceHealth = (): DeviceHealth[] => (printer === null ? [] : [printer.health()]);
  const status = (): SystemStatus => ({
    mode: state.mode,
    outOfServiceReason: state.outOfServiceReason,
    hallName: config.hall.name,
    terminalId: config.hall.terminalId,
    isSimulated: deviceHealth().some((d) => d.isSimulated),
    devices: deviceHealth(),
    idle: config.idle,
    timeZone: config.timeZone,
  });

  // Configuration → database → categories → devices, stopping at the first unusable piece.
  const loadedConfig = loadTerminalConfig(options.dataDir);
  if (!loadedConfig.ok) {
    goOutOfService(OUT_OF_SERVICE_REASONS.config, loadedConfig.error);
  } else {
    config = loadedConfig.value.config;
    for (const problem of loadedConfig.value.problems) diagnostics.push(`${problem} (using the last good configuration)`);
    const opened = openDatabase(options.dataDir);
    if (!opened.ok) {
      goOutOfService(OUT_OF_SERVICE_REASONS.storage, [`database: ${opened.error.message}`]);
    } else {
      db = opened.value;
      const alarms = new AlarmService(db, now);
      if (loadedConfig.value.source === 'lastGood') {
        alarms.raise('config', 'invalidConfig', `config.json is invalid, running on the last good copy: ${loadedConfig.value.problems.join('; ')}`);
      }
      const categories = loadQueueCategories(options.assetsDir);
      if (!categories.ok) {
        goOutOfService(OUT_OF_SERVICE_REASONS.categories, [categories.error]);
      } else {
        queue = new QueueService(db, categories.value, { timeZone: config.timeZone, now });
        printer = await createReceiptPrinterPort(config.devices.receiptPrinter, { dataDir: options.dataDir });
        printing = new PrintService(db, printer, alarms, now);
        printing.abandonPendingJobs();
        printer.onHealthChanged(() => emit('system.statusChanged', status()));
      }
    }
  }

  /** Runs a storage-touching step; a disk failure puts the terminal out of service (R-D3). */
  function guardStorage<T>(step: () => T): T | null {
    try {
      return step();
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      goOutOfService(OUT_OF_SERVICE_REASONS.storageFull, [`database write failed: ${(error as Error).message}`]);
      emit('system.statusChanged', status());
      return null;
    }
  }

  async function takeTicket(categoryId: string): Promise<IpcResult<TicketView>> {
    if (state.mode !== 'ready' || queue === null || printing === null) return OUT_OF_SERVICE_ERROR(state.outOfServiceReason ?? '');
    const issued = guardStorage(() => queue?.issueTicket(categoryId));
    if (issued === null || issued === undefined) return OUT_OF_SERVICE_ERROR(OUT_OF_SERVICE_REASONS.storageFull);
    if (!issued.ok) {
      return issued.error === 'unknownCategory'
        ? { ok: false, error: { code: 'notFound', message: '该业务类别不存在，请重新选择' } }
        : { ok: false, error: { code: 'unavailable', message: '今日该业务号源已满，请咨询大厅工作人员' } };
    }
    const ticket = issued.value;
    // The number is committed: from here on the citizen gets it whatever the printer does.
    emit('queue.waitingChanged', { categoryId: ticket.category.id, waitingCount: ticket.waitingAhead + 1 });
    const qrPayload = ticketQrPayload(config.hall.terminalId, ticket.issuedAt.day, ticket.ticketNumber);
    const job = renderEscPos(
      ticketReceiptMarkup({
        hallName: config.hall.name,
        ticketNumber: ticket.ticketNumber,
        categoryName: ticket.category.name,
        waitingAhead: ticket.waitingAhead,
        issuedAtDisplay: ticket.issuedAt.display,
        terminalId: config.hall.terminalId,
        qrPayload,
      }),
      { charactersPerLine: config.devices.receiptPrinter?.paperWidthMm === 58 ? 32 : 48 },
    );
    const print = await printing.print('ticket', ticket.id, job);
    const qr = qrPath(qrPayload);
    return {
      ok: true,
      value: {
        ticketNumber: ticket.ticketNumber,
        categoryId: ticket.category.id,
        categoryName: ticket.category.name,
        hallName: config.hall.name,
        waitingAhead: ticket.waitingAhead,
        issuedAt: ticket.issuedAt.iso,
        qrPayload,
        qrPath: qr.path,
        qrModules: qr.modules,
        print,
      },
    };
  }

  const handlers: KioskHandlers = {
    'system.getStatus': () => Promise.resolve({ ok: true, value: status() }),
    'queue.listCategories': () => {
      if (state.mode !== 'ready' || queue === null) return Promise.resolve(OUT_OF_SERVICE_ERROR(state.outOfServiceReason ?? ''));
      const categories = guardStorage(() => queue?.listCategories() ?? []);
      return Promise.resolve(categories === null ? OUT_OF_SERVICE_ERROR(OUT_OF_SERVICE_REASONS.storageFull) : { ok: true, value: categories });
    },
    'queue.takeTicket': ({ categoryId }) => takeTicket(categoryId),
    'session.begin': () => Promise.resolve({ ok: true, value: { sessionId: session.begin() } }),
    'session.end': ({ reason }) => {
      session.end(reason);
      return Promise.resolve({ ok: true, value: { wiped: true } });
    },
  };

  return {
    handlers,
    status,
    diagnostics: () => [...diagnostics],
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      session.end('shutdown');
      await printer?.close();
      closeDatabase(db);
    },
  };
}

function closeDatabase(db: Database.Database | null): void {
  if (db === null || !db.open) return;
  // A clean shutdown leaves no WAL behind; a crash is recovered by SQLite at next open.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
