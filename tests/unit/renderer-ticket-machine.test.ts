import { describe, expect, it, vi } from 'vitest';
import { type AnyActorRef, createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { IpcResult, MethodValues, QueueCategory, SystemStatus, TicketView } from '../../electron/ipc/contract';
import { FAKE_SPECIMENS, FAKE_STATUS, type FakeKiosk, createFakeKiosk } from '../../renderer/api/fake-kiosk';
import {
  AUTO_RETURN_SECONDS,
  type CardEvent,
  DEFAULT_TICKET_INPUT,
  type IdentificationSettings,
  PRINT_FAILED_AUTO_RETURN_SECONDS,
  READING_TIMEOUT_SECONDS,
  REVEAL_NAME_TIMEOUT_MS,
  TAKE_TICKET_TIMEOUT_MS,
  TAP_GUARD_MS,
  type TakeTicketInput,
  type TicketActorRef,
  type TicketInput,
  type WaitingChanged,
  identificationOf,
  provideKiosk,
  routeOf,
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
        takeTicket: fromPromise<IpcResult<TicketView>, TakeTicketInput>(() =>
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
        takeTicket: fromPromise<IpcResult<TicketView>, TakeTicketInput>(
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

// ---------------------------------------------------------------------------------------
// Issue #3: the ID card in the ticket journey.

const OPTIONAL: IdentificationSettings = { mode: 'optional', isReaderAvailable: true };
const REQUIRED: IdentificationSettings = { mode: 'required', isReaderAvailable: true };

function inputWith(identification: IdentificationSettings, overrides: Partial<TicketInput> = {}): TicketInput {
  return { ...DEFAULT_TICKET_INPUT, identification, ...overrides };
}

function startCardJourney(
  identification: IdentificationSettings = OPTIONAL,
  options: { readonly fake?: FakeKiosk; readonly input?: Partial<TicketInput> } = {},
) {
  const fake = options.fake ?? createFakeKiosk({ now: () => NOON_UTC, cardReadDelayMs: 0 });
  const clock = new TestClock();
  const actor = createActor(provideKiosk(fake.kiosk), { input: inputWith(identification, options.input), clock });
  actor.start();
  return { fake, clock, actor };
}

function methods(fake: FakeKiosk, prefix: string): string[] {
  return fake.control.calls.filter((c) => c.method.startsWith(prefix)).map((c) => c.method.slice(prefix.length));
}

/** Category chosen, on the reading screen with the reader polling. */
async function onReadingScreen(fake: FakeKiosk, actor: TicketActorRef, clock: TestClock, categoryId = 'general') {
  await isOpen(actor, clock);
  actor.send({ type: 'CHOOSE', categoryId });
  expect(actor.getSnapshot().matches({ identifying: 'reading' })).toBe(true);
  await vi.waitFor(() => expect(fake.control.isReading()).toBe(true));
}

async function readCard(fake: FakeKiosk, actor: TicketActorRef, specimenId: string): Promise<void> {
  await fake.control.presentCard(specimenId);
  await isSettled(actor, 'identifying.confirming.revealed');
}

function status(patch: Partial<SystemStatus>): SystemStatus {
  return { ...FAKE_STATUS, ...patch };
}

describe('identification settings', () => {
  it('reads the mode and whether the reader is online from the status', () => {
    expect(identificationOf(FAKE_STATUS)).toEqual({ mode: 'optional', isReaderAvailable: true });
    const offline = status({
      devices: FAKE_STATUS.devices.map((d) => (d.kind === 'idCardReader' ? { ...d, state: 'offline' as const } : d)),
    });
    expect(identificationOf(offline).isReaderAvailable).toBe(false);
    for (const state of ['error', 'disabled'] as const) {
      const s = status({ devices: [{ kind: 'idCardReader', isSimulated: false, state, condition: null, detail: null }] });
      expect(identificationOf(s).isReaderAvailable).toBe(false);
    }
    const noReader = status({ devices: FAKE_STATUS.devices.filter((d) => d.kind !== 'idCardReader') });
    expect(identificationOf(noReader)).toEqual({ mode: 'optional', isReaderAvailable: false });
    expect(identificationOf(status({ ticketIdentification: 'required' })).mode).toBe('required');
  });

  it('treats a status without the setting (an older core) as off', () => {
    const old = { ...FAKE_STATUS, ticketIdentification: undefined } as unknown as SystemStatus;
    expect(identificationOf(old).mode).toBe('off');
  });

  it('routes each combination', () => {
    expect(routeOf({ mode: 'off', isReaderAvailable: true })).toBe('direct');
    expect(routeOf({ mode: 'off', isReaderAvailable: false })).toBe('direct');
    expect(routeOf(OPTIONAL)).toBe('identify');
    expect(routeOf(REQUIRED)).toBe('identify');
    expect(routeOf({ mode: 'optional', isReaderAvailable: false })).toBe('directWithoutReader');
    expect(routeOf({ mode: 'required', isReaderAvailable: false })).toBe('readerUnavailable');
  });
});

describe('ticket machine: identification off', () => {
  it('takes the ticket directly and never touches the reader', async () => {
    const { actor, fake, clock } = startCardJourney({ mode: 'off', isReaderAvailable: true });
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    expect(actor.getSnapshot().value).toBe('taking');
    await isSettled(actor, 'issued');
    expect(methods(fake, 'identity.')).toEqual([]);
    expect(methods(fake, 'queue.')).toEqual(['listCategories', 'takeTicket']);
    const { context } = actor.getSnapshot();
    expect(context).toMatchObject({ hasIdentityStep: false, hasReadCard: false, isReaderSkipped: false });
    expect(context.ticket).toMatchObject({ isPriority: false, holderMaskedName: null, isExisting: false });
  });
});

describe('ticket machine: identification optional', () => {
  it('asks for the card after the category, reading until the screen is left', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    expect(actor.getSnapshot().context.hasIdentityStep).toBe(true);
    expect(methods(fake, 'identity.')).toEqual(['startReading']);
    expect(fake.control.listenerCount('identity.cardRead')).toBe(1);
  });

  it('refuses 不刷证 for a moment (double tap), then takes the ticket directly and stops reading', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    clock.advance(TAP_GUARD_MS - 1);
    actor.send({ type: 'SKIP' });
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
    clock.advance(1);
    actor.send({ type: 'SKIP' });
    expect(actor.getSnapshot().value).toBe('taking');
    expect(fake.control.listenerCount('identity.cardRead')).toBe(0);
    await isSettled(actor, 'issued');
    expect(methods(fake, 'identity.')).toEqual(['startReading', 'stopReading']);
    expect(fake.control.isReading()).toBe(false);
    expect(methods(fake, 'queue.')).toEqual(['listCategories', 'takeTicket']);
    expect(actor.getSnapshot().context.hasReadCard).toBe(false);
  });

  it('card read → confirmation with the full name → 确认取号 → a priority ticket in the holder’s name', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock, 'social-security');
    await readCard(fake, actor, 'elder');
    const confirming = actor.getSnapshot().context;
    expect(confirming.identity).toMatchObject({ maskedName: '张**', maskedIdNumber: '3207**********1234', isPriority: true });
    expect(confirming.fullName).toBe('张建国');

    actor.send({ type: 'CONFIRM' });
    expect(actor.getSnapshot().value).toBe('taking');
    // Leaving the card screens forgets the card and the name; the reader stops.
    expect(actor.getSnapshot().context).toMatchObject({ identity: null, fullName: null, hasReadCard: true, isByIdCard: true });
    await isSettled(actor, 'issued');
    expect(actor.getSnapshot().context.ticket).toMatchObject({
      ticketNumber: 'D001',
      isPriority: true,
      holderMaskedName: '张**',
      isExisting: false,
      print: { status: 'printed' },
    });
    expect(methods(fake, 'identity.')).toEqual(['startReading', 'revealName', 'stopReading']);
    expect(methods(fake, 'queue.')).toEqual(['listCategories', 'takeTicketByIdCard']);
    expect(fake.control.calls.find((c) => c.method === 'queue.takeTicketByIdCard')?.arg).toEqual({
      categoryId: 'social-security',
    });
  });

  it('keeps reading after a failed read, shows its message, and starts the wait again', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    clock.advance((READING_TIMEOUT_SECONDS - 1) * 1_000);
    await fake.control.presentCard('expired');
    expect(actor.getSnapshot().matches({ identifying: 'reading' })).toBe(true);
    expect(actor.getSnapshot().context.readingNotice).toEqual({
      kind: 'readFailed',
      reason: 'expired',
      message: '证件已过期，请使用有效证件',
    });
    clock.advance((READING_TIMEOUT_SECONDS - 1) * 1_000);
    expect(actor.getSnapshot().matches({ identifying: 'reading' })).toBe(true);
    // The failed card taken away: back to the plain instruction; a good card goes on.
    fake.control.removeCard();
    expect(actor.getSnapshot().context.readingNotice).toBeNull();
    await fake.control.presentCard('moved');
    expect(actor.getSnapshot().context.readingNotice).toMatchObject({ reason: 'cardMoved' });
    await readCard(fake, actor, 'resident');
    expect(actor.getSnapshot().context.readingNotice).toBeNull();
  });

  it('goes back to the categories after 30 s without a card, and stops reading', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    clock.advance(READING_TIMEOUT_SECONDS * 1_000 - 1);
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
    clock.advance(1);
    expect(actor.getSnapshot().matches('choosing')).toBe(true);
    expect(methods(fake, 'identity.')).toEqual(['startReading', 'stopReading']);
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'tax' });
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
  });

  it('waits longer in 关怀模式 (the journey passes 1.5 × 30 s)', async () => {
    const { actor, fake, clock } = startCardJourney(OPTIONAL, { input: { readingTimeoutSeconds: 45 } });
    await onReadingScreen(fake, actor, clock);
    clock.advance(READING_TIMEOUT_SECONDS * 1_000);
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
    clock.advance(15_000);
    expect(actor.getSnapshot().matches('choosing')).toBe(true);
  });

  it('不是本人 goes back to reading and asks for the right card; the next card is confirmed', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    await readCard(fake, actor, 'resident');
    actor.send({ type: 'REREAD' });
    expect(actor.getSnapshot().matches({ identifying: 'reading' })).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ readingNotice: { kind: 'swapCard' }, fullName: null });
    fake.control.removeCard();
    await readCard(fake, actor, 'hk-macao-taiwan');
    expect(actor.getSnapshot().context.fullName).toBe('陈志强');
    expect(actor.getSnapshot().context.identity?.cardTypeLabel).toBe('港澳台居民居住证');
  });

  it('goes back to reading when the card leaves the reader before 确认取号', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    await readCard(fake, actor, 'resident');
    fake.control.removeCard();
    expect(actor.getSnapshot().matches({ identifying: 'reading' })).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ readingNotice: { kind: 'cardRemoved' }, identity: null });
  });

  it('ignores the same card read again on the confirmation (its name would be refused a second time)', async () => {
    const view = FAKE_SPECIMENS[0]?.view;
    if (!view) throw new Error('no specimen');
    const reveal = vi.fn(() => Promise.resolve({ ok: true, value: { fullName: '李晓梅' } } as const));
    const machine = provideKiosk(createFakeKiosk().kiosk).provide({
      actors: {
        // The reader's events are sent by hand below.
        readCards: fromCallback<CardEvent>(() => undefined),
        revealName: fromPromise<IpcResult<MethodValues['identity.revealName']>>(reveal),
      },
    });
    const clock = new TestClock();
    const actor = createActor(machine, { input: inputWith(OPTIONAL), clock }).start();
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    actor.send({ type: 'CARD_READ', identity: view });
    await isSettled(actor, 'identifying.confirming.revealed');
    actor.send({ type: 'CARD_READ', identity: { ...view } });
    await isSettled(actor, 'identifying.confirming.revealed');
    expect(reveal).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().context.fullName).toBe('李晓梅');
    actor.send({ type: 'CARD_READ', identity: { ...view, maskedIdNumber: '3207**********9999' } });
    await isSettled(actor, 'identifying.confirming.revealed');
    expect(reveal).toHaveBeenCalledTimes(2);
  });

  it('shows the masked name when the full name is refused or does not come', async () => {
    for (const reveal of [
      () => Promise.resolve({ ok: false, error: { code: 'unavailable', message: '姓名已显示过' } } as const),
      () => new Promise<never>(() => undefined),
    ]) {
      const fake = createFakeKiosk({ cardReadDelayMs: 0 });
      const machine = provideKiosk(fake.kiosk).provide({
        actors: { revealName: fromPromise<IpcResult<MethodValues['identity.revealName']>>(reveal) },
      });
      const clock = new TestClock();
      const actor = createActor(machine, { input: inputWith(OPTIONAL), clock }).start();
      await onReadingScreen(fake, actor, clock);
      await fake.control.presentCard('resident');
      expect(actor.getSnapshot().matches({ identifying: 'confirming' })).toBe(true);
      clock.advance(REVEAL_NAME_TIMEOUT_MS);
      await isSettled(actor, 'identifying.confirming.revealed');
      expect(actor.getSnapshot().context.fullName).toBeNull();
      expect(actor.getSnapshot().context.identity?.maskedName).toBe('李**');
    }
  });

  it('ends as home on 返回首页 from the card screens and stops reading', async () => {
    const { actor, fake, clock } = startCardJourney();
    await onReadingScreen(fake, actor, clock);
    await readCard(fake, actor, 'resident');
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
    expect(methods(fake, 'identity.')).toEqual(['startReading', 'revealName', 'stopReading']);
    expect(fake.control.listenerCount('identity.cardRead')).toBe(0);
  });

  it('goes straight to the ticket, saying why, when the reader is known to be unavailable', async () => {
    const { actor, fake, clock } = startCardJourney({ mode: 'optional', isReaderAvailable: false });
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    expect(actor.getSnapshot().value).toBe('taking');
    await isSettled(actor, 'issued');
    expect(actor.getSnapshot().context).toMatchObject({ isReaderSkipped: true, hasIdentityStep: false });
    expect(methods(fake, 'identity.')).toEqual([]);
  });

  it('offers 不刷证 with a note when reading cannot start or the reader goes offline; takes nothing by itself', async () => {
    const { actor, fake, clock } = startCardJourney(OPTIONAL, {
      fake: createFakeKiosk({ cardReadDelayMs: 0 }),
    });
    fake.control.setStartReadingError({ code: 'internal', message: '读卡器无响应' });
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await vi.waitFor(() => expect(actor.getSnapshot().context.readingNotice?.kind).toBe('readerUnavailable'));
    expect(actor.getSnapshot().matches({ identifying: 'reading' })).toBe(true);

    const second = startCardJourney();
    await onReadingScreen(second.fake, second.actor, second.clock);
    second.actor.send({ type: 'CONFIGURE', identification: { mode: 'optional', isReaderAvailable: false } });
    expect(second.actor.getSnapshot().context.readingNotice).toEqual({ kind: 'readerUnavailable', message: null });
    expect(second.actor.getSnapshot().matches('identifying')).toBe(true);
    second.actor.send({ type: 'CONFIGURE', identification: OPTIONAL });
    expect(second.actor.getSnapshot().context.readingNotice).toBeNull();
  });
});

