/**
 * The console machine (console-machine.ts) against the fake core (fake-admin.ts): first
 * start with a mismatch and a weak PIN, login, wrong PINs up to the lock and its countdown,
 * a lapsed token back to the PIN pad, the session's countdown to home, the PIN pad closing
 * by itself, 退出, and changing the PIN. Time is a test clock shared by machine and fake.
 */
import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, fromPromise, waitFor } from 'xstate';
import { FAKE_ADMIN_IDLE_MS, FAKE_FIRST_LOCK_MS } from '../../renderer/api/fake-admin';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { CONSOLE_TICK_MS, PIN_PAD_IDLE_MS, type PinKey, consoleMachine, padStageOf, provideConsoleKiosk } from '../../renderer/flows/console-machine';
import { TestClock } from './renderer-test-clock';

const PIN = '314159';

function isIn(actor: AnyActorRef, state: string | object): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: string | object) => boolean }) => snapshot.matches(state));
}

function start(pin: string | null = PIN) {
  const clock = new TestClock();
  const fake = createFakeKiosk({ now: () => clock.now(), admin: { pin, workMs: 0 } });
  const actor = createActor(provideConsoleKiosk(fake.kiosk), { input: { now: () => clock.now() }, clock });
  actor.start();
  return { clock, fake, actor };
}

function type(actor: ReturnType<typeof start>['actor'], pin: string): void {
  for (const digit of pin) actor.send({ type: 'KEY', key: digit as PinKey });
  actor.send({ type: 'SUBMIT' });
}

async function loggedIn(pin: string = PIN) {
  const started = start(pin);
  await isIn(started.actor, 'login');
  type(started.actor, pin);
  await isIn(started.actor, 'session');
  return started;
}

function adminCalls(fake: ReturnType<typeof start>['fake']): string[] {
  return fake.control.calls.filter((call) => call.method.startsWith('admin.')).map((call) => call.method);
}

describe('first start', () => {
  it('asks for the PIN twice, starts again on a mismatch, and opens the console', async () => {
    const { actor, fake } = start(null);
    await isIn(actor, 'setFirst');
    type(actor, '2468');
    expect(actor.getSnapshot().context.notice).toEqual({ key: 'tooShort' });
    actor.send({ type: 'KEY', key: 'clear' });
    type(actor, '246810');
    expect(padStageOf(actor.getSnapshot())).toBe('setConfirm');
    type(actor, '246811');
    expect(padStageOf(actor.getSnapshot())).toBe('setFirst');
    expect(actor.getSnapshot().context.notice).toEqual({ key: 'mismatch' });
    type(actor, '246810');
    type(actor, '246810');
    await isIn(actor, 'session');
    expect(actor.getSnapshot().context.token).toMatch(/^[A-Za-z0-9_-]{32,64}$/u);
    expect(actor.getSnapshot().context.tab).toBe('overview');
    expect(adminCalls(fake)).toEqual(['admin.pinStatus', 'admin.setPin']);
    // The PIN is never part of what the fake records (the core never logs it either).
    expect(JSON.stringify(fake.control.calls)).not.toContain('246810');
  });

  it('shows the core’s reason for a weak PIN and asks again', async () => {
    const { actor } = start(null);
    await isIn(actor, 'setFirst');
    type(actor, '123456');
    type(actor, '123456');
    await waitFor(actor, (snapshot) => snapshot.matches('setFirst') && snapshot.context.notice !== null);
    expect(actor.getSnapshot().context.notice).toEqual({ text: 'PIN 不能是连续的数字（如 123456、654321）' });
    expect(actor.getSnapshot().context.pin).toBe('');
  });
});

describe('login', () => {
  it('opens the console with a session of the core’s length', async () => {
    const { actor } = await loggedIn();
    const { context } = actor.getSnapshot();
    expect(context.sessionSecondsLeft).toBe(FAKE_ADMIN_IDLE_MS / 1_000);
    expect(context.pin).toBe('');
  });

  it('says how many tries are left after a wrong PIN', async () => {
    const { actor } = start();
    await isIn(actor, 'login');
    type(actor, '975310');
    await waitFor(actor, (snapshot) => snapshot.matches('login') && snapshot.context.notice !== null);
    expect(actor.getSnapshot().context.notice).toEqual({ text: '密码错误，还可尝试 4 次' });
  });

  it('locks after five wrong PINs, counts down, then lets the right one in', async () => {
    const { actor, clock, fake } = start();
    await isIn(actor, 'login');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      type(actor, '975310');
      await waitFor(actor, (snapshot) => (snapshot.matches('login') || snapshot.matches('locked')) && snapshot.context.notice !== null);
    }
    await isIn(actor, 'locked');
    expect(padStageOf(actor.getSnapshot())).toBe('locked');
    expect(actor.getSnapshot().context.lockSecondsLeft).toBe(FAKE_FIRST_LOCK_MS / 1_000);
    // Keys do nothing while locked.
    actor.send({ type: 'KEY', key: '1' });
    expect(actor.getSnapshot().context.pin).toBe('');
    clock.advance(10 * CONSOLE_TICK_MS);
    expect(actor.getSnapshot().context.lockSecondsLeft).toBe(FAKE_FIRST_LOCK_MS / 1_000 - 10);
    clock.advance(FAKE_FIRST_LOCK_MS - 10 * CONSOLE_TICK_MS);
    expect(actor.getSnapshot().matches('login')).toBe(true);
    expect(actor.getSnapshot().context.notice).toEqual({ key: 'lockOver' });
    type(actor, PIN);
    await isIn(actor, 'session');
    expect(fake.control.admin.adminFailures()).toBe(0);
  });

  it('starts in the lock when the console is already locked', async () => {
    const clock = new TestClock();
    const fake = createFakeKiosk({ now: () => clock.now(), admin: { pin: PIN, workMs: 0 } });
    for (let attempt = 0; attempt < 5; attempt += 1) await fake.kiosk.admin.login({ pin: '000000' });
    const actor = createActor(provideConsoleKiosk(fake.kiosk), { input: { now: () => clock.now() }, clock }).start();
    await isIn(actor, 'locked');
    expect(actor.getSnapshot().context.lockSecondsLeft).toBe(30);
  });

  it('goes home by itself when nobody types on the PIN pad', async () => {
    const { actor, clock, fake } = start();
    await isIn(actor, 'login');
    clock.advance(PIN_PAD_IDLE_MS - 1_000);
    actor.send({ type: 'KEY', key: '3' });
    clock.advance(PIN_PAD_IDLE_MS - 1_000);
    expect(actor.getSnapshot().matches('login')).toBe(true);
    clock.advance(1_000);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'cancelled' });
    expect(adminCalls(fake)).not.toContain('admin.login');
  });
});

