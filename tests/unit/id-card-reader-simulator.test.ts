import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SamFramer,
  decodeFrame,
  encodeResponse,
  findCard,
  readAppendedAddress,
  readSamId,
  readTextAndPhoto,
  readWithFingerprint,
  resetSam,
  samStatus,
  selectCard,
  encodeRequest,
  type SamResponse,
} from '../../hardware/protocols/sam/frame.js';
import { decodeIdCardText, decodeReadResponse } from '../../hardware/protocols/sam/id-card-text.js';
import { encodeMiaxisRequestReport, miaxisHidDeviceEnvelope, miaxisHidHostEnvelope } from '../../hardware/protocols/sam/miaxis-hid-envelope.js';
import { IdCardReaderSimulator, SIMULATED_SAM_ID, type IdCardReaderSimulatorOptions } from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { DEFAULT_GARBAGE } from '../../hardware/simulators/id-card-reader/faults.js';
import { simulatedCard, wltPhoto } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { createMemoryPair, type MemoryTransport } from '../../hardware/transports/memory-transport.js';

interface Bench {
  readonly simulator: IdCardReaderSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly chunks: Uint8Array[];
  /** Sends `request` and resolves with the next whole reply frame from the host side. */
  readonly ask: (request: Uint8Array) => Promise<SamResponse>;
}

let benches: Bench[] = [];

async function makeBench(options: IdCardReaderSimulatorOptions = {}): Promise<Bench> {
  const [host, device] = createMemoryPair({ names: ['memory:host', 'memory:sim'] });
  await host.open();
  await device.open();
  const simulator = new IdCardReaderSimulator(options);
  simulator.attach(device);
  const framer = new SamFramer();
  const chunks: Uint8Array[] = [];
  const frames: Uint8Array[] = [];
  host.onData((bytes) => {
    chunks.push(new Uint8Array(bytes));
    for (const event of framer.push(bytes)) if (event.kind === 'frame') frames.push(event.frame);
  });
  const ask = async (request: Uint8Array): Promise<SamResponse> => {
    const seen = frames.length;
    // Like the driver: flush any partial frame before each command (§1.2).
    framer.reset();
    await host.write(request);
    for (let elapsed = 0; frames.length === seen; elapsed += 10) {
      if (elapsed > 10_000) throw new Error('no reply within 10 s of fake time');
      await vi.advanceTimersByTimeAsync(10);
    }
    const reply = decodeFrame(frames[seen] ?? new Uint8Array(0));
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  };
  const bench = { simulator, host, device, chunks, ask };
  benches.push(bench);
  return bench;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const bench of benches) {
    await bench.simulator.whenIdle();
    await bench.host.close();
    await bench.device.close();
  }
  benches = [];
  vi.useRealTimers();
});

describe('IdCardReaderSimulator SAM commands', () => {
  it('answers 10 FF, 11 FF and 12 FF byte-exact', async () => {
    const { ask, chunks } = await makeBench();
    expect(await ask(resetSam())).toMatchObject({ sw3: 0x90, data: new Uint8Array(0) });
    expect(chunks[0]).toEqual(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x90, 0x94));
    expect(await ask(samStatus())).toMatchObject({ sw3: 0x90 });
    expect(await ask(readSamId())).toMatchObject({ sw3: 0x90, data: SIMULATED_SAM_ID });
  });

  it('answers 21 to an unknown command and 10 to a request with a bad checksum', async () => {
    const { ask } = await makeBench();
    expect(await ask(encodeRequest(0x42, 0x42))).toMatchObject({ sw3: 0x21 });
    const damaged = findCard();
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 1;
    expect(await ask(damaged)).toMatchObject({ sw3: 0x10 });
  });

  it('records every command with its time', async () => {
    const { ask, simulator } = await makeBench();
    await ask(findCard());
    await vi.advanceTimersByTimeAsync(300);
    await ask(selectCard());
    expect(simulator.received.map((r) => [r.command, r.cmd, r.para])).toEqual([
      ['findCard', 0x20, 0x01],
      ['selectCard', 0x20, 0x02],
    ]);
    expect((simulator.received[1]?.atMs ?? 0) - (simulator.received[0]?.atMs ?? 0)).toBeGreaterThanOrEqual(300);
  });
});

