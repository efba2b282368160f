/**
 * A network scanner on 127.0.0.1 speaking the eSCL job flow, for the EsclScanner tests:
 * ScannerCapabilities (platen and, optionally, a feeder), ScannerStatus, POST ScanJobs →
 * 201 with `Location: /eSCL/ScanJobs/<uuid>`, NextDocument answered 503 ("still scanning")
 * `busyPolls` times, then 200 with the known JPEG, then 404; DELETE of the job → 200.
 *
 * Every request is recorded (method, path, body) for assertions. Faults are scripted with
 * {@link EsclTestServer.setFault}; `offline` really closes the listening socket, so the
 * client sees a refused connection, and leaving it listens again on the same port.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderTestPage } from './fake-scanimage.js';

export type EsclFault =
  /** POST ScanJobs → 409 Conflict. */
  | 'busy'
  /** POST ScanJobs → 503 Service Unavailable. */
  | 'busy503'
  /** Listening socket closed: connections are refused. */
  | 'offline'
  /** Requests are received and never answered. */
  | 'slow'
  /** POST ScanJobs → 201 with a Location on another host. */
  | 'foreignLocation'
  /** ScannerStatus says pwg:State Stopped. */
  | 'stopped'
  /** ScannerCapabilities is not a capabilities document. */
  | 'badXml'
  /** ScannerCapabilities → 302 to another host. */
  | 'redirect'
  /** POST ScanJobs → 409, and ScannerStatus says the feeder is empty. */
  | 'feederEmpty'
  /** NextDocument → 404 at once (the job ended without a page). */
  | 'noPage'
  /** NextDocument → 200 with bytes that are no image. */
  | 'garbagePage';

export interface RecordedEsclRequest {
  readonly method: string;
  /** Path as received, e.g. `/eSCL/ScanJobs/<uuid>/NextDocument`. */
  readonly path: string;
  readonly body: string;
}

export interface EsclTestServerOptions {
  /** Input sources offered. Default platen and feeder. */
  readonly sources?: readonly ('Platen' | 'Feeder')[];
  /** NextDocument 503 answers before the page. Default 2. */
  readonly busyPolls?: number;
}

export interface EsclTestServer {
  /** `http://127.0.0.1:<port>/eSCL`. */
  readonly baseUrl: string;
  /** The JPEG a NextDocument delivers. */
  readonly page: Buffer;
  readonly requests: readonly RecordedEsclRequest[];
  /** Requests whose path ends with `suffix`, e.g. `/ScanJobs`. */
  requestsTo(method: string, suffix: string): RecordedEsclRequest[];
  setFault(fault: EsclFault | null): Promise<void>;
  close(): Promise<void>;
}

const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

function settingProfile(resolutions: string): string {
  return `
      <scan:SettingProfiles>
        <scan:SettingProfile>
          <scan:ColorModes>
            <scan:ColorMode>BlackAndWhite1</scan:ColorMode>
            <scan:ColorMode>Grayscale8</scan:ColorMode>
            <scan:ColorMode>RGB24</scan:ColorMode>
          </scan:ColorModes>
          <scan:DocumentFormats>
            <pwg:DocumentFormat>application/pdf</pwg:DocumentFormat>
            <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
            <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>
          </scan:DocumentFormats>
          <scan:SupportedResolutions>${resolutions}
          </scan:SupportedResolutions>
        </scan:SettingProfile>
      </scan:SettingProfiles>`;
}

const DISCRETE = [75, 100, 150, 200, 300, 600]
  .map((dpi) => `<scan:DiscreteResolution><scan:XResolution>${dpi}</scan:XResolution><scan:YResolution>${dpi}</scan:YResolution></scan:DiscreteResolution>`)
  .join('');

function capabilitiesXml(sources: readonly ('Platen' | 'Feeder')[]): string {
  const platen = sources.includes('Platen')
    ? `
  <scan:Platen>
    <scan:PlatenInputCaps>
      <scan:MinWidth>16</scan:MinWidth>
      <scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight>
      <scan:MaxHeight>3508</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>${settingProfile(`<scan:DiscreteResolutions>${DISCRETE}</scan:DiscreteResolutions>`)}
      <scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution>
      <scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>
    </scan:PlatenInputCaps>
  </scan:Platen>`
    : '';
  const feeder = sources.includes('Feeder')
    ? `
  <scan:Adf>
    <scan:AdfSimplexInputCaps>
      <scan:MinWidth>16</scan:MinWidth>
      <scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight>
      <scan:MaxHeight>4200</scan:MaxHeight>${settingProfile(
        '<scan:ResolutionRange><scan:XResolutionRange><scan:Min>100</scan:Min><scan:Max>600</scan:Max><scan:Normal>300</scan:Normal><scan:Step>100</scan:Step></scan:XResolutionRange><scan:YResolutionRange><scan:Min>100</scan:Min><scan:Max>600</scan:Max><scan:Normal>300</scan:Normal><scan:Step>100</scan:Step></scan:YResolutionRange></scan:ResolutionRange>',
      )}
    </scan:AdfSimplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Kiosk Test MFP 100</pwg:MakeAndModel>
  <pwg:SerialNumber>TEST0001</pwg:SerialNumber>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>${platen}${feeder}
</scan:ScannerCapabilities>
`;
}

