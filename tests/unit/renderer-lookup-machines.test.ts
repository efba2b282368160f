/**
 * 办件查询 (progress-machine.ts) and 预约签到 (checkin-machine.ts) against the fake core:
 * by a scanned code and by the ID card, the results, nothing found, platform failures,
 * waiting too long, the reader started and stopped with its state, and how each journey ends.
 */
import { describe, expect, it, vi } from 'vitest';
import { type AnyActorRef, createActor, fromPromise, waitFor } from 'xstate';
import type { IpcResult, MethodValues } from '../../electron/ipc/contract';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { CHECK_IN_TIMEOUT_MS, DEFAULT_CHECK_IN_INPUT, checkInMachine, provideCheckInKiosk } from '../../renderer/flows/checkin-machine';
import { LOOKUP_CALL_TIMEOUT_MS, LOOKUP_WAIT_SECONDS } from '../../renderer/flows/lookup-common';
import { DEFAULT_PROGRESS_INPUT, type ProgressInput, type ReceiptCode, provideProgressKiosk } from '../../renderer/flows/progress-machine';
import { AUTO_RETURN_SECONDS } from '../../renderer/flows/ticket-machine';
import { TestClock } from './renderer-test-clock';

/** 2025-11-24 09:30 in the hall: the fake places today's slots around it. */
const MORNING = Date.UTC(2025, 10, 24, 1, 30, 0);

function isIn(actor: AnyActorRef, state: string): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: string) => boolean }) => snapshot.matches(state));
}

/** The reader's state is the fake's, not the machine's: poll it. */
async function readerIs(fake: ReturnType<typeof fakeKiosk>, isReading: boolean): Promise<void> {
  await vi.waitFor(() => {
    expect(fake.control.isReading()).toBe(isReading);
  });
}

function fakeKiosk() {
  return createFakeKiosk({ now: () => MORNING, cardReadDelayMs: 0 });
}

function methods(fake: ReturnType<typeof fakeKiosk>, prefix: string): string[] {
  return fake.control.calls.filter((c) => c.method.startsWith(prefix)).map((c) => c.method);
}

async function startProgress(input: ProgressInput = DEFAULT_PROGRESS_INPUT) {
  const fake = fakeKiosk();
  await fake.kiosk.session.begin({});
  const clock = new TestClock();
  const actor = createActor(provideProgressKiosk(fake.kiosk), { input, clock });
  actor.start();
  return { fake, clock, actor };
}

