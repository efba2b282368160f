/**
 * Brings up what issue #7 adds to the core: the barcode scanner and the evaluation pad, the
 * platform adapter (local or http), the outbox with its sync worker, and the services on top
 * — scanning, 办件查询, 预约签到, 好差评 — plus counter mode when configured. Problems that
 * do not stop the terminal (a misconfigured platform, a busy counter port) go to the
 * diagnostics and the alarm list; the citizen-facing parts still start.
 */
import type { ScanResult } from '../ipc/contract.js';
import type { AlarmService } from './alarms/alarm-service.js';
import { CheckInService } from './appointments/check-in-service.js';
import type { CatalogueService } from './catalogue/catalogue-service.js';
import type { TerminalConfig } from './config/terminal-config.js';
import { createBarcodeScannerPort } from './devices/barcode-scanner-adapter.js';
import { createEvaluationPadPort } from './devices/evaluation-pad-adapter.js';
import { type CounterServer, startCounterServer } from './evaluation/counter-server.js';
import type { EvaluationPadPort } from './evaluation/evaluation-pad-port.js';
import { reasonsFor } from './evaluation/evaluation-reasons.js';
import { EvaluationService } from './evaluation/evaluation-service.js';
import type { IdCardReaderPort } from './identity/id-card-reader-port.js';
import { isLocalPlatformEmpty, seedDemoData } from './platform/demo-data.js';
import { LocalPlatform } from './platform/local-platform.js';
import type { DeliveryAck, PlatformAdapter } from './platform/platform-adapter.js';
import { createPlatformAdapter } from './platform/platform-factory.js';
import { ProgressService } from './progress/progress-service.js';
import type { QueueService } from './queue/queue-service.js';
import type { TicketDesk } from './queue/ticket-desk.js';
import type { BarcodeScannerPort } from './scan/barcode-scanner-port.js';
import { ScanService } from './scan/scan-service.js';
import type { SessionService } from './session/session-service.js';
import { SessionSubjects } from './session/session-subjects.js';
import type { KioskDatabase } from './storage/database.js';
import type { Vault } from './storage/vault.js';
import { Outbox } from './sync/outbox.js';
import { SYNC_ALARM_SOURCE, SyncWorker } from './sync/sync-worker.js';

const DAY_MS = 86_400_000;

export interface CitizenServicesOptions {
  readonly config: TerminalConfig;
  readonly dataDir: string;
  readonly db: KioskDatabase;
  /** Seals personal data in the outbox and the local platform (R-P5). */
  readonly vault: Vault;
  readonly alarms: AlarmService;
  readonly session: SessionService;
  readonly queue: QueueService;
  readonly desk: TicketDesk;
  readonly reader: IdCardReaderPort;
  readonly catalogue: CatalogueService | null;
  readonly now: () => number;
  readonly seedDemoData: boolean;
  readonly onScanned: (result: ScanResult) => void;
  readonly onDeviceHealthChanged: () => void;
  /** Plain-words problems for the technician's diagnostics. */
  readonly report: (problem: string) => void;
}

export interface CitizenServices {
  readonly subjects: SessionSubjects;
  readonly scan: ScanService;
  readonly scanner: BarcodeScannerPort;
  readonly pad: EvaluationPadPort | null;
  readonly progress: ProgressService;
  readonly checkIn: CheckInService;
  readonly evaluations: EvaluationService;
  /** Outbox records waiting and quarantined, for the technician console. */
  outboxCounts(): { readonly pending: number; readonly delivered: number; readonly quarantined: number };
  /** The embedded platform when `platform.adapter` is `local` (dev sample codes), else null. */
  readonly localPlatform: LocalPlatform | null;
  readonly outbox: Outbox;
  /**
   * Puts quarantined outbox record `id` back in line (the technician fixed the cause) and
   * wakes the sync worker, so it goes out now rather than at the next idle check; false when
   * `id` is not a quarantined record. The record keeps its idempotency key: an application
   * quarantined after a `badResponse` may already have been filed at the platform, and the
   * same key makes the platform answer with that case instead of filing a second one. Never
   * give a released record a new key. With nothing left in quarantine the sync alarms are
   * cleared (the quarantine alarm is raised once while active, so a stale one would hide the
   * next); a platform that still refuses the terminal raises its alarm again at this drain.
   */
  releaseOutbox(id: number): boolean;
  /** The platform's answer to outbox record `id` once delivered, or null after `timeoutMs`. */
  whenDelivered(id: number, timeoutMs: number): Promise<DeliveryAck | null>;
  close(): Promise<void>;
}

