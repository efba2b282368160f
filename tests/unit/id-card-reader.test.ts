import { format } from 'node:util';
import createDebug from 'debug';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceError } from '../../hardware/device-error.js';
import { IdCardReader, type IdCardReaderOptions } from '../../hardware/devices/id-card-reader/id-card-reader.js';
import type { CardRead, CardRemoved, IdCardReaderStatusUpdate, ReadFailed } from '../../hardware/devices/id-card-reader/events.js';
import { miaxisHidDeviceEnvelope, miaxisHidHostEnvelope } from '../../hardware/protocols/sam/miaxis-hid-envelope.js';
import {
  IdCardReaderSimulator,
  type IdCardReaderSimulatorOptions,
} from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS, type SpecimenId } from '../../hardware/simulators/id-card-reader/specimens.js';
import type { MemoryTransport } from '../../hardware/transports/memory-transport.js';
import { attachOverMemory } from '../support/bring-up.js';
import { settle, until } from '../support/fake-time.js';

interface Rig {
  readonly reader: IdCardReader;
  readonly simulator: IdCardReaderSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly reads: CardRead[];
  readonly removals: CardRemoved[];
  readonly failures: ReadFailed[];
  readonly updates: IdCardReaderStatusUpdate[];
  readonly errors: DeviceError[];
}

let rigs: Rig[] = [];

async function makeRig(simulatorOptions: IdCardReaderSimulatorOptions = {}, readerOptions: Partial<IdCardReaderOptions> = {}): Promise<Rig> {
  const simulator = new IdCardReaderSimulator(simulatorOptions);
  const { host, device } = await attachOverMemory(simulator, 'memory:id-card-reader');
  const reader = new IdCardReader({ transport: host, ...readerOptions });
  const rig: Rig = { reader, simulator, host, device, reads: [], removals: [], failures: [], updates: [], errors: [] };
  reader.onCardRead((card) => rig.reads.push(card));
  reader.onCardRemoved((removed) => rig.removals.push(removed));
  reader.onReadFailed((failed) => rig.failures.push(failed));
  reader.onStatusUpdate((update) => rig.updates.push(update));
  reader.onError((error) => rig.errors.push(error));
  rigs.push(rig);
  return rig;
}

async function enabledRig(simulatorOptions: IdCardReaderSimulatorOptions = {}, readerOptions: Partial<IdCardReaderOptions> = {}): Promise<Rig> {
  const rig = await makeRig(simulatorOptions, readerOptions);
  expect((await rig.reader.open()).ok).toBe(true);
  expect(rig.reader.claim().ok).toBe(true);
  expect(await settle(rig.reader.enable())).toEqual({ ok: true, value: undefined });
  return rig;
}

function commandsOf(simulator: IdCardReaderSimulator, fromIndex = 0): string[] {
  return simulator.received.slice(fromIndex).map((r) => r.command);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const rig of rigs) {
    await rig.reader.close();
    await rig.device.close();
  }
  rigs = [];
  vi.useRealTimers();
});

