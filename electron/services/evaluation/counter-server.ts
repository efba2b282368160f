/**
 * Counter mode (issue #7): a window system on this machine asks for a rating on the
 * evaluation pad with one loopback HTTP call and gets the result when the citizen pressed a
 * button (or the time ran out). The rating is recorded and sent to the platform through the
 * outbox like every other.
 *
 *   POST /v1/evaluation-requests  {"windowId":"W03","caseNumber":"…","staffId":"…","timeoutSeconds":30}
 *   → 200 {"outcome":"rated","level":5,"label":"非常满意","evaluationId":"…"}
 *   → 200 {"outcome":"notRated","why":"timeout","evaluationId":"…"}
 *   → 400 bad request · 409 the pad is busy · 503 no pad / pad offline
 *   GET  /v1/status → {"pad": DeviceHealth | null}
 *
 * Only 127.0.0.1 listens. A browser page cannot drive it: requests with an `Origin` header
 * or a Host other than the loopback address are refused (DNS rebinding, CSRF), and only
 * `application/json` bodies of a few KB are read. If the caller hangs up, the prompt is
 * cancelled and "not rated" recorded.
 */
import createDebug from 'debug';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { EvaluationPadPort } from './evaluation-pad-port.js';
import { EVALUATION_LEVEL_NAMES } from '../../../hardware/protocols/evaluation-pad/code-table.js';
import type { EvaluationService } from './evaluation-service.js';

const debug = createDebug('kiosk:services:counter');

export const MAX_COUNTER_BODY_BYTES = 4096;

const requestSchema = z
  .object({
    windowId: z.string().regex(/^[A-Za-z0-9-]{1,16}$/u, 'windowId: letters, digits, "-", at most 16'),
    caseNumber: z.string().regex(/^[0-9A-Z]{6,32}$/u, 'caseNumber: capital letters and digits, 6–32').nullable().default(null),
    staffId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/u, 'staffId: letters, digits, "-", at most 32').nullable().default(null),
    timeoutSeconds: z.number().int().min(5).max(300).default(30),
  })
  .strict();

export interface CounterServerOptions {
  readonly pad: EvaluationPadPort | null;
  readonly evaluations: EvaluationService;
  readonly port: number;
  readonly maxTimeoutSeconds: number;
}

export interface CounterServer {
  readonly port: number;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_COUNTER_BODY_BYTES) {
        // Stop keeping it, let the rest drain, and answer 413 (the socket closes after).
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

export async function startCounterServer(options: CounterServerOptions): Promise<CounterServer> {
  let port = options.port;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.headers.origin !== undefined) return send(response, 403, { error: 'requests from web pages are refused' });
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(response, 403, { error: 'loopback only' });
    const path = (request.url ?? '').split('?')[0];
    if (path === '/v1/status' && request.method === 'GET') return send(response, 200, { pad: options.pad?.health() ?? null });
    if (path !== '/v1/evaluation-requests') return send(response, 404, { error: 'no such endpoint' });
    if (request.method !== 'POST') return send(response, 405, { error: 'use POST' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, { error: 'send application/json' });
    const text = await readBody(request);
    if (text === null) {
      response.setHeader('connection', 'close');
      return send(response, 413, { error: `body larger than ${MAX_COUNTER_BODY_BYTES} bytes` });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(response, 400, { error: 'body is not JSON' });
    }
    const parsed = requestSchema.safeParse(json);
    if (!parsed.success) return send(response, 400, { error: parsed.error.issues.map((issue) => issue.message).join('; ') });
    const { windowId, caseNumber, staffId } = parsed.data;
    const timeoutSeconds = Math.min(parsed.data.timeoutSeconds, options.maxTimeoutSeconds);
    const pad = options.pad;
    if (pad === null) return send(response, 503, { error: 'no evaluation pad is configured' });
    if (pad.health().state !== 'online') return send(response, 503, { error: `the evaluation pad is ${pad.health().state}: ${pad.health().detail ?? ''}`.trim() });

    // The caller hanging up cancels the prompt (the window system gave up waiting).
    const abort = new AbortController();
    const onClose = (): void => {
      if (!response.writableEnded) abort.abort();
    };
    response.on('close', onClose);
    const result = await pad.request({ caseNumber, windowId, staffId, timeoutMs: timeoutSeconds * 1000 }, abort.signal);
    response.off('close', onClose);
    if (!result.ok) {
      if (result.error.code === 'busy') return send(response, 409, { error: 'the pad is busy with another rating' });
      return send(response, 503, { error: `the evaluation pad failed: ${result.error.message}` });
    }
    const subject = { caseNumber, ticketNumber: null, windowId, staffId };
    const outcome = result.value;
    if (outcome.outcome === 'rated') {
      const evaluationId = options.evaluations.recordPad(subject, { outcome: 'rated', level: outcome.level, reasons: [], phone: null });
      return send(response, 200, { outcome: 'rated', level: outcome.level, label: EVALUATION_LEVEL_NAMES[outcome.level], evaluationId });
    }
    const why = outcome.outcome === 'timeout' ? 'padTimeout' : 'padCancelled';
    const evaluationId = options.evaluations.recordPad(subject, { outcome: 'notRated', why });
    return send(response, 200, { outcome: 'notRated', why: outcome.outcome, evaluationId });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      debug('counter request failed: %s', error instanceof Error ? error.message : String(error));
      send(response, 500, { error: 'internal error; see the kiosk log' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  debug('counter mode listening on 127.0.0.1:%d', port);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