describe('session', () => {
  it('goes back to the PIN pad with the core’s words when a call finds the token lapsed', async () => {
    const { actor } = await loggedIn();
    actor.send({ type: 'TAB', tab: 'audit' });
    actor.send({ type: 'FORBIDDEN', message: '管理会话已结束，请重新输入密码' });
    expect(actor.getSnapshot().matches('login')).toBe(true);
    expect(actor.getSnapshot().context.token).toBeNull();
    expect(actor.getSnapshot().context.notice).toEqual({ text: '管理会话已结束，请重新输入密码' });
  });

  it('counts the session down, restarts it on activity, and logs out at zero', async () => {
    const { actor, clock, fake } = await loggedIn();
    const { token } = actor.getSnapshot().context;
    clock.advance(60_000);
    expect(actor.getSnapshot().context.sessionSecondsLeft).toBe(FAKE_ADMIN_IDLE_MS / 1_000 - 60);
    actor.send({ type: 'ACTIVITY' });
    expect(actor.getSnapshot().context.sessionSecondsLeft).toBe(FAKE_ADMIN_IDLE_MS / 1_000);
    clock.advance(FAKE_ADMIN_IDLE_MS - CONSOLE_TICK_MS);
    expect(actor.getSnapshot().matches('session')).toBe(true);
    clock.advance(CONSOLE_TICK_MS);
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'expired' });
    expect(fake.control.calls.at(-1)).toEqual({ method: 'admin.logout', arg: { token } });
  });

  it('logs out on 退出', async () => {
    const { actor, fake } = await loggedIn();
    const { token } = actor.getSnapshot().context;
    actor.send({ type: 'LOGOUT' });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'exit' });
    expect(fake.control.calls.at(-1)).toEqual({ method: 'admin.logout', arg: { token } });
    expect(actor.getSnapshot().context.token).toBeNull();
  });

  it('changes the PIN: old, new twice, back to the pages with a note', async () => {
    const { actor, fake } = await loggedIn();
    actor.send({ type: 'CHANGE_PIN' });
    expect(padStageOf(actor.getSnapshot())).toBe('changeOld');
    type(actor, PIN);
    type(actor, '864209');
    type(actor, '864200');
    expect(padStageOf(actor.getSnapshot())).toBe('changeNew');
    expect(actor.getSnapshot().context.notice).toEqual({ key: 'mismatch' });
    type(actor, '864209');
    type(actor, '864209');
    await isIn(actor, { session: { view: 'tabs' } });
    expect(actor.getSnapshot().context.notice).toEqual({ key: 'pinChanged' });
    fake.control.admin.expireAdminSessions();
    expect((await fake.kiosk.admin.login({ pin: '864209' })).ok).toBe(true);
  });

  it('keeps the session when changing the PIN is cancelled', async () => {
    const { actor } = await loggedIn();
    actor.send({ type: 'CHANGE_PIN' });
    actor.send({ type: 'KEY', key: '1' });
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().matches({ session: { view: 'tabs' } })).toBe(true);
    expect(actor.getSnapshot().context.pin).toBe('');
  });
});

describe('core unreachable', () => {
  it('says so, retries on request, and goes home on 取消', async () => {
    let isUp = false;
    const machine = consoleMachine.provide({
      actors: {
        pinStatus: fromPromise(() => (isUp ? Promise.resolve({ ok: true as const, value: { state: 'unset' as const } }) : Promise.reject(new Error('gone')))),
      },
    });
    const actor = createActor(machine, { input: { now: () => 0 } }).start();
    await isIn(actor, 'unreachable');
    expect(actor.getSnapshot().context.notice).toEqual({ key: 'unreachable' });
    isUp = true;
    actor.send({ type: 'RETRY' });
    await isIn(actor, 'setFirst');
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'cancelled' });
  });
});
