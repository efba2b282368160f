import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceError } from '../../hardware/device-error.js';
import { EvaluationPad, type EvaluationPadOptions } from '../../hardware/devices/evaluation-pad/evaluation-pad.js';
import type { EvaluationPadState, EvaluationPadStatusUpdate, EvaluationRequest } from '../../hardware/devices/evaluation-pad/events.js';
import { FOUR_KEY_CODE_TABLE, type EvaluationLevel } from '../../hardware/protocols/evaluation-pad/code-table.js';
import { encodeReply } from '../../hardware/protocols/evaluation-pad/serial-pad-frame.js';
import {
  EvaluationPadSimulator,
  type EvaluationPadSimulatorOptions,
} from '../../hardware/simulators/evaluation-pad/evaluation-pad-simulator.js';
import { createMemoryPair, type MemoryPairOptions, type MemoryTransport } from '../../hardware/transports/memory-transport.js';
import { attachOverMemory, tearDown } from '../support/bring-up.js';
import { settle } from '../support/fake-time.js';

interface Rig {
  readonly pad: EvaluationPad;
  readonly simulator: EvaluationPadSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly states: EvaluationPadState[];
  readonly updates: EvaluationPadStatusUpdate[];
  readonly errors: DeviceError[];
}

let rigs: Rig[] = [];

async function makeRig(
  simulatorOptions: EvaluationPadSimulatorOptions = {},
  padOptions: Partial<EvaluationPadOptions> = {},
  pairOptions: MemoryPairOptions = {},
): Promise<Rig> {
  const simulator = new EvaluationPadSimulator(simulatorOptions);
  const { host, device } = await attachOverMemory(simulator, 'memory:pad', pairOptions);
  const pad = new EvaluationPad({ transport: host, kind: 'serial', ...padOptions });
  const rig: Rig = { pad, simulator, host, device, states: [], updates: [], errors: [] };
  pad.onStateChanged((state) => rig.states.push(state));
  pad.onStatusUpdate((update) => rig.updates.push(update));
  pad.onError((error) => rig.errors.push(error));
  rigs.push(rig);
  return rig;
}

async function enabledRig(
  simulatorOptions: EvaluationPadSimulatorOptions = {},
  padOptions: Partial<EvaluationPadOptions> = {},
  pairOptions: MemoryPairOptions = {},
): Promise<Rig> {
  const rig = await makeRig(simulatorOptions, padOptions, pairOptions);
  expect((await rig.pad.open()).ok).toBe(true);
  expect(rig.pad.claim().ok).toBe(true);
  expect(await settle(rig.pad.enable())).toEqual({ ok: true, value: undefined });
  return rig;
}

const REQUEST: EvaluationRequest = { caseNumber: 'SX2024-000123', windowId: 'W07', staffId: 'S0042', timeoutMs: 10_000 };
const KEY = (code: number): Uint8Array => encodeReply(1, { kind: 'key', code });
const commands = (simulator: EvaluationPadSimulator): string[] => simulator.received.map((c) => c.command);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const rig of rigs) await tearDown(rig.pad, rig.simulator, rig.device);
  rigs = [];
  vi.useRealTimers();
});

