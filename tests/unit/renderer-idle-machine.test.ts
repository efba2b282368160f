import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { idleMachine } from '../../renderer/flows/idle-machine';
import { TestClock } from './renderer-test-clock';

function start(settings = { timeoutSeconds: 60, countdownSeconds: 10 }) {
  const clock = new TestClock();
  const actor = createActor(idleMachine, { input: settings, clock });
  const expiries: number[] = [];
  actor.on('expired', () => expiries.push(clock.now()));
  actor.start();
  return { actor, clock, expiries };
}

describe('idle machine (R-P3)', () => {
  it('does nothing until a journey starts', () => {
    const { actor, clock, expiries } = start();
    clock.advance(10 * 60_000);
    expect(actor.getSnapshot().value).toBe('stopped');
    expect(expiries).toEqual([]);
  });

  it('warns after the quiet period and counts down whole seconds', () => {
    const { actor, clock } = start();
    actor.send({ type: 'START' });
    clock.advance(59_999);
    expect(actor.getSnapshot().matches('watching')).toBe(true);
    clock.advance(1);
    expect(actor.getSnapshot().matches('warning')).toBe(true);
    expect(actor.getSnapshot().context.remainingSeconds).toBe(10);
    clock.advance(1_000);
    expect(actor.getSnapshot().context.remainingSeconds).toBe(9);
    clock.advance(8_000);
    expect(actor.getSnapshot().context.remainingSeconds).toBe(1);
  });

  it('expires once, exactly timeout + countdown after the last activity, and stops', () => {
    const { actor, clock, expiries } = start();
    actor.send({ type: 'START' });
    clock.advance(30_000);
    actor.send({ type: 'ACTIVITY' });
    clock.advance(69_999);
    expect(expiries).toEqual([]);
    clock.advance(1);
    expect(expiries).toEqual([100_000]);
    expect(actor.getSnapshot().value).toBe('stopped');
    clock.advance(10 * 60_000);
    expect(expiries).toHaveLength(1);
  });

  it('restarts the quiet period on every activity while watching', () => {
    const { actor, clock } = start({ timeoutSeconds: 5, countdownSeconds: 3 });
    actor.send({ type: 'START' });
    for (let i = 0; i < 10; i += 1) {
      clock.advance(4_000);
      actor.send({ type: 'ACTIVITY' });
    }
    expect(actor.getSnapshot().matches('watching')).toBe(true);
  });

  it('ignores plain activity during the countdown; only 继续办理 answers it', () => {
    const { actor, clock, expiries } = start({ timeoutSeconds: 5, countdownSeconds: 3 });
    actor.send({ type: 'START' });
    clock.advance(5_000);
    actor.send({ type: 'ACTIVITY' });
    expect(actor.getSnapshot().matches('warning')).toBe(true);
    actor.send({ type: 'CONTINUE' });
    expect(actor.getSnapshot().matches('watching')).toBe(true);
    clock.advance(4_999);
    expect(actor.getSnapshot().matches('watching')).toBe(true);
    clock.advance(1 + 3_000);
    expect(expiries).toEqual([13_000]);
  });

  it('restarts the countdown from the top after 继续办理', () => {
    const { actor, clock } = start({ timeoutSeconds: 5, countdownSeconds: 3 });
    actor.send({ type: 'START' });
    clock.advance(7_000);
    expect(actor.getSnapshot().context.remainingSeconds).toBe(1);
    actor.send({ type: 'CONTINUE' });
    clock.advance(5_000);
    expect(actor.getSnapshot().context.remainingSeconds).toBe(3);
  });

  it('stops from any state and does not expire afterwards', () => {
    const { actor, clock, expiries } = start({ timeoutSeconds: 5, countdownSeconds: 3 });
    actor.send({ type: 'START' });
    clock.advance(6_000);
    actor.send({ type: 'STOP' });
    clock.advance(60_000);
    expect(actor.getSnapshot().value).toBe('stopped');
    expect(expiries).toEqual([]);
  });

  it('takes new durations from CONFIGURE and refuses nonsense values', () => {
    const { actor, clock, expiries } = start();
    actor.send({ type: 'CONFIGURE', timeoutSeconds: 0, countdownSeconds: -4 });
    expect(actor.getSnapshot().context).toMatchObject({ timeoutSeconds: 1, countdownSeconds: 1 });
    actor.send({ type: 'CONFIGURE', timeoutSeconds: 120, countdownSeconds: 20 });
    actor.send({ type: 'START' });
    clock.advance(139_999);
    expect(expiries).toEqual([]);
    clock.advance(1);
    expect(expiries).toEqual([140_000]);
  });
});