describe('ticket machine: identification required', () => {
  it('has no 不刷证: only a card takes a ticket', async () => {
    const { actor, fake, clock } = startCardJourney(REQUIRED);
    await onReadingScreen(fake, actor, clock);
    clock.advance(TAP_GUARD_MS);
    actor.send({ type: 'SKIP' });
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
    await readCard(fake, actor, 'resident');
    actor.send({ type: 'CONFIRM' });
    await isSettled(actor, 'issued');
    expect(methods(fake, 'queue.')).toEqual(['listCategories', 'takeTicketByIdCard']);
  });

  it('refuses politely without a reader, and goes on once it is back', async () => {
    const { actor, fake, clock } = startCardJourney({ mode: 'required', isReaderAvailable: false });
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    expect(actor.getSnapshot().value).toBe('readerUnavailable');
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().value).toBe('readerUnavailable');
    actor.send({ type: 'CONFIGURE', identification: REQUIRED });
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().matches('identifying')).toBe(true);
    await vi.waitFor(() => expect(fake.control.isReading()).toBe(true));
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
  });

  it('refuses when reading cannot start (with the core message) or the reader goes offline', async () => {
    const fake = createFakeKiosk({ cardReadDelayMs: 0 });
    fake.control.setStartReadingError({ code: 'unavailable', message: '身份证阅读器暂不可用' });
    const { actor, clock } = startCardJourney(REQUIRED, { fake });
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await isSettled(actor, 'readerUnavailable');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '身份证阅读器暂不可用' });

    const second = startCardJourney(REQUIRED);
    await onReadingScreen(second.fake, second.actor, second.clock);
    second.actor.send({ type: 'CONFIGURE', identification: { mode: 'required', isReaderAvailable: false } });
    expect(second.actor.getSnapshot().value).toBe('readerUnavailable');
    expect(second.fake.control.listenerCount('identity.cardRead')).toBe(0);
  });
});