describe('EvaluationPad (serial) rating', () => {
  it('rates each level with the code the table maps to it', async () => {
    const rig = await enabledRig();
    for (const level of [5, 4, 3, 2, 1] as const) {
      rig.states.length = 0;
      rig.simulator.autoPress = { level, afterMs: 300 };
      const startedAt = Date.now();
      const result = await settle(rig.pad.requestEvaluation(REQUEST));
      expect(result).toEqual({ ok: true, value: { outcome: 'rated', level, keyCode: `0x3${level}`, at: expect.any(Number) as number } });
      if (result.ok && result.value.outcome === 'rated') expect(result.value.at - startedAt).toBeGreaterThanOrEqual(300);
      expect(rig.states).toEqual(['prompting', 'awaiting', 'rated', 'idle']);
      expect(rig.pad.state).toBe('idle');
    }
    expect(commands(rig.simulator)).toEqual(['query', 'start', 'start', 'start', 'start', 'start']);
    expect(rig.pad.condition).toBe('online');
    expect(rig.updates).toEqual([{ kind: 'online' }]);
  });

  it('sends the prompt id and answers a query', async () => {
    const rig = await enabledRig({ model: 'EP-9', firmware: '2.1', autoPress: { level: 5, afterMs: 10 } });
    expect(await settle(rig.pad.query())).toEqual({ ok: true, value: { model: 'EP-9', firmware: '2.1' } });
    await settle(rig.pad.requestEvaluation({ ...REQUEST, promptId: 3 }));
    expect(rig.simulator.received.at(-1)).toMatchObject({ command: 'start', promptId: 3, address: 1 });
  });

  it('works at another address, ignoring frames for other pads', async () => {
    const rig = await enabledRig({ address: 7, autoPress: { level: 3, afterMs: 10 } }, { address: 7 });
    await rig.device.write(KEY(0x35)); // address 1: another pad on the bus
    const result = await settle(rig.pad.requestEvaluation(REQUEST));
    expect(result).toMatchObject({ ok: true, value: { level: 3 } });
  });

  it('rates through line noise and one-byte chunks', async () => {
    const rig = await enabledRig({ faults: { garbage: true }, autoPress: { level: 2, afterMs: 20 } }, {}, { chunkSizes: () => 1 });
    expect(await settle(rig.pad.requestEvaluation(REQUEST))).toMatchObject({ ok: true, value: { outcome: 'rated', level: 2 } });
  });

  it('supports a 4-key pad: four levels rate, the missing one cannot be pressed', async () => {
    const rig = await enabledRig({ codeTable: FOUR_KEY_CODE_TABLE }, { codeTable: FOUR_KEY_CODE_TABLE });
    for (const [level, code] of [[5, '0x01'], [4, '0x02'], [3, '0x03'], [2, '0x04']] as const) {
      rig.simulator.autoPress = { level, afterMs: 10 };
      expect(await settle(rig.pad.requestEvaluation(REQUEST))).toMatchObject({ ok: true, value: { level, keyCode: code } });
    }
    rig.simulator.autoPress = undefined;
    const pending = settle(rig.pad.requestEvaluation({ ...REQUEST, timeoutMs: 500 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(rig.simulator.press(1)).toBe(false);
    expect(await pending).toEqual({ ok: true, value: { outcome: 'timeout' } });
  });

  it('ignores a code that is not in the table and keeps waiting', async () => {
    const rig = await enabledRig();
    const pending = settle(rig.pad.requestEvaluation(REQUEST));
    await vi.advanceTimersByTimeAsync(100);
    expect(rig.simulator.press({ code: '0x39' })).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(rig.pad.state).toBe('awaiting');
    await rig.device.write(KEY(0x33));
    expect(await pending).toMatchObject({ ok: true, value: { outcome: 'rated', level: 3, keyCode: '0x33' } });
  });
});

describe('EvaluationPad (serial) unhappy paths', () => {
  it('times out as "not rated", tells the pad to stop, and never attributes a late press', async () => {
    const rig = await enabledRig();
    const result = await settle(rig.pad.requestEvaluation({ ...REQUEST, timeoutMs: 2_000 }));
    expect(result).toEqual({ ok: true, value: { outcome: 'timeout' } });
    expect(rig.states).toEqual(['prompting', 'awaiting', 'timeout', 'idle']);
    expect(commands(rig.simulator).slice(-2)).toEqual(['start', 'cancel']);
    expect(rig.simulator.isPrompted).toBe(false);

    // A late press while idle is dropped…
    await rig.device.write(KEY(0x35));
    await vi.advanceTimersByTimeAsync(10);
    expect(rig.pad.state).toBe('idle');
    // …and one still in flight when the next request starts arrives before its ack.
    rig.simulator.autoPress = { level: 2, afterMs: 50 };
    const next = settle(rig.pad.requestEvaluation(REQUEST));
    void rig.device.write(KEY(0x35));
    expect(await next).toMatchObject({ ok: true, value: { outcome: 'rated', level: 2 } });
  });

  it('takes the first of a double press and drops the second', async () => {
    const rig = await enabledRig({ faults: { doublePress: true }, autoPress: { level: 4, afterMs: 30 } });
    expect(await settle(rig.pad.requestEvaluation(REQUEST))).toMatchObject({ ok: true, value: { level: 4 } });
    await rig.simulator.whenIdle();
    await vi.advanceTimersByTimeAsync(10);
    expect(rig.states.filter((state) => state === 'rated')).toHaveLength(1);
    rig.simulator.faults.doublePress = false;
    rig.simulator.autoPress = { level: 1, afterMs: 30 };
    expect(await settle(rig.pad.requestEvaluation(REQUEST))).toMatchObject({ ok: true, value: { level: 1 } });
  });

  it('cancels through the AbortSignal and sends C', async () => {
    const rig = await enabledRig();
    const controller = new AbortController();
    rig.pad.onStateChanged((state) => state === 'awaiting' && controller.abort());
    expect(await settle(rig.pad.requestEvaluation(REQUEST, controller.signal))).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(rig.states).toEqual(['prompting', 'awaiting', 'cancelled', 'idle']);
    await rig.simulator.whenIdle();
    expect(commands(rig.simulator).slice(-2)).toEqual(['start', 'cancel']);
    expect(rig.simulator.isPrompted).toBe(false);

    const sent = rig.simulator.received.length;
    expect(await rig.pad.requestEvaluation(REQUEST, AbortSignal.abort())).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(rig.simulator.received).toHaveLength(sent);
  });

  it('refuses a second request while one is outstanding', async () => {
    const rig = await enabledRig();
    const controller = new AbortController();
    const first = settle(rig.pad.requestEvaluation(REQUEST, controller.signal));
    expect(await rig.pad.requestEvaluation(REQUEST)).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await rig.pad.query()).toMatchObject({ ok: false, error: { code: 'busy' } });
    controller.abort();
    expect(await first).toEqual({ ok: true, value: { outcome: 'cancelled' } });
  });

  it('says the pad does not answer when S is not acked', async () => {
    const rig = await makeRig({ faults: { noAnswer: true } }, { ackTimeoutMs: 500 });
    await rig.pad.open();
    rig.pad.claim();
    expect(await settle(rig.pad.enable())).toMatchObject({ ok: false, error: { code: 'timeout', detail: 'noReply' } });
    expect(rig.pad.lifecycle).toBe('enabled');
    rig.states.length = 0;
    const result = await settle(rig.pad.requestEvaluation(REQUEST));
    expect(result).toEqual({ ok: false, error: { code: 'timeout', message: 'the pad does not answer', detail: 'noReply' } });
    expect(rig.states).toEqual(['prompting', 'deviceError', 'idle']);
    expect(rig.pad.condition).toBe('noReply');
    expect(rig.updates).toEqual([{ kind: 'noReply' }]);
    expect(commands(rig.simulator)).toEqual(['query', 'start', 'cancel']);
  });

  it('reports a pad unplugged mid-prompt, then reconnects and rates again', async () => {
    const rig = await enabledRig({ faults: { unplugMidPrompt: true } }, { reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 400 });
    rig.states.length = 0;
    const result = await settle(rig.pad.requestEvaluation(REQUEST));
    expect(result).toEqual({ ok: false, error: { code: 'offline', message: 'pad disconnected', detail: 'powerOff' } });
    expect(rig.states).toEqual(['prompting', 'awaiting', 'deviceError', 'idle']);
    expect(rig.pad.condition).toBe('powerOff');
    expect(rig.updates.at(-1)).toEqual({ kind: 'powerOff', detail: 'unplugged mid-prompt' });
    expect(rig.errors).toMatchObject([{ code: 'offline', detail: 'powerOff' }]);

    // Still unplugged: reopen attempts back off (100, 200, 400, 400 … ms) and fail;
    // requests are refused meanwhile.
    rig.host.hasHardware = false;
    const attempts: number[] = [];
    const open = rig.host.open.bind(rig.host);
    vi.spyOn(rig.host, 'open').mockImplementation(() => {
      attempts.push(Date.now());
      return open();
    });
    await vi.advanceTimersByTimeAsync(1_600);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    expect(gaps.slice(0, 3)).toEqual([200, 400, 400]);
    expect(Math.max(...gaps)).toBe(400);
    expect(await rig.pad.requestEvaluation(REQUEST)).toMatchObject({ ok: false, error: { code: 'offline' } });

    // Replugged: the pad is reopened, queried and back.
    rig.host.hasHardware = true;
    await rig.device.open();
    await settle(
      new Promise<void>((resolve) => {
        if (rig.pad.condition === 'online') resolve();
        rig.pad.onStatusUpdate((update) => update.kind === 'powerOn' && resolve());
      }),
    );
    expect(rig.updates.at(-1)).toEqual({ kind: 'powerOn' });
    rig.simulator.autoPress = { level: 5, afterMs: 20 };
    expect(await settle(rig.pad.requestEvaluation(REQUEST))).toMatchObject({ ok: true, value: { level: 5 } });
  });
});

describe('EvaluationPad life cycle', () => {
  it('refuses requests until enabled', async () => {
    const rig = await makeRig();
    expect(await rig.pad.requestEvaluation(REQUEST)).toMatchObject({ ok: false, error: { code: 'closed' } });
    await rig.pad.open();
    expect(await rig.pad.requestEvaluation(REQUEST)).toMatchObject({ ok: false, error: { code: 'notClaimed' } });
    rig.pad.claim();
    expect(await rig.pad.requestEvaluation(REQUEST)).toMatchObject({ ok: false, error: { code: 'disabled' } });
    expect(rig.simulator.received).toEqual([]);
  });

  it('refuses a bad timeout or prompt id', async () => {
    const rig = await enabledRig();
    expect(await rig.pad.requestEvaluation({ ...REQUEST, timeoutMs: 0 })).toMatchObject({ ok: false, error: { code: 'failure' } });
    expect(await rig.pad.requestEvaluation({ ...REQUEST, promptId: 256 })).toMatchObject({ ok: false, error: { code: 'failure' } });
  });

  it('ends a request as cancelled on disable and as closed on close', async () => {
    const rig = await enabledRig();
    const first = settle(rig.pad.requestEvaluation(REQUEST));
    await vi.advanceTimersByTimeAsync(50);
    rig.pad.disable();
    expect(await first).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(rig.pad.lifecycle).toBe('claimed');
    expect(await settle(rig.pad.enable())).toEqual({ ok: true, value: undefined });
    const second = settle(rig.pad.requestEvaluation(REQUEST));
    await vi.advanceTimersByTimeAsync(50);
    await rig.pad.close();
    expect(await second).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect(rig.pad.state).toBe('idle');
  });

  it('refuses a bad configuration at construction', () => {
    const [host] = createMemoryPair();
    expect(() => new EvaluationPad({ transport: host, kind: 'serial', address: 0 })).toThrow(RangeError);
    expect(() => new EvaluationPad({ transport: host, kind: 'serial', codeTable: { '0x31': 9 as EvaluationLevel } })).toThrow(/levels are 1/u);
    expect(() => new EvaluationPad({ transport: host, kind: 'hidKeyboard', keyTable: { '0x01': 5 } })).toThrow(/reserved/u);
  });
});