describe('IdCardReader life cycle', () => {
  it('refuses work until opened, claimed and enabled, and polls only while enabled', async () => {
    const { reader, simulator, updates } = await makeRig();
    expect(await reader.readSamId()).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect((await reader.open()).ok).toBe(true);
    expect(await reader.readSamId()).toMatchObject({ ok: false, error: { code: 'notClaimed' } });
    reader.claim();
    expect(await reader.readSamId()).toMatchObject({ ok: false, error: { code: 'disabled' } });
    expect(await settle(reader.enable())).toEqual({ ok: true, value: undefined });
    expect(updates).toEqual([{ kind: 'ready' }]);
    expect(reader.condition).toBe('online');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(commandsOf(simulator).filter((c) => c === 'findCard').length).toBeGreaterThanOrEqual(3);
    await settle(reader.disable());
    const count = simulator.received.length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(simulator.received.length).toBe(count);
    await reader.release();
    expect(reader.lifecycle).toBe('opened');
    await reader.close();
    expect(reader.lifecycle).toBe('closed');
  });

  it('reports noHardware when the transport cannot open', async () => {
    const { reader, host } = await makeRig();
    host.hasHardware = false;
    expect(await reader.open()).toMatchObject({ ok: false, error: { code: 'noHardware' } });
  });

  it('reads the SAM ID and polls FIND no more often than every 300 ms', async () => {
    const { reader, simulator } = await enabledRig();
    expect(await settle(reader.readSamId())).toMatchObject({ ok: true, value: { text: '05.01-20261124-0000000001-0000065537' } });
    const before = simulator.received.length;
    await vi.advanceTimersByTimeAsync(3_000);
    const finds = simulator.received.slice(before).filter((r) => r.command === 'findCard');
    const gaps = finds.slice(1).map((r, i) => r.atMs - (finds[i]?.atMs ?? 0));
    expect(finds.length).toBeGreaterThanOrEqual(9);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(300);
  });
});

