import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noneEnvelope, samBytesOf, type SamEnvelopeEvent } from '../../hardware/protocols/sam/envelope.js';
import {
  MIAXIS_REPORT_BYTES,
  encodeMiaxisRequestReport,
  encodeMiaxisResponseReports,
  miaxisHidDeviceEnvelope,
  miaxisHidHostEnvelope,
} from '../../hardware/protocols/sam/miaxis-hid-envelope.js';
import { SamFramer, encodeResponse, findCard, readTextAndPhoto } from '../../hardware/protocols/sam/frame.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase().replace(/(..)(?!$)/gu, '$1 ');

/** A 1295-byte read response with a payload that contains the preamble (§1.5, §1.10). */
function readResponse(): Uint8Array {
  const data = new Uint8Array(4 + 256 + 1024);
  data.set([0x01, 0x00, 0x04, 0x00]);
  for (let i = 4; i < data.length; i += 1) data[i] = (i * 37) & 0xff;
  data.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04], 700);
  return encodeResponse(0x90, data);
}

const pushAll = (reports: readonly Uint8Array[], host = miaxisHidHostEnvelope()): SamEnvelopeEvent[] =>
  reports.flatMap((r) => host.push(r));

describe('Miaxis HID envelope (protocols.md §1.1)', () => {
  it('wraps a SAM request in one 64-byte host→device report with sum16', () => {
    const report = miaxisHidHostEnvelope().wrap(findCard());
    expect(report).toHaveLength(1);
    expect(report[0]).toHaveLength(MIAXIS_REPORT_BYTES);
    // len = 10 + 1 = 11; sum16 = 0B + 00 + B1 + (AA AA AA 96 69 00 03 20 01 22) = 0x03FF
    expect(hex(report[0]!.subarray(0, 20))).toBe('88 00 00 0B 00 B1 AA AA AA 96 69 00 03 20 01 22 FF 03 00 00');
  });

  it('round-trips a request through the device side and reports vendor commands', () => {
    const device = miaxisHidDeviceEnvelope();
    const [report] = miaxisHidHostEnvelope().wrap(readTextAndPhoto());
    expect(device.unwrap(report!)).toEqual(readTextAndPhoto());
    expect(device.push(encodeMiaxisRequestReport(Uint8Array.of(0xf0), 0xfa))).toEqual([
      { kind: 'vendor', command: 0xfa, payload: Uint8Array.of(0xf0) },
    ]);
    expect(() => encodeMiaxisRequestReport(new Uint8Array(57))).toThrow(RangeError);
  });

  it('splits a 1295-byte response across 24 reports and reassembles it whole', () => {
    const frame = readResponse();
    const reports = miaxisHidDeviceEnvelope().wrap(frame);
    expect(reports).toHaveLength(24);
    expect(reports.every((r) => r.length === MIAXIS_REPORT_BYTES)).toBe(true);
    expect([reports[1]![1], reports[1]![2], reports[23]![3]]).toEqual([1, 0, 53 + 1]);
    const host = miaxisHidHostEnvelope();
    const events = reports.slice(0, 23).flatMap((r) => host.push(r));
    expect(events).toEqual([]);
    expect(host.pendingBytes).toBe(23 * 54);
    expect(host.push(reports[23]!)).toEqual([{ kind: 'sam', bytes: frame }]);
    const framer = new SamFramer();
    expect(framer.push(samBytesOf(pushAll(reports)))).toEqual([{ kind: 'frame', frame }]);
  });

  it('skips a leading report-ID byte', () => {
    const [report] = encodeMiaxisResponseReports(encodeResponse(0x9f, new Uint8Array(4)));
    expect(samBytesOf(pushAll([Uint8Array.from([0x00, ...report!])]))).toEqual(encodeResponse(0x9f, new Uint8Array(4)));
  });

  it('discards a report with a bad sum and then the broken response as a sequence gap', () => {
    const frame = readResponse();
    const reports = encodeMiaxisResponseReports(frame).map((r) => r.slice());
    reports[5]![10]! ^= 0x01;
    const events = pushAll(reports);
    expect(events).toEqual([
      { kind: 'discarded', bytes: 64, reason: 'badChecksum' },
      { kind: 'discarded', bytes: 5 * 54, reason: 'sequenceGap' },
      { kind: 'discarded', bytes: 54, reason: 'sequenceGap' },
      ...Array.from({ length: 16 }, () => ({ kind: 'discarded', bytes: 54, reason: 'sequenceGap' })),
      { kind: 'discarded', bytes: 53, reason: 'sequenceGap' },
    ]);
    expect(samBytesOf(events)).toHaveLength(0);
  });

  it('drops a partial response on a sequence gap and recovers on the next response', () => {
    const frame = readResponse();
    const reports = encodeMiaxisResponseReports(frame);
    const ok = encodeResponse(0x90);
    const host = miaxisHidHostEnvelope();
    const events = pushAll([...reports.slice(0, 3), ...reports.slice(4, 5), ...encodeMiaxisResponseReports(ok)], host);
    expect(events).toEqual([
      { kind: 'discarded', bytes: 3 * 54, reason: 'sequenceGap' },
      { kind: 'discarded', bytes: 54, reason: 'sequenceGap' },
      { kind: 'sam', bytes: ok },
    ]);
  });

  it('reset() drops a partial response as stale; garbage reports are discarded', () => {
    const host = miaxisHidHostEnvelope();
    host.push(encodeMiaxisResponseReports(readResponse())[0]!);
    expect(host.reset()).toEqual([{ kind: 'discarded', bytes: 54, reason: 'stale' }]);
    expect(host.push(new Uint8Array(64).fill(0xff))).toEqual([{ kind: 'discarded', bytes: 64, reason: 'badHeader' }]);
    const badLen = encodeMiaxisResponseReports(encodeResponse(0x90))[0]!.slice();
    badLen[3] = 0x60;
    expect(host.push(badLen)).toEqual([{ kind: 'discarded', bytes: 64, reason: 'badLength' }]);
    expect(host.push(Uint8Array.of(0xaa))).toEqual([{ kind: 'discarded', bytes: 1, reason: 'badHeader' }]);
  });

  it('passes a non-SAM response through for the framer to judge', () => {
    const version = Uint8Array.from(Buffer.from('MIAXIS V1.0'));
    expect(samBytesOf(pushAll(encodeMiaxisResponseReports(version)))).toEqual(version);
  });

  it('never throws and round-trips any response frame (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 5 }), (data, junk) => {
        const frame = encodeResponse(0x90, data);
        const host = miaxisHidHostEnvelope();
        for (const report of junk) host.push(report);
        host.reset();
        expect(samBytesOf(pushAll(miaxisHidDeviceEnvelope().wrap(frame), host))).toEqual(frame);
      }),
      { numRuns: 200 },
    );
  });

  it("the 'none' envelope passes bytes through on both sides", () => {
    const none = noneEnvelope();
    expect(none.wrap(findCard())).toEqual([findCard()]);
    expect(none.unwrap(findCard())).toEqual(findCard());
    expect(none.push(new Uint8Array(0))).toEqual([]);
    expect(none.reset()).toEqual([]);
  });
});
