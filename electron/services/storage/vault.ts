/**
 * Personal data at rest (R-P5): field-level AES-256-GCM. What a citizen submitted — names, ID
 * numbers, form values, signatures, scans — is sealed before it is written to SQLite and
 * opened only to be delivered or printed; the database file then holds no readable personal
 * data even before the retention purge (R-P4) blanks it. Chosen over a whole-database cipher
 * (SQLCipher via better-sqlite3-multiple-ciphers) because that package must be compiled with
 * its own SQLite and has no prebuilt binaries reachable from the build machines; the disk
 * itself is expected to be encrypted too (BitLocker / LUKS), which this does not replace.
 *
 * The key (32 random bytes) comes from `KIOSK_DATA_KEY` (base64) or the file `keys/data.key`
 * in the data folder, created with mode 0600 on first start. Production keeps that folder on
 * the terminal's encrypted volume, outside backups of the database. A check value sealed
 * with the key is stored in `settings`, so a wrong or missing key is found at start and the
 * terminal goes out of service with plain words instead of failing on the first citizen.
 *
 * Sealed text: `v1.` + base64url(iv ‖ tag ‖ ciphertext). The `context` (e.g. `outbox:<key>`)
 * is authenticated data: a sealed value copied into another row does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Result, err, ok } from '../../../hardware/result.js';
import type { KioskDatabase } from './database.js';

const PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;
export const DATA_KEY_FILE = path.join('keys', 'data.key');
const CHECK_SETTING = 'dataKeyCheck';
const CHECK_TEXT = 'zhengwu-kiosk data key';

export class VaultError extends Error {}

export class Vault {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength !== DATA_KEY_BYTES) throw new VaultError(`a data key has ${DATA_KEY_BYTES} bytes, not ${key.byteLength}`);
    this.#key = Buffer.from(key);
  }

  seal(plain: string | Uint8Array, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plain bytes; throws {@link VaultError} for a value not sealed by this key in this context. */
  openBytes(sealed: string, context: string): Buffer {
    if (!sealed.startsWith(PREFIX)) throw new VaultError('value is not sealed');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    if (raw.byteLength < IV_BYTES + TAG_BYTES) throw new VaultError('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new VaultError('sealed value does not open with this key (wrong key, other row, or tampered)');
    }
  }

  open(sealed: string, context: string): string {
    return this.openBytes(sealed, context).toString('utf8');
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }
}

export interface VaultFailure {
  readonly code: 'keyMissing' | 'keyInvalid' | 'keyMismatch';
  /** Plain words for the technician. */
  readonly message: string;
}

/**
 * The data key for this data folder, checked against the database: from `KIOSK_DATA_KEY`,
 * else `keys/data.key`, created only for a database that never had one (creating a new key
 * for a database sealed with another would make its records unreadable).
 */
export function openVault(db: KioskDatabase, dataDir: string, env: NodeJS.ProcessEnv = process.env): Result<Vault, VaultFailure> {
  const check = (db.prepare('SELECT value FROM settings WHERE key = ?').get(CHECK_SETTING) as { value: string } | undefined)?.value ?? null;
  const loaded = loadKey(dataDir, env, check === null);
  if (!loaded.ok) return loaded;
  let vault: Vault;
  try {
    vault = new Vault(loaded.value);
  } catch (error) {
    return err({ code: 'keyInvalid', message: (error as Error).message });
  }
  if (check === null) {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(CHECK_SETTING, vault.seal(CHECK_TEXT, CHECK_SETTING));
    return ok(vault);
  }
  try {
    if (vault.open(check, CHECK_SETTING) === CHECK_TEXT) return ok(vault);
  } catch {
    // Falls through to the mismatch below.
  }
  return err({ code: 'keyMismatch', message: 'the data key does not match this database: restore the key file that belongs to it (keys/data.key or KIOSK_DATA_KEY)' });
}

function loadKey(dataDir: string, env: NodeJS.ProcessEnv, mayCreate: boolean): Result<Uint8Array, VaultFailure> {
  const fromEnv = env['KIOSK_DATA_KEY'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const key = Buffer.from(fromEnv.trim(), 'base64');
    if (key.byteLength !== DATA_KEY_BYTES) return err({ code: 'keyInvalid', message: `KIOSK_DATA_KEY must be ${DATA_KEY_BYTES} bytes in base64` });
    return ok(key);
  }
  const file = path.join(dataDir, DATA_KEY_FILE);
  if (!existsSync(file)) {
    if (!mayCreate) return err({ code: 'keyMissing', message: `the data key ${file} is missing but the database has sealed data: restore it from the terminal's key backup` });
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(DATA_KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.byteLength !== DATA_KEY_BYTES) return err({ code: 'keyInvalid', message: `${file} does not hold a ${DATA_KEY_BYTES}-byte key in base64` });
  return ok(key);
}
