/**
 * R-N1: TLS is never bypassed. A platform presenting a self-signed certificate (made with
 * openssl for this test, valid for 127.0.0.1) is refused as `unreachable`, retryable, with
 * the certificate named; no request reaches it. Needs the `openssl` CLI (as CI has): a
 * missing tool fails the suite rather than skipping it (style.md).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../electron/services/platform/http-platform-adapter.js';
import { makeTempDir } from '../support/temp-dir.js';

let dir: ReturnType<typeof makeTempDir>;
let server: Server | undefined;
let requests = 0;

beforeEach(() => {
  dir = makeTempDir('kiosk-tls-');
});

afterEach(async () => {
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  }
  server = undefined;
  dir.remove();
});

it('refuses a self-signed certificate: unreachable, retryable, no request served', async () => {
  const key = path.join(dir.path, 'key.pem');
  const cert = path.join(dir.path, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_request, response) => {
    requests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"0","data":null}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const adapter = new HttpPlatformAdapter({ baseUrl: `https://127.0.0.1:${port}/`, terminalId: 'T1', token: 't', timeouts: { totalMs: 3000 } });

  const result = await adapter.findCase('C-1', 'x');
  await adapter.close();

  expect(result.ok ? null : result.error).toEqual({
    kind: 'unreachable',
    isRetryable: true,
    message: `TLS certificate of 127.0.0.1:${port} refused (DEPTH_ZERO_SELF_SIGNED_CERT): expired, self-signed or for another host`,
  });
  expect(requests).toBe(0);
});
