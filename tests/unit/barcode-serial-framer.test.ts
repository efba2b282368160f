import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SerialFramer, type SerialFrame, type SerialFramerOptions, type SerialSuffix } from '../../hardware/protocols/barcode/serial-framer.js';
import { split } from '../support/framer-properties.js';

const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

function frameAll(parts: readonly Uint8Array[], options: SerialFramerOptions): SerialFrame[] {
  const framer = new SerialFramer(options);
  const frames = parts.flatMap((part) => framer.push(part));
  const last = framer.flush();
  return last === null ? frames : [...frames, last];
}

const texts = (frames: readonly SerialFrame[]): string[] =>
  frames.map((frame) => (frame.kind === 'symbol' ? `${frame.aimId ?? ''}|${Buffer.from(frame.bytes).toString('latin1')}|${frame.endedBy}` : `tooLong ${frame.bytes}`));

describe('SerialFramer', () => {
  it('frames on CR, LF or CRLF as configured', () => {
    expect(texts(frameAll([ascii('A1\rB2\r')], { suffix: 'cr' }))).toEqual(['|A1|suffix', '|B2|suffix']);
    expect(texts(frameAll([ascii('A1\nB2\n')], { suffix: 'lf' }))).toEqual(['|A1|suffix', '|B2|suffix']);
    expect(texts(frameAll([ascii('A\r1\r\nB2\r\n')], { suffix: 'crlf' }))).toEqual(['|A\r1|suffix', '|B2|suffix']);
    // CRLF read with suffix cr: the LF starts the next symbol.
    expect(texts(frameAll([ascii('A1\r\nB2\r\n')], { suffix: 'cr' }))).toEqual(['|A1|suffix', '|\nB2|suffix', '|\n|idle']);
  });

  it('accepts all three suffixes in auto mode, even with CRLF torn between reads', () => {
    expect(texts(frameAll([ascii('A\rB\nC\r'), ascii('\nD\r\n')], { suffix: 'auto' }))).toEqual(['|A|suffix', '|B|suffix', '|C|suffix', '|D|suffix']);
  });

  it('frames on the idle gap with suffix none, or when the suffix was dropped', () => {
    expect(texts(frameAll([ascii('6901234567892')], { suffix: 'none' }))).toEqual(['|6901234567892|idle']);
    expect(texts(frameAll([ascii('6901234567892')], { suffix: 'auto' }))).toEqual(['|6901234567892|idle']);
    // crlf mode: a CR whose LF never came is still a suffix.
    expect(texts(frameAll([ascii('X\r')], { suffix: 'crlf' }))).toEqual(['|X|suffix']);
  });

  it('splits off an AIM prefix when enabled', () => {
    expect(texts(frameAll([ascii(']Q1hello\r]E04006381333931\rnoaim\r')], { hasAimPrefix: true }))).toEqual([
      ']Q1|hello|suffix',
      ']E0|4006381333931|suffix',
      '|noaim|suffix',
    ]);
    expect(texts(frameAll([ascii(']Q1hello\r')], {}))).toEqual(['|]Q1hello|suffix']);
  });

  it('discards a symbol over the cap with a tooLong frame and goes on', () => {
    expect(texts(frameAll([ascii(`${'x'.repeat(20)}\rok\r`)], { maxBytes: 10 }))).toEqual(['tooLong 20', '|ok|suffix']);
  });

  it('ignores empty lines', () => {
    expect(frameAll([ascii('\r\r\n\n')], { suffix: 'auto' })).toEqual([]);
  });
});

describe('SerialFramer properties', () => {
  const suffixArb = fc.constantFrom<SerialSuffix>('cr', 'lf', 'crlf', 'auto', 'none');
  const streamArb = fc.array(fc.oneof(fc.constantFrom(0x0d, 0x0a, 0x5d, 0x51, 0x31), fc.integer({ min: 0, max: 255 })), { maxLength: 400 }).map((a) => Uint8Array.from(a));

  it('never throws and frames the same however the stream is chunked', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat(), { maxLength: 20 }), suffixArb, fc.boolean(), (bytes, cuts, suffix, hasAimPrefix) => {
        const options = { suffix, hasAimPrefix, maxBytes: 50 };
        expect(frameAll(split(bytes, cuts), options)).toEqual(frameAll([bytes], options));
      }),
    );
  });
});
