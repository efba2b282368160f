import { describe, expect, it } from 'vitest';
import { runDoctor, type DoctorIo } from '../../hardware/cli/doctor.js';
import { decodeEscPosStatus } from '../../hardware/cli/decode-escpos-status.js';
import { hidPosReports, encodePayload, rollOverReport, wedgeSuffixReports, wedgeTextReports } from '../../hardware/simulators/barcode-scanner/symbol-encoding.js';

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function capture(stdin = ''): { io: DoctorIo; out: string[]; errors: string[]; json: () => unknown } {
  const out: string[] = [];
  const errors: string[] = [];
  return {
    io: { stdout: (t) => out.push(t), stderr: (t) => errors.push(t), readStdin: () => Promise.resolve(stdin) },
    out,
    errors,
    json: () => JSON.parse(out.join('')) as unknown,
  };
}

describe('doctor decode hid-keyboard', () => {
  it('prints symbols, terminators, the ignored count and the modes', async () => {
    const reports = [...wedgeTextReports('Ab1!'), rollOverReport(), ...wedgeSuffixReports('enter'), ...wedgeTextReports('no-suffix')].map(toHex);
    const run = capture();
    expect(await runDoctor(['decode', 'hid-keyboard', ...reports], run.io)).toBe(0);
    expect(run.json()).toEqual({
      symbols: [
        { text: 'Ab1!', terminator: 'enter' },
        { text: 'no-suffix', terminator: 'none' },
      ],
      ignored: 1,
      modes: { altCodes: 'unicode', hasReportId: false, terminators: ['enter'], isCapsLockAtEnd: false },
    });
  });

  it('reads Alt codes as GBK with --alt-codes gbk, report IDs with --report-id, reports from stdin', async () => {
    const reports = [...wedgeTextReports('张三', { altCodes: 'gbk', reportId: 1 }), ...wedgeSuffixReports('enter', 1)].map(toHex);
    const run = capture(reports.join('\n'));
    expect(await runDoctor(['decode', 'hid-keyboard', '--alt-codes', 'gbk', '--report-id', '-'], run.io)).toBe(0);
    expect(run.json()).toMatchObject({ symbols: [{ text: '张三', terminator: 'enter' }], modes: { altCodes: 'gbk', hasReportId: true } });
  });

  it('exits 2 on bad hex, bad options or no reports', async () => {
    const bad = capture();
    expect(await runDoctor(['decode', 'hid-keyboard', '0000040000000000', 'zz'], bad.io)).toBe(2);
    expect(bad.errors.join('')).toBe('doctor: decode hid-keyboard: report 2: not hex: unexpected character "z"\n');
    const mode = capture();
    expect(await runDoctor(['decode', 'hid-keyboard', '--alt-codes', 'big5', '00'], mode.io)).toBe(2);
    expect(mode.errors.join('')).toContain('--alt-codes must be unicode or gbk');
    const none = capture();
    expect(await runDoctor(['decode', 'hid-pos'], none.io)).toBe(2);
    const option = capture();
    expect(await runDoctor(['decode', 'hid-pos', '--alt-codes', 'gbk', '00'], option.io)).toBe(2);
  });
});

describe('doctor decode hid-pos', () => {
  it('joins continued reports and decodes the charset; counts garbled reports', async () => {
    const text = `办件回执 ${'0'.repeat(60)}`;
    const reports = [...hidPosReports(encodePayload(text, 'gbk')), Uint8Array.of(1, 2, 3)].map(toHex);
    const run = capture();
    expect(await runDoctor(['decode', 'hid-pos', ...reports], run.io)).toBe(0);
    expect(run.json()).toEqual({
      symbols: [{ text, aimId: ']Q1', symbology: 'qr', charset: 'gb18030', isCharsetUncertain: false, reports: 2, bytes: 69 }],
      garbled: 1,
      garbledReasons: ['short report (3 bytes, need 63)'],
      tooLong: 0,
      ignored: 0,
      modes: { hasReportId: false },
    });
  });

  it('reads reports with the report ID byte when told', async () => {
    const run = capture();
    const reports = hidPosReports(encodePayload('ABC', 'utf-8'), { hasReportId: true }).map(toHex);
    expect(await runDoctor(['decode', 'hid-pos', '--report-id', ...reports], run.io)).toBe(0);
    expect(run.json()).toMatchObject({ symbols: [{ text: 'ABC', charset: 'ascii' }], garbled: 0 });
  });
});

describe('doctor decode escpos-status', () => {
  it('infers ASB blocks, four DLE EOT replies and single reply bytes', async () => {
    const asb = capture();
    expect(await runDoctor(['decode', 'escpos-status', '18 00 0C 00'], asb.io)).toBe(0);
    expect(asb.json()).toMatchObject({ kind: 'asb', status: { online: false, paper: 'empty' }, summary: 'offline, paper empty' });
    const sequence = capture();
    expect(await runDoctor(['decode', 'escpos-status', '1A', '36', '12', '1E'], sequence.io)).toBe(0);
    expect(sequence.json()).toMatchObject({
      kind: 'realtimeSequence',
      status: { online: false, coverOpen: true, paper: 'nearEnd' },
      replies: [{ n: 1, byte: '0x1A', flags: { offline: true } }, { n: 2 }, { n: 3 }, { n: 4, flags: { paper: 'nearEnd' } }],
    });
    const one = decodeEscPosStatus(Uint8Array.of(0x72));
    expect(one).toMatchObject({ ok: true, value: { kind: 'realtime', byte: '0x72', readings: [{ n: 1 }, { n: 2, flags: { stoppedByPaperEnd: true } }, { n: 3 }, { n: 4, flags: { paper: 'empty' } }] } });
  });

  it('decodes as told with --n, and exits 2 when it cannot tell', async () => {
    const told = capture();
    expect(await runDoctor(['decode', 'escpos-status', '--n', '4', '72', '1e'], told.io)).toBe(0);
    expect(told.json()).toMatchObject({ kind: 'realtime', replies: [{ flags: { paper: 'empty' } }, { flags: { paper: 'nearEnd' } }] });
    const asb = capture();
    expect(await runDoctor(['decode', 'escpos-status', '--n', 'asb', '12'], asb.io)).toBe(2);
    expect(asb.errors.join('')).toBe('doctor: decode escpos-status: ASB is 4 bytes, got 1\n');
    const unknown = capture();
    expect(await runDoctor(['decode', 'escpos-status', '00 01'], unknown.io)).toBe(2);
    expect(unknown.errors.join('')).toContain('give --n 1|2|3|4|asb');
    const badN = capture();
    expect(await runDoctor(['decode', 'escpos-status', '--n', '5', '12'], badN.io)).toBe(2);
  });

  it('lists every family in the help and in the unknown-family error', async () => {
    const help = capture();
    expect(await runDoctor(['decode', '--help'], help.io)).toBe(0);
    for (const family of ['sam', 'hid-keyboard', 'hid-pos', 'escpos-status']) expect(help.out.join('')).toContain(family);
    const unknown = capture();
    expect(await runDoctor(['decode', 'escpos', 'aa'], unknown.io)).toBe(2);
    expect(unknown.errors.join('')).toBe('doctor: decode: unknown protocol "escpos" (known: sam, hid-keyboard, hid-pos, escpos-status)\n');
  });
});
