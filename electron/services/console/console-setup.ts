/**
 * Brings up the technician console's services over the kiosk database (issue #8) and gives
 * the core its handlers. The console must work even when the terminal is out of service —
 * that is when a technician needs it most — so it only needs the database; without one the
 * admin calls say so and point to the doctor command line.
 */
import { detectDevices } from '../../../hardware/detect/detect-devices.js';
import type { IpcResult, KioskHandlers, MethodName, SystemStatus } from '../../ipc/contract.js';
import { METHOD_NAMES } from '../../ipc/kiosk-api.js';
import { type AdminConsole, createAdminConsole } from '../admin/admin-pin.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { KioskDatabase } from '../storage/database.js';
import { type ConsoleOutbox, consoleHandlers } from './console-handlers.js';
import { exportDiagnostics, exportTargets, portsInUse } from './console-ports.js';
import type { DeviceTestPorts } from './device-tests.js';
import type { CounterName, DeviceEventLog } from './device-views.js';

type ConsoleMethod = Extract<MethodName, `admin.${string}`>;

const NO_STORAGE: IpcResult<never> = {
  ok: false,
  error: { code: 'outOfService', message: '终端存储不可用，管理功能无法使用；请用 npm run doctor -- status 排查' },
};

/** What the console reads from the running terminal; getters, as devices come and go. */
export interface ConsoleContext {
  readonly dataDir: string;
  readonly version: string;
  readonly now: () => number;
  readonly events: DeviceEventLog;
  readonly alarms: AlarmService;
  config(): TerminalConfig;
  configProblems(): readonly string[];
  status(): SystemStatus;
  diagnostics(): readonly string[];
  /** Null while the citizen services are not running (out of service at start). */
  outbox(): ConsoleOutbox | null;
  /** The running device ports the one-tap tests use (all but the config-derived fields). */
  devices(): Pick<DeviceTestPorts, 'printer' | 'reader' | 'scanning' | 'pad' | 'camera'>;
  readonly onRestartRequested?: (() => void) | undefined;
}

export interface RunningConsole {
  readonly admin: AdminConsole;
  readonly handlers: Pick<KioskHandlers, ConsoleMethod>;
  close(): void;
}

/** How often lapsed admin sessions are closed (and audited). */
const ADMIN_EXPIRY_CHECK_MS = 30_000;

export function startConsole(db: KioskDatabase, context: ConsoleContext): RunningConsole {
  const admin = createAdminConsole(db);
  const { dataDir, version, now } = context;
  const handlers = consoleHandlers({
    admin,
    dataDir,
    version,
    now,
    config: () => context.config(),
    status: () => context.status(),
    events: context.events,
    alarms: () => context.alarms.active(),
    outbox: () => context.outbox(),
    detect: (ports) => detectDevices({ ...(ports.length === 0 ? {} : { ports }), skipPorts: portsInUse(context.config()) }),
    testPorts: () => {
      const config = context.config();
      return {
        ...context.devices(),
        paperWidthMm: config.devices.receiptPrinter?.paperWidthMm ?? 80,
        hallName: config.hall.name,
        terminalId: config.hall.terminalId,
        timeZone: config.timeZone,
        now,
      };
    },
    exportTargets: () => exportTargets(dataDir),
    exportDiagnostics: (targetDir) =>
      exportDiagnostics(
        {
          dataDir,
          version,
          now,
          db,
          config: () => context.config(),
          configProblems: () => context.configProblems(),
          status: () => context.status(),
          diagnostics: () => context.diagnostics(),
          outbox: () => context.outbox()?.counts() ?? null,
          audit: () => {
            const head = admin.audit.head();
            return { headSeq: head.seq, headHash: head.hash, isIntact: admin.audit.verify().ok };
          },
        },
        targetDir,
      ),
    restart: () => {
      if (context.onRestartRequested === undefined) return false;
      context.onRestartRequested();
      return true;
    },
  });
  // A lapsed admin session is audited when it lapses, not at the next call.
  const expiry = setInterval(() => admin.sessions.expire(now()), ADMIN_EXPIRY_CHECK_MS);
  expiry.unref();
  return { admin, handlers, close: () => clearInterval(expiry) };
}

const CONSOLE_METHODS = METHOD_NAMES.filter((name): name is ConsoleMethod => name.startsWith('admin.'));

/** Handlers that forward to the console once it exists, and refuse plainly before. */
export function lazyConsoleHandlers(current: () => Pick<KioskHandlers, ConsoleMethod> | null): Pick<KioskHandlers, ConsoleMethod> {
  const entries = CONSOLE_METHODS.map((method) => [
    method,
    (arg: unknown) => {
      const handlers = current();
      if (handlers === null) return Promise.resolve(NO_STORAGE);
      return (handlers[method] as (a: unknown) => Promise<IpcResult<unknown>>)(arg);
    },
  ]);
  return Object.fromEntries(entries) as Pick<KioskHandlers, ConsoleMethod>;
}

/** The citizen calls whose success a device counter counts. */
const COUNTED: Partial<Record<MethodName, CounterName>> = {
  'queue.takeTicket': 'ticketsPrinted',
  'queue.takeTicketByIdCard': 'ticketsPrinted',
  'evaluation.submit': 'ratings',
  'capture.take': 'pagesCaptured',
  'capture.uploadEnd': 'pagesCaptured',
  'printing.printGuide': 'documentsPrinted',
};

/** Wraps the counted handlers of `handlers` so each success counts on `events`. */
export function countingHandlers(handlers: KioskHandlers, events: DeviceEventLog): KioskHandlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const [method, counter] of Object.entries(COUNTED) as [MethodName, CounterName][]) {
    const handler = handlers[method] as (a: unknown) => Promise<IpcResult<unknown>>;
    wrapped[method] = async (arg: unknown) => {
      const result = await handler(arg);
      if (result.ok) events.count(counter);
      return result;
    };
  }
  return wrapped as KioskHandlers;
}
