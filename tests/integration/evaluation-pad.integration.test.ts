/**
 * The serial evaluation pad over the real serial stack: socat pty pair at 9600 bps, the
 * device class on one end, the simulator on the other. Unhappy path of this file: a
 * citizen who does not rate in time, whose late press must not reach the next case.
 */
import { afterEach, expect, it } from 'vitest';
import { EvaluationPad } from '../../hardware/devices/evaluation-pad/evaluation-pad.js';
import type { EvaluationRequest } from '../../hardware/devices/evaluation-pad/events.js';
import { PAD_BAUD_RATE } from '../../hardware/protocols/evaluation-pad/serial-pad-frame.js';
import { EvaluationPadSimulator } from '../../hardware/simulators/evaluation-pad/evaluation-pad-simulator.js';
import { startPtyRig } from '../support/bring-up.js';
import type { PtyPair } from '../support/pty.js';
import { nextEvent } from '../support/wait.js';

interface PadRig {
  readonly pty: PtyPair;
  readonly pad: EvaluationPad;
  readonly simulator: EvaluationPadSimulator;
  stop(): Promise<void>;
}

let rig: PadRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function startPadRig(): Promise<PadRig> {
  const { pty, device: pad, simulator, stop } = await startPtyRig({
    simulator: new EvaluationPadSimulator({ model: 'SIM-PTY', firmware: '0.9', faults: { garbage: true } }),
    createDevice: (transport) => new EvaluationPad({ transport, kind: 'serial' }),
    baudRate: PAD_BAUD_RATE,
  });
  return { pty, pad, simulator, stop };
}

const REQUEST: EvaluationRequest = { caseNumber: 'SX2024-000777', windowId: 'W03', staffId: 'S0101', timeoutMs: 10_000 };

it('queries the pad and takes a rating through line noise', async () => {
  rig = await startPadRig();
  const { pad, simulator } = rig;
  expect(await pad.query()).toEqual({ ok: true, value: { model: 'SIM-PTY', firmware: '0.9' } });
  expect(pad.condition).toBe('online');

  const prompted = nextEvent((listener) => simulator.onPrompt(listener), 'the pad showing its prompt');
  const result = pad.requestEvaluation(REQUEST);
  await prompted;
  expect(simulator.press(4)).toBe(true);
  expect(await result).toEqual({ ok: true, value: { outcome: 'rated', level: 4, keyCode: '0x34', at: expect.any(Number) as number } });
  expect(simulator.received.map((c) => c.command)).toEqual(['query', 'query', 'start']);
});

it('times out as not rated and keeps a late press away from the next case', async () => {
  rig = await startPadRig();
  const { pad, simulator } = rig;
  const cancelled = nextEvent((listener) => simulator.onCommand((command) => command.command === 'cancel' && listener(command)), 'C at the pad');
  expect(await pad.requestEvaluation({ ...REQUEST, timeoutMs: 300 })).toEqual({ ok: true, value: { outcome: 'timeout' } });
  await cancelled;
  expect(simulator.isPrompted).toBe(false);
  // The citizen presses now: the pad is no longer prompted and sends nothing.
  expect(simulator.press(1)).toBe(false);

  simulator.autoPress = { level: 5, afterMs: 50 };
  expect(await pad.requestEvaluation(REQUEST)).toMatchObject({ ok: true, value: { outcome: 'rated', level: 5 } });
});
