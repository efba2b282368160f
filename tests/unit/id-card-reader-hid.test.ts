/**
 * The ID-card reader over a USB HID link end to end: `IdCardReader` with the host side of
 * the Miaxis envelope on a `HidTransport`, node-hid replaced by the fake binding, the
 * simulator with the device side of the envelope on the fake device's other end
 * (protocols.md §1.1; style.md "HID is tested at the report level").
 *
 * Nothing had to change in the device class or the codec for this: the transport hands
 * over one whole report per `onData` (what `SamEnvelope.unwrap` expects), and `wrap()`
 * returns one report per element, which the channel writes one `write` each (what the
 * transport takes).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceError } from '../../hardware/device-error.js';
import type { CardRead, IdCardReaderStatusUpdate, ReadFailed } from '../../hardware/devices/id-card-reader/events.js';
import { IdCardReader } from '../../hardware/devices/id-card-reader/id-card-reader.js';
import {
  MIAXIS_DEVICE_MARKER,
  MIAXIS_HOST_MARKER,
  MIAXIS_REPORT_BYTES,
  miaxisHidDeviceEnvelope,
  miaxisHidHostEnvelope,
} from '../../hardware/protocols/sam/miaxis-hid-envelope.js';
import { IdCardReaderSimulator, type IdCardReaderSimulatorOptions } from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { HidTransport } from '../../hardware/transports/hid-transport.js';
import { FakeHidBinding, FakeHidDeviceEnd, type FakeHidDevice } from '../support/fake-hid.js';
import { settle, until } from '../support/fake-time.js';

const VENDOR_ID = 0x10c4;
const PRODUCT_ID = 0x0007;

interface HidRig {
  readonly reader: IdCardReader;
  readonly simulator: IdCardReaderSimulator;
  readonly binding: FakeHidBinding;
  readonly device: FakeHidDevice;
  readonly deviceEnd: FakeHidDeviceEnd;
  /** Output reports as the reader's firmware got them. */
  readonly outputReports: Uint8Array[];
  /** Input reports as the reader class got them from the transport. */
  readonly inputReports: Uint8Array[];
  readonly reads: CardRead[];
  readonly failures: ReadFailed[];
  readonly updates: IdCardReaderStatusUpdate[];
  readonly errors: DeviceError[];
}

let rigs: HidRig[] = [];

async function enabledHidRig(simulatorOptions: IdCardReaderSimulatorOptions = {}): Promise<HidRig> {
  const binding = new FakeHidBinding();
  const device = binding.addDevice({ vendorId: VENDOR_ID, productId: PRODUCT_ID, product: 'Miaxis ID card reader' });
  const deviceEnd = new FakeHidDeviceEnd(device);
  await deviceEnd.open();
  const simulator = new IdCardReaderSimulator({ ...simulatorOptions, envelope: miaxisHidDeviceEnvelope() });
  simulator.attach(deviceEnd);
  const transport = new HidTransport({ vendorId: VENDOR_ID, productId: PRODUCT_ID, binding });
  const reader = new IdCardReader({ transport, envelope: miaxisHidHostEnvelope() });
  const rig: HidRig = { reader, simulator, binding, device, deviceEnd, outputReports: [], inputReports: [], reads: [], failures: [], updates: [], errors: [] };
  device.onOutputReport((report) => rig.outputReports.push(new Uint8Array(report)));
  transport.onData((report) => rig.inputReports.push(new Uint8Array(report)));
  reader.onCardRead((card) => rig.reads.push(card));
  reader.onReadFailed((failed) => rig.failures.push(failed));
  reader.onStatusUpdate((update) => rig.updates.push(update));
  reader.onError((error) => rig.errors.push(error));
  rigs.push(rig);
  expect(await settle(reader.open(), { what: 'open' })).toEqual({ ok: true, value: undefined });
  expect(reader.claim().ok).toBe(true);
  expect(await settle(reader.enable(), { what: 'enable' })).toEqual({ ok: true, value: undefined });
  return rig;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const rig of rigs) {
    await rig.reader.close();
    await settle(rig.simulator.whenIdle(), { what: 'simulator idle' });
    rig.simulator.detach();
    await rig.deviceEnd.close();
    expect(rig.device.openHandles).toBe(0);
  }
  rigs = [];
  vi.useRealTimers();
});

