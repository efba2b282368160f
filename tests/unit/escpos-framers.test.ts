import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transform } from 'receiptline';
import { InboundFramer, type InboundFrame } from '../../hardware/protocols/escpos/inbound-framer.js';
import {
  EscPosStreamParser,
  MAX_BUFFERED_COMMAND_BYTES,
  MAX_TEXT_RUN_BYTES,
  parseEscPos,
} from '../../hardware/protocols/escpos/stream-parser.js';
import type { EscPosCommand } from '../../hardware/protocols/escpos/stream-command.js';
import { EscPosBuilder, qrCode, realtimeStatusRequest } from '../../hardware/protocols/escpos/commands.js';
import { split } from '../support/framer-properties.js';

function frameAll(parts: readonly Uint8Array[]): InboundFrame[] {
  const framer = new InboundFramer();
  return [...parts.flatMap((part) => framer.push(part)), ...framer.reset()];
}

function parseAll(parts: readonly Uint8Array[]): EscPosCommand[] {
  const parser = new EscPosStreamParser();
  return [...parts.flatMap((part) => parser.push(part)), ...parser.flush()];
}

/** Commands as comparable plain values (kind + hex of raw). */
function signature(commands: readonly EscPosCommand[]): string[] {
  return commands.map((c) => `${c.kind}:${Buffer.from(c.raw).toString('hex')}`);
}

const bytesArb = fc.uint8Array({ maxLength: 600 });
const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

describe('InboundFramer (printer → host, protocols.md §2.4)', () => {
  it('classifies replies, ASB blocks, flow control and noise', () => {
    const frames = frameAll([Uint8Array.of(0x12, 0x10, 0x00, 0x03, 0x00, 0x11, 0x13, 0x0c, 0xff, 0x72)]);
    expect(frames).toEqual([
      { kind: 'realtimeStatus', byte: 0x12 },
      { kind: 'asb', bytes: Uint8Array.of(0x10, 0x00, 0x03, 0x00) },
      { kind: 'xon' },
      { kind: 'xoff' },
      { kind: 'bufferedStatus', byte: 0x0c },
      { kind: 'unknown', byte: 0xff },
      { kind: 'realtimeStatus', byte: 0x72 },
    ]);
  });

  it('reassembles an ASB block split across reads', () => {
    const framer = new InboundFramer();
    expect(framer.push(Uint8Array.of(0x18))).toEqual([]);
    expect(framer.push(Uint8Array.of(0x00, 0x0c))).toEqual([]);
    expect(framer.push(Uint8Array.of(0x00))).toEqual([{ kind: 'asb', bytes: Uint8Array.of(0x18, 0x00, 0x0c, 0x00) }]);
  });

  it('resyncs when an ASB block is broken by another byte', () => {
    expect(frameAll([Uint8Array.of(0x10, 0x00, 0x12)])).toEqual([
      { kind: 'unknown', byte: 0x10 },
      { kind: 'unknown', byte: 0x00 },
      { kind: 'realtimeStatus', byte: 0x12 },
    ]);
  });

  it('never throws, is chunking-invariant and holds at most 3 bytes', () => {
    fc.assert(
      fc.property(bytesArb, cutsArb, (bytes, cuts) => {
        const whole = frameAll([bytes]);
        expect(frameAll(split(bytes, cuts))).toEqual(whole);
        const framer = new InboundFramer();
        for (const part of split(bytes, cuts)) {
          framer.push(part);
          expect(framer.bufferedLength).toBeLessThanOrEqual(3);
        }
      }),
    );
  });

  it('recovers every reply and ASB block embedded in noise, in order', () => {
    type Item = { readonly bytes: Uint8Array; readonly frame: InboundFrame };
    const replyArb = fc.constantFrom(0x12, 0x16, 0x1a, 0x1e, 0x32, 0x72, 0x7e).map(
      (b): Item => ({ bytes: Uint8Array.of(b), frame: { kind: 'realtimeStatus', byte: b } }),
    );
    const asbArb = fc
      .tuple(fc.constantFrom(0x10, 0x18, 0x38), fc.integer({ min: 0, max: 0x0f }), fc.integer({ min: 0, max: 0x0f }))
      .map(
        ([b1, b2, b3]): Item => ({
          bytes: Uint8Array.of(b1, b2, b3, 0),
          frame: { kind: 'asb', bytes: Uint8Array.of(b1, b2, b3, 0) },
        }),
      );
    // Noise: bytes with b7 set match no pattern (protocols.md §2.4), like UART garbage.
    const noiseArb = fc.uint8Array({ maxLength: 5 }).map((a) => a.map((b) => b | 0x80));
    fc.assert(
      fc.property(fc.array(fc.tuple(noiseArb, fc.oneof(replyArb, asbArb))), noiseArb, cutsArb, (items, tail, cuts) => {
        const stream = Buffer.concat([...items.flatMap(([noise, item]) => [noise, item.bytes]), tail]);
        const frames = frameAll(split(new Uint8Array(stream), cuts)).filter((f) => f.kind !== 'unknown');
        expect(frames).toEqual(items.map(([, item]) => item.frame));
      }),
    );
  });
});

