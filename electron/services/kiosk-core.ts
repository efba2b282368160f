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
  GuideView,
  IpcResult,
  KioskEvents,
  TicketView,
  KioskHandlers,
  ScanResult,
  SystemStatus,
} from '../ipc/contract.js';
import { AlarmService } from './alarms/alarm-service.js';
import { DEFAULT_CONFIG, type TerminalConfig, loadTerminalConfig } from './config/terminal-config.js';
import { createReceiptPrinterPort } from './devices/receipt-printer-port.js';
import { type ApplicationCore, applicationHandlers } from './application/application-handlers.js';
import { ApplicationService } from './application/application-service.js';
import { ApplicationStore } from './application/application-store.js';
import { type CaptureCore, captureHandlers } from './capture/capture-handlers.js';
import { createCaptureDevices } from './capture/capture-devices.js';
import { CaptureService } from './capture/capture-service.js';
import { type RunningConsole, countingHandlers, lazyConsoleHandlers, startConsole } from './console/console-setup.js';
import { DeviceEventLog } from './console/device-views.js';
import type { ScanTestPort } from './console/device-tests.js';
import type { CoreEventListener, KioskCore, KioskCoreOptions } from './kiosk-core-types.js';
import { NO_SUCH_ITEM, NOT_SIMULATED } from './refusals.js';
import { CatalogueService, loadCatalogue } from './catalogue/catalogue-service.js';
import { createIdCardReaderPort } from './devices/id-card-reader-adapter.js';
import { type DocumentPrinterPort, createDocumentPrinterPort } from './printing/document-printer-port.js';
import { GuidePrinting } from './printing/guide-printing.js';
import type { IdCardReaderPort } from './identity/id-card-reader-port.js';
import { IdentityService } from './identity/identity-service.js';
import type { ReceiptPrinterPort } from './printing/printer-port.js';
import { PrintService } from './printing/print-service.js';
import { receiptColumns } from './printing/receipt-document.js';
import { loadQueueCategories } from './queue/categories.js';
import { QueueService } from './queue/queue-service.js';
import { type HolderInfo, TicketDesk } from './queue/ticket-desk.js';
import { settingsSecret } from './storage/settings.js';
import { SessionService } from './session/session-service.js';
import { type KioskDatabase, openDatabase } from './storage/database.js';
import { openVault } from './storage/vault.js';
import { loadTextCandidates } from './input/text-candidates.js';
import { CASE_STATUS_LABELS } from './progress/progress-service.js';
import { type CitizenServices, startCitizenServices } from './citizen-services.js';
import { appointmentQrText, receiptQrText } from './scan/scan-payload.js';

const debug = createDebug('kiosk:services:core');

/** Screen texts for out-of-service reasons (the technician reads `diagnostics()`). */
export const OUT_OF_SERVICE_REASONS = {
  config: '终端配置有误，设备暂停服务',
  storage: '数据存储异常，设备暂停服务',
  categories: '业务类别配置有误，设备暂停服务',
  storageFull: '存储空间不足或存储故障，设备暂停服务',
  dataKey: '数据密钥异常，设备暂停服务',
} as const;

const OUT_OF_SERVICE_ERROR = (reason: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'outOfService', message: `${reason}，请联系大厅工作人员` },
});

function scannerAltCodes(config: TerminalConfig): SystemStatus['scannerAltCodes'] {
  const transport = config.devices.barcodeScanner?.transport;
  return transport?.type === 'keyboard' || transport?.type === 'hid' ? transport.altCodes : 'unicode';
}

/** How often a terminal out of service for a disk failure tries writing again (R-D3). */
export const STORAGE_PROBE_MS = 15_000;

/** SQLite result codes that mean the disk, not our code, failed (R-D3). */
const STORAGE_FAILURE_CODES = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|CANTOPEN|READONLY)/u;

function isStorageFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && STORAGE_FAILURE_CODES.test(String((error as { code?: unknown }).code));
}

/** The services that exist only when configuration, database and catalogue loaded. */
interface ReadyCore extends Omit<CitizenServices, 'close'>, CaptureCore, ApplicationCore {
  /** Null when no usable catalogue exists: the guide area says so, tickets still work. */
  readonly catalogue: CatalogueService | null;
  readonly guidePrinting: GuidePrinting;
  readonly queue: QueueService;
  readonly desk: TicketDesk;
  readonly identity: IdentityService;
  readonly reader: IdCardReaderPort | null;
}

