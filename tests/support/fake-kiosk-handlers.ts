/**
 * Contract handlers with canned answers, for host tests (IPC wrapper, preload) that need a
 * working router but no services. Records every call it receives.
 */
import type { IpcResult, KioskHandlers, MethodName, MethodValues, SystemStatus } from '../../electron/ipc/contract.js';
import { METHOD_NAMES } from '../../electron/ipc/kiosk-api.js';

export const FAKE_STATUS: SystemStatus = {
  mode: 'ready',
  outOfServiceReason: null,
  hallName: '测试政务服务中心',
  terminalId: 'T-001',
  isSimulated: true,
  devices: [],
  idle: { timeoutSeconds: 90, countdownSeconds: 15 },
  timeZone: 'Asia/Shanghai',
  ticketIdentification: 'optional',
  scannerAltCodes: 'unicode',
};

export interface RecordedCall {
  readonly method: MethodName;
  readonly arg: unknown;
}

/** Canned answers per method; methods without one answer `unavailable`. */
export type CannedResults = { readonly [M in MethodName]?: IpcResult<MethodValues[M]> };

const DEFAULT_RESULTS: CannedResults = {
  'system.getStatus': { ok: true, value: FAKE_STATUS },
  'queue.listCategories': { ok: true, value: [] },
  'queue.takeTicket': { ok: false, error: { code: 'notFound', message: '没有该业务类别' } },
  'session.begin': { ok: true, value: { sessionId: 's-1' } },
  'session.end': { ok: true, value: { wiped: true } },
};

const UNAVAILABLE: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '测试桩未实现' } };

export function createFakeKioskHandlers(calls: RecordedCall[] = [], results: CannedResults = {}): KioskHandlers {
  const canned: CannedResults = { ...DEFAULT_RESULTS, ...results };
  const handlers: Partial<Record<MethodName, (arg: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const method of METHOD_NAMES) {
    handlers[method] = (arg) => {
      calls.push({ method, arg });
      return Promise.resolve(canned[method] ?? UNAVAILABLE);
    };
  }
  return handlers as KioskHandlers;
}
