/**
 * 好差评 (renderer/flows/evaluation-machine.ts) against the fake core: no level preselected,
 * every level submits, a low level needs a reason and may leave a phone, 暂不评价 and the
 * prompt's own timeout are recorded as not rated (never a level), failures.
 */
import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, fromPromise, waitFor } from 'xstate';
import type { EvaluationJourney, EvaluationLevel, IpcResult, MethodValues } from '../../electron/ipc/contract';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { FAKE_EVALUATION_REASONS, FAKE_EVALUATION_TIMEOUT_SECONDS } from '../../renderer/api/fake-kiosk-services';
import {
  type EvaluationInput,
  EVALUATION_CALL_TIMEOUT_MS,
  type SubmitRequest,
  THANKS_SECONDS,
  evaluationMachine,
  missingOf,
  provideEvaluationKiosk,
} from '../../renderer/flows/evaluation-machine';
import { TestClock } from './renderer-test-clock';

const TICKET: EvaluationInput = { journey: 'ticket', caseNumber: null, timeFactor: 1 };

function isIn(actor: AnyActorRef, state: string): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: string) => boolean }) => snapshot.matches(state));
}

async function start(input: EvaluationInput = TICKET) {
  const fake = createFakeKiosk();
  await fake.kiosk.session.begin({});
  const clock = new TestClock();
  const actor = createActor(provideEvaluationKiosk(fake.kiosk), { input, clock });
  actor.start();
  await isIn(actor, 'rating');
  return { fake, clock, actor };
}

function evaluationCalls(fake: ReturnType<typeof createFakeKiosk>) {
  return fake.control.calls.filter((call) => call.method.startsWith('evaluation.'));
}

