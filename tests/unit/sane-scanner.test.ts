import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureStatus } from '../../hardware/devices/document-capture/capture-source.js';
import { parseDeviceList, SaneScanner, type SaneScannerOptions } from '../../hardware/devices/document-capture/sane-scanner.js';
import { createFakeScanimage, TEST_PAGE_HEIGHT, TEST_PAGE_WIDTH, type FakeScanimage } from '../support/fake-scanimage.js';
import { waitFor } from '../support/wait.js';

let fake: FakeScanimage;
const scanners: SaneScanner[] = [];

beforeEach(async () => {
  fake = await createFakeScanimage();
});

afterEach(async () => {
  await Promise.all(scanners.splice(0).map((scanner) => scanner.close()));
  fake.remove();
});

function makeScanner(options: SaneScannerOptions = {}): SaneScanner {
  const scanner = new SaneScanner({ executable: fake.executable, timeoutMs: 5_000, killGraceMs: 200, ...options });
  scanners.push(scanner);
  return scanner;
}

async function openScanner(options: SaneScannerOptions = {}): Promise<SaneScanner> {
  const scanner = makeScanner(options);
  expect(await scanner.open()).toEqual({ ok: true, value: undefined });
  return scanner;
}

const scanCalls = (): string[][] => fake.calls().filter((call) => !call.args.includes('-L')).map((call) => [...call.args]);

describe('parseDeviceList', () => {
  it('reads scanimage -L lines and nothing else', () => {
    const output = [
      "device `fujitsu:fi-7160:1234' is a FUJITSU fi-7160 scanner",
      "device `airscan:e0:HP LaserJet MFP M227' is an eSCL HP LaserJet MFP M227 ip=192.168.1.50",
      '',
      'No scanners were identified.',
    ].join('\n');
    expect(parseDeviceList(output)).toEqual([
      { name: 'fujitsu:fi-7160:1234', description: 'FUJITSU fi-7160 scanner' },
      { name: 'airscan:e0:HP LaserJet MFP M227', description: 'eSCL HP LaserJet MFP M227 ip=192.168.1.50' },
    ]);
  });
});