describe('IdCardReader reads', () => {
  it.each<SpecimenId>(['resident', 'hk', 'foreign2017', 'foreign2023'])('reads a %s card once per presentation', async (id) => {
    const { simulator, reads, removals, failures } = await enabledRig();
    const card = simulatedCard(id);
    simulator.presentCard(card);
    await until(() => reads.length === 1, 'cardRead');
    expect(reads[0]?.text).toEqual(SPECIMEN_CARDS[id]);
    expect(reads[0]?.photo).toEqual(card.photo);
    expect(reads[0]?.fingerprint).toBeNull();
    expect(reads[0]?.warnings).toEqual([]);
    // The card stays: FIND says 80 from now on, which is not a removal (§1.9).
    const afterRead = simulator.received.length;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(reads).toHaveLength(1);
    expect(removals).toHaveLength(0);
    expect(failures).toHaveLength(0);
    expect(commandsOf(simulator, afterRead)).not.toContain('readTextAndPhoto');
    expect(simulator.replies.filter((r) => r.command === 'findCard' && r.sw3 === 0x80).length).toBeGreaterThan(5);
  });

  it('detects removal with SELECT and reads a re-presented card again', async () => {
    const { simulator, reads, removals } = await enabledRig();
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'first read');
    simulator.removeCard();
    await until(() => removals.length === 1, 'cardRemoved');
    expect(reads).toHaveLength(1);
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 2, 'second read');
    expect(removals).toHaveLength(1);
  });

  it('reads fingerprints only when asked to, with fpLen 0 for cards without them', async () => {
    const { simulator, reads } = await enabledRig({}, { isFingerprintRead: true });
    const resident = simulatedCard('resident');
    simulator.presentCard(resident);
    await until(() => reads.length === 1, 'read with fingerprint');
    expect(reads[0]?.fingerprint).toEqual(resident.fingerprint);
    expect(reads[0]?.fingerprint).toHaveLength(1024);
    expect(commandsOf(simulator)).toContain('readWithFingerprint');
    simulator.presentCard(simulatedCard('foreign2017'));
    await until(() => reads.length === 2, 'read of a card without fingerprints');
    expect(reads[1]?.fingerprint).toBeNull();
    // §1.5: 2321 bytes with two templates, 1297 with fpLen 0.
    expect(simulator.replies.filter((r) => r.command === 'readWithFingerprint').map((r) => r.bytes)).toEqual([2_321, 1_297]);
  });

  it('retries a READ with a bad checksum via FIND 80 → SELECT → READ, silently', async () => {
    const { simulator, reads, failures } = await enabledRig();
    simulator.inject({ kind: 'badChecksum', on: 'readTextAndPhoto' });
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'read after retry');
    expect(failures).toEqual([]);
    const sequence = commandsOf(simulator).filter((c) => c !== 'samStatus');
    const firstRead = sequence.indexOf('readTextAndPhoto');
    expect(sequence.slice(firstRead, firstRead + 4)).toEqual(['readTextAndPhoto', 'findCard', 'selectCard', 'readTextAndPhoto']);
    expect(simulator.replies.find((r) => r.command === 'findCard' && r.atMs > (simulator.replies.find((x) => x.command === 'readTextAndPhoto')?.atMs ?? 0))?.sw3).toBe(0x80);
  });

  it.each(['sw41', 'truncate'] as const)('reports cardMoved when the card is pulled mid-read (%s), never re-reading alone', async (mode) => {
    const { simulator, reads, failures } = await enabledRig();
    simulator.inject({ kind: 'removeMidRead', mode });
    simulator.presentCard(simulatedCard('hk'));
    await until(() => failures.length === 1, 'readFailed');
    expect(failures[0]).toMatchObject({ reason: 'cardMoved', ...(mode === 'sw41' ? { sw3: 0x41 } : {}) });
    const afterFailure = simulator.received.length;
    await vi.advanceTimersByTimeAsync(1_000);
    // Back to FIND; a READ only ever follows FIND (+ SELECT).
    const next = commandsOf(simulator, afterFailure);
    expect(next[0]).toBe('findCard');
    expect(next).not.toContain('readTextAndPhoto');
    simulator.presentCard(simulatedCard('hk'));
    await until(() => reads.length === 1, 'read of the re-presented card');
    expect(failures).toHaveLength(1);
  });

  it.each([
    [0x40, 'unsupportedCard'],
    [0x33, 'cardMoved'],
    [0x47, 'cardError'],
  ] as const)('maps READ SW3 %s to readFailed %s', async (sw3, reason) => {
    const { simulator, failures } = await enabledRig();
    simulator.inject({ kind: 'answer', sw3, on: 'readTextAndPhoto' });
    simulator.presentCard(simulatedCard('resident'));
    await until(() => failures.length === 1, 'readFailed');
    expect(failures[0]).toMatchObject({ reason, sw3 });
  });

  it('reports undecodable card text as badCardData and never throws', async () => {
    const { simulator, reads, failures, removals } = await enabledRig();
    const base = simulatedCard('resident');
    simulator.presentCard({ ...base, text: { ...base.text, validFrom: '2030-01-01', validUntil: '2020-01-01' } });
    await until(() => failures.length === 1, 'readFailed');
    expect(failures[0]).toEqual({ reason: 'badCardData', sw3: 0x90, detail: 'textBlock:badValidity' });
    expect(reads).toHaveLength(0);
    simulator.removeCard();
    await until(() => removals.length === 1, 'cardRemoved');
  });

  it('reads the appended address of the card just read, null when it has none', async () => {
    const { reader, simulator, reads } = await enabledRig();
    simulator.presentCard(simulatedCard('resident', { appendedAddress: '江苏省连云港市连云区样例路9号' }));
    await until(() => reads.length === 1, 'read');
    expect(await settle(reader.readAppendedAddress())).toEqual({ ok: true, value: '江苏省连云港市连云区样例路9号' });
    simulator.presentCard(simulatedCard('foreign2023'));
    await until(() => reads.length === 2, 'second read');
    expect(await settle(reader.readAppendedAddress())).toEqual({ ok: true, value: null });
  });

  it('works through the Miaxis HID envelope', async () => {
    const { simulator, reads } = await enabledRig({ envelope: miaxisHidDeviceEnvelope() }, { envelope: miaxisHidHostEnvelope() });
    simulator.presentCard(simulatedCard('foreign2023', { photo: 'preamble' }));
    await until(() => reads.length === 1, 'read over HID');
    expect(reads[0]?.text).toEqual(SPECIMEN_CARDS.foreign2023);
  });
});