describe('evaluation machine', () => {
  it('opens the prompt with no level chosen, and refuses 提交 until one is', async () => {
    const { actor, fake } = await start();
    const { context } = actor.getSnapshot();
    expect(context.level).toBeNull();
    expect(context.reasons).toEqual([]);
    expect(context.prompt?.levels.map((l) => l.level)).toEqual([5, 4, 3, 2, 1]);
    expect(evaluationCalls(fake)).toEqual([{ method: 'evaluation.begin', arg: { journey: 'ticket' } }]);
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().matches('rating')).toBe(true);
    expect(actor.getSnapshot().context.isIncompleteShown).toBe(true);
    expect(missingOf(actor.getSnapshot().context)).toBe('level');
  });

  for (const level of [5, 4, 3] as const) {
    it(`submits level ${level} with or without reasons, then thanks and home`, async () => {
      const { actor, fake, clock } = await start();
      actor.send({ type: 'LEVEL', level });
      const reason = FAKE_EVALUATION_REASONS[level][0] ?? '';
      if (level !== 3) actor.send({ type: 'TOGGLE_REASON', reason });
      actor.send({ type: 'SUBMIT' });
      await isIn(actor, 'thanks');
      const submit = evaluationCalls(fake)[1];
      expect(submit).toEqual({
        method: 'evaluation.submit',
        arg: { promptId: actor.getSnapshot().context.prompt?.promptId, level, reasons: level === 3 ? [] : [reason] },
      });
      expect(fake.control.evaluations().at(-1)?.outcome).toEqual({
        kind: 'rated',
        level,
        reasons: level === 3 ? [] : [reason],
        phone: null,
      });
      clock.advance(THANKS_SECONDS * 1_000);
      expect(actor.getSnapshot().status).toBe('done');
      expect(actor.getSnapshot().output).toEqual({ outcome: 'rated' });
    });
  }

  for (const level of [2, 1] as const) {
    it(`needs a reason for the low level ${level}, takes a phone, and flags the follow-up`, async () => {
      const { actor, fake } = await start();
      actor.send({ type: 'LEVEL', level });
      actor.send({ type: 'SUBMIT' });
      expect(actor.getSnapshot().matches('rating')).toBe(true);
      expect(missingOf(actor.getSnapshot().context)).toBe('reason');
      const [first, second] = FAKE_EVALUATION_REASONS[level];
      // Toggled in any order, kept in the order offered.
      actor.send({ type: 'TOGGLE_REASON', reason: second ?? '' });
      actor.send({ type: 'TOGGLE_REASON', reason: first ?? '' });
      for (const digit of '1391234567') actor.send({ type: 'PHONE_KEY', key: digit as '1' });
      actor.send({ type: 'SUBMIT' });
      expect(missingOf(actor.getSnapshot().context)).toBe('phone');
      expect(actor.getSnapshot().matches('rating')).toBe(true);
      actor.send({ type: 'PHONE_KEY', key: '8' });
      actor.send({ type: 'SUBMIT' });
      await isIn(actor, 'thanks');
      expect(evaluationCalls(fake)[1]?.arg).toMatchObject({ level, reasons: [first, second], phone: '13912345678' });
      expect(actor.getSnapshot().context.isFollowUp).toBe(true);
    });
  }

  it('keeps the phone only for a low level, and edits it with 退格 and 清空', async () => {
    const { actor } = await start();
    actor.send({ type: 'PHONE_KEY', key: '1' });
    expect(actor.getSnapshot().context.phone).toBe('');
    actor.send({ type: 'LEVEL', level: 1 });
    for (const key of ['0', '2', '5', '9'] as const) actor.send({ type: 'PHONE_KEY', key });
    actor.send({ type: 'PHONE_KEY', key: 'backspace' });
    expect(actor.getSnapshot().context.phone).toBe('025');
    actor.send({ type: 'PHONE_KEY', key: 'clear' });
    expect(actor.getSnapshot().context.phone).toBe('');
    actor.send({ type: 'PHONE_KEY', key: '7' });
    actor.send({ type: 'LEVEL', level: 4 });
    expect(actor.getSnapshot().context.phone).toBe('');
  });

  it('drops the reasons of another level when the level changes', async () => {
    const { actor } = await start();
    actor.send({ type: 'LEVEL', level: 2 });
    actor.send({ type: 'TOGGLE_REASON', reason: '等候时间过长' });
    actor.send({ type: 'TOGGLE_REASON', reason: '不是一个原因' });
    actor.send({ type: 'LEVEL', level: 1 });
    expect(actor.getSnapshot().context.reasons).toEqual(['等候时间过长']);
    actor.send({ type: 'LEVEL', level: 5 });
    expect(actor.getSnapshot().context.reasons).toEqual([]);
  });

  it('暂不评价 records skipped, never a level', async () => {
    const { actor, fake } = await start();
    actor.send({ type: 'LEVEL', level: 4 });
    actor.send({ type: 'SKIP' });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(evaluationCalls(fake).map((c) => c.method)).toEqual(['evaluation.begin', 'evaluation.decline']);
    expect(evaluationCalls(fake)[1]?.arg).toMatchObject({ why: 'skipped' });
    expect(fake.control.evaluations()).toEqual([{ journey: 'ticket', caseNumber: null, outcome: { kind: 'declined', why: 'skipped' } }]);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'skipped' });
  });

  it('返回首页 while rating is 暂不评价 too', async () => {
    const { actor, fake } = await start();
    actor.send({ type: 'HOME' });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(evaluationCalls(fake)[1]?.arg).toMatchObject({ why: 'skipped' });
  });

  it('times out after the prompt’s seconds × the time factor, recorded as timeout; taps start it again', async () => {
    const fake = createFakeKiosk();
    const clock = new TestClock();
    const actor = createActor(provideEvaluationKiosk(fake.kiosk), { input: { ...TICKET, timeFactor: 1.5 }, clock });
    actor.start();
    await isIn(actor, 'rating');
    const period = FAKE_EVALUATION_TIMEOUT_SECONDS * 1.5 * 1_000;
    clock.advance(period - 1_000);
    actor.send({ type: 'LEVEL', level: 3 });
    clock.advance(period - 1_000);
    expect(actor.getSnapshot().matches('rating')).toBe(true);
    clock.advance(1_000);
    expect(actor.getSnapshot().matches('declining')).toBe(true);
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(evaluationCalls(fake).at(-1)?.arg).toMatchObject({ why: 'timeout' });
    expect(fake.control.evaluations().at(-1)?.outcome).toEqual({ kind: 'declined', why: 'timeout' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'timeout' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('binds the rating to a case looked up in the session', async () => {
    const fake = createFakeKiosk();
    await fake.kiosk.session.begin({});
    await fake.kiosk.progress.lookup({ caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' });
    const actor = createActor(provideEvaluationKiosk(fake.kiosk), {
      input: { journey: 'progress', caseNumber: 'ZW20251118000123', timeFactor: 1 },
      clock: new TestClock(),
    });
    actor.start();
    await isIn(actor, 'rating');
    expect(actor.getSnapshot().context.prompt?.subjectLabel).toBe('办件 不动产转移登记（二手房买卖）');
    expect(evaluationCalls(fake)[0]?.arg).toEqual({ journey: 'progress', caseNumber: 'ZW20251118000123' });
  });

  it('says so and goes home when no prompt can be opened; nothing to decline', async () => {
    const fake = createFakeKiosk();
    const clock = new TestClock();
    const actor = createActor(provideEvaluationKiosk(fake.kiosk), {
      input: { journey: 'progress', caseNumber: 'ZW20251118000123', timeFactor: 1 },
      clock,
    });
    actor.start();
    await isIn(actor, 'openFailed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'notFound', message: '请先查询要评价的办件' });
    clock.advance(THANKS_SECONDS * 1_000);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'failed' });
    expect(evaluationCalls(fake).map((c) => c.method)).toEqual(['evaluation.begin']);
  });

  it('offers 重新提交 after a failed submit, and 暂不评价 still declines', async () => {
    let submits = 0;
    const machine = evaluationMachine.provide({
      actors: {
        begin: fromPromise(() =>
          createFakeKiosk().kiosk.evaluation.begin({ journey: 'guide' }),
        ),
        submit: fromPromise<IpcResult<MethodValues['evaluation.submit']>, SubmitRequest>(() => {
          submits += 1;
          return Promise.resolve(
            submits === 1
              ? { ok: false, error: { code: 'internal', message: '评价服务暂不可用' } }
              : { ok: true, value: { recorded: true, isFollowUp: false } },
          );
        }),
        decline: fromPromise<IpcResult<MethodValues['evaluation.decline']>, { readonly promptId: string; readonly why: 'skipped' | 'timeout' }>(
          () => Promise.resolve({ ok: true, value: { recorded: true } }),
        ),
      },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: { journey: 'guide', caseNumber: null, timeFactor: 1 }, clock });
    actor.start();
    await isIn(actor, 'rating');
    actor.send({ type: 'LEVEL', level: 5 as EvaluationLevel });
    actor.send({ type: 'SUBMIT' });
    await isIn(actor, 'submitFailed');
    expect(actor.getSnapshot().context.failure?.message).toBe('评价服务暂不可用');
    actor.send({ type: 'RETRY' });
    await isIn(actor, 'thanks');
    expect(submits).toBe(2);
  });

  it('does not wait for ever on a core that never answers', () => {
    const machine = evaluationMachine.provide({
      actors: {
        begin: fromPromise<IpcResult<MethodValues['evaluation.begin']>, { readonly journey: EvaluationJourney; readonly caseNumber: string | null }>(
          () => new Promise(() => undefined),
        ),
        submit: fromPromise<IpcResult<MethodValues['evaluation.submit']>, SubmitRequest>(() => new Promise(() => undefined)),
        decline: fromPromise<IpcResult<MethodValues['evaluation.decline']>, { readonly promptId: string; readonly why: 'skipped' | 'timeout' }>(
          () => new Promise(() => undefined),
        ),
      },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: TICKET, clock });
    actor.start();
    clock.advance(EVALUATION_CALL_TIMEOUT_MS);
    expect(actor.getSnapshot().matches('openFailed')).toBe(true);
    expect(actor.getSnapshot().context.failure?.code).toBe('timeout');
  });
});
