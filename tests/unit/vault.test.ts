/**
 * R-P5: personal data sealed with AES-256-GCM under the terminal's data key; the key checked
 * against the database at start, a wrong or missing one refused in plain words.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_KEY_FILE, Vault, VaultError, openVault } from '../../electron/services/storage/vault.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';

describe('Vault', () => {
  const vault = new Vault(randomBytes(32));

  it('opens what it sealed, only in the same context', () => {
    const sealed = vault.seal('张三 320102199001011234', 'outbox:a');
    expect(Vault.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('张三');
    expect(vault.open(sealed, 'outbox:a')).toBe('张三 320102199001011234');
    expect(() => vault.open(sealed, 'outbox:b')).toThrow(VaultError);
  });

  it('refuses a tampered, truncated or foreign value and another key', () => {
    const sealed = vault.seal('secret', 'c');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => vault.open(flipped, 'c')).toThrow(VaultError);
    expect(() => vault.open('v1.AAAA', 'c')).toThrow(/truncated/u);
    expect(() => vault.open('plain text', 'c')).toThrow(/not sealed/u);
    expect(() => new Vault(randomBytes(32)).open(sealed, 'c')).toThrow(VaultError);
    expect(() => new Vault(randomBytes(16))).toThrow(/32 bytes/u);
  });

  it('seals the same text differently each time (random IV)', () => {
    expect(vault.seal('x', 'c')).not.toBe(vault.seal('x', 'c'));
  });
});

describe('openVault', () => {
  let store: ServiceDb;
  afterEach(() => store.close());

  it('creates a 0600 key file for a new database and opens with it again', () => {
    store = openServiceDb();
    const first = openVault(store.db, store.dir, {});
    expect(first.ok).toBe(true);
    const file = path.join(store.dir, DATA_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = openVault(store.db, store.dir, {});
    if (!first.ok || !second.ok) throw new Error('vault did not open');
    expect(second.value.open(first.value.seal('x', 'c'), 'c')).toBe('x');
  });

  it('refuses a wrong key and a missing key file instead of starting on a new key', () => {
    store = openServiceDb();
    expect(openVault(store.db, store.dir, {}).ok).toBe(true);
    const file = path.join(store.dir, DATA_KEY_FILE);
    writeFileSync(file, randomBytes(32).toString('base64'));
    expect(openVault(store.db, store.dir, {})).toMatchObject({ ok: false, error: { code: 'keyMismatch' } });
    rmSync(file);
    const missing = openVault(store.db, store.dir, {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'keyMissing' } });
    expect(missing.ok ? '' : missing.error.message).toMatch(/missing but the database has sealed data/u);
    writeFileSync(file, 'not a key');
    expect(openVault(store.db, store.dir, {})).toMatchObject({ ok: false, error: { code: 'keyInvalid' } });
  });

  it('takes the key from KIOSK_DATA_KEY and checks its length', () => {
    store = openServiceDb();
    const key = randomBytes(32).toString('base64');
    expect(openVault(store.db, store.dir, { KIOSK_DATA_KEY: key }).ok).toBe(true);
    expect(openVault(store.db, store.dir, { KIOSK_DATA_KEY: key }).ok).toBe(true);
    expect(openVault(store.db, store.dir, { KIOSK_DATA_KEY: randomBytes(32).toString('base64') })).toMatchObject({ ok: false, error: { code: 'keyMismatch' } });
    expect(openVault(store.db, store.dir, { KIOSK_DATA_KEY: 'c2hvcnQ=' })).toMatchObject({ ok: false, error: { code: 'keyInvalid' } });
  });
});
