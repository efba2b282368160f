/**
 * The web host (design.md §3): serves the built renderer on 127.0.0.1 and carries the same
 * contract as the Electron IPC over a WebSocket. Only our own page can talk to it: the
 * upgrade must come from our origin, name our host (no DNS rebinding), and carry the
 * per-launch token that the host writes into the page it serves.
 */
import createDebug from 'debug';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { EVENT_NAMES, METHOD_NAMES, type IpcResult } from '../ipc/contract.js';
import { createRouter } from '../ipc/router.js';
import type { KioskCore } from '../services/kiosk-core-types.js';
import { CONTENT_SECURITY_POLICY, contentTypeOf, resolveStaticPath } from '../services/static-files.js';

const debug = createDebug('kiosk:host:web');

export const WEBSOCKET_PATH = '/kiosk-ws';
/** Largest message accepted from the page; the contract's arguments are far smaller. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** Calls per second one connection may make before calls are refused (a stuck loop, abuse). */
export const MAX_CALLS_PER_SECOND = 200;

export interface WebHostOptions {
  readonly core: KioskCore;
  /** Folder with the built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Fixed token for tests; random per launch otherwise. */
  readonly token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/** Messages the page sends. Anything else is answered with `invalidArgument`. */
interface CallMessage {
  readonly id: number;
  readonly method: unknown;
  readonly arg: unknown;
}

function isCallMessage(value: unknown): value is CallMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Number.isSafeInteger((value as { id?: unknown }).id) &&
    'method' in value
  );
}

const BAD_MESSAGE: IpcResult<never> = { ok: false, error: { code: 'invalidArgument', message: '请求内容有误，请返回首页重新操作' } };
const TOO_MANY_CALLS: IpcResult<never> = { ok: false, error: { code: 'unavailable', message: '操作过于频繁，请稍后再试' } };

function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const router = createRouter(options.core.handlers);
  let origin = '';
  let allowedHosts = new Set<string>();

  const server = http.createServer((request, response) => {
    void serveFile(request, response);
  });

  async function serveFile(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const headers: http.OutgoingHttpHeaders = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (!allowedHosts.has(request.headers.host ?? '') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(request.method === 'GET' || request.method === 'HEAD' ? 421 : 405, headers).end();
      return;
    }
    const resolved = resolveStaticPath(options.rendererDir, request.url ?? '/');
    if (!resolved.ok) {
      response.writeHead(400, headers).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(resolved.value);
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const isIndex = resolved.value.endsWith('index.html');
    if (isIndex) {
      // The token reaches only a page served from our origin: other origins cannot read
      // this response (no CORS headers), so they cannot open the socket.
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head><meta name="kiosk-token" content="${token}">`));
    }
    response
      .writeHead(200, {
        ...headers,
        'Content-Type': contentTypeOf(resolved.value),
        'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
      })
      .end(request.method === 'HEAD' ? undefined : body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const isAllowed =
      url.pathname === WEBSOCKET_PATH &&
      allowedHosts.has(request.headers.host ?? '') &&
      request.headers.origin === `http://${request.headers.host ?? ''}` &&
      tokensMatch(token, url.searchParams.get('token'));
    if (!isAllowed) {
      debug('refused WebSocket upgrade from origin %s', request.headers.origin ?? '(none)');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const unsubscribeEvents = options.core.onEvent((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload });
    for (const ws of sockets.clients) if (ws.readyState === WebSocket.OPEN) ws.send(message);
  });

  sockets.on('connection', (ws) => {
    let windowStart = Date.now();
    let callsInWindow = 0;
    // Oversized or malformed frames close the socket with an error; log it, don't crash.
    ws.on('error', (error) => debug('socket closed on error: %s', error.message));
    ws.send(JSON.stringify({ type: 'hello', methods: METHOD_NAMES, events: EVENT_NAMES }));
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let message: unknown;
        try {
          message = isBinary ? undefined : JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '');
        } catch {
          message = undefined;
        }
        if (!isCallMessage(message)) {
          ws.send(JSON.stringify({ type: 'result', id: null, result: BAD_MESSAGE }));
          return;
        }
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          callsInWindow = 0;
        }
        callsInWindow += 1;
        const result = callsInWindow > MAX_CALLS_PER_SECOND ? TOO_MANY_CALLS : await router.dispatch(message.method, message.arg);
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'result', id: message.id, result }));
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/`,
    token,
    async close() {
      unsubscribeEvents();
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
