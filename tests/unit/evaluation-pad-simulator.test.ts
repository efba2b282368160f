import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeCommand, PadFramer, decodeReply, type PadReply } from '../../hardware/protocols/evaluation-pad/serial-pad-frame.js';
import { EvaluationPadSimulator } from '../../hardware/simulators/evaluation-pad/evaluation-pad-simulator.js';
import { createMemoryPair, type MemoryTransport } from '../../hardware/transports/memory-transport.js';

interface Bench {
  readonly simulator: EvaluationPadSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly replies: PadReply[];
}

let benches: Bench[] = [];

/** The simulator on one end, raw frames written and read on the other. */
async function bench(simulator: EvaluationPadSimulator): Promise<Bench> {
  const [host, device] = createMemoryPair();
  await Promise.all([host.open(), device.open()]);
  simulator.attach(device);
  const framer = new PadFramer();
  const replies: PadReply[] = [];
  host.onData((bytes) => {
    for (const event of framer.push(bytes)) {
      const reply = event.kind === 'frame' ? decodeReply(event.frame) : null;
      if (reply !== null) replies.push(reply);
    }
  });
  const made = { simulator, host, device, replies };
  benches.push(made);
  return made;
}

async function send(b: Bench, ...commands: Parameters<typeof encodeCommand>[1][]): Promise<void> {
  for (const command of commands) await b.host.write(encodeCommand(b.simulator.address, command));
  await vi.advanceTimersByTimeAsync(0);
  await b.simulator.whenIdle();
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const b of benches) {
    await b.simulator.whenIdle();
    b.simulator.detach();
    await b.host.close();
    await b.device.close();
  }
  benches = [];
  vi.useRealTimers();
});

describe('EvaluationPadSimulator (serial)', () => {
  it('ignores buttons until prompted, then sends one key and leaves the prompt', async () => {
    const b = await bench(new EvaluationPadSimulator());
    expect(b.simulator.press(5)).toBe(false);
    const prompts: (number | null)[] = [];
    b.simulator.onPrompt((prompt) => prompts.push(prompt.promptId));
    await send(b, { kind: 'start', promptId: 2 });
    expect(b.simulator.isPrompted).toBe(true);
    expect(prompts).toEqual([2]);
    expect(b.simulator.press(5)).toBe(true);
    expect(b.simulator.isPrompted).toBe(false);
    expect(b.simulator.press(4)).toBe(false);
    await b.simulator.whenIdle();
    expect(b.replies).toEqual([
      { kind: 'ack', of: 'start' },
      { kind: 'key', code: 0x35 },
    ]);
  });

  it('answers queries and cancels, records every command, ignores other addresses', async () => {
    const b = await bench(new EvaluationPadSimulator({ address: 2, model: 'EP;X', firmware: '9' }));
    await send(b, { kind: 'query' }, { kind: 'start' }, { kind: 'cancel' });
    await b.host.write(encodeCommand(3, { kind: 'start' }));
    await b.simulator.whenIdle();
    expect(b.replies).toEqual([
      { kind: 'identity', model: 'EP_X', firmware: '9' },
      { kind: 'ack', of: 'start' },
      { kind: 'ack', of: 'cancel' },
    ]);
    expect(b.simulator.received.map((c) => `${c.command}@${c.address}`)).toEqual(['query@2', 'start@2', 'cancel@2', 'start@3']);
    expect(b.simulator.isPrompted).toBe(false);
  });

  it('presses by itself after a prompt, unless cancelled first', async () => {
    const b = await bench(new EvaluationPadSimulator({ autoPress: { level: 3, afterMs: 1_000 } }));
    await send(b, { kind: 'start' });
    await vi.advanceTimersByTimeAsync(500);
    await send(b, { kind: 'cancel' });
    await vi.advanceTimersByTimeAsync(1_000);
    await send(b, { kind: 'start' });
    await vi.advanceTimersByTimeAsync(1_000);
    await b.simulator.whenIdle();
    expect(b.replies.map((r) => r.kind)).toEqual(['ack', 'ack', 'ack', 'key']);
  });

  it('plays dead with noAnswer, but still records', async () => {
    const b = await bench(new EvaluationPadSimulator({ faults: { noAnswer: true } }));
    await send(b, { kind: 'query' }, { kind: 'start' });
    expect(b.simulator.press(5)).toBe(false);
    expect(b.replies).toEqual([]);
    expect(b.simulator.received).toHaveLength(2);
  });

  it('unplugs once, right after acking the prompt', async () => {
    const b = await bench(new EvaluationPadSimulator({ faults: { unplugMidPrompt: true } }));
    const closed: string[] = [];
    b.host.onClose((reason) => closed.push(reason.kind));
    await send(b, { kind: 'start' });
    expect(b.replies).toEqual([{ kind: 'ack', of: 'start' }]);
    expect(closed).toEqual(['disconnected']);
    expect(b.simulator.faults.unplugMidPrompt).toBe(false);
    expect(b.simulator.isPrompted).toBe(false);
  });
});
