import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FRAME_BYTES,
  MIN_REQUEST_LEN,
  PREAMBLE,
  SamFramer,
  encodeResponse,
  findCard,
  type SamFrameEvent,
} from '../../hardware/protocols/sam/frame.js';
import { concat, runFramer, split } from '../support/framer-properties.js';

function run(parts: readonly Uint8Array[], framer = new SamFramer()): { events: SamFrameEvent[]; pending: number } {
  return runFramer(framer, parts, MAX_FRAME_BYTES);
}

const frames = (events: readonly SamFrameEvent[]): Uint8Array[] =>
  events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));

const hasPreamble = (bytes: Uint8Array): boolean => Buffer.from(bytes).includes(Buffer.from(PREAMBLE));

/** Payload pieces that often contain the preamble, a plausible LEN, or nothing special. */
const payloadArb = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.constant(Uint8Array.from(PREAMBLE)),
      fc.constant(Uint8Array.of(...PREAMBLE, 0x0a, 0x00)),
      fc.constant(Uint8Array.of(...PREAMBLE, 0x00, 0x04)),
    ),
    { maxLength: 6 },
  )
  .map(concat);
const frameArb = fc.tuple(fc.integer({ min: 0, max: 255 }), payloadArb).map(([sw3, data]) => encodeResponse(sw3, data));
const noiseArb = fc.uint8Array({ maxLength: 120 }).filter((n) => !hasPreamble(n));
const cutsArb = fc.array(fc.nat(), { maxLength: 16 });

