import { describe, expect, it } from 'vitest';
import {
  BAUD_RATE_PARA,
  MAX_LEN,
  SAM_STATUS_CODES,
  decodeFrame,
  decodeRequest,
  encodeRequest,
  encodeResponse,
  findCard,
  readAppendedAddress,
  readSamId,
  readTextAndPhoto,
  readWithFingerprint,
  resetSam,
  samCommandName,
  samStatus,
  selectCard,
  setBaudRate,
  setMaxFrameBytes,
  type SamBaudRate,
  type SamStatus,
} from '../../hardware/protocols/sam/frame.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase().replace(/(..)(?!$)/gu, '$1 ');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/gu, ''), 'hex'));

describe('GA 467 request frames (protocols.md §1.2, §1.3)', () => {
  it.each([
    ['resetSam', resetSam(), 'AA AA AA 96 69 00 03 10 FF EC'],
    ['samStatus', samStatus(), 'AA AA AA 96 69 00 03 11 FF ED'],
    ['readSamId', readSamId(), 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', findCard(), 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', selectCard(), 'AA AA AA 96 69 00 03 20 02 21'],
    ['readTextAndPhoto', readTextAndPhoto(), 'AA AA AA 96 69 00 03 30 01 32'],
    ['readWithFingerprint', readWithFingerprint(), 'AA AA AA 96 69 00 03 30 10 23'],
    ['readAppendedAddress', readAppendedAddress(), 'AA AA AA 96 69 00 03 30 03 30'],
    ['setBaudRate(115200)', setBaudRate(115200), 'AA AA AA 96 69 00 03 60 00 63'],
    ['setBaudRate(9600)', setBaudRate(9600), 'AA AA AA 96 69 00 03 60 04 67'],
    ['setMaxFrameBytes(0x50)', setMaxFrameBytes(0x50), 'AA AA AA 96 69 00 03 61 50 32'],
  ])('%s has golden bytes', (_name, bytes, golden) => {
    expect(hex(bytes)).toBe(golden);
  });

  it('names every command of §1.3 back from its bytes', () => {
    const cases: [Uint8Array, string][] = [
      [resetSam(), 'resetSam'],
      [samStatus(), 'samStatus'],
      [readSamId(), 'readSamId'],
      [findCard(), 'findCard'],
      [selectCard(), 'selectCard'],
      [readTextAndPhoto(), 'readTextAndPhoto'],
      [readWithFingerprint(), 'readWithFingerprint'],
      [readAppendedAddress(), 'readAppendedAddress'],
      [setBaudRate(38400), 'setBaudRate'],
      [setMaxFrameBytes(200), 'setMaxFrameBytes'],
    ];
    for (const [bytes, name] of cases) {
      const decoded = decodeRequest(bytes);
      expect(decoded.ok && decoded.value.command).toBe(name);
    }
    expect(samCommandName(0x77, 0x01)).toBe('unknown');
  });

  it('encodes request data and round-trips it', () => {
    const bytes = encodeRequest(0xfa, 0x11, Uint8Array.of(1, 2, 3));
    expect(hex(bytes)).toBe('AA AA AA 96 69 00 06 FA 11 01 02 03 ED');
    expect(decodeRequest(bytes)).toEqual({ ok: true, value: { cmd: 0xfa, para: 0x11, command: 'unknown', data: Uint8Array.of(1, 2, 3) } });
  });

  it('throws on caller bugs: non-byte CMD/PARA, unsupported rate, oversize data', () => {
    expect(() => encodeRequest(0x100, 0)).toThrow(RangeError);
    expect(() => encodeRequest(0x30, -1)).toThrow(RangeError);
    expect(() => setMaxFrameBytes(256)).toThrow(RangeError);
    expect(() => setBaudRate(4800 as SamBaudRate)).toThrow(RangeError);
    expect(() => encodeResponse(0x90, new Uint8Array(MAX_LEN))).toThrow(RangeError);
    expect(encodeResponse(0x90, new Uint8Array(MAX_LEN - 4))).toHaveLength(7 + MAX_LEN);
    expect(Object.keys(BAUD_RATE_PARA)).toHaveLength(5);
  });
});

describe('GA 467 response frames (protocols.md §1.4, §1.5)', () => {
  it('encodes the well-known find-OK and status-OK replies', () => {
    expect(hex(encodeResponse(0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(hex(encodeResponse(0x90))).toBe('AA AA AA 96 69 00 04 00 00 90 94');
  });

  it('decodes a find-OK without its 4 data bytes (§1.9)', () => {
    expect(decodeFrame(fromHex('AA AA AA 96 69 00 04 00 00 9F 9B'))).toEqual({
      ok: true,
      value: { sw1: 0, sw2: 0, sw3: 0x9f, status: 'findOk', data: new Uint8Array(0) },
    });
  });

  it('names every SW3 of §1.4 and keeps unknown codes raw', () => {
    for (const [name, code] of Object.entries(SAM_STATUS_CODES)) {
      const decoded = decodeFrame(encodeResponse(code));
      expect(decoded.ok && decoded.value.status).toBe(name as SamStatus);
    }
    const unknown = decodeFrame(encodeResponse(0x55));
    expect(unknown.ok && [unknown.value.status, unknown.value.sw3]).toEqual(['unknown', 0x55]);
  });

  it('decodes a 1295-byte read response (§1.5)', () => {
    const payload = new Uint8Array(4 + 256 + 1024);
    payload.set([0x01, 0x00, 0x04, 0x00]);
    payload.fill(0x20, 4, 260);
    payload.set([0x57, 0x4c, 0x66], 260);
    const frame = encodeResponse(0x90, payload);
    expect(frame).toHaveLength(1295);
    expect([frame[5], frame[6]]).toEqual([0x05, 0x08]);
    const decoded = decodeFrame(frame);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.status).toBe('ok');
    expect(decoded.value.data).toEqual(payload);
    expect(frame[270]).toBe(0x57); // photo at offset 270 of the full frame
  });

  it('returns errors for malformed frames instead of throwing', () => {
    const good = encodeResponse(0x90, Uint8Array.of(1, 2));
    const badChk = good.slice();
    badChk[badChk.length - 1]! ^= 0xff;
    const badPre = good.slice();
    badPre[3] = 0x00;
    expect(decodeFrame(new Uint8Array(0))).toMatchObject({ ok: false, error: { reason: 'tooShort' } });
    expect(decodeFrame(badChk)).toMatchObject({ ok: false, error: { reason: 'badChecksum' } });
    expect(decodeFrame(badPre)).toMatchObject({ ok: false, error: { reason: 'badPreamble' } });
    expect(decodeFrame(good.subarray(0, good.length - 1))).toMatchObject({ ok: false, error: { reason: 'badLength' } });
    expect(decodeFrame(fromHex('AA AA AA 96 69 FF FF 00 00 90 6F'))).toMatchObject({ ok: false, error: { reason: 'badLength' } });
    // A request is too short to be a response (LEN 3 < 4).
    expect(decodeFrame(findCard())).toMatchObject({ ok: false, error: { reason: 'badLength' } });
  });
});
