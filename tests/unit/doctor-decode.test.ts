import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeSamCapture, parseHexInput } from '../../hardware/cli/decode-sam.js';
import { runDoctor, type DoctorIo } from '../../hardware/cli/doctor.js';
import {
  encodeResponse,
  findCard,
  readAppendedAddress,
  readSamId,
  readTextAndPhoto,
  readWithFingerprint,
} from '../../hardware/protocols/sam/frame.js';
import { encodeIdCardText } from '../../hardware/protocols/sam/id-card-text.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const photo = Uint8Array.from({ length: 1024 }, (_, i) => (i < 3 ? [0x57, 0x4c, 0x66][i]! : 0x11));

function readPayload(text: Uint8Array, fpLen?: number): Uint8Array {
  const header = fpLen === undefined ? [0x01, 0x00, 0x04, 0x00] : [0x01, 0x00, 0x04, 0x00, fpLen >> 8, fpLen & 0xff];
  return concat(Uint8Array.from(header), text, photo, new Uint8Array(fpLen ?? 0));
}

function capture(): { io: DoctorIo; out: string[]; errors: string[] } {
  const out: string[] = [];
  const errors: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => errors.push(t), readStdin: () => Promise.resolve('AA AA AA 96 69 00 03 20 01 22') }, out, errors };
}

describe('doctor decode sam', () => {
  it('parses hex with spaces, colons, newlines and 0x; rejects non-hex and odd digits', () => {
    expect(parseHexInput('aa:BB cc\n0xDD,0x0e')).toEqual({ ok: true, value: Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd, 0x0e) });
    expect(parseHexInput('aa zz')).toEqual({ ok: false, error: 'not hex: unexpected character "z"' });
    expect(parseHexInput('aab')).toEqual({ ok: false, error: 'odd number of hex digits (3)' });
    expect(parseHexInput('  ')).toMatchObject({ ok: false });
  });

  it('decodes a whole read cycle with noise, unmasked', () => {
    const samId = Uint8Array.of(0x05, 0x00, 0x01, 0x00, 0x40, 0xe2, 0x01, 0x00, 0xd2, 0x02, 0x96, 0x49, 0x01, 0x00, 0x00, 0x00);
    const address = Uint8Array.from(Buffer.from('江苏省连云港市海州区样例路9号'.padEnd(35, ' '), 'utf16le'));
    const bytes = concat(
      Uint8Array.of(0xff, 0x00),
      readSamId(),
      encodeResponse(0x90, samId),
      findCard(),
      encodeResponse(0x9f, new Uint8Array(4)),
      readTextAndPhoto(),
      encodeResponse(0x90, readPayload(encodeIdCardText(SPECIMEN_CARDS.resident))),
      readAppendedAddress(),
      encodeResponse(0x90, address),
      readWithFingerprint(),
      encodeResponse(0x90, readPayload(encodeIdCardText(SPECIMEN_CARDS.hk), 0x200)),
    );
    const entries = decodeSamCapture(bytes);
    expect(entries.map((e) => [e.offset, e.kind, e.kind === 'request' ? e.command : e.kind === 'response' ? e.status : e.reason])).toEqual([
      [0, 'discarded', 'noise'],
      [2, 'request', 'readSamId'],
      [12, 'response', 'ok'],
      [39, 'request', 'findCard'],
      [49, 'response', 'findOk'],
      [64, 'request', 'readTextAndPhoto'],
      [74, 'response', 'ok'],
      [1369, 'request', 'readAppendedAddress'],
      [1379, 'response', 'ok'],
      [1460, 'request', 'readWithFingerprint'],
      [1470, 'response', 'ok'],
    ]);
    const decoded = entries.flatMap((e) => (e.kind === 'response' && e.decoded !== undefined ? [e.decoded] : []));
    expect(decoded[0]).toEqual({ samId: '05.01-00123456-1234567890-0000000001' });
    expect(decoded[1]).toMatchObject({ text: SPECIMEN_CARDS.resident, warnings: [], photo: { bytes: 1024, header: '57 4C 66 11 11 11 11 11' }, fingerprint: null });
    expect(decoded[2]).toEqual({ appendedAddress: '江苏省连云港市海州区样例路9号' });
    expect(decoded[3]).toMatchObject({ text: SPECIMEN_CARDS.hk, fingerprint: { bytes: 0x200 } });
  });

  it('shows a bad-checksum frame, the resync and an incomplete tail', () => {
    const bad = encodeResponse(0x41);
    bad[bad.length - 1]! ^= 0x01;
    const entries = decodeSamCapture(concat(bad, findCard().subarray(0, 6)));
    expect(entries).toEqual([
      { offset: 0, kind: 'response', length: 11, checksumOk: false, status: 'readFailed', sw: '00 00 41', message: expect.any(String) as unknown },
      { offset: 0, kind: 'discarded', bytes: 1, reason: 'badChecksum', hex: 'AA' },
      { offset: 1, kind: 'discarded', bytes: 10, reason: 'noise', hex: 'AA AA 96 69 00 04 00 00 41 44' },
      { offset: 11, kind: 'discarded', bytes: 6, reason: 'incomplete', hex: 'AA AA AA 96 69 00' },
    ]);
  });

  it('routes: JSON on stdout, stdin with -, --help, unknown command', async () => {
    const ok = capture();
    expect(await runDoctor(['decode', 'sam', '--json', toHex(findCard())], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.join(''))).toMatchObject([{ kind: 'request', command: 'findCard' }]);
    const stdin = capture();
    expect(await runDoctor(['decode', 'sam', '-'], stdin.io)).toBe(0);
    expect(stdin.out.join('')).toContain('findCard');
    const help = capture();
    expect(await runDoctor(['decode', '--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('UNMASKED');
    const unknown = capture();
    expect(await runDoctor(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.errors.join('')).toMatch(/^doctor: unknown command "frobnicate"/u);
    const noProtocol = capture();
    expect(await runDoctor(['decode', 'escpos', 'aa'], noProtocol.io)).toBe(2);
  });

  it('exits 2 with one line on stderr for bad hex (spawned CLI)', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts', 'decode', 'sam', 'AA', 'ZZ'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('doctor: decode sam: not hex: unexpected character "Z"\n');
  });
});
