/**
 * Brings up the technician console's services over the kiosk database (issue #8) and gives
 * the core its handlers. The console must work even when the terminal is out of service —
 * that is when a technician needs it most — so it only needs the database; without one the
 * admin calls say so and point to the doctor command line.
 */
import type { IpcResult, KioskHandlers, MethodName } from '../../ipc/contract.js';
import { METHOD_NAMES } from '../../ipc/kiosk-api.js';
import { type AdminConsole, createAdminConsole } from '../admin/admin-pin.js';
import type { KioskDatabase } from '../storage/database.js';
import { type ConsoleDeps, consoleHandlers } from './console-handlers.js';
import type { CounterName, DeviceEventLog } from './device-views.js';

type ConsoleMethod = Extract<MethodName, `admin.${string}`>;

const NO_STORAGE: IpcResult<never> = {
  ok: false,
  error: { code: 'outOfService', message: '终端存储不可用，管理功能无法使用；请用 npm run doctor -- status 排查' },
};

export function createConsole(db: KioskDatabase, deps: Omit<ConsoleDeps, 'admin'>): { admin: AdminConsole; handlers: Pick<KioskHandlers, ConsoleMethod> } {
  const admin = createAdminConsole(db);
  return { admin, handlers: consoleHandlers({ ...deps, admin }) };
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
