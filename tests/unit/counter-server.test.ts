import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CounterServer, startCounterServer } from '../../electron/services/evaluation/counter-server.js';
import type { EvaluationPadPort, PadOutcome, PadRequest } from '../../electron/services/evaluation/evaluation-pad-port.js';
import { reasonsFor } from '../../electron/services/evaluation/evaluation-reasons.js';
import { EvaluationService } from '../../electron/services/evaluation/evaluation-service.js';
import { SessionService } from '../../electron/services/session/session-service.js';
import { SessionSubjects } from '../../electron/services/session/session-subjects.js';
import { Outbox } from '../../electron/services/sync/outbox.js';
import { deviceError, type DeviceError } from '../../hardware/device-error.js';
import { type Result, err, ok } from '../../hardware/result.js';
import type { DeviceHealth } from '../../electron/ipc/contract.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';
import { waitFor } from '../support/wait.js';

/** A pad whose answer each test scripts; records requests and aborts. */
class FakePad implements EvaluationPadPort {
  readonly requests: PadRequest[] = [];
  answer: (signal: AbortSignal | undefined) => Promise<Result<PadOutcome, DeviceError>> = () => Promise.resolve(ok({ outcome: 'rated', level: 5 }));
  state: DeviceHealth['state'] = 'online';
  readonly simulated = null;
  request(padRequest: PadRequest, signal?: AbortSignal): Promise<Result<PadOutcome, DeviceError>> {
    this.requests.push(padRequest);
    return this.answer(signal);
  }
  health(): DeviceHealth {
    return { kind: 'evaluationPad', isSimulated: true, state: this.state, condition: null, detail: this.state === 'online' ? null : 'unplugged' };
  }
  onHealthChanged(): () => void {
    return () => undefined;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function call(port: number, options: { method?: string; path?: string; body?: string; headers?: Record<string, string> }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/v1/evaluation-requests', headers: { 'content-type': 'application/json', ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('counter mode server', () => {
  let store: ServiceDb;
  let pad: FakePad;
  let server: CounterServer;

  beforeEach(async () => {
    store = openServiceDb();
    pad = new FakePad();
    const session = new SessionService();
    const evaluations = new EvaluationService({
      db: store.db,
      outbox: new Outbox(store.db, { now: () => Date.UTC(2026, 10, 24, 1, 0) }),
      onOutboxChanged: () => undefined,
      session,
      subjects: new SessionSubjects(session),
      reasons: reasonsFor({}),
      timeoutSeconds: 60,
      terminalId: 'T1',
      timeZone: 'Asia/Shanghai',
      now: () => Date.UTC(2026, 10, 24, 1, 0),
    });
    server = await startCounterServer({ pad, evaluations, port: 0, maxTimeoutSeconds: 60 });
  });
  afterEach(async () => {
    await server.close();
    store.close();
  });

  const rows = () => store.db.prepare('SELECT channel, outcome, level, not_rated_why, window_id, staff_id, case_number FROM evaluations').all();

  it('prompts the pad and answers with the level, recorded with window and staff', async () => {
    const reply = await call(server.port, { body: JSON.stringify({ windowId: 'W03', staffId: 'S001', caseNumber: 'ZZ20261124000001', timeoutSeconds: 20 }) });
    expect(reply).toMatchObject({ status: 200, body: { outcome: 'rated', level: 5, label: '非常满意' } });
    expect(pad.requests).toEqual([{ windowId: 'W03', staffId: 'S001', caseNumber: 'ZZ20261124000001', timeoutMs: 20_000 }]);
    expect(rows()).toEqual([{ channel: 'pad', outcome: 'rated', level: 5, not_rated_why: null, window_id: 'W03', staff_id: 'S001', case_number: 'ZZ20261124000001' }]);
  });

  it('records a timeout as not rated', async () => {
    pad.answer = () => Promise.resolve(ok({ outcome: 'timeout' }));
    expect(await call(server.port, { body: '{"windowId":"W01"}' })).toMatchObject({ status: 200, body: { outcome: 'notRated', why: 'timeout' } });
    expect(rows()).toMatchObject([{ outcome: 'notRated', level: null, not_rated_why: 'padTimeout' }]);
  });

  it('caps the timeout a caller asks for', async () => {
    await call(server.port, { body: '{"windowId":"W01","timeoutSeconds":300}' });
    expect(pad.requests[0]?.timeoutMs).toBe(60_000);
  });

  it.each([
    ['a bad window id', '{"windowId":"W 01"}', 400, 'windowId'],
    ['an unknown key', '{"windowId":"W01","extra":1}', 400, 'Unrecognized'],
    ['text that is not JSON', 'not json', 400, 'not JSON'],
    ['a 5 KB body', JSON.stringify({ windowId: 'W01', pad: 'x'.repeat(5000) }), 413, 'larger'],
  ])('refuses %s', async (_label, body, status, words) => {
    const reply = await call(server.port, { body });
    expect(reply.status).toBe(status);
    expect(String(reply.body['error'])).toContain(words);
    expect(pad.requests).toHaveLength(0);
  });

  it('refuses browsers, other hosts, other methods and paths', async () => {
    expect((await call(server.port, { body: '{"windowId":"W01"}', headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call(server.port, { body: '{"windowId":"W01"}', headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await call(server.port, { method: 'GET' })).status).toBe(405);
    expect((await call(server.port, { path: '/v1/other' })).status).toBe(404);
    expect((await call(server.port, { body: '{"windowId":"W01"}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(await call(server.port, { method: 'GET', path: '/v1/status' })).toMatchObject({ status: 200, body: { pad: { kind: 'evaluationPad', state: 'online' } } });
  });

  it('answers 409 when the pad is busy and 503 when it is offline or fails', async () => {
    pad.answer = () => Promise.resolve(err(deviceError('busy', 'one request at a time')));
    expect((await call(server.port, { body: '{"windowId":"W01"}' })).status).toBe(409);
    pad.answer = () => Promise.resolve(err(deviceError('offline', 'pad disconnected')));
    expect(await call(server.port, { body: '{"windowId":"W01"}' })).toMatchObject({ status: 503, body: { error: 'the evaluation pad failed: pad disconnected' } });
    pad.state = 'offline';
    expect((await call(server.port, { body: '{"windowId":"W01"}' })).status).toBe(503);
    expect(rows()).toEqual([]);
  });

  it('cancels the prompt when the caller hangs up, and records not rated', async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    pad.answer = (signal) =>
      new Promise((resolve) => {
        signal?.addEventListener('abort', () => {
          aborted();
          resolve(ok({ outcome: 'cancelled' }));
        });
      });
    const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/v1/evaluation-requests', headers: { 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    req.end('{"windowId":"W01"}');
    await waitFor(() => pad.requests.length > 0, 'the pad prompted');
    req.destroy();
    await wasAborted;
    await waitFor(() => rows().length > 0, 'the cancelled prompt recorded');
    expect(rows()).toMatchObject([{ outcome: 'notRated', not_rated_why: 'padCancelled' }]);
  });
});
