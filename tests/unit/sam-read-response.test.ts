import { describe, expect, it } from 'vitest';
import {
  decodeAppendedAddress,
  decodeReadResponse,
  formatSamId,
} from '../../hardware/protocols/sam/read-response.js';
import { decodeFrame, encodeResponse } from '../../hardware/protocols/sam/frame.js';
import { decodeIdCardText, encodeIdCardText } from '../../hardware/protocols/sam/id-card-text.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';

const be16 = (n: number): number[] => [n >> 8, n & 0xff];
const text = encodeIdCardText(SPECIMEN_CARDS.resident);
const photo = Uint8Array.from({ length: 1024 }, (_, i) => (i < 3 ? [0x57, 0x4c, 0x66][i]! : i & 0xff));

function payload(parts: { fpLen?: number; photoLen?: number; textLen?: number } = {}): Uint8Array {
  const { fpLen, photoLen = 1024, textLen = 256 } = parts;
  const header = fpLen === undefined ? [...be16(textLen), ...be16(photoLen)] : [...be16(textLen), ...be16(photoLen), ...be16(fpLen)];
  const fp = new Uint8Array(fpLen ?? 0).fill(0x46);
  return Uint8Array.from([...header, ...text, ...photo, ...fp]);
}

describe('read payloads (protocols.md §1.5)', () => {
  it('splits a 30 01 payload taken from a 1295-byte frame', () => {
    const frame = encodeResponse(0x90, payload());
    expect(frame).toHaveLength(1295);
    const response = decodeFrame(frame);
    if (!response.ok) throw new Error(response.error.message);
    const read = decodeReadResponse(response.value.data);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.textBlock).toEqual(text);
    expect(read.value.photo).toEqual(photo);
    expect(read.value.fingerprint).toBeNull();
    const decoded = decodeIdCardText(read.value.textBlock);
    expect(decoded.ok && decoded.value.text).toEqual(SPECIMEN_CARDS.resident);
  });

  it.each([
    [0, 1297, null],
    [0x200, 1809, 0x200],
    [0x400, 2321, 0x400],
  ])('splits a 30 10 payload with fpLen %i (frame %i bytes)', (fpLen, total, fpBytes) => {
    const data = payload({ fpLen });
    expect(encodeResponse(0x90, data)).toHaveLength(total);
    for (const layout of ['auto', 'withFingerprint'] as const) {
      const read = decodeReadResponse(data, layout);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.photo).toEqual(photo);
      expect(read.value.fingerprint?.length ?? null).toBe(fpBytes);
    }
  });

  it('reports a truncated photo, extra bytes and a wrong text length as values', () => {
    const full = payload();
    expect(decodeReadResponse(full.subarray(0, 600), 'textAndPhoto')).toEqual({
      ok: false,
      error: { code: 'truncated', message: 'truncated photo (340 of 1024 bytes): payload 600 of 1284 bytes' },
    });
    expect(decodeReadResponse(full.subarray(0, 600))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decodeReadResponse(Uint8Array.from([...full, 0]), 'textAndPhoto')).toMatchObject({
      ok: false,
      error: { code: 'inconsistentLengths' },
    });
    expect(decodeReadResponse(payload({ textLen: 0x0102 }))).toMatchObject({ ok: false, error: { code: 'badTextLength' } });
    expect(decodeReadResponse(new Uint8Array(0))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decodeReadResponse(payload({ fpLen: 0x400 }).subarray(0, 1800), 'withFingerprint')).toMatchObject({
      ok: false,
      error: { code: 'truncated', message: 'truncated fingerprint: payload 1800 of 2310 bytes' },
    });
  });

  it('trusts the length fields over fixed offsets', () => {
    const read = decodeReadResponse(payload({ photoLen: 1000 }).subarray(0, 4 + 256 + 1000));
    expect(read.ok && read.value.photo).toEqual(photo.subarray(0, 1000));
  });
});

describe('appended address and SAM ID (protocols.md §1.5, §1.6)', () => {
  it('decodes a 70-byte appended address, blank → null', () => {
    const bytes = new Uint8Array(70);
    bytes.set(Buffer.from('江苏省连云港市海州区样例路9号', 'utf16le'));
    bytes.set(Buffer.from('  ', 'utf16le'), 30);
    expect(decodeAppendedAddress(bytes)).toEqual({ ok: true, value: '江苏省连云港市海州区样例路9号' });
    expect(decodeAppendedAddress(Uint8Array.from(Buffer.from(' '.repeat(35), 'utf16le')))).toEqual({ ok: true, value: null });
    expect(decodeAppendedAddress(new Uint8Array(70))).toEqual({ ok: true, value: null });
    expect(decodeAppendedAddress(new Uint8Array(69))).toMatchObject({ ok: false });
    expect(decodeAppendedAddress(Uint8Array.of(0x00, 0xd8, 0x20, 0x00))).toMatchObject({ ok: false });
  });

  it('renders the SAM ID as AA.BB-CCCCCCCC-DDDDDDDDDD-EEEEEEEEEE', () => {
    const bytes = Uint8Array.of(0x05, 0x00, 0x01, 0x00, 0x40, 0xe2, 0x01, 0x00, 0xd2, 0x02, 0x96, 0x49, 0xff, 0xff, 0xff, 0xff);
    expect(formatSamId(bytes)).toBe('05.01-00123456-1234567890-4294967295');
    expect(formatSamId(new Uint8Array(15))).toBeNull();
  });
});
