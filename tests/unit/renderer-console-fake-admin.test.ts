/**
 * The fake core's console (fake-admin.ts) behaves like the core where the screens depend on
 * it: the lock grows, tokens lapse when idle and at the maximum, calls without a live token
 * are `forbidden`, validation refuses with the core's kind of words.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_ADMIN_IDLE_MS, FAKE_ADMIN_MAX_MS, FAKE_FIRST_LOCK_MS } from '../../renderer/api/fake-admin';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';

const PIN = '314159';

function fake() {
  let now = 1_000_000;
  const made = createFakeKiosk({ now: () => now, admin: { pin: PIN, workMs: 0 } });
  return { ...made, advance: (ms: number) => (now += ms) };
}

describe('fake admin', () => {
  it('locks after five wrong PINs and doubles the lock with each one after', async () => {
    const { kiosk, advance } = fake();
    for (let attempt = 0; attempt < 5; attempt += 1) await kiosk.admin.login({ pin: '000000' });
    expect(await kiosk.admin.pinStatus({})).toEqual({ ok: true, value: { state: 'set', lockedForMs: FAKE_FIRST_LOCK_MS } });
    // Even the right PIN is refused while locked.
    expect((await kiosk.admin.login({ pin: PIN })).ok).toBe(false);
    advance(FAKE_FIRST_LOCK_MS);
    await kiosk.admin.login({ pin: '000000' });
    expect(await kiosk.admin.pinStatus({})).toEqual({ ok: true, value: { state: 'set', lockedForMs: 2 * FAKE_FIRST_LOCK_MS } });
  });

  it('ends a session when idle and at its maximum, and refuses calls without it', async () => {
    const { kiosk, advance } = fake();
    const session = await kiosk.admin.login({ pin: PIN });
    if (!session.ok) throw new Error('login');
    const { token } = session.value;
    expect((await kiosk.admin.audit({ token })).ok).toBe(true);
    expect(await kiosk.admin.audit({ token: 'x'.repeat(40) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Calls move the idle timeout on, but not past the maximum.
    for (let elapsed = 0; elapsed < FAKE_ADMIN_MAX_MS; elapsed += FAKE_ADMIN_IDLE_MS - 1_000) {
      advance(FAKE_ADMIN_IDLE_MS - 1_000);
      if (elapsed + FAKE_ADMIN_IDLE_MS - 1_000 < FAKE_ADMIN_MAX_MS) expect((await kiosk.admin.events({ token })).ok).toBe(true);
    }
    expect(await kiosk.admin.events({ token })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a second first PIN, weak PINs, and bad settings with the reason', async () => {
    const { kiosk } = fake();
    expect(await kiosk.admin.setPin({ pin: '975310' })).toMatchObject({ ok: false, error: { message: '管理密码已设置' } });
    const session = await kiosk.admin.login({ pin: PIN });
    if (!session.ok) throw new Error('login');
    const { token } = session.value;
    const settings = await kiosk.admin.settings({ token });
    if (!settings.ok) throw new Error('settings');
    const refused = await kiosk.admin.saveSettings({ token, settings: { ...settings.value, idleTimeoutSeconds: 5, platformAdapter: 'http' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidArgument' } });
    expect(refused.ok ? '' : refused.error.message).toContain('空闲超时：30–600 秒');
    expect(refused.ok ? '' : refused.error.message).toContain('平台地址');
    const saved = await kiosk.admin.saveSettings({ token, settings: { ...settings.value, hallName: '海州区政务服务中心' } });
    expect(saved).toEqual({ ok: true, value: { saved: true, restartRequired: true } });
    expect(await kiosk.admin.settings({ token })).toMatchObject({ ok: true, value: { hallName: '海州区政务服务中心' } });
  });

  it('audits console actions and reports a tampered chain', async () => {
    const { kiosk, control } = fake();
    const session = await kiosk.admin.login({ pin: PIN });
    if (!session.ok) throw new Error('login');
    const { token } = session.value;
    await kiosk.admin.testDevice({ token, test: 'readCard' });
    const audit = await kiosk.admin.audit({ token });
    expect(audit.ok && audit.value.entries[0]).toMatchObject({ event: 'device.test', outcome: 'ok' });
    expect(audit.ok && audit.value.chain.ok).toBe(true);
    control.admin.setAuditTampered(3);
    expect(await kiosk.admin.audit({ token })).toMatchObject({ ok: true, value: { chain: { ok: false, firstBadSeq: 3 } } });
  });

  it('sends a quarantined record again once, as the core does: back in line, audited, then notFound', async () => {
    const { kiosk } = fake();
    const session = await kiosk.admin.login({ pin: PIN });
    if (!session.ok) throw new Error('login');
    const { token } = session.value;
    const before = await kiosk.admin.overview({ token });
    if (!before.ok) throw new Error('overview');
    const [record] = before.value.outbox.quarantinedRecords;
    if (record === undefined) throw new Error('nothing quarantined');
    expect(await kiosk.admin.releaseOutbox({ token, id: record.id })).toEqual({ ok: true, value: { released: true } });
    expect(await kiosk.admin.overview({ token })).toMatchObject({
      ok: true,
      value: { outbox: { pending: before.value.outbox.pending + 1, quarantined: before.value.outbox.quarantined - 1 } },
    });
    expect(await kiosk.admin.releaseOutbox({ token, id: record.id })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(await kiosk.admin.releaseOutbox({ token: 'x'.repeat(40), id: record.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const audit = await kiosk.admin.audit({ token });
    expect(audit.ok && audit.value.entries.filter((e) => e.event === 'outbox.released').map((e) => e.outcome)).toEqual(['refused', 'ok']);
  });
});
