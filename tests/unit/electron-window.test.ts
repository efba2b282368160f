import { describe, expect, it } from 'vitest';
import {
  KIOSK_BACKGROUND_COLOR,
  KIOSK_PARTITION,
  type KeyInput,
  createKioskWindow,
  hardenWebContents,
  isAllowedNavigation,
  isBlockedInput,
  kioskWindowOptions,
} from '../../electron/main/window.js';
import { FakeBrowserWindow, FakeMenu, FakeWebContents, fakeEvent } from '../support/fake-electron.js';

describe('kioskWindowOptions (R-E1)', () => {
  const production = kioskWindowOptions({ isProduction: true, preloadPath: '/app/dist/electron/preload.cjs' });
  const prefs = production.webPreferences ?? {};

  it('is a fullscreen kiosk window without a menu bar', () => {
    expect(production.kiosk).toBe(true);
    expect(production.fullscreen).toBe(true);
    expect(production.autoHideMenuBar).toBe(true);
    expect(production.backgroundColor).toBe(KIOSK_BACKGROUND_COLOR);
  });

  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.autoplayPolicy).toBe('no-user-gesture-required');
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.enableWebSQL).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(prefs.partition).toBe(KIOSK_PARTITION);
    // In-memory partition: no `persist:` prefix (R-P3).
    expect(prefs.partition?.startsWith('persist:')).toBe(false);
  });

  it('has devtools only outside production', () => {
    expect(prefs.devTools).toBe(false);
    const development = kioskWindowOptions({ isProduction: false, preloadPath: '/p.cjs' });
    expect(development.webPreferences?.devTools).toBe(true);
  });

  it('matches the snapshot of every key', () => {
    expect(production).toMatchInlineSnapshot(`
      {
        "autoHideMenuBar": true,
        "backgroundColor": "#f4f6f9",
        "fullscreen": true,
        "kiosk": true,
        "title": "政务服务自助终端",
        "webPreferences": {
          "allowRunningInsecureContent": false,
          "autoplayPolicy": "no-user-gesture-required",
          "contextIsolation": true,
          "devTools": false,
          "disableBlinkFeatures": "Auxclick",
          "enableWebSQL": false,
          "experimentalFeatures": false,
          "navigateOnDragDrop": false,
          "nodeIntegration": false,
          "nodeIntegrationInSubFrames": false,
          "nodeIntegrationInWorker": false,
          "partition": "kiosk",
          "preload": "/app/dist/electron/preload.cjs",
          "safeDialogs": true,
          "sandbox": true,
          "spellcheck": false,
          "webSecurity": true,
          "webviewTag": false,
        },
      }
    `);
  });
});

function key(keyName: string, modifiers: Partial<KeyInput> = {}): KeyInput {
  return { type: 'keyDown', key: keyName, code: '', control: false, alt: false, meta: false, shift: false, ...modifiers };
}

