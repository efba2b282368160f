import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BarcodeScanner, type BarcodeScannerOptions } from '../../hardware/devices/barcode-scanner/barcode-scanner.js';
import type { BarcodeScannerStatusUpdate, ScanFailed, ScannedCode } from '../../hardware/devices/barcode-scanner/events.js';
import { encodeBootReport } from '../../hardware/protocols/hid-keyboard/boot-report.js';
import { BarcodeScannerSimulator, type BarcodeScannerSimulatorOptions } from '../../hardware/simulators/barcode-scanner/barcode-scanner-simulator.js';
import { charReports } from '../../hardware/simulators/barcode-scanner/symbol-encoding.js';
import { createMemoryPair, type MemoryPairOptions, type MemoryTransport } from '../../hardware/transports/memory-transport.js';

interface Rig {
  readonly scanner: BarcodeScanner;
  readonly simulator: BarcodeScannerSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly scans: ScannedCode[];
  readonly failures: ScanFailed[];
  readonly updates: BarcodeScannerStatusUpdate[];
}

let rigs: Rig[] = [];

async function makeRig(
  scannerOptions: Omit<BarcodeScannerOptions, 'transport'>,
  simulatorOptions: Partial<BarcodeScannerSimulatorOptions> = {},
  pairOptions: MemoryPairOptions = {},
): Promise<Rig> {
  const [host, device] = createMemoryPair({ names: ['memory:host', 'memory:scanner'], ...pairOptions });
  await device.open();
  const simulator = new BarcodeScannerSimulator({ mode: scannerOptions.mode, keyDelayMs: 0, ...simulatorOptions });
  simulator.attach(device);
  const scanner = new BarcodeScanner({ transport: host, ...scannerOptions });
  const rig: Rig = { scanner, simulator, host, device, scans: [], failures: [], updates: [] };
  scanner.onScan((scan) => rig.scans.push(scan));
  scanner.onScanFailed((failed) => rig.failures.push(failed));
  scanner.onStatusUpdate((update) => rig.updates.push(update));
  rigs.push(rig);
  return rig;
}

async function enabledRig(...args: Parameters<typeof makeRig>): Promise<Rig> {
  const rig = await makeRig(...args);
  expect(await rig.scanner.open()).toEqual({ ok: true, value: undefined });
  expect(rig.scanner.claim().ok).toBe(true);
  expect(await rig.scanner.enable()).toEqual({ ok: true, value: undefined });
  return rig;
}

/** Scans and lets the idle gap pass, in fake time. */
async function scan(rig: Rig, text: string): Promise<void> {
  const sent = rig.simulator.scan(text);
  await vi.advanceTimersByTimeAsync(1_000);
  await sent;
}

const seeded = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return 1 + (state % 13);
  };
};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const rig of rigs) {
    await rig.scanner.close();
    await rig.simulator.whenIdle();
    await rig.device.close();
  }
  rigs = [];
  vi.useRealTimers();
});

const CHINESE = '办件编号 ZW-2024-0001 张三';

