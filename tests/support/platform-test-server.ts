/**
 * A government platform on 127.0.0.1 that speaks `docs/platform-api.yaml` with an in-memory
 * store and takes scripted faults per route: the other side of the `http` platform adapter,
 * for reliability.md R-D5 (effects per idempotency key = 1) and R-N1 (every row of table (c),
 * "Government platform responses").
 *
 * Faults come in two sorts, and the difference matters for deliveries:
 * - stand-ins answer *instead of* the platform, so nothing happens (`serverErrorPage`,
 *   `businessCode`, `rateLimited`, `redirect`, `contentType`, `contentEncoding`,
 *   `hugeBody`, `gzipBomb`, `raw`);
 * - garblers let the platform do its work and spoil only the answer on the wire, so a
 *   delivery's effect happens and its ack is lost or mangled (`delayHeaders`, `drip`,
 *   `resetBeforeHeaders`, `resetMidBody`, `truncated`, `gzip`, `gbk`, `mismatchedAck`,
 *   `patchAck`) — the case idempotency keys exist for;
 * - `slowUpload` reads the request body at a set rate, as a slow uplink would deliver it.
 *
 * Applications (`POST /v1/applications`) file a case per new key — findable afterwards by
 * number and 查询码 and by the applicant's ID number — and answer with it; the same key
 * answers the same case, so `effects(key)` stays 1 and `store.casesFiledFor(reference)`
 * counts the cases one submission got, whatever keys it came with.
 *
 * Requests are recorded whole, ID numbers included: this is test code and the tests check
 * where the number travels.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { ApplicationUpload, AppointmentRecord, CaseRecord } from '../../electron/services/platform/platform-adapter.js';

export type PlatformRoute = 'findCase' | 'casesOfHolder' | 'findAppointment' | 'appointmentsOfHolder' | 'evaluations' | 'checkIns' | 'applications';

export type PlatformFault =
  /** Wait this long before sending the status line and headers. */
  | { readonly kind: 'delayHeaders'; readonly ms: number }
  /** Send the real answer one byte every `intervalMs`. */
  | { readonly kind: 'drip'; readonly intervalMs: number }
  /** Destroy the socket before any byte of the answer (after the platform did its work). */
  | { readonly kind: 'resetBeforeHeaders' }
  /** Headers and half the body, then destroy the socket. */
  | { readonly kind: 'resetMidBody' }
  /** Content-Length of the whole answer, half of it sent, then a clean FIN. */
  | { readonly kind: 'truncated' }
  /** The real answer, gzip-compressed. */
  | { readonly kind: 'gzip' }
  /** The real answer in GBK with `charset=GBK`. */
  | { readonly kind: 'gbk' }
  /** The real ack with another idempotency key in it. */
  | { readonly kind: 'mismatchedAck' }
  /** The real ack with these fields of `data` replaced (e.g. a malformed case number). */
  | { readonly kind: 'patchAck'; readonly fields: Readonly<Record<string, unknown>> }
  /** Read the request body at this rate (a slow uplink, by TCP backpressure), then answer. */
  | { readonly kind: 'slowUpload'; readonly bytesPerSecond: number }
  /** An nginx-style HTML error page. */
  | { readonly kind: 'serverErrorPage'; readonly status?: number }
  /** HTTP 200 with a business code ≠ 0 (e.g. `9999` busy, or a refusal). */
  | { readonly kind: 'businessCode'; readonly code: string; readonly message?: string }
  /** 429 (or 503) with an optional Retry-After value, sent as given. */
  | { readonly kind: 'rateLimited'; readonly status?: 429 | 503; readonly retryAfter?: string }
  /** A redirect, e.g. to another host. */
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: 301 | 302 | 303 | 307 | 308 }
  /** HTTP 200 with another content type, by default a captive portal's login page. */
  | { readonly kind: 'contentType'; readonly contentType?: string; readonly body?: string }
  /** The real answer labelled with another Content-Encoding (bytes left as they are). */
  | { readonly kind: 'contentEncoding'; readonly encoding: string }
  /** `bytes` of JSON-looking padding, streamed with backpressure; `declareLength` sets Content-Length. */
  | { readonly kind: 'hugeBody'; readonly bytes: number; readonly declareLength?: boolean }
  /** A small gzip body that inflates to `inflatedBytes`. */
  | { readonly kind: 'gzipBomb'; readonly inflatedBytes: number }
  /** Anything else, byte for byte. */
  | {
      readonly kind: 'raw';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body: string | Uint8Array;
    };

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly route: PlatformRoute | null;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Who may see a record: its verification code, and the holder's ID number when known. */
export interface RecordAccess {
  readonly verifier: string;
  readonly holderIdNumber?: string;
}