describe('isBlockedInput (R-K2)', () => {
  const ctrl = { control: true };
  const blocked: [string, KeyInput][] = [
    ['Ctrl+R reload', key('r', ctrl)],
    ['Ctrl+Shift+R hard reload', key('R', { control: true, shift: true })],
    ['F5 reload', key('F5')],
    ['Ctrl+Shift+I devtools', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J console', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C inspect', key('C', { control: true, shift: true })],
    ['F12 devtools', key('F12')],
    ['Ctrl++ zoom in', key('+', ctrl)],
    ['Ctrl+= zoom in', key('=', ctrl)],
    ['Ctrl+- zoom out', key('-', ctrl)],
    ['Ctrl+0 zoom reset', key('0', ctrl)],
    ['Ctrl+numpad + zoom in', { ...key('Add', ctrl), code: 'NumpadAdd' }],
    ['Alt+F4 close', key('F4', { alt: true })],
    ['Ctrl+W close', key('w', ctrl)],
    ['Ctrl+Q quit', key('q', ctrl)],
    ['Ctrl+P print', key('p', ctrl)],
    ['Ctrl+F find', key('f', ctrl)],
    ['F11 fullscreen', key('F11')],
    ['Cmd+R reload (meta)', key('r', { meta: true })],
    ['Alt+Left back', key('ArrowLeft', { alt: true })],
    ['Ctrl+S save', key('s', ctrl)],
    ['Ctrl+N new window', key('n', ctrl)],
    ['BrowserRefresh media key', key('BrowserRefresh')],
    ['rawKeyDown Ctrl+R', { ...key('r', ctrl), type: 'rawKeyDown' }],
  ];
  it.each(blocked)('blocks %s', (_name, input) => {
    expect(isBlockedInput(input)).toBe(true);
  });

  const allowed: [string, KeyInput][] = [
    ['a letter', key('r')],
    ['a digit', key('0')],
    ['Enter (scanner suffix)', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Tab', key('Tab')],
    ['arrow', key('ArrowLeft')],
    ['Shift+letter', key('R', { shift: true })],
    ['Ctrl+C copy', key('c', ctrl)],
    ['Ctrl+V paste', key('v', ctrl)],
    ['Ctrl+A select all', key('a', ctrl)],
    ['F5 released', { ...key('F5'), type: 'keyUp' }],
    ['Ctrl+R released', { ...key('r', ctrl), type: 'keyUp' }],
  ];
  it.each(allowed)('lets through %s', (_name, input) => {
    expect(isBlockedInput(input)).toBe(false);
  });
});

describe('isAllowedNavigation (R-E4)', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/', true],
    ['app://kiosk/__kiosk/out-of-service.html', true],
    ['app://kiosk.evil/index.html', false],
    ['app://kiosk:8080/index.html', false],
    ['app://user@kiosk/index.html', false],
    ['app://evil/index.html', false],
    ['https://evil.example/', false],
    ['http://127.0.0.1:5173/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['about:blank', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedNavigation(url)).toBe(expected);
  });
});

describe('hardenWebContents (R-E4, R-K2)', () => {
  function hardened(): FakeWebContents {
    const contents = new FakeWebContents('app://kiosk/index.html');
    hardenWebContents(contents);
    return contents;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: denies foreign URLs, allows our origin', (name) => {
    const contents = hardened();
    const foreign = fakeEvent({ url: 'https://evil.example/' });
    contents.emit(name, foreign);
    expect(foreign.defaultPrevented).toBe(true);
    const file = fakeEvent({ url: 'file:///etc/passwd' });
    contents.emit(name, file);
    expect(file.defaultPrevented).toBe(true);
    const own = fakeEvent({ url: 'app://kiosk/index.html' });
    contents.emit(name, own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('denies every new window, webview, context menu and Bluetooth chooser', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    const menu = fakeEvent();
    contents.emit('context-menu', menu, {});
    expect(menu.defaultPrevented).toBe(true);
    const bluetooth = fakeEvent();
    const chosen: string[] = [];
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'x' }], (id: string) => chosen.push(id));
    expect(bluetooth.defaultPrevented).toBe(true);
    expect(chosen).toEqual(['']);
  });

  it('locks visual zoom to 1 (again after every load) and filters keys', () => {
    const contents = hardened();
    expect(contents.zoomLimits).toEqual([1, 1]);
    contents.zoomLimits = null;
    contents.emit('did-finish-load');
    expect(contents.zoomLimits).toEqual([1, 1]);
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, key('F5'));
    expect(reload.defaultPrevented).toBe(true);
    const typing = fakeEvent();
    contents.emit('before-input-event', typing, key('a'));
    expect(typing.defaultPrevented).toBe(false);
  });

  it('is idempotent (web-contents-created and the factory may both call it)', () => {
    const contents = hardened();
    hardenWebContents(contents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('before-input-event')).toBe(1);
  });
});

describe('createKioskWindow', () => {
  it('removes the application menu, uses the options and hardens the contents', () => {
    const menu = new FakeMenu();
    const window = createKioskWindow({ BrowserWindow: FakeBrowserWindow, Menu: menu }, { isProduction: true, preloadPath: '/p.cjs' });
    expect(menu.applicationMenu).toBeNull();
    expect(window.options).toEqual(kioskWindowOptions({ isProduction: true, preloadPath: '/p.cjs' }));
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
    expect(window.webContents.listenerCount('will-navigate')).toBe(1);
  });
});
