import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfigText } from '../../electron/services/config/terminal-config.js';
import { padBinding } from '../../electron/services/devices/evaluation-pad-adapter.js';
import { scannerBinding } from '../../electron/services/devices/barcode-scanner-adapter.js';
import { PLATFORM_TOKEN_FILE, createPlatformAdapter, readPlatformToken } from '../../electron/services/platform/platform-factory.js';
import { makeTempDir } from '../support/temp-dir.js';

const parse = (config: unknown) => parseConfigText(JSON.stringify({ version: 1, ...(config as object) }));

describe('configuration of #7: scanner, pad, platform, appointments, evaluation', () => {
  it('defaults: local platform, simulated serial scanner, no pad, counter mode off', () => {
    expect(DEFAULT_CONFIG.platform).toEqual({ adapter: 'local', publicBaseUrl: 'https://zwfw.lyg.gov.cn', retentionDays: 30 });
    expect(scannerBinding(DEFAULT_CONFIG.devices.barcodeScanner)).toEqual({ type: 'simulated', mode: 'serial' });
    expect(DEFAULT_CONFIG.devices.evaluationPad).toBeUndefined();
    expect(DEFAULT_CONFIG.evaluation.counter.isEnabled).toBe(false);
    expect(DEFAULT_CONFIG.appointments).toEqual({ earlyMinutes: 30, lateMinutes: 15 });
  });

  it('fills scanner and pad defaults: 9600 baud, auto suffix, address 1', () => {
    const parsed = parse({
      devices: {
        barcodeScanner: { transport: { type: 'serial', path: '/dev/ttyACM0' } },
        evaluationPad: { transport: { type: 'serial', path: '/dev/ttyUSB1' }, codeTable: { '0x01': 5, '0x02': 4, '0x03': 3, '0x04': 2 } },
      },
    });
    if (!parsed.ok) throw new Error(parsed.error.join('; '));
    expect(parsed.value.devices.barcodeScanner?.transport).toEqual({ type: 'serial', path: '/dev/ttyACM0', baudRate: 9600, suffix: 'auto', hasAimPrefix: false });
    const pad = parsed.value.devices.evaluationPad;
    if (pad === undefined) throw new Error('no pad');
    expect(padBinding(pad)).toMatchObject({ type: 'serial', baudRate: 9600, address: 1, codeTable: { '0x01': 5 } });
    expect(scannerBinding({ transport: { type: 'keyboard', altCodes: 'unicode' } })).toBeNull();
  });

  it.each([
    [{ devices: { barcodeScanner: { transport: { type: 'serial', path: '/dev/x', baudRate: 4_000_000 } } } }, 'devices.barcodeScanner.transport.baudRate: baud rate must be one of'],
    [{ devices: { evaluationPad: { transport: { type: 'simulated' }, codeTable: { '0x31': 7 } } } }, 'devices.evaluationPad.codeTable.0x31: a level from 1'],
    [{ devices: { evaluationPad: { transport: { type: 'simulated' }, codeTable: { '49': 5 } } } }, '"49" is not a hex code like 0x31'],
    [{ devices: { evaluationPad: { transport: { type: 'simulated' }, codeTable: { '0x31': 5, '0X31': 4 } } } }, 'are the same code'],
    [{ devices: { evaluationPad: { transport: { type: 'hid', vendorId: 1, productId: 2 }, keyTable: { '0x01': 5 } } } }, 'reserved keyboard usage'],
    [{ devices: { evaluationPad: { transport: { type: 'serial', path: '/dev/x', address: 0 } } } }, 'devices.evaluationPad.transport.address'],
    [{ platform: { adapter: 'http' } }, 'platform: adapter "http" needs platform.http.baseUrl'],
    [{ platform: { publicBaseUrl: 'http://zwfw.lyg.gov.cn' } }, 'platform.publicBaseUrl: an https:// URL'],
    [{ evaluation: { reasons: { '6': ['x'] } } }, 'evaluation.reasons'],
    [{ evaluation: { reasons: { '1': [] } } }, 'evaluation.reasons.1'],
    [{ evaluation: { counter: { port: 80 } } }, 'evaluation.counter.port'],
    [{ appointments: { earlyMinutes: -5 } }, 'appointments.earlyMinutes'],
  ])('names the field of a bad value: %j', (config, words) => {
    const parsed = parse(config);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join('\n')).toContain(words);
  });
});

describe('platform token and the http adapter from configuration', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  const httpConfig = () => {
    const parsed = parse({ platform: { adapter: 'http', http: { baseUrl: 'https://gateway.example.gov.cn/zwfw/' } } });
    if (!parsed.ok) throw new Error(parsed.error.join('; '));
    return parsed.value;
  };

  it('reads a token only from a file no one else can read', () => {
    const file = path.join(dir.path, PLATFORM_TOKEN_FILE);
    expect(readPlatformToken(dir.path)).toMatchObject({ problem: expect.stringContaining('cannot read') as unknown });
    writeFileSync(file, 'secret-token\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(readPlatformToken(dir.path)).toEqual({ problem: `${file} is readable by other users; chmod 600 it` });
    chmodSync(file, 0o600);
    expect(readPlatformToken(dir.path)).toEqual({ token: 'secret-token' });
    const { adapter, problems } = createPlatformAdapter(httpConfig(), dir.path);
    expect(adapter.kind).toBe('http');
    expect(problems).toEqual([]);
  });

  it('leaves the adapter misconfigured (not the terminal) without a token', async () => {
    const { adapter, problems } = createPlatformAdapter(httpConfig(), dir.path);
    expect(problems.length).toBeGreaterThan(0);
    const found = await adapter.findCase('ZZ20261124000001', 'AB12CD34');
    expect(found).toMatchObject({ ok: false, error: { kind: 'misconfigured' } });
  });
});