describe('SamFramer properties (reliability.md R-V2)', () => {
  it('recovers every valid frame embedded in noise, in order, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(noiseArb, frameArb), { maxLength: 6 }), noiseArb, cutsArb, (pairs, tail, cuts) => {
        const stream = concat([...pairs.flatMap(([noise, frame]) => [noise, frame]), tail]);
        const whole = run([stream]);
        expect(frames(whole.events)).toEqual(pairs.map(([, frame]) => frame));
        const chunked = run(split(stream, cuts));
        expect(chunked).toEqual(whole);
        const accounted = whole.events.reduce((n, e) => n + (e.kind === 'frame' ? e.frame.length : e.bytes), 0);
        expect(accounted + whole.pending).toBe(stream.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, is chunking-invariant and stays below one max frame on arbitrary bytes', () => {
    const adversarial = fc
      .array(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.constant(Uint8Array.from(PREAMBLE)),
          fc.tuple(fc.nat(0xffff)).map(([len]) => Uint8Array.of(...PREAMBLE, len >> 8, len & 0xff)),
          frameArb,
        ),
        { maxLength: 12 },
      )
      .map(concat);
    fc.assert(
      fc.property(adversarial, cutsArb, (stream, cuts) => {
        const whole = run([stream]);
        expect(run(split(stream, cuts))).toEqual(whole);
        expect(run([...stream].map((b) => Uint8Array.of(b)))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SamFramer edge cases (reliability.md table (c), ID-card reader frames)', () => {
  const good = encodeResponse(0x90, Uint8Array.of(1, 2, 3));

  it('delivers two frames in one read and 1-byte chunks alike', () => {
    const stream = concat([good, encodeResponse(0x9f, new Uint8Array(4))]);
    const oneRead = run([stream]);
    expect(frames(oneRead.events)).toHaveLength(2);
    expect(run([...stream].map((b) => Uint8Array.of(b)))).toEqual(oneRead);
  });

  it('keeps a frame whole when its photo payload contains the preamble and a LEN', () => {
    const photo = new Uint8Array(1024).fill(0x11);
    photo.set([...PREAMBLE, 0x00, 0x04, 0x00, 0x00, 0x90, 0x94], 100);
    const frame = encodeResponse(0x90, concat([Uint8Array.of(1, 0, 4, 0), new Uint8Array(256), photo]));
    expect(run([concat([Uint8Array.of(0xff, 0xaa), frame])]).events).toEqual([
      { kind: 'discarded', bytes: 2, reason: 'noise' },
      { kind: 'frame', frame },
    ]);
  });

  it.each([
    ['LEN 0', Uint8Array.of(...PREAMBLE, 0x00, 0x00)],
    ['LEN 1', Uint8Array.of(...PREAMBLE, 0x00, 0x01)],
    ['LEN 0xFFFF', Uint8Array.of(...PREAMBLE, 0xff, 0xff)],
    ['LEN 0x0A01', Uint8Array.of(...PREAMBLE, 0x0a, 0x01)],
  ])('rejects %s by dropping one byte, then finds the next frame', (_name, bad) => {
    expect(run([concat([bad, good])]).events).toEqual([
      { kind: 'discarded', bytes: 1, reason: 'badLength' },
      { kind: 'discarded', bytes: bad.length - 1, reason: 'noise' },
      { kind: 'frame', frame: good },
    ]);
  });

  it('resyncs after a bad checksum, dropping only the first byte of the candidate', () => {
    const corrupt = good.slice();
    corrupt[corrupt.length - 1]! ^= 0x01;
    expect(run([concat([corrupt, good])]).events).toEqual([
      { kind: 'discarded', bytes: 1, reason: 'badChecksum' },
      { kind: 'discarded', bytes: corrupt.length - 1, reason: 'noise' },
      { kind: 'frame', frame: good },
    ]);
  });

  it('waits on a LEN larger than the frame, then recovers the real frame inside', () => {
    const lying = Uint8Array.of(...PREAMBLE, 0x00, 0x40, 0x00, 0x00, 0x90);
    const framer = new SamFramer();
    expect(run([concat([lying, good])], framer).events).toEqual([]);
    const after = run([new Uint8Array(0x40)], framer).events;
    expect(after[0]).toEqual({ kind: 'discarded', bytes: 1, reason: 'badChecksum' });
    expect(frames(after)).toEqual([good]);
  });

  it('treats a partial preamble (AA AA 96 69) as noise', () => {
    const partial = Uint8Array.of(0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x90, 0x94);
    expect(run([concat([partial, good])]).events).toEqual([
      { kind: 'discarded', bytes: partial.length, reason: 'noise' },
      { kind: 'frame', frame: good },
    ]);
  });

  it('holds a preamble split across reads', () => {
    const framer = new SamFramer();
    expect(framer.push(good.subarray(0, 3))).toEqual([]);
    expect(framer.pendingBytes).toBe(3);
    expect(framer.push(good.subarray(3))).toEqual([{ kind: 'frame', frame: good }]);
  });

  it.each([
    ['00', 0x00],
    ['FF', 0xff],
  ])('discards a flood of %s bytes as noise and holds nothing', (_name, byte) => {
    const { events, pending } = run([new Uint8Array(100_000).fill(byte)]);
    expect(events).toEqual([{ kind: 'discarded', bytes: 100_000, reason: 'noise' }]);
    expect(pending).toBe(0);
  });

  it('drops the echo of our own request (LEN 3) on the host side, keeps it on the simulator side', () => {
    const echo = findCard();
    expect(run([concat([echo, good])]).events).toEqual([
      { kind: 'discarded', bytes: 1, reason: 'badLength' },
      { kind: 'discarded', bytes: echo.length - 1, reason: 'noise' },
      { kind: 'frame', frame: good },
    ]);
    expect(frames(run([echo], new SamFramer({ minLen: MIN_REQUEST_LEN })).events)).toEqual([echo]);
  });

  it('reset() drops a partial frame as stale and reports nothing when empty', () => {
    const framer = new SamFramer();
    framer.push(good.subarray(0, 9));
    expect(framer.reset()).toEqual([{ kind: 'discarded', bytes: 9, reason: 'stale' }]);
    expect(framer.pendingBytes).toBe(0);
    expect(framer.reset()).toEqual([]);
    expect(framer.push(good)).toEqual([{ kind: 'frame', frame: good }]);
  });

  it('survives a 2 MB random flood and a flood of plausible maximal headers', () => {
    const random = new Uint8Array(2_000_000);
    for (let i = 0; i < random.length; i += 1) random[i] = (i * 2_654_435_761) >>> 24;
    expect(run([random]).pending).toBeLessThan(MAX_FRAME_BYTES);
    const header = Uint8Array.of(...PREAMBLE, 0x0a, 0x00);
    const headers = concat(Array.from({ length: 20_000 }, () => header));
    // Some windows of this pattern XOR to zero and are frames by the rules; only bounds matter.
    const { events, pending } = run([headers]);
    const accounted = events.reduce((n, e) => n + (e.kind === 'frame' ? e.frame.length : e.bytes), 0);
    expect(accounted + pending).toBe(headers.length);
    expect(pending).toBeLessThan(MAX_FRAME_BYTES);
  });
});