describe('BarcodeScanner over a memory pair, against the simulator', () => {
  it('reads a keyboard wedge: Shift, repeated keys, Alt+numpad CJK (unicode)', async () => {
    const rig = await enabledRig({ mode: 'hidKeyboard' }, { keyDelayMs: 4 });
    await scan(rig, 'Aa11!oo');
    await scan(rig, CHINESE);
    expect(rig.scans.map((s) => [s.text, s.charset, s.source])).toEqual([
      ['Aa11!oo', 'ascii', 'hidKeyboard'],
      [CHINESE, 'utf-8', 'hidKeyboard'],
    ]);
    expect(rig.scans[1]).toMatchObject({ bytes: new TextEncoder().encode(CHINESE), aimId: null, symbology: null, isCharsetUncertain: false });
  });

  it('reads Alt+numpad GBK numbers in gbk mode, report IDs and arbitrary chunking', async () => {
    const rig = await enabledRig(
      { mode: 'hidKeyboard', hidKeyboard: { altCodes: 'gbk', hasReportId: true } },
      { altCodes: 'gbk', hasReportId: true },
      { chunkSizes: seeded(7) },
    );
    await scan(rig, CHINESE);
    expect(rig.scans.map((s) => [s.text, s.charset])).toEqual([[CHINESE, 'gb18030']]);
  });

  it('reads HID POS reports, multi-report, UTF-8 and GBK payloads, with and without report ID', async () => {
    const long = `${CHINESE} ${'x'.repeat(120)}`;
    const utf8 = await enabledRig({ mode: 'hidPos' }, { charset: 'utf-8' }, { chunkSizes: seeded(3) });
    await scan(utf8, long);
    expect(utf8.scans).toMatchObject([{ text: long, aimId: ']Q1', symbology: 'qr', charset: 'utf-8', isCharsetUncertain: false, source: 'hidPos' }]);
    const gbk = await enabledRig({ mode: 'hidPos', hidPos: { hasReportId: true } }, { charset: 'gbk', hasReportId: true });
    await scan(gbk, '联通');
    expect(gbk.scans).toMatchObject([{ text: '联通', charset: 'gb18030', bytes: Uint8Array.of(0xc1, 0xaa, 0xcd, 0xa8) }]);
  });

  it('reads serial symbols with AIM prefix and any suffix, in random chunks', async () => {
    const rig = await enabledRig({ mode: 'serial', serial: { hasAimPrefix: true } }, { suffix: 'crlf', aimId: ']Q1', charset: 'gbk', chunking: 'random' });
    await scan(rig, CHINESE);
    await scan(rig, 'ABC');
    expect(rig.scans).toMatchObject([
      { text: CHINESE, aimId: ']Q1', symbology: 'qr', charset: 'gb18030', source: 'serial' },
      { text: 'ABC', charset: 'ascii' },
    ]);
  });

  it('frames a serial symbol without suffix on the idle gap, and delivers double scans twice', async () => {
    const rig = await enabledRig({ mode: 'serial', serial: { idleGapMs: 50 } }, { faults: { dropSuffix: true } });
    await rig.simulator.scan('6901234567892');
    expect(rig.scans).toEqual([]);
    await vi.advanceTimersByTimeAsync(49);
    expect(rig.scans).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rig.scans.map((s) => s.text)).toEqual(['6901234567892']);
    rig.simulator.faults.dropSuffix = false;
    rig.simulator.faults.doubleScan = true;
    await scan(rig, 'twice');
    expect(rig.scans.map((s) => s.text)).toEqual(['6901234567892', 'twice', 'twice']);
  });

  it('ignores roll-over reports and vendor suffix chords from a wedge', async () => {
    const rig = await enabledRig({ mode: 'hidKeyboard' }, { faults: { rollOver: true, vendorChord: true } });
    await scan(rig, 'ok-123');
    expect(rig.scans.map((s) => s.text)).toEqual(['ok-123']);
  });
});

describe('BarcodeScanner enable gating', () => {
  it('drops scans while not enabled, and a symbol begun before enable()', async () => {
    const rig = await makeRig({ mode: 'serial' });
    await rig.scanner.open();
    rig.scanner.claim();
    await scan(rig, 'early');
    await rig.device.write(new TextEncoder().encode('AB'));
    await vi.advanceTimersByTimeAsync(1);
    await rig.scanner.enable();
    await rig.device.write(new TextEncoder().encode('C\r'));
    await scan(rig, 'wanted');
    rig.scanner.disable();
    await scan(rig, 'late');
    expect(rig.scans.map((s) => s.text)).toEqual(['wanted']);
    expect(rig.failures).toEqual([]);
  });

  it('follows the life cycle and reports why a step is refused', async () => {
    const rig = await makeRig({ mode: 'serial' });
    expect(rig.scanner.claim()).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect(await rig.scanner.enable()).toMatchObject({ ok: false, error: { code: 'closed' } });
    rig.host.hasHardware = false;
    expect(await rig.scanner.open()).toMatchObject({ ok: false, error: { code: 'noHardware' } });
    expect(rig.scanner.condition).toBe('unknown');
    rig.host.hasHardware = true;
    expect((await rig.scanner.open()).ok).toBe(true);
    expect(rig.scanner.condition).toBe('online');
    expect(await rig.scanner.enable()).toMatchObject({ ok: false, error: { code: 'notClaimed' } });
    rig.scanner.claim();
    expect((await rig.scanner.enable()).ok).toBe(true);
    expect(rig.scanner.lifecycle).toBe('enabled');
    rig.scanner.release();
    expect(rig.scanner.lifecycle).toBe('opened');
  });
});