describe('IdCardReaderSimulator physical model', () => {
  it('finds only fresh cards, selects present ones, and forgets a removed card', async () => {
    const { ask, simulator } = await makeBench();
    expect(await ask(findCard())).toMatchObject({ sw3: 0x80 });
    expect(await ask(selectCard())).toMatchObject({ sw3: 0x81 });
    simulator.presentCard(simulatedCard('resident'));
    expect(simulator.cardState).toBe('present-fresh');
    expect(await ask(findCard())).toMatchObject({ sw3: 0x9f, data: new Uint8Array(4) });
    expect(await ask(selectCard())).toMatchObject({ sw3: 0x90, data: new Uint8Array(8) });
    expect((await ask(readTextAndPhoto())).sw3).toBe(0x90);
    expect(simulator.cardState).toBe('present-read');
    // [vendor] The module will not find a card it has read until it is re-presented…
    expect(await ask(findCard())).toMatchObject({ sw3: 0x80 });
    // …but SELECT still sees it in the field.
    expect(await ask(selectCard())).toMatchObject({ sw3: 0x90 });
    simulator.removeCard();
    expect(await ask(selectCard())).toMatchObject({ sw3: 0x81 });
  });

  it('reads text + photo as a 1295-byte reply that decodes to the specimen', async () => {
    const { ask, simulator, chunks } = await makeBench({ card: simulatedCard('foreign2017') });
    await ask(findCard());
    await ask(selectCard());
    const before = chunks.length;
    const reply = await ask(readTextAndPhoto());
    expect(chunks.slice(before).reduce((n, c) => n + c.length, 0)).toBe(1_295);
    const parts = decodeReadResponse(reply.data, 'textAndPhoto');
    if (!parts.ok) throw new Error(parts.error.message);
    expect(decodeIdCardText(parts.value.textBlock)).toMatchObject({ ok: true, value: { text: SPECIMEN_CARDS.foreign2017 } });
    expect(parts.value.photo).toHaveLength(1_024);
    expect([...parts.value.photo.subarray(0, 3)]).toEqual([0x57, 0x4c, 0x66]);
    expect(simulator.replies.at(-1)).toMatchObject({ command: 'readTextAndPhoto', sw3: 0x90, bytes: 1_295 });
  });

  it('reads with fingerprint: two templates (2321 bytes) or fpLen 0 (1297 bytes)', async () => {
    const { ask, simulator } = await makeBench({ card: simulatedCard('resident') });
    await ask(selectCard());
    const withPrints = await ask(readWithFingerprint());
    const parts = decodeReadResponse(withPrints.data, 'withFingerprint');
    expect(parts.ok && parts.value.fingerprint?.length).toBe(1_024);
    expect(parts.ok && parts.value.fingerprint?.[5]).toBe(11);
    simulator.presentCard(simulatedCard('hk'));
    await ask(selectCard());
    const without = await ask(readWithFingerprint());
    expect([...without.data.subarray(4, 6)]).toEqual([0, 0]);
    expect(simulator.replies.map((r) => r.bytes).filter((n) => n > 1_000)).toEqual([2_321, 1_297]);
  });

  it('needs SELECT before READ, and a read card for the appended address (91 when none)', async () => {
    const { ask, simulator } = await makeBench({ card: simulatedCard('resident', { appendedAddress: '江苏省连云港市样例路10号' }) });
    expect(await ask(readTextAndPhoto())).toMatchObject({ sw3: 0x41 });
    expect(await ask(readAppendedAddress())).toMatchObject({ sw3: 0x41 });
    await ask(selectCard());
    await ask(readTextAndPhoto());
    const address = await ask(readAppendedAddress());
    expect(address.sw3).toBe(0x90);
    expect(address.data).toHaveLength(70);
    simulator.presentCard(simulatedCard('hk'));
    await ask(selectCard());
    await ask(readTextAndPhoto());
    expect(await ask(readAppendedAddress())).toMatchObject({ sw3: 0x91, data: new Uint8Array(0) });
  });

  it('answers SAM faults until reset; a persistent one survives the reset', async () => {
    const { ask, simulator } = await makeBench({ card: simulatedCard('resident') });
    simulator.setSamFault(0x60);
    expect(await ask(findCard())).toMatchObject({ sw3: 0x60 });
    expect(await ask(samStatus())).toMatchObject({ sw3: 0x60 });
    expect(await ask(resetSam())).toMatchObject({ sw3: 0x90 });
    expect(await ask(samStatus())).toMatchObject({ sw3: 0x90 });
    simulator.setSamFault(0x66, true);
    expect(await ask(resetSam())).toMatchObject({ sw3: 0x90 });
    expect(await ask(samStatus())).toMatchObject({ sw3: 0x66 });
  });

  it('power-cycles the field on reset: a read card becomes fresh', async () => {
    const { ask, simulator } = await makeBench({ card: simulatedCard('resident') });
    await ask(selectCard());
    await ask(readTextAndPhoto());
    expect(simulator.cardState).toBe('present-read');
    await ask(resetSam());
    expect(await ask(findCard())).toMatchObject({ sw3: 0x9f });
  });
});