export interface PlatformTestStore {
  addCase(record: CaseRecord, access: RecordAccess): void;
  addAppointment(record: AppointmentRecord, access: RecordAccess): void;
  appointment(code: string): AppointmentRecord | undefined;
  /** Accepted uploads, one per effect, in order. */
  readonly evaluations: readonly unknown[];
  readonly checkIns: readonly unknown[];
  /** Applications accepted, one per case filed, in order. */
  readonly applications: readonly FiledApplication[];
  /** How many cases were filed for this 申报编号 (`reference`): 1 when nothing was duplicated. */
  casesFiledFor(reference: string): number;
}

export interface FiledApplication {
  readonly idempotencyKey: string;
  readonly caseNumber: string;
  readonly verifier: string;
  readonly promisedDate: string | null;
  /** The request body as parsed (loosely checked: see `applicationRefusal`). */
  readonly upload: Record<string, unknown>;
}

export interface PlatformFaults {
  /** Apply `fault` to the next request on `route` (`*`: any route), once. */
  next(route: PlatformRoute | '*', fault: PlatformFault): void;
  /** Apply `fault` to every request on `route` until `clear()`. */
  always(route: PlatformRoute | '*', fault: PlatformFault): void;
  clear(): void;
}

export interface PlatformTestServerOptions {
  /** The bearer token the server accepts. Default `test-token`. */
  readonly token?: string;
  /** Shift of the server's clock (its `Date` header), e.g. hours off. Default 0. */
  readonly clockSkewMs?: number;
  /**
   * The promised completion date of a filed application. Default: 20 days after the day of
   * its `submittedAt`.
   */
  readonly promisedDateOf?: (upload: Record<string, unknown>) => string | null;
}

export interface PlatformTestServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly store: PlatformTestStore;
  readonly faults: PlatformFaults;
  /** How many effects the platform has had for this idempotency key (0 or 1 when correct). */
  effects(key: string): number;
  readonly requests: readonly RecordedRequest[];
  /** Closes the server, every connection and every pending timer. */
  close(): Promise<void>;
}

export const TEST_PLATFORM_TOKEN = 'test-token';

const CAPTIVE_PORTAL_HTML = '<!doctype html><html><head><title>Wi-Fi 认证</title></head><body><form>请登录</form></body></html>';
const SERVER_ERROR_HTML = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
/** Above the adapter's own cap on what it sends, so the adapter's check is what is tested. */
const MAX_REQUEST_BYTES = 48 * 1024 * 1024;
/** Any ack's key after `mismatchedAck`: a key no kiosk sent. */
const FOREIGN_KEY = '00000000-0000-4000-8000-000000000000';
/** `%PDF-` in base64: what every PDF's base64 starts with. */
const PDF_BASE64_PREFIX = 'JVBERi0';

interface Answer {
  readonly status: number;
  readonly json: unknown;
}

interface StoredCase {
  readonly record: CaseRecord;
  readonly access: RecordAccess;
}
interface StoredAppointment {
  record: AppointmentRecord;
  readonly access: RecordAccess;
}
interface StoredDelivery {
  readonly body: string;
  readonly answer: Answer;
}

