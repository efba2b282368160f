/**
 * Builds `window.kiosk` from the contract and exposes it through the context bridge (R-E6).
 * Only named functions cross: one per contract method plus `on`. `ipcRenderer` itself, and
 * the `IpcRendererEvent` (whose `sender` is `ipcRenderer`), never reach the page.
 *
 * Kept apart from preload.ts, which only wires in the real `electron` module, so tests
 * drive this with the shared fake.
 */
import type { EventName, IpcResult, MethodName } from '../ipc/contract.js';
import { EVENT_CHANNEL, buildKioskApi, channelOf, isEventName } from '../ipc/kiosk-api.js';

/** The global name of the api in the renderer: `window.kiosk`. */
export const KIOSK_API_KEY = 'kiosk';

/** Shown when the call never reached main (e.g. an argument that cannot be cloned). */
const SEND_FAILED_MESSAGE = '系统繁忙，请稍后再试';

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The `ipcRenderer` calls used; real `IpcRenderer` satisfies it. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}

function isEventMessage(message: unknown): message is { readonly event: EventName; readonly payload: unknown } {
  return typeof message === 'object' && message !== null && isEventName((message as { event?: unknown }).event);
}

/** Creates the api object; exported for tests, the preload only calls {@link exposeKioskApi}. */
export function createPreloadApi(ipcRenderer: IpcRendererLike): ReturnType<typeof buildKioskApi> {
  const invoke = async (method: MethodName, arg: unknown): Promise<IpcResult<unknown>> => {
    try {
      // Main always resolves to an IpcResult; a rejection means the call never got there.
      return (await ipcRenderer.invoke(channelOf(method), arg)) as IpcResult<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: SEND_FAILED_MESSAGE } };
    }
  };

  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    const relay: RendererListener = (_ipcEvent, message) => {
      if (isEventMessage(message) && message.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    let isSubscribed = true;
    return () => {
      if (!isSubscribed) return;
      isSubscribed = false;
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  };

  return buildKioskApi(invoke, on);
}

/** Exposes exactly one key, `kiosk`, in the page's world. */
export function exposeKioskApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(KIOSK_API_KEY, createPreloadApi(ipcRenderer));
}