describe('IdCardReader over HidTransport with the Miaxis envelope', () => {
  it('reads a resident card: one 64-byte report per request, the 1295-byte reply in 24 reports', async () => {
    const { simulator, reads, failures, outputReports, inputReports } = await enabledHidRig();
    const card = simulatedCard('resident');
    const before = inputReports.length;
    simulator.presentCard(card);

    await until(() => reads.length === 1, 'cardRead over HID');

    expect(reads[0]?.text).toEqual(SPECIMEN_CARDS.resident);
    expect(reads[0]?.photo).toEqual(card.photo);
    expect(reads[0]?.fingerprint).toBeNull();
    expect(failures).toEqual([]);
    expect(outputReports.length).toBeGreaterThan(0);
    for (const report of outputReports) {
      expect(report).toHaveLength(MIAXIS_REPORT_BYTES);
      expect(report[0]).toBe(MIAXIS_HOST_MARKER);
    }
    const replies = inputReports.slice(before);
    for (const report of replies) {
      expect(report).toHaveLength(MIAXIS_REPORT_BYTES);
      expect(report[0]).toBe(MIAXIS_DEVICE_MARKER);
    }
    // The READ reply: 1295 SAM bytes → ceil(1295 / 54) = 24 reports, sequence 0…23.
    const readReply = simulator.replies.find((reply) => reply.command === 'readTextAndPhoto');
    expect(readReply?.bytes).toBe(1295);
    expect(replies.filter((report) => report[1] === 23 && report[2] === 0)).toHaveLength(1);
  });

  it('reads a card whose photo holds SAM preambles, without resyncing inside the reply', async () => {
    const { simulator, reads, failures } = await enabledHidRig();
    const card = simulatedCard('resident', { photo: 'preamble' });
    simulator.presentCard(card);

    await until(() => reads.length === 1, 'cardRead over HID');

    expect(reads[0]?.text).toEqual(SPECIMEN_CARDS.resident);
    expect(reads[0]?.photo).toEqual(card.photo);
    expect(failures).toEqual([]);
  });

  it('reports powerOff on an unplug mid-read, then reopens after replug and reads again', async () => {
    const { reader, simulator, binding, device, deviceEnd, reads, updates, errors } = await enabledHidRig({ readDelayMs: 800 });
    simulator.presentCard(simulatedCard('resident'));
    await until(() => simulator.received.some((command) => command.command === 'readTextAndPhoto'), 'READ sent');

    device.unplug();
    await until(() => updates.at(-1)?.kind === 'powerOff', 'powerOff');

    expect(updates.at(-1)).toEqual({ kind: 'powerOff', detail: expect.stringMatching(/^the device went away \(could not read from HID device/u) as unknown });
    expect(errors.at(-1)).toMatchObject({ code: 'offline' });
    expect(reader.state).toBe('error');
    expect(reads).toEqual([]);
    // While unplugged every reopen fails (not found); the READ's late reply has nowhere to go.
    const opensBefore = binding.opened.length;
    await vi.advanceTimersByTimeAsync(1_600);
    expect(binding.opened.length - opensBefore).toBeGreaterThanOrEqual(3);
    expect(simulator.replies.some((reply) => reply.command === 'readTextAndPhoto')).toBe(false);

    device.plug();
    await deviceEnd.open();
    const afterReplug = simulator.received.length;
    await until(() => updates.at(-1)?.kind === 'powerOn', 'powerOn');
    // R-V4: the SAM status check comes first on the reopened link.
    expect(simulator.received[afterReplug]?.command).toBe('samStatus');
    // Replugging power-cycled the module: the card on it is fresh and is read again.
    await until(() => reads.length === 1, 'cardRead after replug');
    expect(reads[0]?.text).toEqual(SPECIMEN_CARDS.resident);
  });
});