describe('IdCardReader stale replies (R-V3)', () => {
  it('never takes a late FIND 9F for the answer to the next FIND', async () => {
    const { simulator, reads } = await enabledRig();
    // The first FIND is answered 9F 350 ms late (deadline 100 ms); the card is taken away
    // right after that answer was decided, so every later FIND must see 80.
    simulator.inject({ kind: 'delayReply', ms: 350, on: 'findCard' });
    simulator.presentCard(simulatedCard('resident'));
    const off = simulator.onCommand((command) => {
      if (command.command === 'findCard') {
        off();
        simulator.removeCard();
      }
    });
    await until(() => simulator.replies.some((r) => r.command === 'findCard' && r.sw3 === 0x9f), 'the late 9F');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(commandsOf(simulator)).not.toContain('selectCard');
    expect(reads).toHaveLength(0);
    // The reader is still fine.
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'a normal read afterwards');
  });

  it('drops a reply of the wrong shape (a late 9F while SELECT waits)', async () => {
    const { simulator, reads } = await enabledRig();
    simulator.inject({ kind: 'delayReply', ms: 150, on: 'selectCard' });
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'read after a late SELECT reply');
  });
});

describe('IdCardReader SAM faults (R-V5)', () => {
  it('resets once on 60 and goes back to reading', async () => {
    const { simulator, reads, updates } = await enabledRig();
    simulator.setSamFault(0x60);
    await until(() => updates.some((u) => u.kind === 'resetting'), 'resetting');
    await until(() => updates.at(-1)?.kind === 'ready', 'ready again');
    expect(updates.slice(1)).toEqual([{ kind: 'resetting', sw3: 0x60, attempt: 1 }, { kind: 'ready' }]);
    expect(commandsOf(simulator).filter((c) => c === 'resetSam')).toHaveLength(1);
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'read after reset');
  });

  it('reports faulty / maintenance when 66 persists after one reset, and stops polling', async () => {
    const { reader, simulator, updates, errors } = await enabledRig();
    simulator.setSamFault(0x66, true);
    await until(() => reader.condition === 'faulty', 'faulty');
    expect(updates.at(-1)).toMatchObject({ kind: 'faulty', action: 'maintenance', sw3: 0x66 });
    expect(errors.at(-1)).toMatchObject({ code: 'extended', detail: 'notAuthorised' });
    expect(commandsOf(simulator).filter((c) => c === 'resetSam')).toHaveLength(1);
    const count = simulator.received.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(simulator.received.length).toBe(count);
    // A technician's reset brings it back once the SAM is fixed.
    simulator.setSamFault(undefined);
    expect(await settle(reader.reset())).toEqual({ ok: true, value: undefined });
    expect(reader.condition).toBe('online');
  });

  it('allows 3 automatic resets with backoff, then maintenance', async () => {
    const { reader, simulator, updates } = await enabledRig();
    const resetTimes: number[] = [];
    simulator.onCommand((c) => c.command === 'resetSam' && resetTimes.push(c.atMs));
    for (let episode = 1; episode <= 3; episode++) {
      simulator.setSamFault(0x60);
      await until(() => resetTimes.length === episode && reader.condition === 'online', `recovery ${episode}`);
    }
    simulator.setSamFault(0x60);
    await until(() => reader.condition === 'faulty', 'maintenance');
    expect(resetTimes).toHaveLength(3);
    expect(updates.at(-1)).toMatchObject({ kind: 'faulty', action: 'maintenance' });
    expect((resetTimes[2] ?? 0) - (resetTimes[1] ?? 0)).toBeGreaterThanOrEqual(2_000);
  });

  it('logs SW3 10/11/21 as a driver bug and keeps polling', async () => {
    const { simulator, errors, reads } = await enabledRig();
    simulator.inject({ kind: 'answer', sw3: 0x21, on: 'findCard' });
    await until(() => errors.length === 1, 'driver-bug error');
    expect(errors[0]).toMatchObject({ code: 'failure', detail: 'commandError' });
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'read');
  });
});