const answer = (data: unknown): Answer => ({ status: 200, json: { code: '0', message: 'success', data } });
/** `answer` with fields of its `data` object replaced; other answers unchanged. */
const patched = (result: Answer, fields: Readonly<Record<string, unknown>>): Answer => {
  const json = result.json as { data?: unknown };
  return typeof json.data === 'object' && json.data !== null ? answer({ ...json.data, ...fields }) : result;
};
const refusal = (status: number, code: string, message: string): Answer => ({ status, json: { code, message } });

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startPlatformTestServer(options: PlatformTestServerOptions = {}): Promise<PlatformTestServer> {
  const token = options.token ?? TEST_PLATFORM_TOKEN;
  const clockSkewMs = options.clockSkewMs ?? 0;
  const cases: StoredCase[] = [];
  const appointments: StoredAppointment[] = [];
  const evaluations: unknown[] = [];
  const checkIns: unknown[] = [];
  const applications: FiledApplication[] = [];
  const deliveries = new Map<string, StoredDelivery>();
  const effectCounts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const oneShot: { route: PlatformRoute | '*'; fault: PlatformFault }[] = [];
  const standing: { route: PlatformRoute | '*'; fault: PlatformFault }[] = [];

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const takeFault = (route: PlatformRoute | null): PlatformFault | undefined => {
    const matches = (entry: { route: PlatformRoute | '*' }) => entry.route === '*' || entry.route === route;
    const index = oneShot.findIndex(matches);
    if (index >= 0) return oneShot.splice(index, 1)[0]?.fault;
    return standing.find(matches)?.fault;
  };

  const store: PlatformTestStore = {
    addCase: (record, access) => void cases.push({ record, access }),
    addAppointment: (record, access) => void appointments.push({ record, access }),
    appointment: (code) => appointments.find((a) => a.record.code === code)?.record,
    evaluations,
    checkIns,
    applications,
    casesFiledFor: (reference) => applications.filter((a) => a.upload['reference'] === reference).length,
  };

  const promisedDateOf = options.promisedDateOf ?? ((upload) => addDays(String(upload['submittedAt']).slice(0, 10), 20));

  /** Files the case of an accepted application, findable like any other case. */
  const fileApplication = (key: string, upload: Record<string, unknown>): Answer => {
    const refused = applicationRefusal(upload);
    if (refused !== null) return refused;
    const day = String(upload['submittedAt']).slice(0, 10).replaceAll('-', '');
    const caseNumber = `SQ${day}${String(applications.length + 1).padStart(6, '0')}`;
    // Derived from the key, so a test can predict it; hex digits fit the kiosk's 4–16 [0-9A-Z].
    const verifier = createHash('sha256').update(key).digest('hex').slice(0, 6).toUpperCase();
    const promisedDate = promisedDateOf(upload);
    const applicant = upload['applicant'] as { name: string; idNumber: string };
    cases.push({
      record: {
        caseNumber,
        itemCode: String(upload['itemCode']),
        itemName: String(upload['itemName']),
        departmentName: String(upload['departmentName']),
        status: 'submitted',
        applicantName: applicant.name,
        submittedAt: String(upload['submittedAt']),
        promisedDate,
        steps: [
          { name: '提交', state: 'done', at: String(upload['submittedAt']), note: null },
          { name: '受理', state: 'current', at: null, note: null },
          { name: '办结', state: 'pending', at: null, note: null },
        ],
        missingMaterials: [],
        collection: null,
      },
      access: { verifier, holderIdNumber: applicant.idNumber },
    });
    applications.push({ idempotencyKey: key, caseNumber, verifier, promisedDate, upload });
    effectCounts.set(key, (effectCounts.get(key) ?? 0) + 1);
    return answer({ accepted: true, idempotencyKey: key, caseNumber, verifier, promisedDate });
  };

  /** One delivery by idempotency key: a replay gets the stored answer and has no effect. */
  const deliver = (key: string | undefined, body: string, effect: (upload: Record<string, unknown>) => Answer): Answer => {
    if (key === undefined || key === '') return refusal(400, '4000', 'Idempotency-Key header required');
    const previous = deliveries.get(key);
    if (previous !== undefined) {
      return previous.body === body ? previous.answer : refusal(409, '4009', 'idempotency key reused with a different body');
    }
    let upload: unknown;
    try {
      upload = JSON.parse(body);
    } catch {
      return refusal(400, '4001', 'body is not JSON');
    }
    if (typeof upload !== 'object' || upload === null) return refusal(400, '4001', 'body is not an object');
    const result = effect(upload as Record<string, unknown>);
    deliveries.set(key, { body, answer: result });
    return result;
  };

  const countEffect = (key: string): Answer => {
    effectCounts.set(key, (effectCounts.get(key) ?? 0) + 1);
    return answer({ accepted: true, idempotencyKey: key });
  };

  const handle = (route: PlatformRoute, url: URL, request: IncomingMessage, body: string): Answer => {
    const verifier = url.searchParams.get('verifier') ?? '';
    const segment = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
    const query = (): Record<string, unknown> => {
      try {
        const parsed: unknown = JSON.parse(body);
        return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      } catch {
        return {};
      }
    };
    const key = request.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(key) ? key[0] : key;
    switch (route) {
      case 'findCase':
        return answer(cases.find((c) => c.record.caseNumber === segment && c.access.verifier === verifier)?.record ?? null);
      case 'findAppointment':
        return answer(appointments.find((a) => a.record.code === segment && a.access.verifier === verifier)?.record ?? null);
      case 'casesOfHolder': {
        const { idNumber, limit } = query();
        if (typeof idNumber !== 'string' || typeof limit !== 'number') return refusal(400, '4001', 'idNumber and limit required');
        const found = cases
          .filter((c) => c.access.holderIdNumber === idNumber)
          .map((c) => c.record)
          .sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
        return answer({ cases: found.slice(0, limit) });
      }
      case 'appointmentsOfHolder': {
        const { idNumber, day } = query();
        if (typeof idNumber !== 'string' || typeof day !== 'string') return refusal(400, '4001', 'idNumber and day required');
        const found = appointments.filter((a) => a.access.holderIdNumber === idNumber && a.record.slotStart.startsWith(day));
        return answer({ appointments: found.map((a) => a.record) });
      }
      case 'evaluations':
        return deliver(idempotencyKey, body, (upload) => {
          if (typeof upload['evaluationId'] !== 'string') return refusal(200, '2001', 'evaluationId required');
          evaluations.push(upload);
          return countEffect(idempotencyKey ?? '');
        });
      case 'applications':
        return deliver(idempotencyKey, body, (upload) => fileApplication(idempotencyKey ?? '', upload));
      case 'checkIns':
        return deliver(idempotencyKey, body, (upload) => {
          const stored = appointments.find((a) => a.record.code === upload['appointmentCode']);
          if (stored === undefined) return refusal(200, '2004', '预约不存在');
          if (stored.record.status !== 'booked') return refusal(200, '2005', '预约已签到或已取消');
          stored.record = { ...stored.record, status: 'checkedIn' };
          checkIns.push(upload);
          return countEffect(idempotencyKey ?? '');
        });
    }
  };

  const routeOf = (method: string, pathname: string): PlatformRoute | null => {
    if (method === 'POST' && pathname === '/v1/cases/query-by-holder') return 'casesOfHolder';
    if (method === 'POST' && pathname === '/v1/appointments/query-by-holder') return 'appointmentsOfHolder';
    if (method === 'POST' && pathname === '/v1/evaluations') return 'evaluations';
    if (method === 'POST' && pathname === '/v1/check-ins') return 'checkIns';
    if (method === 'POST' && pathname === '/v1/applications') return 'applications';
    if (method === 'GET' && /^\/v1\/cases\/[^/]+$/u.test(pathname)) return 'findCase';
    if (method === 'GET' && /^\/v1\/appointments\/[^/]+$/u.test(pathname)) return 'findAppointment';
    return null;
  };

  const dateHeader = () => new Date(Date.now() + clockSkewMs).toUTCString();

  /** Sends `bytes` as the answer, spoiled by a garbling fault if one applies. */
  const send = (response: ServerResponse, status: number, headers: Record<string, string>, bytes: Buffer, fault: PlatformFault | undefined): void => {
    const all: Record<string, string> = { date: dateHeader(), 'content-length': String(bytes.length), ...headers };
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    switch (fault?.kind) {
      case 'delayHeaders':
        later(fault.ms, () => {
          if (!response.destroyed) response.writeHead(status, all).end(bytes);
        });
        return;
      case 'drip': {
        response.writeHead(status, all);
        let index = 0;
        const step = () => {
          if (response.destroyed) return;
          if (index >= bytes.length) {
            response.end();
            return;
          }
          response.write(bytes.subarray(index, index + 1));
          index += 1;
          later(fault.intervalMs, step);
        };
        step();
        return;
      }
      case 'resetBeforeHeaders':
        response.socket?.destroy();
        return;
      case 'resetMidBody':
        response.writeHead(status, all);
        response.write(half, () => later(10, () => response.socket?.destroy()));
        return;
      case 'truncated':
        response.writeHead(status, all);
        response.write(half, () => later(10, () => response.socket?.end()));
        return;
      default:
        response.writeHead(status, all).end(bytes);
    }
  };

  /** Streams `bytes` of padding inside a JSON string, honouring backpressure. */
  const streamHuge = (response: ServerResponse, bytes: number, declareLength: boolean): void => {
    const head = Buffer.from('{"code":"0","data":"');
    const tail = Buffer.from('"}');
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const headers: Record<string, string> = { date: dateHeader(), 'content-type': 'application/json' };
    if (declareLength) headers['content-length'] = String(bytes);
    response.writeHead(200, headers);
    let left = bytes - head.length - tail.length;
    response.write(head);
    const pump = () => {
      while (left > 0 && !response.destroyed) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!response.write(piece)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end(tail);
    };
    pump();
  };

  const respond = (request: IncomingMessage, response: ServerResponse, body: string, fault: PlatformFault | undefined): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routeOf(request.method ?? '', url.pathname);
    requests.push({ method: request.method ?? '', url: request.url ?? '', route, headers: request.headers, body });
    const json = (status: number, value: unknown) =>
      send(response, status, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify(value)), undefined);

    // Stand-ins: the platform never sees the request.
    switch (fault?.kind) {
      case 'serverErrorPage':
        send(response, fault.status ?? 502, { 'content-type': 'text/html' }, Buffer.from(SERVER_ERROR_HTML), undefined);
        return;
      case 'businessCode':
        json(200, { code: fault.code, message: fault.message ?? '系统繁忙，请稍后再试' });
        return;
      case 'rateLimited': {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        send(response, fault.status ?? 429, headers, Buffer.from('{"code":"429","message":"too many requests"}'), undefined);
        return;
      }
      case 'redirect':
        send(response, fault.status ?? 302, { location: fault.location }, Buffer.alloc(0), undefined);
        return;
      case 'contentType':
        send(response, 200, { 'content-type': fault.contentType ?? 'text/html; charset=utf-8' }, Buffer.from(fault.body ?? CAPTIVE_PORTAL_HTML), undefined);
        return;
      case 'hugeBody':
        streamHuge(response, fault.bytes, fault.declareLength ?? false);
        return;
      case 'gzipBomb':
        send(response, 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipBomb(fault.inflatedBytes), undefined);
        return;
      case 'raw':
        send(response, fault.status, { ...fault.headers }, Buffer.from(fault.body), undefined);
        return;
      default:
        break;
    }

    const authorization = request.headers.authorization;
    if (authorization !== `Bearer ${token}` || request.headers['x-terminal-id'] === undefined) {
      json(401, { code: '401', message: 'terminal not authorised' });
      return;
    }
    if (route === null) {
      json(404, { code: '404', message: 'no such route' });
      return;
    }
    let result = handle(route, url, request, body);
    if (fault?.kind === 'mismatchedAck') result = patched(result, { idempotencyKey: FOREIGN_KEY });
    if (fault?.kind === 'patchAck') result = patched(result, fault.fields);
    const text = JSON.stringify(result.json);
    switch (fault?.kind) {
      case 'gzip':
        send(response, result.status, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(text), undefined);
        return;
      case 'gbk':
        send(response, result.status, { 'content-type': 'application/json; charset=GBK' }, iconv.encode(text, 'gbk'), undefined);
        return;
      case 'contentEncoding':
        send(response, result.status, { 'content-type': 'application/json', 'content-encoding': fault.encoding }, Buffer.from(text), undefined);
        return;
      default:
        send(response, result.status, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(text), fault);
    }
  };

  const server = createServer((request, response) => {
    // The platform's clock is ours plus the skew: Node's own Date header would tell the truth.
    response.sendDate = false;
    // Taken on arrival, so a fault can shape how the body is read.
    const fault = takeFault(routeOf(request.method ?? '', new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        request.destroy();
        return;
      }
      chunks.push(chunk);
      if (fault?.kind === 'slowUpload') {
        // Not reading fills the socket buffers, and TCP holds the sender back.
        request.pause();
        later(Math.ceil((chunk.length * 1000) / fault.bytesPerSecond), () => request.resume());
      }
    });
    request.on('end', () => respond(request, response, Buffer.concat(chunks).toString('utf8'), fault));
    // Resets are what the tests provoke; the adapter's side is what is under test.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    store,
    faults: {
      next: (route, fault) => void oneShot.push({ route, fault }),
      always: (route, fault) => void standing.push({ route, fault }),
      clear: () => {
        oneShot.length = 0;
        standing.length = 0;
      },
    },
    effects: (key) => effectCounts.get(key) ?? 0,
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The loose check of an application a platform makes before filing it: who, what, and that
 * the attachments are PDFs. `2101` 申请信息不完整, `2102` 材料不符 (not a PDF).
 */
function applicationRefusal(upload: Record<string, unknown>): Answer | null {
  const isText = (value: unknown) => typeof value === 'string' && value !== '';
  const isParty = (value: unknown) => typeof value === 'object' && value !== null && isText((value as Record<string, unknown>)['name']) && isText((value as Record<string, unknown>)['idNumber']);
  const isComplete =
    ['reference', 'itemCode', 'itemName', 'departmentName', 'terminalId', 'submittedAt'].every((name) => isText(upload[name])) &&
    /^\d{4}-\d{2}-\d{2}T/u.test(String(upload['submittedAt'])) &&
    isParty(upload['applicant']) &&
    (upload['agent'] === null || isParty(upload['agent'])) &&
    Array.isArray(upload['materials']) &&
    typeof upload['form'] === 'object' &&
    upload['form'] !== null;
  if (!isComplete) return refusal(200, '2101', '申请信息不完整');
  const isPdfOrNull = (value: unknown) => value === null || (typeof value === 'string' && value.startsWith(PDF_BASE64_PREFIX));
  if (!isPdfOrNull(upload['materialsPdf']) || !isPdfOrNull(upload['commitmentPdf'])) return refusal(200, '2102', '申请材料不符：附件不是PDF文件');
  return null;
}

/** `YYYY-MM-DD` plus `days` calendar days, or null when `day` is not a date. */
function addDays(day: string, days: number): string | null {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? null : new Date(at + days * 86_400_000).toISOString().slice(0, 10);
}

const gzipBombs = new Map<number, Buffer>();

/** A JSON start padded with spaces to `inflatedBytes`, gzipped; made once per size. */
function gzipBomb(inflatedBytes: number): Buffer {
  let bomb = gzipBombs.get(inflatedBytes);
  if (bomb === undefined) {
    const inflated = Buffer.alloc(inflatedBytes, ' ');
    Buffer.from('{"code":"0","data":null').copy(inflated);
    bomb = gzipSync(inflated);
    gzipBombs.set(inflatedBytes, bomb);
  }
  return bomb;
}

/** A made-up resident ID number (valid check digit) for holder queries. */
export const SAMPLE_ID_NUMBER = '11010519491231002X';

/** A case in progress with one step note and one missing material, overridable. */
export function sampleCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseNumber: '320700-2024-000123',
    itemCode: '320700-GA-001',
    itemName: '居民身份证换领',
    departmentName: '连云港市公安局',
    status: 'correctionRequired',
    applicantName: '张三',
    submittedAt: '2024-05-01T09:30:00+08:00',
    promisedDate: '2024-05-20',
    steps: [
      { name: '受理', state: 'done', at: '2024-05-01T09:35:00+08:00', note: null },
      { name: '审核', state: 'current', at: '2024-05-02T10:00:00+08:00', note: '材料审核中' },
      { name: '办结', state: 'pending', at: null, note: null },
    ],
    missingMaterials: [{ name: '户口簿', reason: '复印件不清晰' }],
    collection: { method: '窗口领取', place: '市民中心一楼3号窗口', hours: '工作日 9:00-17:00' },
    ...overrides,
  };
}

