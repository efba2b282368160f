import { describe, expect, it } from 'vitest';
import type { IpcResult, KioskApi, SystemStatus } from '../../electron/ipc/contract';
import { FAKE_STATUS, createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { createStatusStore } from '../../renderer/api/status-store';

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A manual timer queue, so retries run when the test says. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (callback: () => void) => {
      const id = next;
      next += 1;
      pending.set(id, callback);
      return id;
    },
    clearTimer: (id: unknown) => {
      pending.delete(id as number);
    },
    runAll: () => {
      const callbacks = [...pending.values()];
      pending.clear();
      for (const callback of callbacks) callback();
    },
    count: () => pending.size,
  };
}

describe('status store', () => {
  it('starts empty, then holds the answer of system.getStatus and tells subscribers', async () => {
    const { kiosk } = createFakeKiosk();
    const store = createStatusStore(kiosk);
    let notified = 0;
    store.subscribe(() => {
      notified += 1;
    });
    expect(store.getSnapshot()).toBeNull();
    await flush();
    expect(store.getSnapshot()?.hallName).toBe(FAKE_STATUS.hallName);
    expect(notified).toBe(1);
    store.close();
  });

  it('follows system.statusChanged', async () => {
    const { kiosk, control } = createFakeKiosk();
    const store = createStatusStore(kiosk);
    await flush();
    control.setOutOfService('打印机故障');
    expect(store.getSnapshot()).toMatchObject({ mode: 'outOfService', outOfServiceReason: '打印机故障' });
    control.setOutOfService(null);
    expect(store.getSnapshot()?.mode).toBe('ready');
    store.close();
    expect(control.listenerCount('system.statusChanged')).toBe(0);
  });

  it('lets an event win over an older answer still in flight', async () => {
    const { kiosk, control } = createFakeKiosk();
    const store = createStatusStore(kiosk);
    control.setOutOfService('磁盘已满');
    await flush();
    expect(store.getSnapshot()?.mode).toBe('outOfService');
    store.close();
  });

  it('retries a failed or broken getStatus until it answers', async () => {
    const timers = manualTimers();
    let calls = 0;
    const answers: (() => Promise<IpcResult<SystemStatus>>)[] = [
      () => Promise.resolve({ ok: false, error: { code: 'internal', message: '系统繁忙' } }),
      () => Promise.reject(new Error('socket closed')),
      () => Promise.resolve({ ok: true, value: FAKE_STATUS }),
    ];
    const { kiosk: base } = createFakeKiosk();
    const kiosk: KioskApi = {
      ...base,
      system: {
        getStatus: () => {
          const answer = answers[calls] ?? answers[answers.length - 1];
          calls += 1;
          if (!answer) throw new Error('no answer');
          return answer();
        },
      },
    };
    const store = createStatusStore(kiosk, timers);
    await flush();
    expect(store.getSnapshot()).toBeNull();
    expect(timers.count()).toBe(1);
    timers.runAll();
    await flush();
    expect(store.getSnapshot()).toBeNull();
    timers.runAll();
    await flush();
    expect(store.getSnapshot()?.terminalId).toBe(FAKE_STATUS.terminalId);
    expect(calls).toBe(3);
    expect(timers.count()).toBe(0);
    store.close();
  });

  it('stops retrying once closed', async () => {
    const timers = manualTimers();
    const { kiosk: base } = createFakeKiosk();
    const kiosk: KioskApi = {
      ...base,
      system: { getStatus: () => Promise.resolve({ ok: false, error: { code: 'internal', message: '' } }) },
    };
    const store = createStatusStore(kiosk, timers);
    await flush();
    expect(timers.count()).toBe(1);
    store.close();
    expect(timers.count()).toBe(0);
  });
});