describe('ticket machine: an existing ticket', () => {
  async function takeTwice(setup?: (fake: FakeKiosk) => void) {
    const fake = createFakeKiosk({ now: () => NOON_UTC, cardReadDelayMs: 0 });
    for (let round = 0; round < 2; round += 1) {
      const journey = startCardJourney(OPTIONAL, { fake });
      await onReadingScreen(fake, journey.actor, journey.clock);
      await readCard(fake, journey.actor, 'resident');
      if (round === 1) setup?.(fake);
      journey.actor.send({ type: 'CONFIRM' });
      await isSettled(journey.actor, 'issued');
      if (round === 1) return journey;
      journey.actor.stop();
      fake.control.removeCard();
    }
    throw new Error('unreachable');
  }

  it('shows the same number, unprinted, for longer; 重新打印小票 prints it once', async () => {
    const { actor, fake, clock } = await takeTwice();
    const { context } = actor.getSnapshot();
    expect(context.ticket).toMatchObject({ ticketNumber: 'A001', isExisting: true, print: { status: 'notPrinted' } });
    expect(context.secondsLeft).toBe(PRINT_FAILED_AUTO_RETURN_SECONDS);
    clock.advance(10_000);
    actor.send({ type: 'REPRINT' });
    expect(actor.getSnapshot().context.reprint).toEqual({ phase: 'printing', reason: null });
    await vi.waitFor(() => expect(actor.getSnapshot().context.reprint.phase).toBe('printed'));
    expect(actor.getSnapshot().context.secondsLeft).toBe(AUTO_RETURN_SECONDS);
    actor.send({ type: 'REPRINT' });
    expect(methods(fake, 'queue.')).toEqual([
      'listCategories',
      'takeTicketByIdCard',
      'listCategories',
      'takeTicketByIdCard',
      'reprintTicket',
    ]);
    expect(fake.control.calls.at(-1)?.arg).toEqual({ ticketNumber: 'A001' });
  });

  it('reports a failed reprint with its reason and lets the citizen try again', async () => {
    const { actor, fake } = await takeTwice((f) => f.control.setPrintFailure('打印机缺纸'));
    actor.send({ type: 'REPRINT' });
    await vi.waitFor(() => expect(actor.getSnapshot().context.reprint).toEqual({ phase: 'failed', reason: '打印机缺纸' }));
    expect(actor.getSnapshot().context.secondsLeft).toBe(PRINT_FAILED_AUTO_RETURN_SECONDS);
    fake.control.setPrintFailure(null);
    actor.send({ type: 'REPRINT' });
    await vi.waitFor(() => expect(actor.getSnapshot().context.reprint.phase).toBe('printed'));
  });

  it('does not reprint a ticket that just printed', async () => {
    const { actor, fake, clock } = startCardJourney({ mode: 'off', isReaderAvailable: false });
    await isOpen(actor, clock);
    actor.send({ type: 'CHOOSE', categoryId: 'general' });
    await isSettled(actor, 'issued');
    actor.send({ type: 'REPRINT' });
    expect(actor.getSnapshot().context.reprint.phase).toBe('idle');
    expect(methods(fake, 'queue.')).not.toContain('reprintTicket');
  });
});