describe('IdCardReaderSimulator faults', () => {
  it('sends garbage before replies and splits them into 1–64 byte chunks with gaps', async () => {
    const { ask, chunks, simulator } = await makeBench({ card: simulatedCard('resident') });
    simulator.faults.garbageBeforeReply = DEFAULT_GARBAGE;
    simulator.faults.split = { minChunk: 1, maxChunk: 64, maxGapMs: 20 };
    await ask(selectCard());
    const before = chunks.length;
    const started = Date.now();
    const reply = await ask(readTextAndPhoto());
    expect(reply.sw3).toBe(0x90);
    const received = chunks.slice(before);
    expect(received[0]).toEqual(DEFAULT_GARBAGE);
    expect(received.length).toBeGreaterThan(30);
    expect(Math.max(...received.slice(1).map((c) => c.length))).toBeLessThanOrEqual(64);
    expect(Date.now() - started).toBeGreaterThan(50);
  });

  it('corrupts the next reply once', async () => {
    const { ask, simulator, host, chunks } = await makeBench();
    simulator.inject({ kind: 'badChecksum' });
    await host.write(samStatus());
    await vi.advanceTimersByTimeAsync(10);
    const good = encodeResponse(0x90);
    expect(chunks[0]).toHaveLength(good.length);
    expect(chunks[0]?.subarray(0, -1)).toEqual(good.subarray(0, -1));
    expect(chunks[0]?.at(-1)).not.toBe(good.at(-1));
    expect(await ask(samStatus())).toMatchObject({ sw3: 0x90 });
  });

  it.each(['sw41', 'truncate'] as const)('pulls the card away mid-read (%s)', async (mode) => {
    const { ask, simulator, host, chunks } = await makeBench({ card: simulatedCard('resident') });
    simulator.inject({ kind: 'removeMidRead', mode });
    await ask(selectCard());
    if (mode === 'sw41') {
      expect(await ask(readTextAndPhoto())).toMatchObject({ sw3: 0x41 });
    } else {
      const before = chunks.length;
      await host.write(readTextAndPhoto());
      await vi.advanceTimersByTimeAsync(100);
      // Half of the 1295-byte frame, then silence.
      expect(chunks.slice(before).reduce((n, c) => n + c.length, 0)).toBe(647);
      expect(simulator.replies.at(-1)).toMatchObject({ isTruncated: true, bytes: 647 });
    }
    expect(simulator.cardState).toBe('absent');
    expect(await ask(selectCard())).toMatchObject({ sw3: 0x81 });
  });

  it('delays one reply, drops one, and goes mute', async () => {
    const { ask, simulator, host } = await makeBench();
    simulator.inject({ kind: 'delayReply', ms: 250, on: 'samStatus' });
    const started = Date.now();
    await ask(samStatus());
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    simulator.inject({ kind: 'noReply', on: 'findCard' });
    await host.write(findCard());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(simulator.replies.filter((r) => r.command === 'findCard')).toHaveLength(0);
    simulator.faults.isMute = true;
    await host.write(samStatus());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(simulator.replies).toHaveLength(1);
    simulator.clearFaults();
    expect(await ask(samStatus())).toMatchObject({ sw3: 0x90 });
  });

  it('puts the preamble inside the photo variant', () => {
    const photo = wltPhoto(7, 'preamble');
    const hex = Buffer.from(photo).toString('hex');
    expect(hex.startsWith('574c66')).toBe(true);
    expect(hex.split('aaaaaa9669').length - 1).toBeGreaterThanOrEqual(2);
    expect(simulatedCard('resident', { photo: 'preamble' }).photo).toHaveLength(1_024);
  });

  it('speaks the Miaxis HID envelope when given one', async () => {
    const { host, chunks, simulator } = await makeBench({ envelope: miaxisHidDeviceEnvelope(), card: simulatedCard('resident') });
    await host.write(encodeMiaxisRequestReport(findCard()));
    await vi.advanceTimersByTimeAsync(10);
    expect(simulator.received.map((r) => r.command)).toEqual(['findCard']);
    expect(chunks.every((c) => c.length === 64 && c[0] === 0xaa)).toBe(true);
    const hostEnvelope = miaxisHidHostEnvelope();
    const framer = new SamFramer();
    const frames = chunks.flatMap((c) => framer.push(hostEnvelope.unwrap(c))).filter((e) => e.kind === 'frame');
    expect(frames).toHaveLength(1);
    expect(frames[0]?.kind === 'frame' && decodeFrame(frames[0].frame)).toMatchObject({ ok: true, value: { sw3: 0x9f } });
  });
});
