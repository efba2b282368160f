import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureStatus } from '../../hardware/devices/document-capture/capture-source.js';
import { EsclScanner, type EsclScannerOptions } from '../../hardware/devices/document-capture/escl-scanner.js';
import { buildScanSettings, parseCapabilities, parseStatus, pickResolution } from '../../hardware/devices/document-capture/escl-xml.js';
import { startEsclTestServer, type EsclTestServer, type EsclTestServerOptions } from '../support/escl-test-server.js';
import { TEST_PAGE_HEIGHT, TEST_PAGE_WIDTH } from '../support/fake-scanimage.js';
import { waitFor } from '../support/wait.js';

let server: EsclTestServer | undefined;
const scanners: EsclScanner[] = [];

beforeEach(() => {
  server = undefined;
});

afterEach(async () => {
  await Promise.all(scanners.splice(0).map((scanner) => scanner.close()));
  await server?.close();
});

async function startServer(options: EsclTestServerOptions = {}): Promise<EsclTestServer> {
  server = await startEsclTestServer(options);
  return server;
}

function makeScanner(baseUrl: string, options: Partial<EsclScannerOptions> = {}): EsclScanner {
  const scanner = new EsclScanner({ baseUrl, timeoutMs: 2_000, pollIntervalMs: 5, ...options });
  scanners.push(scanner);
  return scanner;
}

async function openScanner(options: Partial<EsclScannerOptions> = {}, serverOptions: EsclTestServerOptions = {}): Promise<{ scanner: EsclScanner; server: EsclTestServer }> {
  const started = await startServer(serverOptions);
  const scanner = makeScanner(started.baseUrl, options);
  expect(await scanner.open()).toEqual({ ok: true, value: undefined });
  return { scanner, server: started };
}

/** The text of one element of the posted ScanSettings. */
function setting(xml: string, name: string): string | undefined {
  return new RegExp(`<[\\w]+:${name}>([^<]*)<`, 'u').exec(xml)?.[1];
}

describe('escl-xml', () => {
  it('builds ScanSettings with source, mode, resolution, format and region', () => {
    const xml = buildScanSettings({ inputSource: 'Feeder', colorMode: 'Grayscale8', resolution: 300, width: 2550, height: 3508 });
    expect(setting(xml, 'Version')).toBe('2.63');
    expect(setting(xml, 'InputSource')).toBe('Feeder');
    expect(setting(xml, 'ColorMode')).toBe('Grayscale8');
    expect(setting(xml, 'XResolution')).toBe('300');
    expect(setting(xml, 'YResolution')).toBe('300');
    expect(setting(xml, 'DocumentFormatExt')).toBe('image/jpeg');
    expect(setting(xml, 'ContentRegionUnits')).toBe('escl:ThreeHundredthsOfInches');
    expect(setting(xml, 'Width')).toBe('2550');
  });

  it('reads capabilities whatever the namespace prefix', () => {
    const xml = `<?xml version="1.0"?><escl:ScannerCapabilities xmlns:escl="x" xmlns:pwg="y"><pwg:Version>2.6</pwg:Version>
      <escl:Platen><escl:PlatenInputCaps><escl:MaxWidth>2550</escl:MaxWidth><escl:MaxHeight>3508</escl:MaxHeight>
      <escl:ColorModes><escl:ColorMode>RGB24</escl:ColorMode><escl:ColorMode>RGB48</escl:ColorMode></escl:ColorModes>
      <escl:DiscreteResolutions><escl:DiscreteResolution><escl:XResolution>300</escl:XResolution><escl:YResolution>300</escl:YResolution></escl:DiscreteResolution>
      <escl:DiscreteResolution><escl:XResolution>100</escl:XResolution><escl:YResolution>100</escl:YResolution></escl:DiscreteResolution></escl:DiscreteResolutions>
      </escl:PlatenInputCaps></escl:Platen></escl:ScannerCapabilities>`;
    expect(parseCapabilities(xml)).toEqual({
      ok: true,
      value: {
        version: '2.6',
        platen: { colorModes: ['RGB24'], resolutions: [100, 300], maxWidth: 2550, maxHeight: 3508, documentFormats: [] },
      },
    });
    expect(parseCapabilities('<html>no</html>').ok).toBe(false);
  });

  it('reads the scanner state, not a job state', () => {
    const xml = '<scan:ScannerStatus><scan:Jobs><pwg:JobState>Processing</pwg:JobState></scan:Jobs><pwg:State>Idle</pwg:State></scan:ScannerStatus>';
    expect(parseStatus(xml)).toEqual({ ok: true, value: { state: 'Idle' } });
  });

  it('picks the nearest offered resolution', () => {
    const caps = { colorModes: [], resolutions: [100, 200, 300, 600], documentFormats: [] };
    expect(pickResolution(caps, 200)).toBe(200);
    expect(pickResolution(caps, 250)).toBe(300);
    expect(pickResolution(caps, 1200)).toBe(600);
    const range = { colorModes: [], resolutions: [], resolutionRange: { min: 100, max: 600, step: 100 }, documentFormats: [] };
    expect(pickResolution(range, 240)).toBe(200);
    expect(pickResolution(range, 50)).toBe(100);
  });
});

