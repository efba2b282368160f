/**
 * 取号 from an office guide: the ticket journey starts with the item's queue category chosen
 * and goes the way a tap on that category would.
 */
import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, waitFor } from 'xstate';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { DEFAULT_TICKET_INPUT, type TicketInput, provideKiosk } from '../../renderer/flows/ticket-machine';
import { TestClock } from './renderer-test-clock';

function start(input: Partial<TicketInput>) {
  const fake = createFakeKiosk();
  const clock = new TestClock();
  const actor = createActor(provideKiosk(fake.kiosk), { input: { ...DEFAULT_TICKET_INPUT, ...input }, clock });
  actor.start();
  return { fake, actor, clock };
}

function reach(actor: AnyActorRef, state: unknown): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: unknown) => boolean }) => snapshot.matches(state));
}

describe('ticket machine: a preselected category', () => {
  it('takes the ticket straight away when no card is asked for', async () => {
    const { actor, fake } = start({ initialCategoryId: 'real-estate' });
    await reach(actor, 'issued');
    expect(actor.getSnapshot().context.ticket).toMatchObject({ ticketNumber: 'C001', categoryName: '不动产登记' });
    expect(fake.control.calls.map((call) => call.method)).toEqual(['queue.listCategories', 'queue.takeTicket']);
  });

  it('asks for the ID card first when the terminal does, with the category named', async () => {
    const { actor } = start({
      initialCategoryId: 'social-security',
      identification: { mode: 'optional', isReaderAvailable: true },
    });
    await reach(actor, { identifying: 'reading' });
    expect(actor.getSnapshot().context.categoryId).toBe('social-security');
    expect(actor.getSnapshot().context.hasIdentityStep).toBe(true);
  });

  it('refuses politely when the card is required and the reader is down', async () => {
    const { actor } = start({ initialCategoryId: 'general', identification: { mode: 'required', isReaderAvailable: false } });
    await reach(actor, 'readerUnavailable');
  });

  it('shows the list when the category is not open today, and uses the preselection only once', async () => {
    const closed = start({ initialCategoryId: 'no-such-category' });
    await reach(closed.actor, { choosing: 'ready' });
    expect(closed.actor.getSnapshot().context.initialCategoryId).toBeNull();

    const { actor, fake } = start({ initialCategoryId: 'tax' });
    fake.control.setTakeTicketError({ code: 'unavailable', message: '今日号源已发完' });
    await reach(actor, 'failed');
    actor.send({ type: 'CHOOSE_AGAIN' });
    await reach(actor, { choosing: 'ready' });
    expect(actor.getSnapshot().context.initialCategoryId).toBeNull();
  });

  it('waits for a list that failed to load, then goes on with the preselection', async () => {
    const { actor, fake } = start({ initialCategoryId: 'enterprise' });
    fake.control.setListCategoriesError({ code: 'outOfService', message: '数据库不可用' });
    await reach(actor, { choosing: 'loadFailed' });
    fake.control.setListCategoriesError(null);
    actor.send({ type: 'RETRY' });
    await reach(actor, 'issued');
    expect(actor.getSnapshot().context.ticket?.categoryId).toBe('enterprise');
  });
});
