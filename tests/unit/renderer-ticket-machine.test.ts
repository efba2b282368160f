import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { IpcResult, QueueCategory, TicketView } from '../../electron/ipc/contract';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import {
  AUTO_RETURN_SECONDS,
  DEFAULT_TICKET_INPUT,
  PRINT_FAILED_AUTO_RETURN_SECONDS,
  TAKE_TICKET_TIMEOUT_MS,
  TAP_GUARD_MS,
  type WaitingChanged,
  provideKiosk,
  ticketMachine,
} from '../../renderer/flows/ticket-machine';
import { TestClock } from './renderer-test-clock';

const NOON_UTC = Date.UTC(2025, 10, 24, 4, 5, 0);

function startWithFake(setup?: (fake: ReturnType<typeof createFakeKiosk>) => void) {
  const fake = createFakeKiosk({ now: () => NOON_UTC });
  setup?.(fake);
  const clock = new TestClock();
  const actor = createActor(provideKiosk(fake.kiosk), { input: DEFAULT_TICKET_INPUT, clock });
  actor.start();
  return { fake, clock, actor };
}

function isSettled(actor: AnyActorRef, state: string): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: string) => boolean }) => snapshot.matches(state));
}

/** Waits for the list, then past the tap guard, so CHOOSE is taken. */
async function isOpen(actor: AnyActorRef, clock: TestClock): Promise<void> {
  await isSettled(actor, 'choosing.ready');
  clock.advance(TAP_GUARD_MS);
}

describe('ticket machine: happy path', () => {
  it('loads the categories, takes a ticket and shows it', async () => {
    const { actor, fake, clock } = startWithFake();
    expect(actor.getSnapshot().matches({ choosing: 'loading' })).toBe(true);
    await isOpen(actor, clock);
    expect(actor.getSnapshot().context.categories.map((c) => c.prefix)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);

    actor.send({ type: 'CHOOSE', categoryId: 'enterprise' });
    expect(actor.getSnapshot().value).toBe('taking');
    await isSettled(actor, 'issued');

    const { ticket, secondsLeft } = actor.getSnapshot().context;
    expect(ticket).toMatchObject({
      ticketNumber: 'B001',
      categoryName: '企业开办',
      waitingAhead: 5,
      issuedAt: '2025-11-24T12:05:00+08:00',
      print: { status: 'printed' },
    });
    expect(secondsLeft).toBe(AUTO_RETURN_SECONDS);
    expect(fake.control.calls.map((c) => c.method)).toEqual(['queue.listCategories', 'queue.takeTicket']);
    expect(fake.control.calls[1]?.arg).toEqual({ categoryId: 'enterprise' });
  });

  it('counts down on the ticket screen and ends as finished', async () => {
    const { actor, clock } = startWithFake();
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await isSettled(actor, 'issued');
    clock.advance(1_000);
    expect(actor.getSnapshot().context.secondsLeft).toBe(AUTO_RETURN_SECONDS - 1);
    clock.advance((AUTO_RETURN_SECONDS - 2) * 1_000);
    expect(actor.getSnapshot().context.secondsLeft).toBe(1);
    expect(actor.getSnapshot().status).toBe('active');
    clock.advance(1_000);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
  });

  it('ends as finished on 完成 and on 返回首页 from the ticket screen', async () => {
    for (const type of ['DONE', 'HOME'] as const) {
      const { actor, clock } = startWithFake();
      await isOpen(actor, clock);
      actor.send({ type: 'CHOOSE', categoryId: 'general' });
      await isSettled(actor, 'issued');
      actor.send({ type });
      expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
    }
  });

  it('numbers each category on its own and counts the people ahead', async () => {
    const fake = createFakeKiosk();
    const numbers: string[] = [];
    for (const categoryId of ['general', 'general', 'tax']) {
      const clock = new TestClock();
      const actor = createActor(provideKiosk(fake.kiosk), { input: DEFAULT_TICKET_INPUT, clock }).start();
      await isOpen(actor, clock);
      actor.send({ type: 'CHOOSE', categoryId });
      await isSettled(actor, 'issued');
      const ticket = actor.getSnapshot().context.ticket;
      numbers.push(`${ticket?.ticketNumber}/${ticket?.waitingAhead}`);
      actor.stop();
    }
    expect(numbers).toEqual(['A001/12', 'A002/13', 'E001/0']);
  });
});