describe('IdCardReader link faults (R-V4)', () => {
  it('goes noReply when the module is silent and ready when it answers again', async () => {
    const { reader, simulator, updates } = await enabledRig();
    simulator.faults.isMute = true;
    await until(() => reader.condition === 'noReply', 'noReply');
    expect(reader.state).toBe('error');
    simulator.faults.isMute = false;
    await until(() => reader.condition === 'online', 'online again');
    expect(updates.map((u) => u.kind)).toEqual(['ready', 'noReply', 'ready']);
  });

  it('reports powerOff on unplug, reopens with backoff, checks the SAM and reads again', async () => {
    const { reader, simulator, host, device, updates, reads, removals } = await enabledRig();
    simulator.presentCard(simulatedCard('resident'));
    await until(() => reads.length === 1, 'read');
    const opens = vi.spyOn(host, 'open');
    host.hasHardware = false;
    host.disconnect('cable pulled');
    expect(updates.at(-1)).toEqual({ kind: 'powerOff', detail: 'cable pulled' });
    expect(removals).toHaveLength(1);
    expect(reader.state).toBe('error');
    expect(await reader.readSamId()).toMatchObject({ ok: false, error: { code: 'offline' } });
    // Attempts at 100, 300, 700, 1500 ms (doubling, capped): four fail while unplugged.
    await vi.advanceTimersByTimeAsync(1_600);
    expect(opens.mock.calls.length).toBe(4);
    host.hasHardware = true;
    await device.open();
    simulator.presentCard(simulatedCard('resident'));
    const beforeReplug = simulator.received.length;
    await until(() => updates.at(-1)?.kind === 'powerOn', 'powerOn');
    // R-V4: the SAM status check comes before anything else on the reopened link.
    expect(commandsOf(simulator, beforeReplug)[0]).toBe('samStatus');
    await until(() => reads.length === 2, 'read after replug');
  });
});

describe('IdCardReader shutdown and privacy', () => {
  it('closes cleanly during a READ: no events afterwards, no timers left', async () => {
    const { reader, simulator, reads, failures } = await enabledRig({ readDelayMs: 800 });
    simulator.presentCard(simulatedCard('resident'));
    await until(() => simulator.received.some((r) => r.command === 'readTextAndPhoto'), 'READ sent');
    await settle(reader.close());
    await settle(simulator.whenIdle());
    await vi.advanceTimersByTimeAsync(3_000);
    expect(reads).toHaveLength(0);
    expect(failures).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels a queued call at once', async () => {
    const { reader } = await enabledRig();
    const controller = new AbortController();
    controller.abort();
    expect(await reader.readSamId({ signal: controller.signal })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('never writes card text, ID numbers or photo bytes to the debug log (R-P2)', async () => {
    const lines: string[] = [];
    const previousLog = createDebug.log;
    const previousNamespaces = createDebug.disable();
    createDebug.log = (...args: unknown[]) => lines.push(format(...args));
    createDebug.enable('kiosk:*');
    try {
      const { simulator, reads, removals } = await enabledRig({ faults: { garbageBeforeReply: Uint8Array.of(1, 2, 3) } });
      simulator.inject({ kind: 'badChecksum', on: 'readTextAndPhoto' });
      const card = simulatedCard('resident', { appendedAddress: '江苏省连云港市连云区样例路9号' });
      simulator.presentCard(card);
      await until(() => reads.length === 1, 'read');
      simulator.removeCard();
      await until(() => removals.length === 1, 'removal');
      const log = lines.join('\n');
      expect(lines.length).toBeGreaterThan(10);
      const text = SPECIMEN_CARDS.resident;
      for (const secret of [text.name, text.idNumber, text.idNumber.slice(6, 14), text.address ?? '', '样例路', 'WLf']) {
        expect(log).not.toContain(secret);
      }
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
      if (previousNamespaces !== '') createDebug.enable(previousNamespaces);
    }
  });
});
