import { randomBytes } from 'node:crypto';
import type { KioskDatabase } from './database.js';

/**
 * A random secret kept in the settings table, created on first use (e.g. the key of the
 * ticket-holder hash). Lives only in the database, which is encrypted at rest on a
 * production terminal (R-P5); never in config files (R-E9).
 */
export function settingsSecret(db: KioskDatabase, key: string, bytes = 32): Uint8Array {
  const create = db.transaction((): string => {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (row !== undefined) return row.value;
    const value = randomBytes(bytes).toString('base64');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return value;
  });
  return Buffer.from(create.immediate(), 'base64');
}
