import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy, isPermissionAllowed } from '../../electron/main/permissions.js';
import { FakeSession, fakeEvent } from '../support/fake-electron.js';

/** Every permission name Electron 45's types list for the request/check handlers. */
const PERMISSION_NAMES = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read',
  'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen',
  'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid', 'idle-detection', 'keyboardLock', 'local-fonts',
  'local-network', 'local-network-access', 'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc',
  'notifications', 'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock',
  'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access', 'system-wake-lock',
  'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'web-printing', 'window-management', 'unknown',
] as const;

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: object) => boolean;

function install(isDocumentCameraEnabled?: boolean): { session: FakeSession; request: RequestHandler; check: CheckHandler } {
  const session = new FakeSession();
  if (isDocumentCameraEnabled === undefined) applyPermissionPolicy(session);
  else applyPermissionPolicy(session, { isDocumentCameraEnabled });
  return {
    session,
    request: session.permissionRequestHandler as unknown as RequestHandler,
    check: session.permissionCheckHandler as unknown as CheckHandler,
  };
}

function requestGrant(request: RequestHandler, permission: string, details: object): boolean[] {
  const answers: boolean[] = [];
  request(null, permission, (granted) => answers.push(granted), details);
  return answers;
}

describe('permission handlers (R-E5), default policy', () => {
  const { request, check, session } = install();
  const ownTop = { isMainFrame: true, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] };

  it.each(PERMISSION_NAMES)('denies the request for %s, even from our own top frame', (permission) => {
    expect(requestGrant(request, permission, ownTop)).toEqual([false]);
  });

  it.each(PERMISSION_NAMES)('denies the check for %s', (permission) => {
    expect(check(null, permission, 'app://kiosk', { isMainFrame: true, mediaType: 'video' })).toBe(false);
  });

  it('denies device permissions', () => {
    const handler = session.devicePermissionHandler as unknown as (details: object) => boolean;
    for (const deviceType of ['hid', 'serial', 'usb']) expect(handler({ deviceType, origin: 'app://kiosk', device: {} })).toBe(false);
  });
});

describe('permission handlers with a document camera configured', () => {
  const { request, check } = install(true);

  it('allows video for our top frame only', () => {
    expect(requestGrant(request, 'media', { isMainFrame: true, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] })).toEqual([true]);
    expect(check(null, 'media', 'app://kiosk', { isMainFrame: true, mediaType: 'video' })).toBe(true);
  });

  it.each([
    ['audio', { isMainFrame: true, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['audio'] }],
    ['video and audio', { isMainFrame: true, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video', 'audio'] }],
    ['no media types', { isMainFrame: true, requestingUrl: 'app://kiosk/index.html' }],
    ['a subframe', { isMainFrame: false, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] }],
    ['another origin', { isMainFrame: true, requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }],
    ['file://', { isMainFrame: true, requestingUrl: 'file:///tmp/x.html', mediaTypes: ['video'] }],
  ])('still denies %s', (_name, details) => {
    expect(requestGrant(request, 'media', details)).toEqual([false]);
  });

  it.each(PERMISSION_NAMES.filter((name) => name !== 'media'))('still denies %s', (permission) => {
    expect(requestGrant(request, permission, { isMainFrame: true, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] })).toEqual([false]);
  });

  it('the pure decision refuses a microphone check', () => {
    expect(isPermissionAllowed({ permission: 'media', origin: 'app://kiosk', isMainFrame: true, mediaTypes: ['audio'] }, { isDocumentCameraEnabled: true })).toBe(false);
  });
});

describe('device choosers (R-E5)', () => {
  it('cancels the HID, serial and USB choosers with no device', () => {
    const { session } = install();
    const picks: unknown[][] = [];
    const hid = fakeEvent();
    session.emit('select-hid-device', hid, { deviceList: [{ deviceId: '1' }] }, (...args: unknown[]) => picks.push(['hid', ...args]));
    const serial = fakeEvent();
    session.emit('select-serial-port', serial, [{ portId: 'p' }], null, (...args: unknown[]) => picks.push(['serial', ...args]));
    const usb = fakeEvent();
    session.emit('select-usb-device', usb, { deviceList: [{ deviceId: '2' }] }, (...args: unknown[]) => picks.push(['usb', ...args]));
    expect([hid, serial, usb].map((event) => event.defaultPrevented)).toEqual([true, true, true]);
    expect(picks).toEqual([['hid'], ['serial', ''], ['usb']]);
  });

  it('cancels downloads', () => {
    const { session } = install();
    const download = fakeEvent();
    session.emit('will-download', download, {}, null);
    expect(download.defaultPrevented).toBe(true);
  });
});

describe('the camera policy read at each request (main.ts asks the core)', () => {
  it('denies video until the core says a UVC camera is configured, and again after', () => {
    let isConfigured = false;
    const session = new FakeSession();
    applyPermissionPolicy(session, {
      get isDocumentCameraEnabled() {
        return isConfigured;
      },
    });
    const request = session.permissionRequestHandler as unknown as RequestHandler;
    const ownVideo = { isMainFrame: true, requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] };
    expect(requestGrant(request, 'media', ownVideo)).toEqual([false]);
    isConfigured = true;
    expect(requestGrant(request, 'media', ownVideo)).toEqual([true]);
    isConfigured = false;
    expect(requestGrant(request, 'media', ownVideo)).toEqual([false]);
  });
});
