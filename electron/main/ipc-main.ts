/**
 * The one IPC wrapper of the Electron host (R-E6). It registers exactly the contract's
 * methods, refuses callers that are not the top frame of our `app://kiosk` origin, and hands
 * everything else to the shared router, which validates the argument with the contract's
 * schema. Handlers always resolve to an `IpcResult`; nothing thrown crosses to the renderer.
 *
 * Written against narrowed `ipcMain`/`WebContents` interfaces (only the calls used) so the
 * shared fake in tests/support stays small.
 */
import createDebug from 'debug';
import { EVENT_CHANNEL, METHOD_NAMES, type EventName, type IpcResult, type KioskEvents, channelOf } from '../ipc/contract.js';
import type { Router } from '../ipc/router.js';
import type { KioskCore } from '../services/kiosk-core-types.js';
import { isAppUrl } from './app-protocol.js';

const debug = createDebug('kiosk:main:ipc');

export const IPC_MESSAGES = {
  forbidden: '操作来源不受信任',
  invalidArgument: '请求内容有误，请返回首页重新操作',
} as const;

/** The part of `WebFrameMain` the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

/** The part of `IpcMainInvokeEvent` the sender check reads. */
export interface IpcInvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

export type InvokeListener = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** The `ipcMain` calls used; real `IpcMain` satisfies it. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

/** What main pushes on {@link EVENT_CHANNEL}; the preload filters on `event`. */
export interface KioskEventMessage<E extends EventName = EventName> {
  readonly event: E;
  readonly payload: KioskEvents[E];
}

export type SenderVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * R-E6 sender check: a live frame (`senderFrame` is null once it navigated away or was
 * destroyed), the top frame (no parent), and a URL on our origin. Reading a disposed
 * frame's properties throws in Electron; that counts as refused.
 */
export function checkSender(event: IpcInvokeEvent): SenderVerdict {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return { ok: false, reason: 'no sender frame' };
    if (frame.parent !== null) return { ok: false, reason: 'subframe' };
    if (!isAppUrl(frame.url)) return { ok: false, reason: 'foreign origin' };
    return { ok: true };
  } catch {
    return { ok: false, reason: 'frame disposed' };
  }
}

const FORBIDDEN: IpcResult<never> = { ok: false, error: { code: 'forbidden', message: IPC_MESSAGES.forbidden } };
const INVALID: IpcResult<never> = { ok: false, error: { code: 'invalidArgument', message: IPC_MESSAGES.invalidArgument } };

/**
 * Registers one `ipcMain.handle` per contract method (and no other channel), each checking
 * the sender and dispatching through `router`. Returns a function that removes them all.
 */
export function registerKioskIpc(ipcMain: IpcMainLike, router: Router): () => void {
  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = channelOf(method);
    ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
      const verdict = checkSender(event);
      if (!verdict.ok) {
        debug('refused %s: %s', channel, verdict.reason);
        return FORBIDDEN;
      }
      // One argument per method; more is a forged or broken call. The router checks it is a
      // plain object and validates it.
      if (args.length !== 1) {
        debug('refused %s: %d arguments', channel, args.length);
        return INVALID;
      }
      return router.dispatch(method, args[0]);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** The WebContents calls event forwarding uses. */
export interface EventSink {
  send(channel: string, message: KioskEventMessage): void;
  isDestroyed(): boolean;
  getURL(): string;
}

/**
 * Forwards every core event to the window as `{event, payload}` on {@link EVENT_CHANNEL}.
 * Nothing is sent while the window shows a page outside our origin (there should be none,
 * R-E4) or after it is destroyed. Returns the unsubscribe function.
 */
export function forwardCoreEvents(core: Pick<KioskCore, 'onEvent'>, sink: EventSink): () => void {
  return core.onEvent((event, payload) => {
    if (sink.isDestroyed() || !isAppUrl(sink.getURL())) return;
    const message: KioskEventMessage = { event, payload };
    try {
      sink.send(EVENT_CHANNEL, message);
    } catch (error) {
      // A payload that cannot be cloned is a bug in the core; the window carries on.
      debug('could not send %s: %O', event, error);
    }
  });
}
