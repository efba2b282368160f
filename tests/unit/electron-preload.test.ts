import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, METHOD_NAMES, type KioskApi } from '../../electron/ipc/contract.js';
import { createRouter } from '../../electron/ipc/router.js';
import { registerKioskIpc } from '../../electron/main/ipc-main.js';
import { KIOSK_API_KEY, exposeKioskApi } from '../../electron/preload/expose.js';
import { FakeContextBridge, FakeIpcMain, FakeIpcRenderer, FakeWebContents, type FakeWebFrameMain } from '../support/fake-electron.js';
import { FAKE_STATUS, type RecordedCall, createFakeKioskHandlers } from '../support/fake-kiosk-handlers.js';

/** A page at `url` whose preload ran, wired to a main side with the real IPC wrapper. */
function page(url = 'app://kiosk/index.html', frame?: FakeWebFrameMain | null) {
  const ipcMain = new FakeIpcMain();
  const calls: RecordedCall[] = [];
  registerKioskIpc(ipcMain, createRouter(createFakeKioskHandlers(calls)));
  const contents = new FakeWebContents(url);
  const ipcRenderer = new FakeIpcRenderer(ipcMain, contents, frame);
  const bridge = new FakeContextBridge();
  exposeKioskApi(bridge, ipcRenderer);
  return { bridge, contents, ipcRenderer, calls, kiosk: bridge.exposed.get(KIOSK_API_KEY) as KioskApi };
}

describe('preload (R-E6)', () => {
  it('exposes exactly one key, kiosk', () => {
    const { bridge } = page();
    expect([...bridge.exposed.keys()]).toEqual(['kiosk']);
  });

  it('kiosk has the contract areas and on, all functions, and no ipcRenderer', () => {
    const { kiosk, ipcRenderer } = page();
    const areas = [...new Set(METHOD_NAMES.map((method) => method.split('.')[0]))].sort();
    expect(Object.keys(kiosk).sort()).toEqual([...areas, 'on'].sort());
    for (const method of METHOD_NAMES) {
      const [area = '', name = ''] = method.split('.');
      const group = (kiosk as unknown as Record<string, Record<string, unknown>>)[area];
      expect(typeof group?.[name]).toBe('function');
    }
    expect(typeof kiosk.on).toBe('function');
    // Nothing reachable from the api is ipcRenderer or has invoke/send.
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
      seen.add(value);
      expect(value).not.toBe(ipcRenderer);
      for (const key of Object.keys(value)) {
        expect(['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage']).not.toContain(key);
        walk((value as Record<string, unknown>)[key]);
      }
    };
    walk(kiosk);
    expect(Object.isFrozen(kiosk)).toBe(true);
  });

  it('a call goes through the real wrapper and router and comes back cloned', async () => {
    const { kiosk, calls } = page();
    await expect(kiosk.system.getStatus({})).resolves.toEqual({ ok: true, value: FAKE_STATUS });
    await expect(kiosk.session.end({ reason: 'home' })).resolves.toEqual({ ok: true, value: { wiped: true } });
    expect(calls.map((call) => call.method)).toEqual(['system.getStatus', 'session.end']);
  });

  it('the same preload on a foreign page gets forbidden', async () => {
    const { kiosk, calls } = page('https://evil.example/');
    await expect(kiosk.system.getStatus({})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('an argument that cannot be cloned becomes an error value, not a throw', async () => {
    const { kiosk } = page();
    const bad = { categoryId: (() => 'x') as unknown as string };
    await expect(kiosk.queue.takeTicket(bad)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('on() filters by event name, hides the IPC event, and unsubscribes', () => {
    const { kiosk, contents, ipcRenderer } = page();
    const seen: unknown[][] = [];
    const off = kiosk.on('queue.waitingChanged', (...args: unknown[]) => seen.push(args));
    contents.send(EVENT_CHANNEL, { event: 'system.statusChanged', payload: FAKE_STATUS });
    contents.send(EVENT_CHANNEL, { event: 'queue.waitingChanged', payload: { categoryId: 'civil', waitingCount: 2 } });
    contents.send(EVENT_CHANNEL, 'garbage');
    contents.send(EVENT_CHANNEL, null);
    contents.send('kiosk:other', { event: 'queue.waitingChanged', payload: {} });
    expect(seen).toEqual([[{ categoryId: 'civil', waitingCount: 2 }]]);
    off();
    off();
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
    contents.send(EVENT_CHANNEL, { event: 'queue.waitingChanged', payload: { categoryId: 'civil', waitingCount: 1 } });
    expect(seen).toHaveLength(1);
  });

  it('on() with an unknown event name subscribes to nothing', () => {
    const { kiosk, ipcRenderer } = page();
    const off = (kiosk.on as (event: string, listener: () => void) => () => void)('system.exec', () => undefined);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
    off();
  });
});
