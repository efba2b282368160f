import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PAD_DATA_BYTES,
  MAX_PAD_FRAME_BYTES,
  PadFramer,
  STX,
  decodeCommand,
  decodeReply,
  encodeCommand,
  encodeFrame,
  encodeReply,
  type PadFrame,
  type PadFrameEvent,
} from '../../hardware/protocols/evaluation-pad/serial-pad-frame.js';
import { concat, runFramer, split } from '../support/framer-properties.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/gu, '$1 ');

function run(parts: readonly Uint8Array[], framer = new PadFramer()): { events: PadFrameEvent[]; pending: number } {
  return runFramer(framer, parts, MAX_PAD_FRAME_BYTES);
}

const frames = (events: readonly PadFrameEvent[]): PadFrame[] => events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));

describe('serial pad frames: golden bytes', () => {
  it('encodes the host commands', () => {
    expect(hex(encodeCommand(1, { kind: 'start' }))).toBe('02 01 53 00 03 51');
    expect(hex(encodeCommand(1, { kind: 'start', promptId: 7 }))).toBe('02 01 53 01 07 03 57');
    expect(hex(encodeCommand(1, { kind: 'cancel' }))).toBe('02 01 43 00 03 41');
    expect(hex(encodeCommand(1, { kind: 'query' }))).toBe('02 01 51 00 03 53');
    expect(hex(encodeCommand(12, { kind: 'start' }))).toBe('02 0c 53 00 03 5c');
  });

  it('encodes the pad replies', () => {
    expect(hex(encodeReply(1, { kind: 'ack', of: 'start' }))).toBe('02 01 41 01 53 03 11');
    expect(hex(encodeReply(1, { kind: 'ack', of: 'cancel' }))).toBe('02 01 41 01 43 03 01');
    expect(hex(encodeReply(1, { kind: 'key', code: 0x35 }))).toBe('02 01 4b 01 35 03 7d');
    expect(hex(encodeReply(1, { kind: 'identity', model: 'EP5', firmware: '1.2' }))).toBe('02 01 71 07 45 50 35 3b 31 2e 32 03 42');
  });

  it('decodes what it encodes', () => {
    const framer = new PadFramer();
    const replies = [
      { kind: 'ack', of: 'start' },
      { kind: 'ack', of: 'cancel' },
      { kind: 'key', code: 0x02 },
      { kind: 'identity', model: 'SIM-EP5', firmware: '1.0.0' },
    ] as const;
    for (const reply of replies) {
      const [event] = framer.push(encodeReply(3, reply));
      expect(event?.kind).toBe('frame');
      if (event?.kind === 'frame') {
        expect(event.frame.address).toBe(3);
        expect(decodeReply(event.frame)).toEqual(reply);
        expect(decodeCommand(event.frame)).toBeNull();
      }
    }
    const commands = [{ kind: 'query' }, { kind: 'start' }, { kind: 'start', promptId: 255 }, { kind: 'cancel' }] as const;
    for (const command of commands) {
      const [event] = framer.push(encodeCommand(200, command));
      if (event?.kind !== 'frame') throw new Error('no frame');
      expect(decodeCommand(event.frame)).toEqual(command);
      // A half-duplex adapter echoes our own commands: they are no replies.
      expect(decodeReply(event.frame)).toBeNull();
    }
  });

  it('refuses malformed reply bodies', () => {
    const frame = (cmd: number, ...data: number[]): PadFrame => ({ address: 1, cmd, data: Uint8Array.from(data) });
    expect(decodeReply(frame(0x41))).toBeNull();
    expect(decodeReply(frame(0x41, 0x51))).toBeNull();
    expect(decodeReply(frame(0x4b))).toBeNull();
    expect(decodeReply(frame(0x4b, 0x31, 0x32))).toBeNull();
    expect(decodeReply(frame(0x7a, 0x31))).toBeNull();
    expect(decodeReply(frame(0x71, 0x45, 0x07))).toEqual({ kind: 'identity', model: 'E?', firmware: '' });
  });

  it('cuts data beyond the cap and keeps the identity printable', () => {
    expect(encodeFrame(1, 0x71, new Uint8Array(100)).length).toBe(MAX_PAD_FRAME_BYTES);
    const long = encodeReply(1, { kind: 'identity', model: 'a;b\u00e9', firmware: 'x'.repeat(40) });
    const [event] = new PadFramer().push(long);
    if (event?.kind !== 'frame') throw new Error('no frame');
    expect(decodeReply(event.frame)).toEqual({ kind: 'identity', model: 'a_b?', firmware: 'x'.repeat(MAX_PAD_DATA_BYTES - 5) });
  });
});

