/**
 * R-E5: the kiosk session grants nothing. Peripherals are reached only through main (the
 * hardware layer), never through WebHID/WebSerial/WebUSB, so every chooser is cancelled and
 * every permission denied. The one exception is the document camera (高拍仪), a UVC camera
 * read with `getUserMedia` in the renderer; it is allowed only when configured, only video,
 * only for our own origin's top frame.
 */
import createDebug from 'debug';
import { isAppUrl } from './app-protocol.js';
import type { PreventableEvent } from './window.js';

const debug = createDebug('kiosk:main:permissions');

export interface PermissionPolicy {
  /** A UVC document camera is configured; allows `getUserMedia({video})` for `app://kiosk`. */
  readonly isDocumentCameraEnabled: boolean;
}

/** Deny everything; the document camera is opt-in. */
export const DEFAULT_PERMISSION_POLICY: PermissionPolicy = { isDocumentCameraEnabled: false };

/** One permission question, from either the request or the check handler. */
export interface PermissionQuery {
  readonly permission: string;
  /** The requesting URL or origin. */
  readonly origin: string;
  readonly isMainFrame: boolean;
  /** Media kinds asked for; empty when not a media request or not stated. */
  readonly mediaTypes: readonly string[];
}

/** Pure decision behind both handlers. */
export function isPermissionAllowed(query: PermissionQuery, policy: PermissionPolicy): boolean {
  return (
    query.permission === 'media' &&
    policy.isDocumentCameraEnabled &&
    query.isMainFrame &&
    isAppUrl(query.origin) &&
    query.mediaTypes.length > 0 &&
    // Video only: the camera must never open the microphone.
    query.mediaTypes.every((type) => type === 'video')
  );
}

interface RequestDetails {
  readonly isMainFrame: boolean;
  readonly requestingUrl: string;
  readonly mediaTypes?: readonly string[];
}

interface CheckDetails {
  readonly isMainFrame: boolean;
  readonly mediaType?: string;
}

/** The Session calls used here; real `Session` satisfies it. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (isGranted: boolean) => void, details: RequestDetails) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: unknown, permission: string, requestingOrigin: string, details: CheckDetails) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  on(event: 'select-hid-device', listener: (event: PreventableEvent, details: unknown, callback: (deviceId?: string | null) => void) => void): unknown;
  on(
    event: 'select-serial-port',
    listener: (event: PreventableEvent, portList: unknown, webContents: unknown, callback: (portId: string) => void) => void,
  ): unknown;
  on(event: 'select-usb-device', listener: (event: PreventableEvent, details: unknown, callback: (deviceId?: string) => void) => void): unknown;
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown;
}

/**
 * Installs the deny-by-default handlers on the kiosk session (R-E5): permission requests
 * and checks, device permissions, the HID/serial/USB choosers (cancelled with no device)
 * and downloads (a kiosk never saves files for the citizen).
 */
export function applyPermissionPolicy(session: PermissionSession, policy: PermissionPolicy = DEFAULT_PERMISSION_POLICY): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const isGranted = isPermissionAllowed(
      {
        permission,
        origin: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaTypes ?? [],
      },
      policy,
    );
    if (!isGranted) debug('denied permission request %s', permission);
    callback(isGranted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        origin: requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType === undefined ? [] : [details.mediaType],
      },
      policy,
    ),
  );
  session.setDevicePermissionHandler(() => false);

  // Calling back with no device cancels the chooser; preventDefault stops Electron's default
  // (which is to cancel too, but only when nobody listens).
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    debug('cancelled HID chooser');
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    debug('cancelled serial chooser');
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    debug('cancelled USB chooser');
    callback();
  });
  session.on('will-download', (event) => {
    event.preventDefault();
    debug('cancelled download');
  });
}
