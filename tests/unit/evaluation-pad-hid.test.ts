import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EvaluationPad, type EvaluationPadOptions } from '../../hardware/devices/evaluation-pad/evaluation-pad.js';
import type { EvaluationPadState, EvaluationRequest } from '../../hardware/devices/evaluation-pad/events.js';
import { encodeBootReport } from '../../hardware/protocols/hid-keyboard/boot-report.js';
import { F_KEY_TABLE, PAD_KEY_USAGES } from '../../hardware/protocols/evaluation-pad/hid-pad-keys.js';
import {
  EvaluationPadSimulator,
  type EvaluationPadSimulatorOptions,
} from '../../hardware/simulators/evaluation-pad/evaluation-pad-simulator.js';
import type { MemoryTransport } from '../../hardware/transports/memory-transport.js';
import { attachOverMemory, tearDown } from '../support/bring-up.js';
import { settle } from '../support/fake-time.js';

interface Rig {
  readonly pad: EvaluationPad;
  readonly simulator: EvaluationPadSimulator;
  readonly device: MemoryTransport;
  readonly states: EvaluationPadState[];
}

let rigs: Rig[] = [];

async function hidRig(simulatorOptions: EvaluationPadSimulatorOptions = {}, padOptions: Partial<EvaluationPadOptions> = {}): Promise<Rig> {
  const simulator = new EvaluationPadSimulator({ kind: 'hidKeyboard', ...simulatorOptions });
  const { host, device } = await attachOverMemory(simulator, 'memory:hid-pad');
  const pad = new EvaluationPad({ transport: host, kind: 'hidKeyboard', ...padOptions });
  const rig: Rig = { pad, simulator, device, states: [] };
  pad.onStateChanged((state) => rig.states.push(state));
  rigs.push(rig);
  expect((await pad.open()).ok).toBe(true);
  expect(pad.claim().ok).toBe(true);
  expect(await pad.enable()).toEqual({ ok: true, value: undefined });
  return rig;
}

const REQUEST: EvaluationRequest = { caseNumber: null, windowId: 'W01', staffId: null, timeoutMs: 5_000 };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const rig of rigs) await tearDown(rig.pad, rig.simulator, rig.device);
  rigs = [];
  vi.useRealTimers();
});

describe('EvaluationPad (HID keyboard)', () => {
  it('is online once open and awaits a key at once', async () => {
    const rig = await hidRig();
    expect(rig.pad.condition).toBe('online');
    const pending = settle(rig.pad.requestEvaluation(REQUEST));
    expect(rig.pad.state).toBe('awaiting');
    expect(rig.simulator.press(5)).toBe(true);
    expect(await pending).toMatchObject({ ok: true, value: { outcome: 'rated', level: 5, keyCode: '0x22' } });
    expect(rig.states).toEqual(['prompting', 'awaiting', 'rated', 'idle']);
  });

  it('drops presses made while idle and a key still held when the request starts', async () => {
    const rig = await hidRig();
    expect(rig.simulator.press(1)).toBe(true); // HID pads always type
    await rig.simulator.whenIdle();
    await rig.device.write(encodeBootReport(0, [PAD_KEY_USAGES.digit4])); // held…
    await vi.advanceTimersByTimeAsync(10);
    const pending = settle(rig.pad.requestEvaluation(REQUEST));
    await rig.device.write(encodeBootReport(0, [PAD_KEY_USAGES.digit4])); // …still held: no new press
    await vi.advanceTimersByTimeAsync(10);
    expect(rig.pad.state).toBe('awaiting');
    await rig.device.write(encodeBootReport(0, []));
    await rig.device.write(encodeBootReport(0, [PAD_KEY_USAGES.digit2]));
    expect(await pending).toMatchObject({ ok: true, value: { level: 2 } });
  });

  it('takes the first of a double press, ignores unmapped keys, times out as not rated', async () => {
    const rig = await hidRig({ faults: { doublePress: true, garbage: true } });
    const first = settle(rig.pad.requestEvaluation(REQUEST));
    rig.simulator.press({ code: 0x04 }); // 'a': not a pad button
    rig.simulator.press(3);
    expect(await first).toMatchObject({ ok: true, value: { level: 3, keyCode: '0x20' } });
    await rig.simulator.whenIdle();
    expect(await settle(rig.pad.requestEvaluation({ ...REQUEST, timeoutMs: 300 }))).toEqual({ ok: true, value: { outcome: 'timeout' } });
  });

  it('reads reports with a report ID and an F-key table', async () => {
    const rig = await hidRig({ reportId: 1, keyTable: F_KEY_TABLE }, { hasReportId: true, keyTable: F_KEY_TABLE });
    const pending = settle(rig.pad.requestEvaluation(REQUEST));
    rig.simulator.press(4);
    expect(await pending).toMatchObject({ ok: true, value: { level: 4, keyCode: '0x3d' } });
  });

  it('cancels through the AbortSignal without writing anything, and cannot be queried', async () => {
    const rig = await hidRig();
    const written: Uint8Array[] = [];
    rig.device.onData((bytes) => written.push(bytes));
    const controller = new AbortController();
    const pending = settle(rig.pad.requestEvaluation(REQUEST, controller.signal));
    controller.abort();
    expect(await pending).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(await rig.pad.query()).toMatchObject({ ok: false, error: { code: 'extended', detail: 'notSupported' } });
    expect(written).toEqual([]);
  });

  it('reports an unplug mid-prompt and comes back when replugged', async () => {
    const rig = await hidRig();
    const updates: string[] = [];
    rig.pad.onStatusUpdate((update) => updates.push(update.kind));
    const pending = settle(rig.pad.requestEvaluation(REQUEST));
    rig.device.disconnect();
    expect(await pending).toEqual({ ok: false, error: { code: 'offline', message: 'pad disconnected', detail: 'powerOff' } });
    await rig.device.open();
    await settle(new Promise<void>((resolve) => rig.pad.onStatusUpdate((update) => update.kind === 'powerOn' && resolve())));
    expect(updates).toEqual(['powerOff', 'powerOn']);
    const next = settle(rig.pad.requestEvaluation(REQUEST));
    rig.simulator.press(2);
    expect(await next).toMatchObject({ ok: true, value: { level: 2 } });
  });
});