interface CoreState {
  mode: SystemStatus['mode'];
  outOfServiceReason: string | null;
}

export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const now = options.now ?? Date.now;
  const diagnostics: string[] = [];
  const listeners = new Set<CoreEventListener>();
  /** Device events and counters for the technician console; plain words and numbers only. */
  const deviceEvents = new DeviceEventLog(now);
  const emit = <E extends EventName>(event: E, payload: KioskEvents[E]): void => {
    if (event === 'identity.cardRead') deviceEvents.count('cardsRead');
    else if (event === 'scan.scanned') deviceEvents.count('codesScanned');
    else if (event === 'system.statusChanged') for (const health of (payload as SystemStatus).devices) deviceEvents.noteHealth(health);
    for (const listener of listeners) listener(event, payload);
  };
  /** Scanning for the console's scan test: the citizen path, results as `scan.scanned` events. */
  const scanTestPort = (): ScanTestPort | null => {
    const scan = citizen?.scan;
    if (scan === undefined) return null;
    return {
      start: () => scan.start(),
      stop: () => scan.stop(),
      onScanned: (listener) => {
        const forward: CoreEventListener = (event, payload) => {
          if (event === 'scan.scanned') listener(payload as ScanResult);
        };
        listeners.add(forward);
        return () => listeners.delete(forward);
      },
    };
  };
  const session = new SessionService();
  const state: CoreState = { mode: 'ready', outOfServiceReason: null };
  let config: TerminalConfig = DEFAULT_CONFIG;
  let db: KioskDatabase | null = null;
  let printer: ReceiptPrinterPort | null = null;
  let reader: IdCardReaderPort | null = null;
  let documentPrinter: DocumentPrinterPort | null = null;
  let citizen: CitizenServices | null = null;
  let capture: CaptureService | null = null;
  let adminConsole: RunningConsole | null = null;
  let alarmService: AlarmService | null = null;
  let ready: ReadyCore | null = null;
  let isClosed = false;

  const goOutOfService = (reason: string, details: readonly string[]): void => {
    state.mode = 'outOfService';
    state.outOfServiceReason = reason;
    for (const detail of details) diagnostics.push(detail);
    debug('out of service: %s', details.join('; '));
  };

  const deviceHealth = (): DeviceHealth[] =>
    [printer, reader, documentPrinter, citizen?.scanner ?? null, citizen?.pad ?? null]
      .flatMap((device) => (device === null ? [] : [device.health()]))
      .concat(capture?.health() ?? []);
  const status = (): SystemStatus => ({
    mode: state.mode,
    outOfServiceReason: state.outOfServiceReason,
    hallName: config.hall.name,
    terminalId: config.hall.terminalId,
    isSimulated: deviceHealth().some((d) => d.isSimulated),
    devices: deviceHealth(),
    idle: config.idle,
    timeZone: config.timeZone,
    ticketIdentification: config.queue.ticketIdentification,
    scannerAltCodes: scannerAltCodes(config),
  });

  // Configuration → database → categories → devices, stopping at the first unusable piece.
  const loadedConfig = loadTerminalConfig(options.dataDir);
  if (!loadedConfig.ok) {
    goOutOfService(OUT_OF_SERVICE_REASONS.config, loadedConfig.error);
  } else {
    config = loadedConfig.value.config;
    for (const problem of loadedConfig.value.problems) diagnostics.push(`${problem} (using the last good configuration)`);
    const opened = openDatabase(options.dataDir);
    const vault = opened.ok ? openVault(opened.value, options.dataDir) : null;
    if (!opened.ok) {
      goOutOfService(OUT_OF_SERVICE_REASONS.storage, [`database: ${opened.error.message}`]);
    } else if (vault === null || !vault.ok) {
      // R-P5: without the right key nothing sealed can be read or written; never start on a new key.
      opened.value.close();
      goOutOfService(OUT_OF_SERVICE_REASONS.dataKey, [`data key: ${vault?.ok === false ? vault.error.message : 'not opened'}`]);
    } else {
      db = opened.value;
      const alarms = new AlarmService(db, now);
      alarmService = alarms;
      adminConsole = startConsole(db, {
        dataDir: options.dataDir,
        version: options.version ?? 'dev',
        now,
        events: deviceEvents,
        alarms,
        config: () => config,
        configProblems: () => loadedConfig.value.problems,
        status: () => status(),
        diagnostics: () => [...diagnostics],
        outbox: () => {
          const services = citizen;
          if (services === null) return null;
          return { counts: () => services.outboxCounts(), quarantined: () => services.outbox.quarantined(), release: (id) => services.releaseOutbox(id) };
        },
        devices: () => ({ printer, reader, scanning: scanTestPort(), pad: citizen?.pad ?? null, camera: capture?.nodeCamera() ?? null }),
        onRestartRequested: options.onRestartRequested,
      });
      if (loadedConfig.value.source === 'lastGood') {
        alarms.raise('config', 'invalidConfig', `config.json is invalid, running on the last good copy: ${loadedConfig.value.problems.join('; ')}`);
      }
      const categories = loadQueueCategories(options.assetsDir);
      if (!categories.ok) {
        goOutOfService(OUT_OF_SERVICE_REASONS.categories, [categories.error]);
      } else {
        const queue = new QueueService(db, categories.value, { timeZone: config.timeZone, now });
        const printerPort = await createReceiptPrinterPort(config.devices.receiptPrinter, { dataDir: options.dataDir });
        const readerPort = await createIdCardReaderPort(config.devices.idCardReader);
        const documentPrinterPort = await createDocumentPrinterPort(config.devices.documentPrinter, { dataDir: options.dataDir });
        [printer, reader, documentPrinter] = [printerPort, readerPort, documentPrinterPort];
        const printing = new PrintService(db, printerPort, alarms, now);
        printing.abandonPendingJobs();
        for (const device of [printerPort, readerPort, documentPrinterPort]) device.onHealthChanged(() => emit('system.statusChanged', status()));
        const desk = new TicketDesk({
          queue,
          printing,
          config,
          onWaitingChanged: (categoryId, waitingCount) => emit('queue.waitingChanged', { categoryId, waitingCount }),
        });
        const identity = new IdentityService({
          reader: readerPort,
          session,
          now,
          timeZone: config.timeZone,
          priorityAge: config.queue.priorityAge,
          holderKey: settingsSecret(db, 'ticketHolderKey'),
          emit,
        });
        const loadedCatalogue = loadCatalogue(options.assetsDir, options.dataDir, new Set(categories.value.map((c) => c.id)));
        let catalogue: CatalogueService | null = null;
        if (loadedCatalogue.ok) {
          catalogue = new CatalogueService(loadedCatalogue.value, categories.value);
          for (const problem of loadedCatalogue.value.problems) {
            diagnostics.push(problem);
            alarms.raise('catalogue', 'invalidSyncedCatalogue', problem);
          }
        } else {
          for (const problem of loadedCatalogue.error) diagnostics.push(problem);
          alarms.raise('catalogue', 'noCatalogue', loadedCatalogue.error.slice(0, 3).join('; '));
        }
        const guidePrinting = new GuidePrinting({ config, assetsDir: options.assetsDir, printing, documentPrinter: documentPrinterPort, alarms, now });

        // Scanning, progress, check-in and evaluation (issue #7).
        citizen = await startCitizenServices({
          config,
          dataDir: options.dataDir,
          db,
          vault: vault.value,
          alarms,
          session,
          queue,
          desk,
          reader: readerPort,
          catalogue,
          now,
          seedDemoData: options.seedDemoData === true,
          onScanned: (result) => emit('scan.scanned', result),
          onDeviceHealthChanged: () => emit('system.statusChanged', status()),
          report: (problem) => diagnostics.push(problem),
        });
        // Document capture (issue #5).
        const captureSetup = createCaptureDevices(config.devices.documentCamera, config.devices.scanner);
        capture = new CaptureService({
          devices: captureSetup.devices,
          session,
          colorMode: config.capture.colorMode,
          maxPageBytes: config.capture.maxPageKb * 1024,
          now,
          emitPreview: (preview) => emit('capture.preview', preview),
          emitDevice: (device) => emit('capture.deviceChanged', device),
          pdf: { hallName: config.hall.name, terminalId: config.hall.terminalId, assetsDir: options.assetsDir, timeZone: config.timeZone },
        });
        // Self-service applications (issue #6).
        const application = new ApplicationService({
          session,
          identity,
          capture,
          catalogue,
          store: new ApplicationStore(db, citizen.outbox),
          sync: citizen,
          printing,
          documentPrinter: documentPrinterPort,
          alarms,
          hall: {
            name: config.hall.name,
            terminalId: config.hall.terminalId,
            timeZone: config.timeZone,
            charactersPerLine: receiptColumns(config.devices.receiptPrinter?.paperWidthMm),
            publicBaseUrl: config.platform.publicBaseUrl,
          },
          assetsDir: options.assetsDir,
          now,
        });
        let textCandidates: ApplicationCore['textCandidates'] = null;
        try {
          textCandidates = loadTextCandidates(options.assetsDir);
        } catch (error) {
          diagnostics.push(`form keyboard vocabulary: ${error instanceof Error ? error.message : String(error)}`);
        }
        ready = {
          catalogue,
          guidePrinting,
          application,
          textCandidates,
          queue,
          desk,
          identity,
          reader: readerPort,
          ...citizen,
          capture,
          documentStage: captureSetup.stage,
          guide: (code) => catalogue?.guide(code) ?? null,
        };
      }
    }
  }

  /**
   * Runs a call that needs the ready core. Out of service is answered as a value; a disk
   * failure (SQLITE_FULL, I/O error) puts the terminal out of service (R-D3); other errors
   * are bugs and reach the router, which logs them.
   */
  async function whenReady<T>(step: (ready: ReadyCore) => Promise<IpcResult<T>> | IpcResult<T>): Promise<IpcResult<T>> {
    if (state.mode !== 'ready' || ready === null) return OUT_OF_SERVICE_ERROR(state.outOfServiceReason ?? '');
    try {
      return await step(ready);
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      goOutOfService(OUT_OF_SERVICE_REASONS.storageFull, [`database write failed: ${(error as Error).message}`]);
      emit('system.statusChanged', status());
      watchStorage();
      return OUT_OF_SERVICE_ERROR(OUT_OF_SERVICE_REASONS.storageFull);
    }
  }

  /**
   * R-D3: after a disk failure, try a small durable write every `storageProbeMs`; once it
   * commits and the database checks out, the terminal serves again by itself — a hall
   * worker who frees space does not also have to restart the machine.
   */
  let storageProbe: ReturnType<typeof setTimeout> | null = null;
  function watchStorage(): void {
    if (storageProbe !== null || isClosed) return;
    storageProbe = setTimeout(() => {
      storageProbe = null;
      if (isClosed || state.outOfServiceReason !== OUT_OF_SERVICE_REASONS.storageFull || db === null) return;
      try {
        db.prepare("INSERT INTO settings (key, value) VALUES ('storageProbe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
          new Date(now()).toISOString(),
        );
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
      } catch (error) {
        debug('storage still failing: %s', error instanceof Error ? error.message : String(error));
        watchStorage();
        return;
      }
      state.mode = 'ready';
      state.outOfServiceReason = null;
      diagnostics.push('database writable again: back in service');
      debug('storage recovered');
      emit('system.statusChanged', status());
    }, options.storageProbeMs ?? STORAGE_PROBE_MS);
  }

  const cardHolder = (core: ReadyCore): HolderInfo | null => {
    const holder = core.identity.holder();
    const view = core.identity.view();
    return holder === null || view === null ? null : { ...holder, maskedName: view.maskedName };
  };
  const NO_CARD: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '请先将身份证放置在感应区' } };
  const NO_CATALOGUE: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '办事指南暂时无法查看，请咨询大厅工作人员' } };
  const withCatalogue = <T>(step: (catalogue: CatalogueService) => IpcResult<T> | Promise<IpcResult<T>>): Promise<IpcResult<T>> =>
    whenReady((core) => (core.catalogue === null ? NO_CATALOGUE : step(core.catalogue)));
  const withGuide = <T>(code: string, step: (guide: GuideView, core: ReadyCore) => Promise<IpcResult<T>>): Promise<IpcResult<T>> =>
    whenReady((core) => {
      const guide = core.catalogue?.guide(code) ?? null;
      return core.catalogue === null ? NO_CATALOGUE : guide === null ? NO_SUCH_ITEM : step(guide, core);
    });

  /** The ticket of this session, for the evaluation that may follow. */
  const rememberTicket = async (core: ReadyCore, taking: Promise<IpcResult<TicketView>>): Promise<IpcResult<TicketView>> => {
    const taken = await taking;
    if (taken.ok) core.subjects.lastTicketNumber = taken.value.ticketNumber;
    return taken;
  };

  const handlers: KioskHandlers = {
    'system.getStatus': () => Promise.resolve({ ok: true, value: status() }),
    'queue.listCategories': () => whenReady((core) => ({ ok: true, value: core.queue.listCategories() })),
    'queue.takeTicket': ({ categoryId }) =>
      whenReady((core) =>
        config.queue.ticketIdentification === 'required'
          ? { ok: false, error: { code: 'unavailable', message: '本机取号需刷身份证，请将身份证放置在感应区' } }
          : rememberTicket(core, core.desk.take(categoryId, null)),
      ),
    'queue.takeTicketByIdCard': ({ categoryId }) =>
      whenReady((core) => {
        const holder = cardHolder(core);
        return holder === null ? NO_CARD : rememberTicket(core, core.desk.take(categoryId, holder));
      }),
    'queue.reprintTicket': ({ ticketNumber }) =>
      whenReady((core) => {
        const holder = cardHolder(core);
        return holder === null ? NO_CARD : core.desk.reprint(ticketNumber, holder);
      }),
    'identity.startReading': () => whenReady((core) => core.identity.startReading()),
    'identity.stopReading': () =>
      whenReady((core) => {
        core.identity.stopReading();
        return { ok: true, value: { isReading: false } };
      }),
    'identity.revealName': () => whenReady((core) => core.identity.revealName()),
    'dev.listSpecimenCards': () =>
      whenReady((core) => (core.reader?.simulated == null ? NOT_SIMULATED : { ok: true, value: core.reader.simulated.list() })),
    'dev.presentCard': ({ specimenId }) =>
      whenReady((core) => {
        const slot = core.reader?.simulated;
        if (slot == null) return NOT_SIMULATED;
        return slot.present(specimenId)
          ? { ok: true, value: { presented: true } }
          : { ok: false, error: { code: 'notFound', message: '没有这张样例证件' } };
      }),
    'dev.removeCard': () =>
      whenReady((core) => {
        const slot = core.reader?.simulated;
        if (slot == null) return NOT_SIMULATED;
        slot.remove();
        return { ok: true, value: { removed: true } };
      }),
    'catalogue.summary': () => withCatalogue((catalogue) => ({ ok: true, value: catalogue.summary() })),
    'catalogue.list': (filter) => withCatalogue((catalogue) => ({ ok: true, value: catalogue.list(filter) })),
    'catalogue.search': ({ query, limit }) => withCatalogue((catalogue) => ({ ok: true, value: catalogue.search(query, limit) })),
    'catalogue.candidates': ({ pinyin, limit }) => withCatalogue((catalogue) => ({ ok: true, value: { candidates: catalogue.candidates(pinyin, limit) } })),
    'catalogue.guide': ({ code }) =>
      withCatalogue((catalogue) => {
        const guide = catalogue.guide(code);
        return guide === null ? NO_SUCH_ITEM : { ok: true, value: guide };
      }),
    'printing.printChecklist': ({ code }) =>
      withGuide(code, async (guide, core) => ({ ok: true, value: { print: await core.guidePrinting.printChecklist(guide) } })),
    'printing.printGuide': ({ code }) =>
      withGuide(code, async (guide, core) => ({ ok: true, value: { print: await core.guidePrinting.printGuide(guide) } })),
    'scan.start': () =>
      whenReady(async (core) => {
        await core.scan.start();
        return { ok: true, value: { isScanning: true } };
      }),
    'scan.stop': () =>
      whenReady(async (core) => {
        await core.scan.stop();
        return { ok: true, value: { isScanning: false } };
      }),
    'scan.submitText': ({ text }) => whenReady((core) => ({ ok: true, value: core.scan.submitText(text) })),
    'progress.lookup': ({ caseNumber, verifier }) => whenReady((core) => core.progress.lookup(caseNumber, verifier)),
    'progress.listByIdCard': () =>
      whenReady((core) => {
        const holder = core.identity.platformHolder();
        return holder === null ? NO_CARD : core.progress.listByHolder(holder);
      }),
    'appointment.lookup': ({ code, verifier }) => whenReady((core) => core.checkIn.lookup(code, verifier)),
    'appointment.listByIdCard': () =>
      whenReady((core) => {
        const holder = core.identity.platformHolder();
        return holder === null ? NO_CARD : core.checkIn.listByHolder(holder);
      }),
    'appointment.checkIn': ({ code }) => whenReady((core) => core.checkIn.checkIn(code)),
    'evaluation.begin': ({ journey, caseNumber }) => whenReady((core) => core.evaluations.begin(journey, caseNumber)),
    'evaluation.submit': ({ promptId, level, reasons, phone }) =>
      whenReady((core) => core.evaluations.submit(promptId, level, reasons, phone ?? null)),
    'evaluation.decline': ({ promptId, why }) => whenReady((core) => core.evaluations.decline(promptId, why)),
    'dev.scan': ({ text }) =>
      whenReady(async (core) => {
        const trigger = core.scanner.simulated;
        if (trigger === null) return NOT_SIMULATED;
        await trigger.scan(text);
        return { ok: true, value: { scanned: true } };
      }),
    'dev.listSampleCodes': () =>
      whenReady((core) => {
        if (core.scanner.simulated === null || core.localPlatform === null) return NOT_SIMULATED;
        const base = config.platform.publicBaseUrl;
        const recent = core.localPlatform.recent(6);
        return {
          ok: true,
          value: [
            ...recent.cases.map((c) => ({ label: `回执：${CASE_STATUS_LABELS[c.status]} ${c.caseNumber}`, text: receiptQrText(base, c.caseNumber, c.verifier) })),
            ...recent.appointments.map((a) => ({ label: `预约：${a.slotStart.slice(11, 16)} ${a.code}`, text: appointmentQrText(base, a.code, a.verifier) })),
          ],
        };
      }),
    'dev.pressPad': ({ level }) => {
      const buttons = citizen?.pad?.simulated ?? null;
      if (buttons === null) return Promise.resolve(NOT_SIMULATED);
      const isPrompted = buttons.isPrompted;
      buttons.press(level);
      return Promise.resolve({ ok: true, value: { isPrompted } });
    },
    ...captureHandlers(whenReady),
    ...applicationHandlers(whenReady),
    ...lazyConsoleHandlers(() => adminConsole?.handlers ?? null),
    'session.begin': () => Promise.resolve({ ok: true, value: { sessionId: session.begin() } }),
    'session.end': ({ reason }) => {
      session.end(reason);
      return Promise.resolve({ ok: true, value: { wiped: true } });
    },
  };

  return {
    handlers: countingHandlers(handlers, deviceEvents),
    status,
    diagnostics: () => [...diagnostics],
    raiseAlarm(source, code, message) {
      diagnostics.push(`${source} ${code}: ${message}`);
      try {
        alarmService?.raise(source, code, message);
      } catch (error) {
        // A full disk must not turn an alarm into a crash; the diagnostics have it.
        debug('alarm not stored: %s', error instanceof Error ? error.message : String(error));
      }
    },
    needsCameraPermission: () => config.devices.documentCamera?.transport.type === 'uvc',
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      if (storageProbe !== null) clearTimeout(storageProbe);
      adminConsole?.close();
      session.end('shutdown');
      await citizen?.close();
      await capture?.shutdown();
      await printer?.close();
      await reader?.close();
      await documentPrinter?.close();
      closeDatabase(db);
    },
  };
}

function closeDatabase(db: Database.Database | null): void {
  if (db === null || !db.open) return;
  // A clean shutdown leaves no WAL behind; a crash is recovered by SQLite at next open —
  // so a checkpoint that fails (disk full) still closes, and the WAL is replayed next time.
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    debug('checkpoint at close failed: %s', error instanceof Error ? error.message : String(error));
  } finally {
    db.close();
  }
}