describe('SaneScanner', () => {
  it('opens the first listed device, scans it, and reports the page as scanimage sent it', async () => {
    const scanner = makeScanner();
    const statuses: CaptureStatus['state'][] = [];
    scanner.onStatus((status) => statuses.push(status.state));
    expect(scanner.info).toMatchObject({ kind: 'scanner', transport: 'sane', hasPreview: false });

    expect(await scanner.open()).toEqual({ ok: true, value: undefined });
    expect(scanner.info.label).toBe('SANE fujitsu:fi-7160:1234 (FUJITSU fi-7160 scanner)');
    const still = await scanner.capture();

    expect(still.ok).toBe(true);
    if (!still.ok) return;
    expect(still.value.image.equals(fake.page)).toBe(true);
    expect(still.value).toMatchObject({ width: TEST_PAGE_WIDTH, height: TEST_PAGE_HEIGHT, geometry: 'flatScan', dpi: 200 });
    expect(scanCalls()).toEqual([['--device-name=fujitsu:fi-7160:1234', '--format=png', '--mode', 'Color', '--resolution', '200']]);
    // SANE's messages are translated; the adapter reads the English ones.
    expect(fake.calls().every((call) => call.lcAll === 'C')).toBe(true);
    expect(statuses).toEqual(['opening', 'ready', 'busy', 'ready']);

    await scanner.close();
    expect(scanner.status()).toEqual({ state: 'closed' });
    expect(statuses.at(-1)).toBe('closed');
  });

  it('passes the configured device, source, mode and resolution as separate arguments', async () => {
    const scanner = await openScanner({ device: 'genesys:libusb:001:007', source: 'ADF Front', format: 'tiff' });
    fake.setScanBehaviour('ok');
    await scanner.capture({ dpi: 300, colorMode: 'grey' });
    await scanner.capture({ dpi: 150, colorMode: 'blackWhite' });

    expect(scanCalls()).toEqual([
      ['--device-name=genesys:libusb:001:007', '--format=tiff', '--mode', 'Gray', '--resolution', '300', '--source', 'ADF Front'],
      ['--device-name=genesys:libusb:001:007', '--format=tiff', '--mode', 'Lineart', '--resolution', '150', '--source', 'ADF Front'],
    ]);
  });

  it('reports the resolution asked for', async () => {
    const scanner = await openScanner({ defaultDpi: 300 });
    const still = await scanner.capture();
    expect(still.ok && still.value.dpi).toBe(300);
  });

  it('is noHardware when SANE lists no scanner', async () => {
    fake.setListBehaviour('noDevices');
    const scanner = makeScanner();
    const opened = await scanner.open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'noHardware' } });
    expect(!opened.ok && opened.error.message).toMatch(/finds no scanner/u);
    expect(scanner.status()).toMatchObject({ state: 'offline', error: { code: 'noHardware' } });
  });

  it('is noHardware naming the listed devices when the configured one is missing', async () => {
    const opened = await makeScanner({ device: 'epson2:net:10.0.0.9' }).open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'noHardware' } });
    expect(!opened.ok && opened.error.message).toBe(
      'scanner epson2:net:10.0.0.9 not found; SANE lists fujitsu:fi-7160:1234, genesys:libusb:001:007',
    );
  });

  it('is offline with the package to install when scanimage is missing', async () => {
    const missing = makeScanner({ executable: path.join(path.dirname(fake.executable), 'no-such-scanimage') });
    const opened = await missing.open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(!opened.ok && opened.error.message).toMatch(/sane-utils/u);
    expect(missing.status()).toMatchObject({ state: 'offline', error: { code: 'offline' } });
  });

  it('times out a listing that never ends', async () => {
    fake.setListBehaviour('hang');
    const opened = await makeScanner({ timeoutMs: 150 }).open();
    expect(opened).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('refuses capture before open', async () => {
    expect(await makeScanner().capture()).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('maps Device busy to busy', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('busy');
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'busy', message: 'the scanner is in use by another program (SANE: Device busy)' } });
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('maps an empty feeder to extended feederEmpty', async () => {
    const scanner = await openScanner({ source: 'ADF Front' });
    fake.setScanBehaviour('feederEmpty');
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'extended', detail: 'feederEmpty' } });
    expect(!still.ok && still.error.message).toMatch(/feeder is empty/u);
  });

  it('maps an I/O error and an invalid argument to failure in plain words', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('ioError');
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'failure', message: expect.stringMatching(/I\/O error/u) as unknown } });
    fake.setScanBehaviour('invalidArgument');
    expect(await scanner.capture()).toMatchObject({
      ok: false,
      error: { code: 'failure', message: expect.stringMatching(/refused the scan settings/u) as unknown },
    });
  });

  it('reports an unplugged scanner as noHardware and goes offline', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('unplugged');
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'noHardware' } });
    expect(scanner.status()).toMatchObject({ state: 'offline', error: { code: 'noHardware' } });
    fake.setScanBehaviour('ok');
    expect((await scanner.capture()).ok).toBe(true);
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('quotes the first stderr line of an unknown failure', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('unknownError');
    const still = await scanner.capture();
    expect(still).toMatchObject({
      ok: false,
      error: { code: 'failure', message: 'scanimage failed while scanning (exit 1): sane_read: lamp did not warm up' },
    });
  });

  it('reports a crash by its signal', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('crash');
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'failure', message: expect.stringMatching(/signal SIGKILL/u) as unknown } });
  });

  it('fails when scanimage exits 0 with bytes that are not an image', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('garbage');
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'failure', message: 'the scanner sent data that is not a readable PNG image' } });
  });

  it('refuses an image over the size cap', async () => {
    const scanner = await openScanner({ maxImageBytes: 1_000 });
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'failure', message: expect.stringMatching(/larger than 1000 bytes/u) as unknown } });
  });

  it('kills a hung scan at the timeout', async () => {
    const scanner = await openScanner({ timeoutMs: 150 });
    fake.setScanBehaviour('hang');
    const still = await scanner.capture();
    expect(still).toMatchObject({ ok: false, error: { code: 'timeout', message: 'the scanner did not finish scanning within 150 ms' } });
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('cancels a scan when its signal aborts', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('hang');
    const controller = new AbortController();
    const capturing = scanner.capture({ signal: controller.signal });
    await waitFor(() => scanCalls().length === 1, 'scanimage to start');
    controller.abort();
    expect(await capturing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(scanner.status()).toEqual({ state: 'ready' });
  });

  it('answers busy to a second capture while one is under way', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('hang');
    const controller = new AbortController();
    const first = scanner.capture({ signal: controller.signal });
    expect(scanner.status()).toEqual({ state: 'busy' });
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'busy', message: 'a scan is already under way' } });
    controller.abort();
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('close stops a scan under way and waits for scanimage', async () => {
    const scanner = await openScanner();
    fake.setScanBehaviour('hang');
    const capturing = scanner.capture();
    await waitFor(() => scanCalls().length === 1, 'scanimage to start');
    await scanner.close();
    expect(await capturing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(scanner.status()).toEqual({ state: 'closed' });
    expect(await scanner.capture()).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('has no preview', async () => {
    const scanner = await openScanner();
    expect(await scanner.preview()).toMatchObject({ ok: false, error: { code: 'noHardware' } });
  });
});
