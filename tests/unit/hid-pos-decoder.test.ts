import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAimId, isEciAimId, parseAimId, splitAimPrefix, symbologyOf } from '../../hardware/protocols/barcode/aim.js';
import { HidPosDecoder, encodeHidPosReport, type HidPosOutcome } from '../../hardware/protocols/hid-pos/hid-pos-decoder.js';
import { hidPosReports } from '../../hardware/simulators/barcode-scanner/symbol-encoding.js';

const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A 64-byte Honeywell-layout report written out by hand (§3.2), report ID included. */
function goldenReport(data: string, flags: number, length = data.length): Uint8Array {
  const report = new Uint8Array(64);
  report.set([0x02, length, 0x5d, 0x51, 0x31]);
  report.set(ascii(data), 5);
  report[63] = flags;
  return report;
}

function decodeAll(reports: readonly Uint8Array[], hasReportId = false): HidPosOutcome[] {
  const decoder = new HidPosDecoder({ hasReportId });
  const outcomes = reports.flatMap((report) => decoder.push(report));
  const last = decoder.flush();
  return last === null ? outcomes : [...outcomes, last];
}

describe('AIM ids', () => {
  it('parses ]Xy, names the symbology and knows the ECI modifiers', () => {
    expect(parseAimId(ascii(']Q1abc'))).toBe(']Q1');
    expect(parseAimId(ascii('Q1'))).toBeNull();
    expect(parseAimId(Uint8Array.of(0x5d, 0x51, 0x00))).toBeNull();
    expect(splitAimPrefix(ascii(']E04006381333931'))).toEqual({ aimId: ']E0', data: ascii('4006381333931') });
    expect(symbologyOf(']E4')).toBe('ean8');
    expect(symbologyOf(']C1')).toBe('gs1-128');
    expect(symbologyOf(']Q1')).toBe('qr');
    expect(symbologyOf(']d2')).toBe('dataMatrix');
    expect(symbologyOf(']L2')).toBe('pdf417');
    expect(symbologyOf(']C3')).toBe('code128');
    expect(symbologyOf(']X0')).toBeNull();
    expect(isEciAimId(']Q2')).toBe(true);
    expect(isEciAimId(']Q1')).toBe(false);
    expect(isEciAimId(null)).toBe(false);
    expect(encodeAimId(']Q1')).toEqual(ascii(']Q1'));
  });
});

describe('HidPosDecoder golden reports', () => {
  it('decodes a single report with the report ID', () => {
    const outcomes = decodeAll([goldenReport('ABC-123', 0)], true);
    expect(outcomes).toEqual([{ kind: 'symbol', bytes: ascii('ABC-123'), aimId: ']Q1', reports: 1 }]);
  });

  it('decodes the same report as node-hid delivers it (report ID stripped, offsets −1)', () => {
    expect(decodeAll([goldenReport('ABC-123', 0).subarray(1)])).toEqual([{ kind: 'symbol', bytes: ascii('ABC-123'), aimId: ']Q1', reports: 1 }]);
  });

  it('joins continued reports until bit 0 of the flags byte is clear', () => {
    const first = 'x'.repeat(56);
    const reports = [goldenReport(first, 0x01), goldenReport('tail', 0x00)];
    expect(decodeAll(reports, true)).toEqual([{ kind: 'symbol', bytes: ascii(`${first}tail`), aimId: ']Q1', reports: 2 }]);
  });

  it('accepts a length that counts the AIM id (bounded by 56, padding stripped)', () => {
    expect(decodeAll([goldenReport('12345', 0, 8)], true)).toMatchObject([{ kind: 'symbol', bytes: ascii('12345') }]);
    expect(decodeAll([goldenReport('y'.repeat(56), 0, 59)], true)).toMatchObject([{ kind: 'symbol', bytes: ascii('y'.repeat(56)) }]);
  });

  it('reads a report without AIM id as aimId null', () => {
    const report = encodeHidPosReport(ascii('plain'), { aimId: null });
    expect(decodeAll([report])).toEqual([{ kind: 'symbol', bytes: ascii('plain'), aimId: null, reports: 1 }]);
  });

  it('reports garbage as garbled, never throws, and recovers on the next report', () => {
    const bad = [Uint8Array.of(1, 2, 3), goldenReport('z', 0, 90).subarray(1), Uint8Array.from({ length: 63 }, () => 0x41)];
    const outcomes = decodeAll([...bad, goldenReport('ok', 0).subarray(1)]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['garbled', 'garbled', 'garbled', 'symbol']);
  });

  it('drops a continued symbol broken by a garbled report, or cut short (flush)', () => {
    const outcomes = decodeAll([goldenReport('a'.repeat(56), 1).subarray(1), Uint8Array.of(9), goldenReport('b'.repeat(56), 1).subarray(1)]);
    expect(outcomes).toEqual([
      { kind: 'garbled', reason: 'short report (1 bytes, need 63)' },
      { kind: 'garbled', reason: 'symbol cut short after 1 report(s)' },
    ]);
  });

  it('ignores other report IDs and empty reports', () => {
    const trigger = Uint8Array.from({ length: 64 }, (_, i) => (i === 0 ? 0x04 : 0));
    expect(decodeAll([trigger, goldenReport('', 0)], true)).toEqual([
      { kind: 'ignored', reason: 'report ID 4' },
      { kind: 'ignored', reason: 'no data' },
    ]);
  });

  it('caps the joined symbol and reports tooLong at its last report', () => {
    const decoder = new HidPosDecoder({ maxBytes: 100 });
    const outcomes = hidPosReports(utf8('q'.repeat(150))).flatMap((report) => decoder.push(report));
    expect(outcomes).toEqual([{ kind: 'tooLong', bytes: 150 }]);
  });
});

describe('HidPosDecoder properties', () => {
  it('never throws on random reports', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 50 }), fc.boolean(), (reports, hasReportId) => {
        decodeAll(reports, hasReportId);
      }),
    );
  });

  it('round-trips any payload without trailing NUL through simulator reports', () => {
    const payload = fc.uint8Array({ minLength: 1, maxLength: 600 }).map((bytes) => bytes.map((byte) => (byte === 0 ? 1 : byte)));
    fc.assert(
      fc.property(payload, fc.boolean(), fc.boolean(), (bytes, hasReportId, lengthCountsAim) => {
        const reports = hidPosReports(bytes, { hasReportId, lengthCountsAim });
        expect(reports).toHaveLength(Math.ceil(bytes.length / 56));
        expect(decodeAll(reports, hasReportId)).toEqual([{ kind: 'symbol', bytes, aimId: ']Q1', reports: reports.length }]);
      }),
    );
  });
});
