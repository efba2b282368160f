/**
 * R-P7: the admin PIN — rules, first start, lockout with growing delays that survive a
 * restart, a brute-force loop that gets almost nowhere, session timeouts on an injected
 * clock, and the PIN never written anywhere.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AdminConsole,
  FIRST_LOCK_MS,
  MAX_LOCK_MS,
  createAdminConsole,
  lockDurationMs,
} from '../../electron/services/admin/admin-pin.js';
import { ADMIN_IDLE_MS, ADMIN_SESSION_MAX_MS } from '../../electron/services/admin/admin-session.js';
import { SCRYPT_FAST_FOR_TESTS, SCRYPT_PRODUCTION, hashPin, needsRehash, verifyPin } from '../../electron/services/admin/pin-hash.js';
import { checkPinRules } from '../../electron/services/admin/pin-rules.js';
import { openDatabase } from '../../electron/services/storage/database.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const PIN = '482913';
const OTHER_PIN = '703158';
const WRONG = '111112';

function open(db: ServiceDb['db']): AdminConsole {
  return createAdminConsole(db, { scrypt: SCRYPT_FAST_FOR_TESTS });
}

describe('PIN rules', () => {
  it.each([
    ['12345', 'format'],
    ['1234567890123', 'format'],
    ['12a456', 'format'],
    ['１２３４５６', 'format'],
    ['', 'format'],
    ['000000', 'sameDigit'],
    ['99999999', 'sameDigit'],
    ['123456', 'sequence'],
    ['654321', 'sequence'],
    ['890123', 'sequence'],
    ['0123456789', 'sequence'],
    ['121212', 'repeatedGroup'],
    ['123123', 'repeatedGroup'],
    ['520520', 'repeatedGroup'],
    ['12341234', 'repeatedGroup'],
  ])('refuses %s (%s) with a plain reason in Chinese and English', (pin, rule) => {
    const checked = checkPinRules(pin);
    expect(checked).toMatchObject({ ok: false, error: { rule } });
    if (checked.ok) return;
    expect(checked.error.message.zh).toMatch(/PIN/u);
    expect(checked.error.message.zh).toMatch(/[\u4e00-\u9fff]/u);
    expect(checked.error.message.en).toMatch(/^The PIN must/u);
  });

  it.each(['482913', '135792468', '102938', '111222', '948372615042'])('accepts %s', (pin) => {
    expect(checkPinRules(pin)).toEqual({ ok: true, value: undefined });
  });
});

describe('PIN hash', () => {
  it('stores parameters and salt with the key, and verifies in constant time', async () => {
    const stored = await hashPin(PIN, SCRYPT_FAST_FOR_TESTS);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/u);
    expect(stored).not.toContain(PIN);
    expect(await hashPin(PIN, SCRYPT_FAST_FOR_TESTS)).not.toBe(stored);
    expect(await verifyPin(PIN, stored)).toBe(true);
    expect(await verifyPin(OTHER_PIN, stored)).toBe(false);
    expect(needsRehash(stored, SCRYPT_FAST_FOR_TESTS)).toBe(false);
    expect(needsRehash(stored, { ...SCRYPT_FAST_FOR_TESTS, N: 2048 })).toBe(true);
  });

  it('runs at the production cost within the memory limit it sets', async () => {
    const stored = await hashPin(PIN, SCRYPT_PRODUCTION);
    expect(stored.startsWith(`scrypt$${SCRYPT_PRODUCTION.N}$8$1$`)).toBe(true);
    expect(await verifyPin(PIN, stored)).toBe(true);
  });

  it('refuses a tampered hash asking for absurd memory instead of trying', async () => {
    await expect(verifyPin(PIN, 'scrypt$1073741824$8$1$c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5')).rejects.toThrow(/malformed/u);
    await expect(verifyPin(PIN, 'plain:482913')).rejects.toThrow(/malformed/u);
  });
});

describe('AdminPin', () => {
  let service: ServiceDb;
  let admin: AdminConsole;
  beforeEach(() => {
    service = openServiceDb();
    admin = open(service.db);
  });
  afterEach(() => service.close());

  const events = (): string[] =>
    admin.audit
      .recent(500)
      .reverse()
      .map((r) => `${r.event}:${r.outcome}`);

  async function failTimes(count: number, at: number): Promise<void> {
    for (let i = 0; i < count; i += 1) expect((await admin.pin.login(WRONG, at)).ok).toBe(false);
  }

  it('first start: unset, login refused, weak PIN refused, then set once and logged in', async () => {
    expect(admin.pin.status()).toBe('unset');
    expect(admin.pin.lockState(T0)).toMatchObject({ status: 'unset', retryAfterMs: 0 });
    expect(await admin.pin.login(PIN, T0)).toMatchObject({ ok: false, error: { reason: 'notSet' } });
    expect(await admin.pin.setInitial('123456', T0)).toMatchObject({
      ok: false,
      error: { reason: 'weak', rule: 'sequence', message: { zh: expect.stringContaining('连续') as unknown } },
    });
    const set = await admin.pin.setInitial(PIN, T0);
    if (!set.ok) throw new Error(set.error.reason);
    expect(admin.sessions.check(set.value.token, T0)).toEqual({ ok: true, value: { expiresAt: T0 + ADMIN_IDLE_MS } });
    expect(admin.pin.status()).toBe('set');
    expect(await admin.pin.setInitial(OTHER_PIN, T0)).toMatchObject({ ok: false, error: { reason: 'alreadySet' } });
    expect(await admin.pin.login(OTHER_PIN, T0)).toMatchObject({ ok: false, error: { reason: 'wrong' } });
    expect((await admin.pin.login(PIN, T0)).ok).toBe(true);
    expect(events()).toEqual(['pin.set:ok', 'pin.failed:failed', 'pin.login:ok']);
    expect(admin.audit.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('locks after 5 wrong PINs, refuses even the right PIN while locked, and says how long', async () => {
    await admin.pin.setInitial(PIN, T0);
    const left: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const result = await admin.pin.login(WRONG, T0 + i);
      if (result.ok || result.error.reason !== 'wrong') throw new Error('expected a wrong-PIN refusal');
      left.push(result.error.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    expect(await admin.pin.login(WRONG, T0 + 10)).toMatchObject({ ok: false, error: { reason: 'locked', retryAfterMs: FIRST_LOCK_MS } });
    const during = await admin.pin.login(PIN, T0 + 10 + 12_000);
    expect(during).toMatchObject({ ok: false, error: { reason: 'locked', retryAfterMs: FIRST_LOCK_MS - 12_000 } });
    if (!during.ok) expect(during.error.message).toEqual({ zh: '密码错误次数过多，请 18 秒后再试', en: 'Too many wrong PINs; try again in 18 s.' });
    expect(admin.pin.lockState(T0 + 20_000)).toEqual({ status: 'set', failures: 5, retryAfterMs: FIRST_LOCK_MS - 19_990, attemptsLeft: 0 });
    expect((await admin.pin.login(PIN, T0 + 10 + FIRST_LOCK_MS)).ok).toBe(true);
    expect(admin.pin.lockState(T0 + 10 + FIRST_LOCK_MS)).toMatchObject({ failures: 0, attemptsLeft: 5 });
    expect(events()).toEqual([
      'pin.set:ok',
      ...Array.from({ length: 5 }, () => 'pin.failed:failed'),
      'pin.locked:refused',
      'pin.login:refused',
      'pin.login:ok',
    ]);
  });

  it('doubles the lock for each further wrong PIN, up to an hour, and a correct PIN resets it', async () => {
    await admin.pin.setInitial(PIN, T0);
    let now = T0;
    await failTimes(4, now);
    const locks: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const result = await admin.pin.login(WRONG, now);
      if (result.ok || result.error.reason !== 'locked') throw new Error('expected a lock');
      locks.push(result.error.retryAfterMs);
      now += result.error.retryAfterMs;
    }
    expect(locks).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(lockDurationMs(1000)).toBe(MAX_LOCK_MS);
    expect((await admin.pin.login(PIN, now)).ok).toBe(true);
    await failTimes(4, now);
    expect(await admin.pin.login(WRONG, now)).toMatchObject({ ok: false, error: { reason: 'locked', retryAfterMs: FIRST_LOCK_MS } });
  });

  it('keeps the counter and the lock across a restart (reopened database)', async () => {
    await admin.pin.setInitial(PIN, T0);
    await failTimes(3, T0);
    service.db.close();
    const reopened = openDatabase(service.dir);
    if (!reopened.ok) throw new Error(reopened.error.message);
    try {
      const again = open(reopened.value);
      await again.pin.login(WRONG, T0 + 1);
      expect(await again.pin.login(WRONG, T0 + 2)).toMatchObject({ ok: false, error: { reason: 'locked', retryAfterMs: FIRST_LOCK_MS } });
      reopened.value.close();
      const third = openDatabase(service.dir);
      if (!third.ok) throw new Error(third.error.message);
      const afterRestart = open(third.value);
      expect(await afterRestart.pin.login(PIN, T0 + 10_002)).toMatchObject({ ok: false, error: { reason: 'locked', retryAfterMs: 20_000 } });
      expect(afterRestart.audit.verify()).toMatchObject({ ok: true });
      third.value.close();
    } finally {
      if (reopened.value.open) reopened.value.close();
    }
  });

  it('does not let a clock set back stretch a lock beyond its length', async () => {
    await admin.pin.setInitial(PIN, T0);
    await failTimes(5, T0);
    expect(admin.pin.lockState(T0 - 24 * 3_600_000).retryAfterMs).toBe(FIRST_LOCK_MS);
  });

  it('brute force: a burst of parallel calls gets 5 tries, a day-long loop about one an hour', async () => {
    await admin.pin.setInitial(PIN, T0);
    // 200 calls at once, as from a flood over IPC: all pass the lock check only if attempts
    // were not serialised.
    const burst = await Promise.all(Array.from({ length: 200 }, (_, i) => admin.pin.login(String(100_000 + i), T0)));
    const reasons = burst.map((r) => (r.ok ? 'ok' : r.error.reason));
    expect(reasons.filter((r) => r === 'wrong')).toHaveLength(4);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(196);
    expect(admin.pin.lockState(T0).failures).toBe(5);
    const auditRowsAfterBurst = admin.audit.head().seq;
    // The flood while locked wrote one audit row, not 195.
    expect(auditRowsAfterBurst).toBe(1 + 5 + 1 + 1);

    // Then a patient attacker over a simulated day, waiting out every lock.
    let now = T0;
    let tried = 5;
    for (const end = T0 + 24 * 3_600_000; now < end; ) {
      const { retryAfterMs } = admin.pin.lockState(now);
      if (retryAfterMs > 0) {
        now += retryAfterMs;
        continue;
      }
      expect((await admin.pin.login(String(200_000 + tried), now)).ok).toBe(false);
      tried += 1;
    }
    expect(admin.pin.lockState(now).failures).toBe(tried);
    expect(tried).toBeLessThan(40);
    expect(admin.audit.verify()).toMatchObject({ ok: true });
  });

  it('counts wrongly shaped PINs as tries without hashing them', async () => {
    await admin.pin.setInitial(PIN, T0);
    expect(await admin.pin.login('abc', T0)).toMatchObject({ ok: false, error: { reason: 'wrong', attemptsLeft: 4 } });
    expect(await admin.pin.login('9'.repeat(10_000), T0)).toMatchObject({ ok: false, error: { reason: 'wrong', attemptsLeft: 3 } });
  });

  it('changes the PIN only with the old one, which counts against the same lockout', async () => {
    await admin.pin.setInitial(PIN, T0);
    expect(await admin.pin.change(PIN, '654321', T0)).toMatchObject({ ok: false, error: { reason: 'weak', rule: 'sequence' } });
    expect(await admin.pin.change(PIN, PIN, T0)).toMatchObject({ ok: false, error: { reason: 'samePin' } });
    expect(admin.pin.lockState(T0).failures).toBe(0);
    expect(await admin.pin.change(WRONG, OTHER_PIN, T0)).toMatchObject({ ok: false, error: { reason: 'wrong', attemptsLeft: 4 } });
    await failTimes(3, T0);
    expect(await admin.pin.change(WRONG, OTHER_PIN, T0)).toMatchObject({ ok: false, error: { reason: 'locked' } });
    expect(await admin.pin.change(PIN, OTHER_PIN, T0 + 1000)).toMatchObject({ ok: false, error: { reason: 'locked' } });
    expect(await admin.pin.change(PIN, OTHER_PIN, T0 + FIRST_LOCK_MS)).toEqual({ ok: true, value: undefined });
    expect(await admin.pin.login(PIN, T0 + FIRST_LOCK_MS)).toMatchObject({ ok: false, error: { reason: 'wrong', attemptsLeft: 4 } });
    expect((await admin.pin.login(OTHER_PIN, T0 + FIRST_LOCK_MS)).ok).toBe(true);
    expect(events()).toContain('pin.changed:ok');
  });

  it('rehashes at the configured cost after a login with an older hash', async () => {
    await admin.pin.setInitial(PIN, T0);
    const stronger = createAdminConsole(service.db, { scrypt: { ...SCRYPT_FAST_FOR_TESTS, N: 2048 } });
    expect((await stronger.pin.login(PIN, T0)).ok).toBe(true);
    const stored = service.db.prepare('SELECT pin_hash FROM admin_pin').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$2048\$/u);
    expect((await stronger.pin.login(PIN, T0)).ok).toBe(true);
  });

  it('never writes the PIN, or any PIN tried, to the database, its WAL or the audit', async () => {
    const tried = ['918273', '564738', '7766554433'];
    await admin.pin.setInitial(PIN, T0);
    for (const pin of tried) await admin.pin.login(pin, T0);
    await admin.pin.change(PIN, OTHER_PIN, T0);
    await admin.pin.login(OTHER_PIN, T0);
    service.db.pragma('wal_checkpoint(PASSIVE)');
    const files = readdirSync(service.dir).filter((f) => f.startsWith('kiosk.sqlite'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(service.dir, f))));
    for (const pin of [PIN, OTHER_PIN, ...tried]) {
      expect(bytes.includes(Buffer.from(pin, 'utf8')), `${pin} as UTF-8`).toBe(false);
      expect(bytes.includes(Buffer.from(pin, 'utf16le')), `${pin} as UTF-16LE`).toBe(false);
      for (const row of admin.audit.recent(500)) expect(JSON.stringify(row)).not.toContain(pin);
    }
  });
});

describe('AdminSessions', () => {
  let service: ServiceDb;
  let admin: AdminConsole;
  let token: string;
  beforeEach(async () => {
    service = openServiceDb();
    admin = open(service.db);
    const set = await admin.pin.setInitial(PIN, T0);
    if (!set.ok) throw new Error(set.error.reason);
    token = set.value.token;
  });
  afterEach(() => service.close());

  it('issues a fresh 32-byte token per login and knows only the newest', async () => {
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const second = await admin.pin.login(PIN, T0 + 1000);
    if (!second.ok) throw new Error(second.error.reason);
    expect(second.value.token).not.toBe(token);
    expect(admin.sessions.check(token, T0 + 1000)).toEqual({ ok: false, error: { reason: 'noSession' } });
    expect(admin.sessions.check(second.value.token, T0 + 1000).ok).toBe(true);
    expect(admin.sessions.check('', T0 + 1000)).toEqual({ ok: false, error: { reason: 'noSession' } });
  });

  it('ends after 5 minutes without use; touch keeps it alive, check does not', () => {
    expect(admin.sessions.touch(token, T0 + ADMIN_IDLE_MS - 1)).toEqual({ ok: true, value: { expiresAt: T0 + 2 * ADMIN_IDLE_MS - 1 } });
    expect(admin.sessions.check(token, T0 + 2 * ADMIN_IDLE_MS - 2).ok).toBe(true);
    expect(admin.sessions.check(token, T0 + 2 * ADMIN_IDLE_MS - 1)).toEqual({ ok: false, error: { reason: 'idle' } });
    expect(admin.sessions.check(token, T0 + 2 * ADMIN_IDLE_MS)).toEqual({ ok: false, error: { reason: 'noSession' } });
    expect(admin.audit.recent(1)[0]).toMatchObject({ event: 'session.timeout', actor: 'system', detail: 'no use for 300 s' });
  });

  it('ends 30 minutes after login however busy the technician is', () => {
    let now = T0;
    while (now + 60_000 < T0 + ADMIN_SESSION_MAX_MS) {
      now += 60_000;
      expect(admin.sessions.touch(token, now).ok).toBe(true);
    }
    expect(admin.sessions.touch(token, now)).toEqual({ ok: true, value: { expiresAt: T0 + ADMIN_SESSION_MAX_MS } });
    expect(admin.sessions.touch(token, T0 + ADMIN_SESSION_MAX_MS)).toEqual({ ok: false, error: { reason: 'expired' } });
    expect(admin.audit.recent(1)[0]).toMatchObject({ event: 'session.timeout', detail: 'session limit of 30 min reached' });
  });

  it('expire() ends and audits a timed-out session nobody asked about', () => {
    admin.sessions.expire(T0 + ADMIN_IDLE_MS - 1);
    expect(admin.sessions.isActive(T0 + ADMIN_IDLE_MS - 1)).toBe(true);
    admin.sessions.expire(T0 + ADMIN_IDLE_MS);
    expect(admin.sessions.isActive(T0 + ADMIN_IDLE_MS)).toBe(false);
    expect(admin.audit.recent(1)[0]?.event).toBe('session.timeout');
    admin.sessions.expire(T0 + ADMIN_IDLE_MS + 1);
    expect(admin.audit.recent(5).filter((r) => r.event === 'session.timeout')).toHaveLength(1);
  });

  it('treats a clock set back as the end of the session', () => {
    expect(admin.sessions.check(token, T0 - 1)).toEqual({ ok: false, error: { reason: 'expired' } });
  });

  it('logs out once, and is audited', () => {
    expect(admin.sessions.logout('not-the-token', T0)).toBe(false);
    expect(admin.sessions.logout(token, T0 + 10)).toBe(true);
    expect(admin.sessions.logout(token, T0 + 20)).toBe(false);
    expect(admin.sessions.check(token, T0 + 30)).toEqual({ ok: false, error: { reason: 'noSession' } });
    expect(admin.audit.recent(1)[0]).toMatchObject({ event: 'session.logout', outcome: 'ok' });
    expect(admin.audit.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses nonsense timeouts', () => {
    expect(() => createAdminConsole(service.db, { idleMs: 0 })).toThrow(/timeouts/u);
    expect(() => createAdminConsole(service.db, { idleMs: 60_000, maxMs: 30_000 })).toThrow(/timeouts/u);
  });
});
