import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createSymbolSource, type SourceOutcome } from '../../hardware/devices/barcode-scanner/symbol-source.js';
import type { BarcodeScannerMode } from '../../hardware/devices/barcode-scanner/events.js';
import { BarcodeScannerSimulator, type BarcodeScannerSimulatorOptions } from '../../hardware/simulators/barcode-scanner/barcode-scanner-simulator.js';
import { altCodeValue } from '../../hardware/simulators/barcode-scanner/symbol-encoding.js';
import { createMemoryPair, type MemoryTransport } from '../../hardware/transports/memory-transport.js';

interface Bench {
  readonly simulator: BarcodeScannerSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly chunks: Uint8Array[];
}

let benches: Bench[] = [];

async function makeBench(options: BarcodeScannerSimulatorOptions): Promise<Bench> {
  const [host, device] = createMemoryPair();
  await host.open();
  await device.open();
  const simulator = new BarcodeScannerSimulator({ keyDelayMs: 0, ...options });
  simulator.attach(device);
  const chunks: Uint8Array[] = [];
  host.onData((bytes) => chunks.push(new Uint8Array(bytes)));
  const bench = { simulator, host, device, chunks };
  benches.push(bench);
  return bench;
}

afterEach(async () => {
  for (const bench of benches) {
    await bench.simulator.whenIdle();
    await bench.host.close();
    await bench.device.close();
  }
  benches = [];
});

/** What the device class's pipeline makes of everything the host received. */
function decodeChunks(mode: BarcodeScannerMode, chunks: readonly Uint8Array[], settings: { altCodes?: 'unicode' | 'gbk'; hasReportId?: boolean } = {}): SourceOutcome[] {
  const source = createSymbolSource({
    mode,
    maxSymbolBytes: 2953,
    hidKeyboard: { altCodes: settings.altCodes ?? 'unicode', hasReportId: settings.hasReportId ?? false },
    hidPos: { hasReportId: settings.hasReportId ?? false },
    serial: { suffix: 'auto', hasAimPrefix: true },
  });
  return [...chunks.flatMap((chunk) => source.push(chunk)), ...source.flush()];
}

const textsOf = (outcomes: readonly SourceOutcome[]): string[] => outcomes.map((o) => (o.kind === 'scan' ? o.scan.text : `failed:${o.failed.reason}`));

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
const textArb = fc.oneof(
  fc.array(printable, { minLength: 1, maxLength: 80 }).map((chars) => chars.join('')),
  fc.array(fc.oneof(printable, cjk), { minLength: 1, maxLength: 80 }).map((chars) => chars.join('')),
);

describe('BarcodeScannerSimulator → decoders round trip', () => {
  it('hidKeyboard, both Alt-code modes, with and without report IDs', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, fc.constantFrom('unicode' as const, 'gbk' as const), fc.boolean(), async (text, altCodes, hasReportId) => {
        const bench = await makeBench({ mode: 'hidKeyboard', altCodes, hasReportId });
        await bench.simulator.scan(text);
        expect(textsOf(decodeChunks('hidKeyboard', bench.chunks, { altCodes, hasReportId }))).toEqual([text]);
      }),
      { numRuns: 60 },
    );
  });

  // Short GBK strings can be valid UTF-8 too (§3.4), so the GBK runs carry ECI 29, as
  // codes that must be read right should; detection without ECI has its own tests.
  it('hidPos, UTF-8 and GBK (ECI 29) payloads, with and without report IDs', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, fc.constantFrom('utf-8' as const, 'gbk' as const), fc.boolean(), async (text, charset, hasReportId) => {
        const bench = await makeBench({ mode: 'hidPos', charset, hasReportId, ...(charset === 'gbk' ? { eci: 29 } : {}) });
        await bench.simulator.scan(text);
        expect(textsOf(decodeChunks('hidPos', bench.chunks, { hasReportId }))).toEqual([text]);
      }),
      { numRuns: 60 },
    );
  });

  it('serial, UTF-8 and GBK (ECI 29) payloads, any suffix, random chunking', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, fc.constantFrom('utf-8' as const, 'gbk' as const), fc.constantFrom('cr' as const, 'lf' as const, 'crlf' as const, 'none' as const), fc.nat(), async (text, charset, suffix, seed) => {
        // The decoder expects an AIM prefix, so every symbol carries one.
        const eci = charset === 'gbk' ? { eci: 29, aimId: ']Q2' } : { aimId: ']Q1' };
        const bench = await makeBench({ mode: 'serial', charset, suffix, seed, chunking: 'random', ...eci });
        await bench.simulator.scan(text);
        expect(textsOf(decodeChunks('serial', bench.chunks))).toEqual([text]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('BarcodeScannerSimulator', () => {
  it('sends one report per write, key delay apart, and counts symbols', async () => {
    const bench = await makeBench({ mode: 'hidKeyboard', keyDelayMs: 1, keyJitterMs: 0 });
    await bench.simulator.scan('ab');
    expect(bench.chunks.map((chunk) => chunk.length)).toEqual([8, 8, 8, 8, 8, 8]);
    expect(bench.simulator.symbolsSent).toBe(1);
  });

  it('types characters GBK has no code for as ? in gbk mode', () => {
    expect(altCodeValue('张', 'gbk')).toBe(0xd5c5);
    expect(altCodeValue('张', 'unicode')).toBe(24352);
    expect(altCodeValue('€', 'gbk')).toBeUndefined();
  });

  it('queues scans, sends double scans twice, and sends an ECI designator when asked', async () => {
    const bench = await makeBench({ mode: 'serial', chunking: 'whole', eci: 29, charset: 'gbk', faults: { doubleScan: true } });
    void bench.simulator.scan('一');
    void bench.simulator.scan('二');
    await bench.simulator.whenIdle();
    expect(bench.chunks.map((chunk) => Buffer.from(chunk).toString('latin1').slice(0, 10))).toEqual(
      [']Q2\\000029', ']Q2\\000029', ']Q2\\000029', ']Q2\\000029'],
    );
    expect(bench.simulator.symbolsSent).toBe(4);
  });

  it('unplugs mid-scan once (both memory ends see disconnected) and abandons the symbol', async () => {
    const bench = await makeBench({ mode: 'serial', chunking: 'whole', faults: { unplugMidScan: true } });
    bench.simulator.faults.unplugMidScan = true;
    const reasons: string[] = [];
    bench.host.onClose((reason) => reasons.push(reason.kind));
    await bench.simulator.scan('lost');
    expect(reasons).toEqual(['disconnected']);
    expect(bench.chunks).toEqual([Uint8Array.of(0x6c, 0x6f)]);
    expect(bench.simulator.faults.unplugMidScan).toBe(false);
    bench.chunks.length = 0;
    await bench.host.open();
    await bench.device.open();
    await bench.simulator.scan('kept');
    expect(textsOf(decodeChunks('serial', bench.chunks))).toEqual(['kept']);
  });

  it('drops the suffix and writes nothing to a closed link', async () => {
    const bench = await makeBench({ mode: 'serial', chunking: 'whole', suffix: 'crlf', faults: { dropSuffix: true } });
    await bench.simulator.scan('x');
    expect(bench.chunks).toEqual([Uint8Array.of(0x78)]);
    await bench.device.close();
    await bench.simulator.scan('y');
    expect(bench.chunks).toHaveLength(1);
  });
});