function statusXml(state: string, adfState: string | null): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${state}</pwg:State>${adfState === null ? '' : `\n  <scan:AdfState>${adfState}</scan:AdfState>`}
  <scan:Jobs>
    <scan:JobInfo>
      <pwg:JobUri>/eSCL/ScanJobs/00000000-0000-0000-0000-000000000000</pwg:JobUri>
      <pwg:JobState>Completed</pwg:JobState>
    </scan:JobInfo>
  </scan:Jobs>
</scan:ScannerStatus>
`;
}

/** Starts the server on a free loopback port. */
export async function startEsclTestServer(options: EsclTestServerOptions = {}): Promise<EsclTestServer> {
  const sources = options.sources ?? ['Platen', 'Feeder'];
  const busyPolls = options.busyPolls ?? 2;
  const page = await renderTestPage('jpeg');
  const requests: RecordedEsclRequest[] = [];
  /** NextDocument calls per job id. */
  const jobs = new Map<string, number>();
  let fault: EsclFault | null = null;

  const send = (response: ServerResponse, status: number, body: string | Buffer = '', headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
    response.end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse, body: string): void => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ method, path: url.pathname, body });
    if (fault === 'slow') return;
    const xml = { 'content-type': 'text/xml' };
    const jobMatch = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?$/u.exec(url.pathname);
    if (method === 'GET' && url.pathname === '/eSCL/ScannerCapabilities') {
      if (fault === 'badXml') return send(response, 200, '<html><body>Printer home page</body></html>', xml);
      if (fault === 'redirect') return send(response, 302, '', { location: 'http://attacker.invalid/eSCL/ScannerCapabilities' });
      return send(response, 200, capabilitiesXml(sources), xml);
    }
    if (method === 'GET' && url.pathname === '/eSCL/ScannerStatus') {
      const state = fault === 'stopped' ? 'Stopped' : 'Idle';
      const adf = sources.includes('Feeder') ? (fault === 'feederEmpty' ? 'ScannerAdfEmpty' : 'ScannerAdfLoaded') : null;
      return send(response, 200, statusXml(state, adf), xml);
    }
    if (method === 'POST' && url.pathname === '/eSCL/ScanJobs') {
      if (fault === 'busy' || fault === 'feederEmpty') return send(response, 409);
      if (fault === 'busy503') return send(response, 503);
      const id = randomUUID();
      jobs.set(id, 0);
      const location = fault === 'foreignLocation' ? `http://192.0.2.7/eSCL/ScanJobs/${id}` : `/eSCL/ScanJobs/${id}`;
      return send(response, 201, '', { location });
    }
    if (jobMatch !== null) {
      const id = jobMatch[1] ?? '';
      const polls = jobs.get(id);
      if (polls === undefined) return send(response, 404);
      if (method === 'DELETE' && jobMatch[2] === undefined) {
        jobs.delete(id);
        return send(response, 200);
      }
      if (method === 'GET' && jobMatch[2] !== undefined) {
        jobs.set(id, polls + 1);
        if (fault === 'noPage') return send(response, 404);
        if (polls < busyPolls) return send(response, 503);
        if (polls === busyPolls) {
          if (fault === 'garbagePage') return send(response, 200, 'not a jpeg at all', { 'content-type': 'image/jpeg' });
          return send(response, 200, page, { 'content-type': 'image/jpeg' });
        }
        return send(response, 404);
      }
    }
    return send(response, 404);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/eSCL`,
    page,
    requests,
    requestsTo: (method, suffix) => requests.filter((request) => request.method === method && request.path.endsWith(suffix)),
    async setFault(next) {
      const wasOffline = fault === 'offline';
      fault = next;
      if (next === 'offline' && !wasOffline) await stop();
      if (next !== 'offline' && wasOffline) await listen(port);
    },
    close: stop,
  };
}