describe('EscPosStreamParser (host → printer, protocols.md §2.2)', () => {
  const sample = new EscPosBuilder()
    .initialise()
    .chineseMode(true)
    .align('center')
    .bold(true)
    .size(2, 2)
    .line('综合受理')
    .raw(realtimeStatusRequest(1))
    .qr('https://x.cn/?n=张三', { moduleSizeDots: 4 })
    .feed(2)
    .cut({ feedDots: 40 })
    .toBytes();

  it('decodes the typed commands of a receipt', () => {
    const commands = parseEscPos(sample);
    expect(commands.map((c) => c.kind)).toEqual([
      'initialise',
      'chineseMode',
      'align',
      'bold',
      'characterSize',
      'text',
      'lineFeed',
      'realtimeStatusRequest',
      'qrModel',
      'qrModuleSize',
      'qrErrorCorrection',
      'qrStore',
      'qrPrint',
      'feedLines',
      'cut',
    ]);
    expect(commands[2]).toMatchObject({ alignment: 'center' });
    expect(commands[4]).toMatchObject({ width: 2, height: 2 });
    expect(Buffer.from(commands[5]?.raw ?? []).toString('hex')).toBe('d7dbbacfcadcc0ed');
    expect(commands[7]).toMatchObject({ n: 1 });
    const store = commands[11];
    expect(store?.kind === 'qrStore' && new TextDecoder().decode(store.data)).toBe('https://x.cn/?n=张三');
    expect(commands[12]).toMatchObject({ kind: 'qrPrint' });
    expect(commands[14]).toMatchObject({ kind: 'cut', mode: 'partial', feedDots: 40 });
  });

  it.each([
    ['ESC ! 0x38', [0x1b, 0x21, 0x38], { kind: 'printMode', isBold: true, isDoubleHeight: true, isDoubleWidth: true }],
    ['ESC - 1', [0x1b, 0x2d, 0x01], { kind: 'underline', thickness: 1 }],
    ['ESC 2', [0x1b, 0x32], { kind: 'lineSpacing', dots: undefined }],
    ['ESC 3 30', [0x1b, 0x33, 30], { kind: 'lineSpacing', dots: 30 }],
    ['ESC t 0', [0x1b, 0x74, 0x00], { kind: 'codePage', page: 0 }],
    ['ESC M 1', [0x1b, 0x4d, 0x01], { kind: 'font', font: 1 }],
    ['ESC d 4', [0x1b, 0x64, 0x04], { kind: 'feedLines', lines: 4 }],
    ['ESC J 24', [0x1b, 0x4a, 24], { kind: 'feedDots', dots: 24 }],
    ['ESC a 49', [0x1b, 0x61, 49], { kind: 'align', alignment: 'center' }],
    ['ESC \\ -12', [0x1b, 0x5c, 0xf4, 0xff], { kind: 'relativePosition', dots: -12 }],
    ['GS B 1', [0x1d, 0x42, 0x01], { kind: 'reverse', isOn: true }],
    ['GS a 14', [0x1d, 0x61, 0x0e], { kind: 'asbEnable', flags: 14 }],
    ['GS H 2', [0x1d, 0x48, 0x02], { kind: 'hriPosition', position: 2 }],
    ['GS h 80', [0x1d, 0x68, 80], { kind: 'barcodeHeight', dots: 80 }],
    ['GS w 3', [0x1d, 0x77, 0x03], { kind: 'barcodeWidth', module: 3 }],
    ['GS f 1', [0x1d, 0x66, 0x01], { kind: 'hriFont', font: 1 }],
    ['GS V 0', [0x1d, 0x56, 0x00], { kind: 'cut', mode: 'full', feedDots: undefined }],
    ['GS V 1', [0x1d, 0x56, 0x01], { kind: 'cut', mode: 'partial', feedDots: undefined }],
    ['GS V 65 3', [0x1d, 0x56, 0x41, 0x03], { kind: 'cut', mode: 'full', feedDots: 3 }],
    ['GS r 1', [0x1d, 0x72, 0x01], { kind: 'transmitStatus', n: 1 }],
    ['FS C 0', [0x1c, 0x43, 0x00], { kind: 'chineseCodeSystem', system: 0 }],
    ['FS ! 0x0c', [0x1c, 0x21, 0x0c], { kind: 'chinesePrintMode', isDoubleWidth: true, isDoubleHeight: true }],
    ['FS .', [0x1c, 0x2e], { kind: 'chineseMode', isOn: false }],
    ['DLE ENQ 1', [0x10, 0x05, 0x01], { kind: 'realtimeRequest', n: 1 }],
    ['DLE EOT 4', [0x10, 0x04, 0x04], { kind: 'realtimeStatusRequest', n: 4 }],
    ['GS k B-form', [0x1d, 0x6b, 73, 4, 0x7b, 0x42, 0x41, 0x31], { kind: 'barcode', system: 73 }],
    ['GS k A-form', [0x1d, 0x6b, 4, 0x41, 0x42, 0x00], { kind: 'barcode', system: 4 }],
  ])('%s', (_name, bytes, expected) => {
    const commands = parseEscPos(Uint8Array.from(bytes));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject(expected);
  });

  it('skips GS v 0 raster data exactly, even when it contains command bytes', () => {
    // 2 bytes wide × 3 rows = 6 data bytes, including ESC @ and DLE EOT look-alikes.
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, 0x1b, 0x40, 0x10, 0x04, 0x01, 0x0a];
    const commands = parseEscPos(Uint8Array.from([...raster, 0x41, 0x0a]));
    expect(commands.map((c) => c.kind)).toEqual(['rasterImage', 'text', 'lineFeed']);
    expect(commands[0]).toMatchObject({ widthBytes: 2, heightDots: 3 });
  });

  it('skips, without buffering, data longer than the cap', () => {
    const widthBytes = 72;
    const height = Math.ceil(MAX_BUFFERED_COMMAND_BYTES / widthBytes) + 10;
    const header = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, widthBytes, 0x00, height & 0xff, height >> 8);
    const parser = new EscPosStreamParser();
    const out: EscPosCommand[] = [...parser.push(header)];
    const row = new Uint8Array(widthBytes).fill(0x1b);
    for (let y = 0; y < height; y++) {
      out.push(...parser.push(row));
      expect(parser.bufferedLength).toBeLessThanOrEqual(MAX_BUFFERED_COMMAND_BYTES);
    }
    out.push(...parser.push(Uint8Array.of(0x0a)));
    expect(out.map((c) => c.kind)).toEqual(['rasterImage', 'lineFeed']);
    expect(out[0]).toMatchObject({ data: undefined, heightDots: height });
  });

  it('marks unknown commands and resyncs (documented policy)', () => {
    const commands = parseEscPos(Uint8Array.of(0x1b, 0x7f, 0x41, 0x01, 0x1d, 0x56, 0x07, 0x10, 0x42, 0x0a));
    expect(signature(commands)).toEqual([
      'unknown:1b7f',
      'text:41',
      'unknown:01',
      'unknown:1d5607',
      'unknown:10',
      'text:42',
      'lineFeed:0a',
    ]);
  });

  it('splits very long text runs at fixed offsets', () => {
    const run = new Uint8Array(MAX_TEXT_RUN_BYTES * 2 + 5).fill(0x41);
    const commands = parseEscPos(run);
    expect(commands.map((c) => c.raw.length)).toEqual([MAX_TEXT_RUN_BYTES, MAX_TEXT_RUN_BYTES, 5]);
  });

  it('handles everything receiptline emits for a ticket without unknown commands', () => {
    const doc =
      '^^^综合受理\n^"A023"\n办事指南 | 窗口 3\n-\n{code:A023; option:code128,2,72,hri}\n' +
      '{code:https://x.cn/?t=A023; option:qrcode,6,m}\n{width:*,10}\n|名称|值|\n_u_ `i`\n=\n';
    const out = transform(doc, { command: 'escpos', encoding: 'gb18030', cpl: 48 });
    const bytes = Uint8Array.from(out, (c) => c.charCodeAt(0));
    expect(parseEscPos(bytes).filter((c) => c.kind === 'unknown')).toEqual([]);
  });

  it('never throws, is splitting-invariant and bounded (R-V2)', () => {
    // Random bytes biased towards command prefixes, so the parser's branches are exercised.
    const tokenArb = fc.oneof(
      fc.uint8Array({ maxLength: 8 }),
      fc.constantFrom(
        Uint8Array.of(0x1b),
        Uint8Array.of(0x1d),
        Uint8Array.of(0x1c),
        Uint8Array.of(0x10, 0x04),
        Uint8Array.of(0x1d, 0x28, 0x6b),
        Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00),
        Uint8Array.of(0x1d, 0x6b, 0x04),
        Uint8Array.of(0x1b, 0x26, 0x03, 0x41, 0x42, 0x02),
        Uint8Array.of(0x0a),
      ),
    );
    const streamArb = fc.array(tokenArb, { maxLength: 60 }).map((tokens) => new Uint8Array(Buffer.concat(tokens)));
    fc.assert(
      fc.property(streamArb, cutsArb, (bytes, cuts) => {
        const whole = signature(parseAll([bytes]));
        expect(signature(parseAll(split(bytes, cuts)))).toEqual(whole);
        // Every input byte is accounted for, once, in order.
        expect(Buffer.concat(parseAll([bytes]).map((c) => c.raw)).equals(Buffer.from(bytes))).toBe(true);
        const parser = new EscPosStreamParser();
        for (const part of split(bytes, cuts)) {
          parser.push(part);
          expect(parser.bufferedLength).toBeLessThanOrEqual(Math.max(MAX_BUFFERED_COMMAND_BYTES, MAX_TEXT_RUN_BYTES));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recovers valid commands embedded in garbage', () => {
    const valid = [qrCode('A023'), Uint8Array.of(0x1d, 0x56, 0x42, 0x00), Uint8Array.of(0x1b, 0x40)];
    // Garbage that cannot start a command or swallow the next one: printable bytes, then LF.
    const garbageArb = fc.uint8Array({ maxLength: 10 }).map((a) => Uint8Array.from([...a.map((b) => 0x20 + (b % 0xdf)), 0x0a]));
    fc.assert(
      fc.property(fc.array(fc.tuple(garbageArb, fc.constantFrom(...valid))), cutsArb, (items, cuts) => {
        const stream = new Uint8Array(Buffer.concat(items.flatMap(([g, v]) => [g, v])));
        const kinds = parseAll(split(stream, cuts))
          .map((c) => c.kind)
          .filter((k) => k !== 'text' && k !== 'lineFeed');
        const expected = items.flatMap(([, v]) => parseEscPos(v).map((c) => c.kind));
        expect(kinds).toEqual(expected);
      }),
    );
  });
});