describe('ticket machine: waiting counts', () => {
  it('updates a category when the core reports a new count, and unsubscribes after choosing', async () => {
    const { actor, fake, clock } = startWithFake();
    await isOpen(actor, clock);
    expect(fake.control.listenerCount('queue.waitingChanged')).toBe(1);
    fake.control.changeWaiting('tax', 4);
    fake.control.changeWaiting('general', -2);
    const byId = new Map(actor.getSnapshot().context.categories.map((c) => [c.id, c.waitingCount]));
    expect(byId.get('tax')).toBe(4);
    expect(byId.get('general')).toBe(10);
    actor.send({ type: 'CHOOSE', categoryId: 'tax' });
    expect(fake.control.listenerCount('queue.waitingChanged')).toBe(0);
    await isSettled(actor, 'issued');
    actor.stop();
  });

  it('refuses a tap that lands right as the list appears (second half of a double tap)', async () => {
    const { actor, fake, clock } = startWithFake();
    await isSettled(actor, 'choosing.ready');
    clock.advance(TAP_GUARD_MS - 1);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    expect(actor.getSnapshot().matches({ choosing: 'ready' })).toBe(true);
    clock.advance(1);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    expect(actor.getSnapshot().value).toBe('taking');
    expect(fake.control.calls.filter((c) => c.method === 'queue.takeTicket')).toHaveLength(1);
    await isSettled(actor, 'issued');
  });

  it('ignores a choice that is not in the list', async () => {
    const { actor, fake, clock } = startWithFake();
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'nope' });
    expect(actor.getSnapshot().matches({ choosing: 'ready' })).toBe(true);
    expect(fake.control.calls.some((c) => c.method === 'queue.takeTicket')).toBe(false);
  });
});

describe('ticket machine: print failed', () => {
  it('still shows the ticket, with its reason, and stays longer', async () => {
    const { actor, clock } = startWithFake((fake) => fake.control.setPrintFailure('打印机缺纸'));
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await isSettled(actor, 'issued');
    expect(actor.getSnapshot().context.ticket?.print).toEqual({ status: 'failed', reason: '打印机缺纸' });
    expect(actor.getSnapshot().context.secondsLeft).toBe(PRINT_FAILED_AUTO_RETURN_SECONDS);
    clock.advance(AUTO_RETURN_SECONDS * 1_000);
    expect(actor.getSnapshot().matches('issued')).toBe(true);
    clock.advance((PRINT_FAILED_AUTO_RETURN_SECONDS - AUTO_RETURN_SECONDS) * 1_000);
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
  });
});

describe('ticket machine: errors', () => {
  it('shows the core error, retries the same category, and can choose again', async () => {
    const { actor, fake, clock } = startWithFake((f) =>
      f.control.setTakeTicketError({ code: 'unavailable', message: '该业务今日已停止取号' }),
    );
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'real-estate' });
    await isSettled(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '该业务今日已停止取号' });

    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().context.failure).toBeNull();
    await isSettled(actor, 'failed');

    actor.send({ type: 'CHOOSE_AGAIN' });
    await isOpen(actor, clock);
    fake.control.setTakeTicketError(null);
    actor.send({ type: 'CHOOSE', categoryId: 'housing-fund' });
    await isSettled(actor, 'issued');
    expect(actor.getSnapshot().context.ticket?.ticketNumber).toBe('F001');
  });

  it('treats a rejected call as a failure without a message of its own', async () => {
    const machine = ticketMachine.provide({
      actors: {
        listCategories: fromPromise<IpcResult<readonly QueueCategory[]>>(() =>
          Promise.resolve({
            ok: true,
            value: [{ id: 'general', name: '综合受理', prefix: 'A', description: '', waitingCount: 0 }],
          }),
        ),
        takeTicket: fromPromise<IpcResult<TicketView>, { readonly categoryId: string }>(() =>
          Promise.reject(new Error('socket closed')),
        ),
        watchWaiting: fromCallback<WaitingChanged>(() => undefined),
      },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: DEFAULT_TICKET_INPUT, clock }).start();
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await isSettled(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'transport', message: null });
  });

  it('gives up on a call that never answers', async () => {
    const machine = ticketMachine.provide({
      actors: {
        listCategories: fromPromise<IpcResult<readonly QueueCategory[]>>(() =>
          Promise.resolve({
            ok: true,
            value: [{ id: 'general', name: '综合受理', prefix: 'A', description: '', waitingCount: 0 }],
          }),
        ),
        takeTicket: fromPromise<IpcResult<TicketView>, { readonly categoryId: string }>(
          () => new Promise<never>(() => undefined),
        ),
        watchWaiting: fromCallback<WaitingChanged>(() => undefined),
      },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: DEFAULT_TICKET_INPUT, clock }).start();
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    clock.advance(TAKE_TICKET_TIMEOUT_MS - 1);
    expect(actor.getSnapshot().value).toBe('taking');
    clock.advance(1);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'timeout', message: null });
  });

  it('reports a category list failure and loads again on RETRY', async () => {
    const { actor, fake } = startWithFake((f) =>
      f.control.setListCategoriesError({ code: 'internal', message: '系统繁忙，请稍后再试' }),
    );
    await isSettled(actor, 'choosing.loadFailed');
    expect(actor.getSnapshot().context.failure?.message).toBe('系统繁忙，请稍后再试');
    fake.control.setListCategoriesError(null);
    actor.send({ type: 'RETRY' });
    await isSettled(actor, 'choosing.ready');
    expect(actor.getSnapshot().context.failure).toBeNull();
  });

  it('ends as home on 返回首页 before a ticket was issued', async () => {
    const { actor, clock } = startWithFake();
    await isOpen(actor, clock);
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
  });

  it('answers out of service with the core reason', async () => {
    const { actor, fake, clock } = startWithFake();
    await isOpen(actor, clock);
    fake.control.setOutOfService('打印机故障');
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await isSettled(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'outOfService', message: '打印机故障' });
  });
});
