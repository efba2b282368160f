import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CoreEventListener, KioskCore } from '../../electron/services/kiosk-core-types.js';
import { WEBSOCKET_PATH, type WebHost, startWebHost } from '../../electron/host/web-host.js';
import { FAKE_STATUS, createFakeKioskHandlers } from '../support/fake-kiosk-handlers.js';
import { makeTempDir } from '../support/temp-dir.js';

const STATUS = FAKE_STATUS;

function fakeCore(): KioskCore & { emit: CoreEventListener } {
  const listeners = new Set<CoreEventListener>();
  const handlers = createFakeKioskHandlers();
  return {
    handlers,
    status: () => STATUS,
    diagnostics: () => [],
    raiseAlarm: () => undefined,
    needsCameraPermission: () => false,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
    close: () => Promise.resolve(),
  };
}

interface Connection {
  readonly ws: WebSocket;
  readonly messages: unknown[];
  next(): Promise<unknown>;
}

function connect(url: string, headers: Record<string, string>): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: unknown[] = [];
    const waiters: Array<(m: unknown) => void> = [];
    ws.on('message', (data: Buffer) => {
      const message: unknown = JSON.parse(data.toString('utf8'));
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else messages.push(message);
    });
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        next: () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r))),
      }),
    );
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)));
    ws.once('error', reject);
  });
}

describe('web host', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let host: WebHost;
  let core: ReturnType<typeof fakeCore>;
  let origin: string;
  let wsUrl: string;
  const open: WebSocket[] = [];

  beforeEach(async () => {
    dir = makeTempDir();
    mkdirSync(path.join(dir.path, 'assets'));
    writeFileSync(path.join(dir.path, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    writeFileSync(path.join(dir.path, 'assets', 'app.js'), 'console.log(1)');
    core = fakeCore();
    host = await startWebHost({ core, rendererDir: dir.path, port: 0, token: 'launch-token' });
    origin = host.url.replace(/\/$/u, '');
    wsUrl = `${origin.replace('http', 'ws')}${WEBSOCKET_PATH}?token=launch-token`;
  });
  afterEach(async () => {
    for (const ws of open) ws.terminate();
    await host.close();
    dir.remove();
  });

  it('serves the page with the launch token and the CSP, and assets', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<meta name="kiosk-token" content="launch-token">');
    const asset = await fetch(`${origin}/assets/app.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${origin}/missing.js`)).status).toBe(404);
    // fetch() would normalise the dots away; send the raw path.
    const { request } = await import('node:http');
    const raw = await new Promise<number>((resolve) => {
      request(`${origin}/`, { path: '/%2e%2e/%2e%2e/etc/passwd' }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(raw).toBe(400);
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request(host.url, { headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
  });

  it.each([
    ['no token', (u: string) => u.replace(/\?token=.*/u, ''), (o: string) => o],
    ['a wrong token', (u: string) => u.replace('launch-token', 'guess'), (o: string) => o],
    ['another origin', (u: string) => u, () => 'http://evil.example'],
    ['no origin', (u: string) => u, () => ''],
  ])('refuses a socket with %s', async (_name, mapUrl, mapOrigin) => {
    const headers: Record<string, string> = mapOrigin(origin) === '' ? {} : { origin: mapOrigin(origin) };
    await expect(connect(mapUrl(wsUrl), headers)).rejects.toThrow('HTTP 403');
  });

  it('says hello with the method list, routes calls, and forwards events', async () => {
    const connection = await connect(wsUrl, { origin });
    open.push(connection.ws);
    expect(await connection.next()).toMatchObject({ type: 'hello', methods: expect.arrayContaining(['queue.takeTicket']) as unknown });

    connection.ws.send(JSON.stringify({ id: 1, method: 'system.getStatus', arg: {} }));
    expect(await connection.next()).toEqual({ type: 'result', id: 1, result: { ok: true, value: STATUS } });

    connection.ws.send(JSON.stringify({ id: 2, method: 'queue.takeTicket', arg: { categoryId: 'general', extra: 1 } }));
    expect(await connection.next()).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalidArgument' } } });

    connection.ws.send(JSON.stringify({ id: 3, method: 'fs.readFile', arg: {} }));
    expect(await connection.next()).toMatchObject({ id: 3, result: { ok: false, error: { code: 'unknownMethod' } } });

    core.emit('queue.waitingChanged', { categoryId: 'general', waitingCount: 4 });
    expect(await connection.next()).toEqual({ type: 'event', event: 'queue.waitingChanged', payload: { categoryId: 'general', waitingCount: 4 } });
  });

  it('answers garbage with invalidArgument and keeps the connection', async () => {
    const connection = await connect(wsUrl, { origin });
    open.push(connection.ws);
    await connection.next();
    for (const garbage of ['not json', '[]', '{"method":"system.getStatus"}', '{"id":"1","method":"x"}', 'null']) {
      connection.ws.send(garbage);
      expect(await connection.next()).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalidArgument' } } });
    }
    connection.ws.send(JSON.stringify({ id: 9, method: 'session.begin', arg: {} }));
    expect(await connection.next()).toMatchObject({ id: 9, result: { ok: true } });
  });

  it('closes a connection that sends an oversized message', async () => {
    const connection = await connect(wsUrl, { origin });
    open.push(connection.ws);
    await connection.next();
    const closed = new Promise<number>((resolve) => connection.ws.once('close', (code) => resolve(code)));
    connection.ws.send(JSON.stringify({ id: 1, method: 'queue.takeTicket', arg: { categoryId: 'x'.repeat(400_000) } }));
    expect(await closed).toBe(1009);
  });
});
