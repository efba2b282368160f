/**
 * The zod-free half of the contract: method and event names, channels, and the builder of
 * `window.kiosk`. The sandboxed preload bundles this file alone (a few KB); the schemas in
 * contract.ts would pull all of zod into it. contract.ts checks at compile time that
 * {@link METHOD_NAMES} lists exactly the methods that have schemas.
 */
import type { EventName, IpcResult, KioskApi, MethodName } from './contract.js';

export const CHANNEL_PREFIX = 'kiosk:';
/** Channel on which main pushes events to the renderer (Electron host). */
export const EVENT_CHANNEL = 'kiosk:event';

export const METHOD_NAMES = [
  'system.getStatus',
  'queue.listCategories',
  'queue.takeTicket',
  'session.begin',
  'session.end',
  'identity.startReading',
  'identity.stopReading',
  'identity.revealName',
  'queue.takeTicketByIdCard',
  'queue.reprintTicket',
  'dev.listSpecimenCards',
  'dev.presentCard',
  'dev.removeCard',
  'catalogue.summary',
  'catalogue.list',
  'catalogue.search',
  'catalogue.candidates',
  'catalogue.guide',
  'printing.printChecklist',
  'printing.printGuide',
  'scan.start',
  'scan.stop',
  'scan.submitText',
  'progress.lookup',
  'progress.listByIdCard',
  'appointment.lookup',
  'appointment.listByIdCard',
  'appointment.checkIn',
  'evaluation.begin',
  'evaluation.submit',
  'evaluation.decline',
  'capture.begin',
  'capture.open',
  'capture.close',
  'capture.analyse',
  'capture.take',
  'capture.uploadBegin',
  'capture.uploadChunk',
  'capture.uploadEnd',
  'capture.rotate',
  'capture.discard',
  'capture.materials',
  'application.begin',
  'application.takeCard',
  'application.setAgent',
  'application.setMaterial',
  'application.setForm',
  'application.sign',
  'application.review',
  'application.submit',
  'application.printNotice',
  'application.reprintReceipt',
  'input.candidates',
  'admin.pinStatus',
  'admin.setPin',
  'admin.login',
  'admin.logout',
  'admin.changePin',
  'admin.overview',
  'admin.releaseOutbox',
  'admin.events',
  'admin.detect',
  'admin.bind',
  'admin.unbind',
  'admin.testDevice',
  'admin.settings',
  'admin.saveSettings',
  'admin.exportTargets',
  'admin.exportDiagnostics',
  'admin.audit',
  'admin.restart',
  'dev.placeDocument',
  'dev.scan',
  'dev.listSampleCodes',
  'dev.pressPad',
] as const satisfies readonly MethodName[];

export const EVENT_NAMES = [
  'system.statusChanged',
  'queue.waitingChanged',
  'identity.cardRead',
  'identity.cardRemoved',
  'identity.readFailed',
  'scan.scanned',
  'capture.preview',
  'capture.deviceChanged',
] as const satisfies readonly EventName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

export function channelOf(method: MethodName): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/** Builds the nested api object from one generic `invoke`; used by the preload. */
export function buildKioskApi(
  invoke: (method: MethodName, arg: unknown) => Promise<IpcResult<unknown>>,
  on: (event: EventName, listener: (payload: unknown) => void) => () => void,
): KioskApi {
  const api: Record<string, Record<string, (arg: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const method of METHOD_NAMES) {
    const [area, name] = method.split('.') as [string, string];
    const group = (api[area] ??= {});
    group[name] = (arg: unknown) => invoke(method, arg);
  }
  return Object.freeze({ ...api, on }) as unknown as KioskApi;
}