describe('progress machine', () => {
  it('looks up a scanned receipt and shows the case with what is missing', async () => {
    const { actor, fake } = await startProgress();
    actor.send({ type: 'SCAN' });
    expect(actor.getSnapshot().matches('scanning')).toBe(true);
    actor.send({ type: 'CODE', caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' });
    await isIn(actor, 'detail');
    const { selected } = actor.getSnapshot().context;
    expect(selected?.status).toBe('correctionRequired');
    expect(selected?.missingMaterials.map((m) => m.name)).toEqual(['婚姻关系证明', '完税证明']);
    expect(fake.control.calls.at(-1)).toEqual({
      method: 'progress.lookup',
      arg: { caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' },
    });
    actor.send({ type: 'DONE' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
  });

  it('goes on to rate the case shown', async () => {
    const { actor } = await startProgress();
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', caseNumber: 'ZW20251105000087', verifier: 'P3X8D4' });
    await isIn(actor, 'detail');
    expect(actor.getSnapshot().context.selected?.collection?.place).toContain('8号窗口');
    actor.send({ type: 'EVALUATE' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'evaluate', caseNumber: 'ZW20251105000087' });
  });

  it('says nothing was found politely, and a platform failure with its message and 重试', async () => {
    const { actor, fake } = await startProgress();
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', caseNumber: 'ZW20250101999999', verifier: 'ZZZZ' });
    await isIn(actor, 'empty');
    expect(actor.getSnapshot().context.failure?.code).toBe('notFound');
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().matches('choosing')).toBe(true);
    fake.control.setPlatformError({ code: 'unavailable', message: '办件查询服务暂时无法连接，请稍后再试' });
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' });
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure?.message).toBe('办件查询服务暂时无法连接，请稍后再试');
    fake.control.setPlatformError(null);
    actor.send({ type: 'RETRY' });
    await isIn(actor, 'detail');
  });

  it('lists the card’s cases newest first, opens one and comes back; the reader runs only while waiting', async () => {
    const { actor, fake } = await startProgress();
    actor.send({ type: 'CARD' });
    await readerIs(fake, true);
    await fake.control.presentCard('resident');
    await isIn(actor, 'list');
    expect(methods(fake, 'identity.')).toEqual(['identity.startReading', 'identity.stopReading']);
    expect(actor.getSnapshot().context.cases.map((c) => c.caseNumber)).toEqual([
      'ZW20251121000210',
      'ZW20251118000123',
      'ZW20251105000087',
    ]);
    expect(actor.getSnapshot().context.hasReadCard).toBe(true);
    actor.send({ type: 'OPEN', caseNumber: 'ZW20251118000123' });
    expect(actor.getSnapshot().matches('detail')).toBe(true);
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches('list')).toBe(true);
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
  });

  it('says so when the card has no cases', async () => {
    const { actor, fake } = await startProgress();
    actor.send({ type: 'CARD' });
    await readerIs(fake, true);
    await fake.control.presentCard('hk-macao-taiwan');
    await isIn(actor, 'empty');
  });

  it('notes a failed read and waits again; gives up waiting after the wait', async () => {
    const { actor, fake, clock } = await startProgress();
    actor.send({ type: 'CARD' });
    await readerIs(fake, true);
    clock.advance(LOOKUP_WAIT_SECONDS * 1_000 - 1_000);
    await fake.control.presentCard('expired');
    expect(actor.getSnapshot().context.cardNotice).toMatchObject({ kind: 'readFailed', reason: 'expired' });
    clock.advance(LOOKUP_WAIT_SECONDS * 1_000 - 1_000);
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
    clock.advance(1_000);
    expect(actor.getSnapshot().matches('choosing')).toBe(true);
    await readerIs(fake, false);
    actor.send({ type: 'SCAN' });
    clock.advance(LOOKUP_WAIT_SECONDS * 1_000);
    expect(actor.getSnapshot().matches('choosing')).toBe(true);
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
  });

  it('picks the case to rate (好差评 from home): a list tap or a scanned receipt goes straight on', async () => {
    const { actor, fake } = await startProgress({ ...DEFAULT_PROGRESS_INPUT, purpose: 'evaluate' });
    actor.send({ type: 'CARD' });
    await readerIs(fake, true);
    await fake.control.presentCard('resident');
    await isIn(actor, 'list');
    actor.send({ type: 'OPEN', caseNumber: 'ZW20251105000087' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'evaluate', caseNumber: 'ZW20251105000087' });

    const scanned = await startProgress({ ...DEFAULT_PROGRESS_INPUT, purpose: 'evaluate' });
    scanned.actor.send({ type: 'SCAN' });
    scanned.actor.send({ type: 'CODE', caseNumber: 'ZW20251121000210', verifier: 'B6T4W1' });
    await waitFor(scanned.actor, (snapshot) => snapshot.status === 'done');
    expect(scanned.actor.getSnapshot().output).toEqual({ reason: 'evaluate', caseNumber: 'ZW20251121000210' });
  });

  it('shows a lookup that never answers as failed', () => {
    const machine = provideProgressKiosk(fakeKiosk().kiosk).provide({
      actors: { lookup: fromPromise<IpcResult<MethodValues['progress.lookup']>, ReceiptCode>(() => new Promise(() => undefined)) },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: DEFAULT_PROGRESS_INPUT, clock });
    actor.start();
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' });
    clock.advance(LOOKUP_CALL_TIMEOUT_MS);
    expect(actor.getSnapshot().matches('failed')).toBe(true);
    expect(actor.getSnapshot().context.failure?.code).toBe('timeout');
  });
});

async function startCheckIn() {
  const fake = fakeKiosk();
  await fake.kiosk.session.begin({});
  const clock = new TestClock();
  const actor = createActor(provideCheckInKiosk(fake.kiosk), { input: DEFAULT_CHECK_IN_INPUT, clock });
  actor.start();
  return { fake, clock, actor };
}

describe('check-in machine', () => {
  it('looks up a scanned appointment, checks it in and shows the ticket', async () => {
    const { actor, fake, clock } = await startCheckIn();
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', code: 'YY20251124000101', verifier: 'A4F7K2' });
    await isIn(actor, 'appointment');
    const { selected } = actor.getSnapshot().context;
    expect(selected).toMatchObject({ window: { state: 'open' }, slotStart: '09:30', slotEnd: '10:00', applicantMaskedName: '李**' });
    actor.send({ type: 'CHECK_IN' });
    await isIn(actor, 'issued');
    expect(actor.getSnapshot().context.ticket).toMatchObject({ ticketNumber: 'A001', holderMaskedName: '李**' });
    expect(actor.getSnapshot().context.selected?.window.state).toBe('checkedIn');
    expect(fake.control.calls.filter((c) => c.method.startsWith('appointment.'))).toEqual([
      { method: 'appointment.lookup', arg: { code: 'YY20251124000101', verifier: 'A4F7K2' } },
      { method: 'appointment.checkIn', arg: { code: 'YY20251124000101' } },
    ]);
    clock.advance(AUTO_RETURN_SECONDS * 1_000);
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
  });

  it('offers the evaluation on the ticket', async () => {
    const { actor } = await startCheckIn();
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', code: 'YY20251124000101', verifier: 'A4F7K2' });
    await isIn(actor, 'appointment');
    actor.send({ type: 'CHECK_IN' });
    await isIn(actor, 'issued');
    actor.send({ type: 'EVALUATE' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'evaluate' });
  });

  it('refuses 签到 outside the window and says the rule: early, late, already checked in', async () => {
    const { actor, fake } = await startCheckIn();
    const cases = [
      ['YY20251124000102', 'C8J3N6', 'early', '请于 11:00 后签到'],
      ['YY20251124000103', 'D5G9P4', 'late', '已超过签到时间（08:00），本次预约已失效，请重新取号'],
      ['YY20251124000104', 'E2H6Q8', 'checkedIn', '您已签到，号码 F003，请留意叫号'],
    ] as const;
    for (const [code, verifier, state, message] of cases) {
      actor.send({ type: 'SCAN' });
      actor.send({ type: 'CODE', code, verifier });
      await isIn(actor, 'appointment');
      expect(actor.getSnapshot().context.selected?.window).toEqual({ state, message });
      actor.send({ type: 'CHECK_IN' });
      expect(actor.getSnapshot().matches('appointment')).toBe(true);
      actor.send({ type: 'BACK' });
    }
    expect(methods(fake, 'appointment.checkIn')).toEqual([]);
  });

  it('lists the card’s appointments today; one tap opens one', async () => {
    const { actor, fake } = await startCheckIn();
    actor.send({ type: 'CARD' });
    await readerIs(fake, true);
    await fake.control.presentCard('resident');
    await isIn(actor, 'list');
    expect(actor.getSnapshot().context.appointments.map((a) => a.window.state)).toEqual(['open', 'early']);
    actor.send({ type: 'OPEN', code: 'YY20251124000102' });
    expect(actor.getSnapshot().matches('appointment')).toBe(true);
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches('list')).toBe(true);
  });

  it('says so when the card has no appointment today', async () => {
    const { actor, fake } = await startCheckIn();
    actor.send({ type: 'CARD' });
    await readerIs(fake, true);
    await fake.control.presentCard('foreign-permanent');
    await isIn(actor, 'empty');
  });

  it('shows a failed check-in with 重试', async () => {
    const machine = provideCheckInKiosk(fakeKiosk().kiosk).provide({
      actors: {
        checkIn: fromPromise<IpcResult<MethodValues['appointment.checkIn']>, { readonly code: string }>(() => new Promise(() => undefined)),
      },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: DEFAULT_CHECK_IN_INPUT, clock });
    actor.start();
    actor.send({ type: 'SCAN' });
    actor.send({ type: 'CODE', code: 'YY20251124000101', verifier: 'A4F7K2' });
    await isIn(actor, 'appointment');
    actor.send({ type: 'CHECK_IN' });
    clock.advance(CHECK_IN_TIMEOUT_MS);
    expect(actor.getSnapshot().matches('checkInFailed')).toBe(true);
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().matches('checkingIn')).toBe(true);
  });

  it('is the machine the journey provides', () => {
    expect(provideCheckInKiosk(fakeKiosk().kiosk).id).toBe(checkInMachine.id);
  });
});