function platformAdapter(options: CitizenServicesOptions): { adapter: PlatformAdapter; local: LocalPlatform | null } {
  const { config, db, now } = options;
  if (config.platform.adapter === 'local') {
    const local = new LocalPlatform(db, {
      timeZone: config.timeZone,
      now,
      retentionMs: config.platform.retentionDays * DAY_MS,
      vault: options.vault,
      itemRules: (itemCode) => {
        const item = options.catalogue?.item(itemCode) ?? null;
        const guide = options.catalogue?.guide(itemCode) ?? null;
        if (item === null || guide === null) return null;
        return {
          departmentName: guide.departmentName,
          promisedDays: item.timeLimits.promisedDays,
          collection: { method: item.application?.collectionMethod ?? '窗口领取', place: item.place, hours: item.hours },
        };
      },
    });
    return { adapter: local, local };
  }
  const created = createPlatformAdapter(config, options.dataDir);
  for (const problem of created.problems) {
    options.report(problem);
    options.alarms.raise('platform', 'platformMisconfigured', problem);
  }
  return { adapter: created.adapter, local: null };
}

export async function startCitizenServices(options: CitizenServicesOptions): Promise<CitizenServices> {
  const { config, db, alarms, session, now } = options;
  const scanner = await createBarcodeScannerPort(config.devices.barcodeScanner);
  const pad = await createEvaluationPadPort(config.devices.evaluationPad);
  for (const device of [scanner, pad]) device?.onHealthChanged(options.onDeviceHealthChanged);

  const { adapter, local } = platformAdapter(options);
  const isSimulated = options.reader.simulated !== null && scanner.simulated !== null;
  if (options.seedDemoData && local !== null && isSimulated && isLocalPlatformEmpty(local)) {
    seedDemoData(local, { now: now(), timeZone: config.timeZone, guide: (code) => options.catalogue?.guide(code) ?? null });
  }

  const outbox = new Outbox(db, { now, vault: options.vault });
  const sync = new SyncWorker({ db, outbox, adapter, alarms, now, retentionMs: config.platform.retentionDays * DAY_MS });
  const onOutboxChanged = (): void => sync.poke();
  const subjects = new SessionSubjects(session);
  const scan = new ScanService({ scanner, publicBaseUrl: config.platform.publicBaseUrl, now, emit: options.onScanned });
  session.onWipe(() => void scan.stop());
  const common = { terminalId: config.hall.terminalId, timeZone: config.timeZone, now };
  const evaluations = new EvaluationService({
    db,
    outbox,
    onOutboxChanged,
    session,
    subjects,
    reasons: reasonsFor(config.evaluation.reasons),
    timeoutSeconds: config.evaluation.timeoutSeconds,
    ...common,
  });
  const checkIn = new CheckInService({ adapter, subjects, desk: options.desk, queue: options.queue, outbox, onOutboxChanged, rules: config.appointments, ...common });
  sync.start();

  let counter: CounterServer | null = null;
  const { counter: counterConfig } = config.evaluation;
  if (counterConfig.isEnabled) {
    try {
      counter = await startCounterServer({ pad, evaluations, port: counterConfig.port, maxTimeoutSeconds: counterConfig.maxTimeoutSeconds });
    } catch (error) {
      const detail = `counter mode cannot listen on 127.0.0.1:${counterConfig.port}: ${error instanceof Error ? error.message : String(error)}`;
      options.report(detail);
      alarms.raise('evaluation', 'counterUnavailable', detail);
    }
  }

  return {
    subjects,
    scan,
    scanner,
    pad,
    progress: new ProgressService({ adapter, subjects, timeZone: config.timeZone }),
    checkIn,
    evaluations,
    localPlatform: local,
    outbox,
    whenDelivered: (id, timeoutMs) => sync.whenDelivered(id, timeoutMs),
    outboxCounts: () => outbox.counts(),
    releaseOutbox: (id) => {
      if (!outbox.release(id)) return false;
      if (outbox.counts().quarantined === 0) alarms.clear(SYNC_ALARM_SOURCE);
      sync.poke();
      return true;
    },
    async close() {
      await counter?.close();
      await sync.stop();
      await adapter.close();
      await scanner.close();
      await pad?.close();
    },
  };
}
