import { describe, expect, it } from 'vitest';
import {
  EscPosBuilder,
  align,
  bold,
  characterSize,
  chineseMode,
  cut,
  enableAsb,
  feedLines,
  initialise,
  qrCode,
  realtimeRecovery,
  realtimeStatusRequest,
  text,
  transmitPaperSensorStatus,
  ASB_ALL_PRINTER_GROUPS,
  QR_MAX_DATA_BYTES,
} from '../../hardware/protocols/escpos/commands.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('ESC/POS command encoder (protocols.md §2.2)', () => {
  it.each([
    ['ESC @', initialise(), '1b 40'],
    ['ESC a 0', align('left'), '1b 61 00'],
    ['ESC a 1', align('center'), '1b 61 01'],
    ['ESC a 2', align('right'), '1b 61 02'],
    ['ESC E 1', bold(true), '1b 45 01'],
    ['ESC E 0', bold(false), '1b 45 00'],
    ['GS ! 0x00', characterSize(1, 1), '1d 21 00'],
    ['GS ! 0x11', characterSize(2, 2), '1d 21 11'],
    ['GS ! 0x10 (double width)', characterSize(2, 1), '1d 21 10'],
    ['GS ! 0x77', characterSize(8, 8), '1d 21 77'],
    ['FS &', chineseMode(true), '1c 26'],
    ['FS .', chineseMode(false), '1c 2e'],
    ['ESC d 3', feedLines(3), '1b 64 03'],
    ['GS V 66 0 (default partial cut)', cut(), '1d 56 42 00'],
    ['GS V 66 80', cut({ feedDots: 80 }), '1d 56 42 50'],
    ['GS V 65 n (full)', cut({ feedDots: 3, isPartial: false }), '1d 56 41 03'],
    ['DLE EOT 1', realtimeStatusRequest(1), '10 04 01'],
    ['DLE EOT 4', realtimeStatusRequest(4), '10 04 04'],
    ['DLE ENQ 2', realtimeRecovery(2), '10 05 02'],
    ['GS a 0x0e', enableAsb(ASB_ALL_PRINTER_GROUPS), '1d 61 0e'],
    ['GS r 1', transmitPaperSensorStatus(), '1d 72 01'],
  ])('%s', (_name, bytes, expected) => {
    expect(hex(bytes)).toBe(expected);
  });

  it('encodes Chinese text in GB18030 (§2.3)', () => {
    expect(hex(text('综合受理'))).toBe('d7 db ba cf ca dc c0 ed');
    expect(hex(text('A1'))).toBe('41 31');
    // Four-byte GB18030 area (no glyph on most printers, still encoded faithfully).
    expect(hex(text('𠀀'))).toBe('95 32 82 36');
  });

  it('encodes a native model-2 QR with exact pL/pH and UTF-8 data', () => {
    const payload = 'https://x.cn/?n=张'; // 16 ASCII bytes + 3 UTF-8 bytes = 19
    const bytes = qrCode(payload, { moduleSizeDots: 6, errorCorrection: 'M' });
    const data = Buffer.from(payload, 'utf8');
    expect(data.length).toBe(19);
    const expected = [
      '1d 28 6b 04 00 31 41 32 00', // model 2
      '1d 28 6b 03 00 31 43 06', // module size 6 dots
      '1d 28 6b 03 00 31 45 31', // error correction M
      `1d 28 6b 16 00 31 50 30 ${hex(data)}`, // store: pL = 19 + 3 = 0x16
      '1d 28 6b 03 00 31 51 30', // print
    ].join(' ');
    expect(hex(bytes)).toBe(expected);
  });

  it('puts payloads longer than 252 bytes into pH', () => {
    const bytes = qrCode('a'.repeat(300));
    // k + 3 = 303 = 0x012f → pL 0x2f, pH 0x01 (offset of the store command: 9 + 8 + 8).
    expect(hex(bytes.subarray(25, 33))).toBe('1d 28 6b 2f 01 31 50 30');
  });

  it('rejects payloads a printer cannot hold and bad sizes (caller bugs throw)', () => {
    expect(() => qrCode('a'.repeat(QR_MAX_DATA_BYTES + 1))).toThrow(RangeError);
    expect(() => qrCode('a', { moduleSizeDots: 17 })).toThrow(RangeError);
    expect(() => characterSize(0, 1)).toThrow(RangeError);
    expect(() => feedLines(256)).toThrow(RangeError);
  });

  it('builds a receipt by concatenation', () => {
    const bytes = new EscPosBuilder()
      .initialise()
      .chineseMode(true)
      .align('center')
      .bold(true)
      .size(2, 2)
      .line('综合受理')
      .cut()
      .toBytes();
    expect(hex(bytes)).toBe('1b 40 1c 26 1b 61 01 1b 45 01 1d 21 11 d7 db ba cf ca dc c0 ed 0a 1d 56 42 00');
  });
});