describe('EsclScanner', () => {
  it('opens, posts the job, polls until the page is ready, and deletes the job', async () => {
    const started = await startServer();
    const scanner = makeScanner(started.baseUrl);
    const statuses: CaptureStatus['state'][] = [];
    scanner.onStatus((status) => statuses.push(status.state));

    expect(await scanner.open()).toEqual({ ok: true, value: undefined });
    expect(scanner.info).toEqual({
      id: 'scanner',
      kind: 'scanner',
      transport: 'escl',
      label: `eSCL Kiosk Test MFP 100 (${new URL(started.baseUrl).host})`,
      hasPreview: false,
    });
    const still = await scanner.capture({ dpi: 300, colorMode: 'color' });

    expect(still.ok).toBe(true);
    if (!still.ok) return;
    expect(still.value.image.equals(started.page)).toBe(true);
    expect(still.value).toMatchObject({ width: TEST_PAGE_WIDTH, height: TEST_PAGE_HEIGHT, geometry: 'flatScan', dpi: 300 });
    const [job] = started.requestsTo('POST', '/eSCL/ScanJobs');
    const body = job?.body ?? '';
    expect(setting(body, 'InputSource')).toBe('Platen');
    expect(setting(body, 'ColorMode')).toBe('RGB24');
    expect(setting(body, 'XResolution')).toBe('300');
    expect(setting(body, 'YResolution')).toBe('300');
    expect(setting(body, 'DocumentFormatExt')).toBe('image/jpeg');
    expect(started.requests.map((request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}/u, '<job>')}`)).toEqual([
      'GET /eSCL/ScannerCapabilities',
      'GET /eSCL/ScannerStatus',
      'POST /eSCL/ScanJobs',
      'GET /eSCL/ScanJobs/<job>/NextDocument',
      'GET /eSCL/ScanJobs/<job>/NextDocument',
      'GET /eSCL/ScanJobs/<job>/NextDocument',
      'DELETE /eSCL/ScanJobs/<job>',
    ]);
    expect(statuses).toEqual(['opening', 'ready', 'busy', 'ready']);
  });

  it('asks the feeder for grey at the nearest step of its range', async () => {
    const { scanner, server: started } = await openScanner({ source: 'Feeder', defaultDpi: 250 });
    const still = await scanner.capture({ colorMode: 'grey' });
    expect(still.ok && still.value.dpi).toBe(300);
    const body = started.requestsTo('POST', '/eSCL/ScanJobs')[0]?.body ?? '';
    expect(setting(body, 'InputSource')).toBe('Feeder');
    expect(setting(body, 'ColorMode')).toBe('Grayscale8');
    expect(setting(body, 'XResolution')).toBe('300');
  });

  it('is noHardware when the configured source does not exist', async () => {
    const started = await startServer({ sources: ['Platen'] });
    const opened = await makeScanner(started.baseUrl, { source: 'Feeder' }).open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'noHardware', message: 'the scanner has no document feeder (Adf)' } });
  });

  it('maps 409 on ScanJobs to busy', async () => {
    const { scanner, server: started } = await openScanner();
    await started.setFault('busy');
    expect(await scanner.capture()).toMatchObject({
      ok: false,
      error: { code: 'busy', message: 'the scanner is busy with another job (HTTP 409); try again shortly' },
    });
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('maps 503 on ScanJobs to busy', async () => {
    const { scanner, server: started } = await openScanner();
    await started.setFault('busy503');
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'busy' } });
  });

  it('reports an empty feeder as extended feederEmpty', async () => {
    const { scanner, server: started } = await openScanner({ source: 'Feeder' });
    await started.setFault('feederEmpty');
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'extended', detail: 'feederEmpty' } });
  });

  it('is offline when the connection is refused, and recovers', async () => {
    const { scanner, server: started } = await openScanner();
    await started.setFault('offline');
    const still = await scanner.capture();
    // The pooled keep-alive connection is cut, or a new one refused: offline either way.
    expect(still).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(scanner.status()).toMatchObject({ state: 'offline', error: { code: 'offline' } });
    await started.setFault(null);
    expect((await scanner.capture()).ok).toBe(true);
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('is offline when opening a scanner that is not there', async () => {
    const started = await startServer();
    await started.setFault('offline');
    const opened = await makeScanner(started.baseUrl).open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/^connection refused by the scanner/u) as unknown } });
  });

  it('is offline when the host name does not resolve', async () => {
    const dnsFailure = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
    const scanner = makeScanner('http://scanner.lan/eSCL', { fetch: () => Promise.reject(dnsFailure) });
    expect(await scanner.open()).toMatchObject({
      ok: false,
      error: { code: 'offline', message: 'host name scanner.lan not found (DNS)' },
    });
  });

  it('times out a scanner that never answers', async () => {
    const { scanner, server: started } = await openScanner({ timeoutMs: 100 });
    await started.setFault('slow');
    expect(await scanner.capture()).toMatchObject({
      ok: false,
      error: { code: 'timeout', message: 'no answer from the scanner within 100 ms (waiting for the scan job)' },
    });
  });

  it('is offline when the scanner says it is stopped', async () => {
    const started = await startServer();
    await started.setFault('stopped');
    const scanner = makeScanner(started.baseUrl);
    const opened = await scanner.open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/Stopped/u) as unknown } });
    expect(scanner.status()).toMatchObject({ state: 'offline' });
  });

  it('fails on capabilities that are not eSCL', async () => {
    const started = await startServer();
    await started.setFault('badXml');
    expect(await makeScanner(started.baseUrl).open()).toMatchObject({
      ok: false,
      error: { code: 'failure', message: 'the scanner capabilities are not an eSCL ScannerCapabilities document' },
    });
  });

  it('refuses a redirect', async () => {
    const started = await startServer();
    await started.setFault('redirect');
    const opened = await makeScanner(started.baseUrl).open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'failure', message: expect.stringMatching(/redirects are refused/u) as unknown } });
    expect(started.requests).toHaveLength(1);
  });

  it('refuses a job Location on another host and never contacts it', async () => {
    const { scanner, server: started } = await openScanner();
    await started.setFault('foreignLocation');
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'failure', message: 'the scanner named a job on another host (192.0.2.7); refused' } });
    expect(started.requestsTo('GET', '/NextDocument')).toHaveLength(0);
  });

  it('fails when the job ends without a page', async () => {
    const { scanner, server: started } = await openScanner();
    await started.setFault('noPage');
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'failure', message: 'the scanner finished the job without a page' } });
    expect(started.requestsTo('DELETE', '')).toHaveLength(1);
  });

  it('fails on a page that is not an image', async () => {
    const { scanner, server: started } = await openScanner();
    await started.setFault('garbagePage');
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'failure', message: 'the scanner sent data that is not a readable image' } });
  });

  it('refuses a page over the size cap', async () => {
    const { scanner } = await openScanner({ maxImageBytes: 1_000 });
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'failure', message: expect.stringMatching(/larger than 1000 bytes/u) as unknown } });
  });

  it('cancels a capture when its signal aborts, and deletes the job', async () => {
    const { scanner, server: started } = await openScanner({}, { busyPolls: 1_000 });
    const controller = new AbortController();
    const capturing = scanner.capture({ signal: controller.signal });
    await waitFor(() => started.requestsTo('GET', '/NextDocument').length > 0, 'the first NextDocument poll');
    controller.abort();
    expect(await capturing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(started.requestsTo('DELETE', '')).toHaveLength(1);
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('answers busy to a second capture while one is under way', async () => {
    const { scanner } = await openScanner({}, { busyPolls: 1_000 });
    const controller = new AbortController();
    const first = scanner.capture({ signal: controller.signal });
    expect(scanner.status()).toEqual({ state: 'busy' });
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'busy', message: 'a scan is already under way' } });
    controller.abort();
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('close cancels a capture under way', async () => {
    const { scanner, server: started } = await openScanner({}, { busyPolls: 1_000 });
    const capturing = scanner.capture();
    await waitFor(() => started.requestsTo('GET', '/NextDocument').length > 0, 'the first NextDocument poll');
    await scanner.close();
    expect(await capturing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(scanner.status()).toEqual({ state: 'closed' });
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('refuses capture before open and a base URL that is not http', () => {
    expect(() => new EsclScanner({ baseUrl: 'file:///etc/passwd' })).toThrow(RangeError);
    return expect(new EsclScanner({ baseUrl: 'http://127.0.0.1/eSCL' }).capture()).resolves.toMatchObject({ ok: false, error: { code: 'closed' } });
  });
});
