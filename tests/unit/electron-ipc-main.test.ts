import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, METHOD_NAMES, channelOf } from '../../electron/ipc/contract.js';
import { createRouter } from '../../electron/ipc/router.js';
import { checkSender, forwardCoreEvents, registerKioskIpc } from '../../electron/main/ipc-main.js';
import type { CoreEventListener } from '../../electron/services/kiosk-core-types.js';
import { FakeIpcMain, FakeWebContents, FakeWebFrameMain } from '../support/fake-electron.js';
import { FAKE_STATUS, type RecordedCall, createFakeKioskHandlers } from '../support/fake-kiosk-handlers.js';

const HOME = 'app://kiosk/index.html';
const failure = (code: string): unknown => ({ ok: false, error: { code, message: expect.any(String) as unknown } });

function setUp(): { ipcMain: FakeIpcMain; calls: RecordedCall[]; contents: FakeWebContents; unregister: () => void } {
  const ipcMain = new FakeIpcMain();
  const calls: RecordedCall[] = [];
  const unregister = registerKioskIpc(ipcMain, createRouter(createFakeKioskHandlers(calls)));
  return { ipcMain, calls, contents: new FakeWebContents(HOME), unregister };
}

describe('registerKioskIpc (R-E6)', () => {
  it('registers exactly one channel per contract method', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
  });

  it('dispatches a call from our top frame', async () => {
    const { ipcMain, calls, contents } = setUp();
    const result = await ipcMain.invoke({ senderFrame: contents.mainFrame, sender: contents }, 'kiosk:system.getStatus', {});
    expect(result).toEqual({ ok: true, value: FAKE_STATUS });
    expect(calls).toEqual([{ method: 'system.getStatus', arg: {} }]);
  });

  const forged: [string, FakeWebFrameMain | null][] = [
    ['a null senderFrame', null],
    ['a subframe of our page', new FakeWebFrameMain(HOME).child('app://kiosk/frame.html')],
    ['another origin', new FakeWebFrameMain('https://evil.example/')],
    ['file://', new FakeWebFrameMain('file:///tmp/index.html')],
    ['a look-alike host', new FakeWebFrameMain('app://kiosk.evil/index.html')],
    ['credentials in the URL', new FakeWebFrameMain('app://evil@kiosk/index.html')],
    ['about:blank', new FakeWebFrameMain('about:blank')],
    ['a data: URL', new FakeWebFrameMain('data:text/html,hi')],
  ];
  it.each(forged)('refuses %s with forbidden, without calling the core', async (_name, frame) => {
    const { ipcMain, calls, contents } = setUp();
    for (const method of METHOD_NAMES) {
      const result = await ipcMain.invoke({ senderFrame: frame, sender: contents }, channelOf(method), {});
      expect(result).toEqual(failure('forbidden'));
    }
    expect(calls).toEqual([]);
  });

  it('refuses a frame that throws when read (disposed)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(checkSender({ senderFrame: disposed })).toEqual({ ok: false, reason: 'frame disposed' });
  });

  it('never registers an unknown channel: invoking one rejects before any code of ours runs', async () => {
    const { ipcMain, contents } = setUp();
    const event = { senderFrame: contents.mainFrame, sender: contents };
    for (const channel of ['kiosk:system.exec', 'kiosk:__proto__', 'kiosk:', 'system.getStatus', 'kiosk:event']) {
      await expect(ipcMain.invoke(event, channel, {})).rejects.toThrow(/No handler registered/u);
    }
  });

  it.each([
    ['a wrong type', 'kiosk:queue.takeTicket', [{ categoryId: 42 }]],
    ['an extra key', 'kiosk:queue.takeTicket', [{ categoryId: 'civil', extra: 1 }]],
    ['__proto__ key', 'kiosk:session.begin', [JSON.parse('{"__proto__":{"polluted":true}}')]],
    ['NaN', 'kiosk:session.end', [{ reason: Number.NaN }]],
    ['a Map', 'kiosk:session.begin', [new Map([['a', 1]])]],
    ['a Set', 'kiosk:system.getStatus', [new Set([1])]],
    ['a Date', 'kiosk:system.getStatus', [new Date(0)]],
    ['an array', 'kiosk:system.getStatus', [[]]],
    ['a string', 'kiosk:system.getStatus', ['{}']],
    ['a typed array', 'kiosk:session.begin', [new Uint8Array(4)]],
    ['a 1 MB string', 'kiosk:queue.takeTicket', [{ categoryId: 'x'.repeat(1024 * 1024) }]],
    ['no argument', 'kiosk:system.getStatus', []],
    ['two arguments', 'kiosk:system.getStatus', [{}, {}]],
    ['null', 'kiosk:system.getStatus', [null]],
  ] as const)('answers invalidArgument to %s, without calling the core', async (_name, channel, args) => {
    const { ipcMain, calls, contents } = setUp();
    const result = await ipcMain.invoke({ senderFrame: contents.mainFrame, sender: contents }, channel, ...args);
    expect(result).toEqual(failure('invalidArgument'));
    expect(calls).toEqual([]);
  });

  it('a function argument fails to clone, as in Electron', async () => {
    const { ipcMain, contents } = setUp();
    await expect(ipcMain.invoke({ senderFrame: contents.mainFrame, sender: contents }, 'kiosk:session.begin', () => 1)).rejects.toThrow();
  });

  it('unregister removes every handler', () => {
    const { ipcMain, unregister } = setUp();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardCoreEvents', () => {
  function fakeCore(): { core: { onEvent(listener: CoreEventListener): () => void }; emit: CoreEventListener } {
    const listeners = new Set<CoreEventListener>();
    return {
      core: {
        onEvent(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      emit: (event, payload) => {
        for (const listener of listeners) listener(event, payload);
      },
    };
  }

  it('sends {event, payload} on the event channel, until unsubscribed', () => {
    const { core, emit } = fakeCore();
    const contents = new FakeWebContents(HOME);
    const unsubscribe = forwardCoreEvents(core, contents);
    emit('queue.waitingChanged', { categoryId: 'civil', waitingCount: 3 });
    expect(contents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ event: 'queue.waitingChanged', payload: { categoryId: 'civil', waitingCount: 3 } }] },
    ]);
    unsubscribe();
    emit('system.statusChanged', FAKE_STATUS);
    expect(contents.sent).toHaveLength(1);
  });

  it('sends nothing to a foreign page or a destroyed window', () => {
    const { core, emit } = fakeCore();
    const foreign = new FakeWebContents('https://evil.example/');
    forwardCoreEvents(core, foreign);
    const destroyed = new FakeWebContents(HOME);
    destroyed.destroy();
    forwardCoreEvents(core, destroyed);
    emit('system.statusChanged', FAKE_STATUS);
    expect(foreign.sent).toEqual([]);
    expect(destroyed.sent).toEqual([]);
  });
});