describe('PadFramer', () => {
  const key = encodeReply(1, { kind: 'key', code: 0x35 });
  const ack = encodeReply(1, { kind: 'ack', of: 'start' });

  it('resyncs after noise, bad LEN, bad ETX and bad BCC', () => {
    const badBcc = Uint8Array.from(key);
    badBcc[badBcc.length - 1] = (badBcc.at(-1) ?? 0) ^ 0xff;
    const badEtx = Uint8Array.from(ack);
    badEtx[5] = 0x04;
    const stream = concat([Uint8Array.of(0x00, 0xff), Uint8Array.of(STX, 1, 0x4b, 0x7f), badBcc, badEtx, ack, key]);
    const { events, pending } = run([stream]);
    expect(frames(events).map(decodeReply)).toEqual([
      { kind: 'ack', of: 'start' },
      { kind: 'key', code: 0x35 },
    ]);
    const reasons = events.flatMap((e) => (e.kind === 'discarded' ? [e.reason] : []));
    expect(reasons).toEqual(expect.arrayContaining(['noise', 'badLength', 'badChecksum', 'badTerminator']));
    expect(pending).toBe(0);
  });

  it('holds a partial frame until it completes, and expire() frees frames held behind a false STX', () => {
    const framer = new PadFramer();
    expect(framer.push(key.subarray(0, 3))).toEqual([]);
    expect(framer.pendingBytes).toBe(3);
    expect(frames(framer.push(key.subarray(3)))).toHaveLength(1);

    // A false STX whose LEN (20) swallows the real frame behind it.
    expect(framer.push(concat([Uint8Array.of(STX, 9, 0x4b, 20), key]))).toEqual([]);
    expect(framer.pendingBytes).toBe(4 + key.length);
    const expired = framer.expire();
    expect(frames(expired).map(decodeReply)).toEqual([{ kind: 'key', code: 0x35 }]);
    expect(expired[0]).toEqual({ kind: 'discarded', bytes: 1, reason: 'stale' });
    expect(framer.pendingBytes).toBe(0);
    expect(framer.expire()).toEqual([]);
  });

  it('reset() drops the partial frame', () => {
    const framer = new PadFramer();
    framer.push(key.subarray(0, 5));
    expect(framer.reset()).toEqual([{ kind: 'discarded', bytes: 5, reason: 'stale' }]);
    expect(framer.pendingBytes).toBe(0);
    expect(framer.reset()).toEqual([]);
  });
});

describe('PadFramer properties', () => {
  const replyArb = fc.oneof(
    fc.constantFrom({ kind: 'ack', of: 'start' } as const, { kind: 'ack', of: 'cancel' } as const),
    fc.integer({ min: 0, max: 255 }).map((code) => ({ kind: 'key', code }) as const),
    fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([model, firmware]) => ({ kind: 'identity', model, firmware }) as const),
  );
  const frameArb = fc.tuple(fc.integer({ min: 1, max: 254 }), replyArb).map(([address, reply]) => encodeReply(address, reply));
  const noiseArb = fc.uint8Array({ maxLength: 60 }).filter((n) => !n.includes(STX));
  const cutsArb = fc.array(fc.nat(), { maxLength: 16 });

  it('finds every frame whatever the chunking, with STX-free noise between them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(noiseArb, frameArb), { maxLength: 8 }), cutsArb, (pairs, cuts) => {
        const stream = concat(pairs.flat());
        const whole = run([stream]);
        const chunked = run(split(stream, cuts));
        expect(chunked).toEqual(whole);
        expect(frames(whole.events).map((f) => hex(encodeFrame(f.address, f.cmd, f.data)))).toEqual(pairs.map(([, frame]) => hex(frame)));
        expect(whole.pending).toBe(0);
      }),
    );
  });

  it('is chunking-invariant and bounded on arbitrary bytes, never throws', () => {
    const streamArb = fc
      .array(fc.oneof(fc.uint8Array({ maxLength: 50 }), frameArb, fc.constant(Uint8Array.of(STX)), fc.constant(Uint8Array.of(STX, 1, 0x4b))), { maxLength: 12 })
      .map(concat);
    fc.assert(
      fc.property(streamArb, cutsArb, (stream, cuts) => {
        const whole = run([stream]);
        const chunked = run(split(stream, cuts));
        expect(chunked).toEqual(whole);
        const consumed = whole.events.reduce((n, e) => n + (e.kind === 'frame' ? e.frame.data.length + 6 : e.bytes), 0);
        expect(consumed + whole.pending).toBe(stream.length);
      }),
    );
  });

  it('after expire() nothing is pending and no byte is unaccounted for', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (stream) => {
        const framer = new PadFramer();
        const events = [...framer.push(stream), ...framer.expire()];
        expect(framer.pendingBytes).toBe(0);
        const consumed = events.reduce((n, e) => n + (e.kind === 'frame' ? e.frame.data.length + 6 : e.bytes), 0);
        expect(consumed).toBe(stream.length);
      }),
    );
  });
});
