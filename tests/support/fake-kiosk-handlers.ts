/**
 * Contract handlers with canned answers, for host tests (IPC wrapper, preload) that need a
 * working router but no services. Records every call it receives.
 */
import type { KioskHandlers, MethodName, SystemStatus } from '../../electron/ipc/contract.js';

export const FAKE_STATUS: SystemStatus = {
  mode: 'ready',
  outOfServiceReason: null,
  hallName: '测试政务服务中心',
  terminalId: 'T-001',
  isSimulated: true,
  devices: [],
  idle: { timeoutSeconds: 90, countdownSeconds: 15 },
  timeZone: 'Asia/Shanghai',
};

export interface RecordedCall {
  readonly method: MethodName;
  readonly arg: unknown;
}

export function createFakeKioskHandlers(calls: RecordedCall[] = []): KioskHandlers {
  return {
    'system.getStatus': (arg) => {
      calls.push({ method: 'system.getStatus', arg });
      return Promise.resolve({ ok: true, value: FAKE_STATUS });
    },
    'queue.listCategories': (arg) => {
      calls.push({ method: 'queue.listCategories', arg });
      return Promise.resolve({ ok: true, value: [] });
    },
    'queue.takeTicket': (arg) => {
      calls.push({ method: 'queue.takeTicket', arg });
      return Promise.resolve({ ok: false, error: { code: 'notFound', message: '没有该业务类别' } });
    },
    'session.begin': (arg) => {
      calls.push({ method: 'session.begin', arg });
      return Promise.resolve({ ok: true, value: { sessionId: 's-1' } });
    },
    'session.end': (arg) => {
      calls.push({ method: 'session.end', arg });
      return Promise.resolve({ ok: true, value: { wiped: true } });
    },
  };
}
