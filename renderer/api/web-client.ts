/**
 * The web host's side of `window.kiosk`: the same `KioskApi` object the Electron preload
 * exposes, built over the host's WebSocket. The method list comes from the host's hello
 * message, so the renderer imports nothing but types from the contract.
 *
 * If the host restarts (crash, update), the client reconnects with capped backoff; calls made
 * while disconnected wait for the connection briefly, then fail with a polite message.
 */
import type { EventName, IpcResult, KioskApi } from '../../electron/ipc/contract';

const WEBSOCKET_PATH = '/kiosk-ws';
const CALL_TIMEOUT_MS = 30_000;
const RECONNECT_MAX_MS = 5_000;

const DISCONNECTED: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '系统连接中断，请稍候再试' } };

interface Hello {
  readonly type: 'hello';
  readonly methods: readonly string[];
  readonly events: readonly string[];
}

type ServerMessage =
  | Hello
  | { readonly type: 'result'; readonly id: number | null; readonly result: IpcResult<unknown> }
  | { readonly type: 'event'; readonly event: string; readonly payload: unknown };

interface Pending {
  readonly resolve: (result: IpcResult<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function readKioskToken(doc: Document = document): string {
  const token = doc.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content;
  if (token === undefined || token === '') throw new Error('kiosk token missing: page not served by the kiosk web host');
  return token;
}

export function connectWebKiosk(token: string = readKioskToken()): Promise<KioskApi> {
  const url = `${location.origin.replace(/^http/u, 'ws')}${WEBSOCKET_PATH}?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let isOpen = false;
  let waiters: Array<() => void> = [];
  let retryMs = 250;

  function failAllPending(): void {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.resolve(DISCONNECTED);
      pending.delete(id);
    }
  }

  return new Promise<KioskApi>((resolveApi, rejectApi) => {
    let api: KioskApi | null = null;

    function connect(): void {
      const ws = new WebSocket(url);
      socket = ws;
      ws.onmessage = (event: MessageEvent<string>) => {
        let message: ServerMessage;
        try {
          message = JSON.parse(event.data) as ServerMessage;
        } catch {
          return;
        }
        switch (message.type) {
          case 'hello':
            isOpen = true;
            retryMs = 250;
            if (api === null) {
              api = buildApi(message);
              resolveApi(api);
            }
            for (const wake of waiters) wake();
            waiters = [];
            break;
          case 'result': {
            if (message.id === null) return;
            const call = pending.get(message.id);
            if (call === undefined) return;
            clearTimeout(call.timer);
            pending.delete(message.id);
            call.resolve(message.result);
            break;
          }
          case 'event':
            for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
            break;
        }
      };
      ws.onclose = () => {
        isOpen = false;
        failAllPending();
        if (api === null && retryMs >= RECONNECT_MAX_MS) {
          rejectApi(new Error('cannot reach the kiosk host'));
          return;
        }
        setTimeout(connect, retryMs);
        retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
      };
    }

    function whenOpen(timeoutMs: number): Promise<boolean> {
      if (isOpen) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    }

    async function invoke(method: string, arg: unknown): Promise<IpcResult<unknown>> {
      if (!(await whenOpen(RECONNECT_MAX_MS)) || socket === null) return DISCONNECTED;
      const id = nextId++;
      const ws = socket;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(DISCONNECTED);
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        ws.send(JSON.stringify({ id, method, arg }));
      });
    }

    function on(event: EventName, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    }

    function buildApi(hello: Hello): KioskApi {
      const areas: Record<string, Record<string, (arg: unknown) => Promise<IpcResult<unknown>>>> = {};
      for (const method of hello.methods) {
        const [area, name] = method.split('.');
        if (area === undefined || name === undefined) continue;
        (areas[area] ??= {})[name] = (arg: unknown) => invoke(method, arg);
      }
      return Object.freeze({ ...areas, on }) as unknown as KioskApi;
    }

    connect();
  });
}