describe('BarcodeScanner failures', () => {
  it('reports tooLong, garbled and undecodable symbols without their content', async () => {
    const serial = await enabledRig({ mode: 'serial', maxSymbolBytes: 10 });
    await scan(serial, 'x'.repeat(11));
    await scan(serial, 'y'.repeat(10));
    expect(serial.failures).toEqual([{ reason: 'tooLong', source: 'serial', detail: '11 bytes > 10' }]);
    expect(serial.scans.map((s) => s.text)).toEqual(['y'.repeat(10)]);

    const pos = await enabledRig({ mode: 'hidPos' });
    await pos.device.write(Uint8Array.from({ length: 63 }, () => 0x77));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pos.failures).toMatchObject([{ reason: 'garbled', source: 'hidPos' }]);

    const wedge = await enabledRig({ mode: 'hidKeyboard', hidKeyboard: { altCodes: 'gbk' } });
    // Alt+300 is no GBK code: the symbol has a gap and must not be acted on.
    const alt300 = [4, ...[0x5b, 0x62, 0x62].flatMap((kp) => [kp, 0])].map((key, i) => encodeBootReport(4, i === 0 || key === 0 ? [] : [key]));
    for (const report of [...charReports('a'), ...alt300, encodeBootReport(0), ...charReports('\n')]) await wedge.device.write(report);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wedge.failures).toMatchObject([{ reason: 'undecodable', source: 'hidKeyboard' }]);
    expect(wedge.scans).toEqual([]);
  });

  it('goes powerOff on unplug mid-scan, drops the half symbol, reconnects with backoff', async () => {
    const rig = await enabledRig({ mode: 'hidKeyboard', reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 400 });
    const errors: string[] = [];
    rig.scanner.onError((error) => errors.push(error.detail ?? error.code));
    rig.simulator.faults.unplugMidScan = true;
    rig.host.hasHardware = false;
    await scan(rig, 'half-a-code');
    expect(rig.updates).toEqual([{ kind: 'powerOff', detail: 'unplugged mid-scan' }]);
    expect(rig.scanner.condition).toBe('powerOff');
    expect(errors).toEqual(['powerOff']);
    expect(rig.scans).toEqual([]);
    expect(await rig.scanner.enable()).toMatchObject({ ok: false, error: { code: 'offline' } });

    // Attempts at 100, 300, 700, 1100 ms fail; the cable is back before the next.
    await vi.advanceTimersByTimeAsync(1_200);
    expect(rig.updates).toHaveLength(1);
    rig.host.hasHardware = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(rig.updates).toEqual([{ kind: 'powerOff', detail: 'unplugged mid-scan' }, { kind: 'powerOn' }]);
    expect(rig.scanner.condition).toBe('online');

    await rig.device.open();
    await scan(rig, 'whole-code');
    expect(rig.scans.map((s) => s.text)).toEqual(['whole-code']);
    expect(rig.failures).toEqual([]);
  });

  it('stops reconnecting when closed, and gives up after reconnectMaxAttempts', async () => {
    const rig = await enabledRig({ mode: 'serial', reconnectInitialDelayMs: 10, reconnectMaxAttempts: 2 });
    const errors: string[] = [];
    rig.scanner.onError((error) => errors.push(error.detail ?? error.code));
    rig.host.hasHardware = false;
    rig.host.disconnect();
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['powerOff', 'reconnectFailed']);
    const again = rig.scanner.reconnect();
    await rig.scanner.close();
    expect(await again).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await rig.scanner.reconnect()).toMatchObject({ ok: false, error: { code: 'closed' } });
  });
});