/** A booked appointment on 2024-05-02, overridable. */
export function sampleAppointment(overrides: Partial<AppointmentRecord> = {}): AppointmentRecord {
  return {
    code: 'YY20240502001',
    categoryId: 'social-security',
    itemName: '社保卡补换',
    applicantName: '张三',
    slotStart: '2024-05-02T09:00:00+08:00',
    slotEnd: '2024-05-02T09:30:00+08:00',
    status: 'booked',
    lane: 'appointment',
    ...overrides,
  };
}

/**
 * A PDF of about `bytes` bytes as base64: a real header and trailer around incompressible
 * padding (like the JPEG scans a materials PDF holds). Enough for the server's check.
 */
export function samplePdfBase64(bytes = 1024): string {
  const head = Buffer.from('%PDF-1.7\n');
  const tail = Buffer.from('\n%%EOF\n');
  const body = Buffer.alloc(Math.max(0, bytes - head.length - tail.length));
  // A hash chain: deterministic, and as incompressible as the scans it stands for.
  let block = createHash('sha256').update('materials').digest();
  for (let offset = 0; offset < body.length; offset += block.length) {
    block.copy(body, offset);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat([head, body, tail]).toString('base64');
}

/** An application by an agent for the applicant, with a small materials PDF, overridable. */
export function sampleApplication(overrides: Partial<ApplicationUpload> = {}): ApplicationUpload {
  return {
    reference: 'SB20241124A01000007',
    itemCode: '320700-GA-001',
    itemName: '居民身份证换领',
    departmentName: '连云港市公安局',
    terminalId: 'LYG-HALL-01',
    submittedAt: '2024-11-24T10:15:00+08:00',
    applicant: { name: '张三', idNumber: SAMPLE_ID_NUMBER, cardType: 'resident' },
    agent: { name: '李四', idNumber: '110105194912310038', cardType: 'resident' },
    materials: [
      { materialId: 'photo', name: '本人近期免冠照片', provision: 'captured', promiseDate: null, pageCount: 1 },
      { materialId: 'household', name: '居民户口簿', provision: 'deferred', promiseDate: '2024-11-29', pageCount: 0 },
    ],
    form: { phone: '13800000000', reason: 'expired' },
    materialsPdf: samplePdfBase64(),
    commitmentPdf: samplePdfBase64(512),
    ...overrides,
  };
}
