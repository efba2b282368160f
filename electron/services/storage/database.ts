/**
 * Opens the kiosk database: SQLite through better-sqlite3 in the data folder, WAL,
 * synchronous=FULL, foreign keys, busy timeout — each asserted after setting it (R-D1) —
 * then an integrity check and the numbered migrations. Any failure is a value the core turns
 * into the out-of-service screen; the kiosk never silently starts on an empty database.
 */
import Database from 'better-sqlite3';
import createDebug from 'debug';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Result, err, ok } from '../../../hardware/result.js';
import { MIGRATIONS, type Migration } from './migrations.js';

const debug = createDebug('kiosk:services:storage');

export const DATABASE_FILE = 'kiosk.sqlite';
const BUSY_TIMEOUT_MS = 5000;

export type KioskDatabase = Database.Database;

export interface StorageFailure {
  readonly code: 'unreadable' | 'corrupt' | 'newerSchema' | 'pragma' | 'migration';
  /** Plain words for the technician (the screen shows a Chinese summary). */
  readonly message: string;
}

function expectPragma(db: KioskDatabase, name: string, expected: string | number): void {
  const actual = db.pragma(name, { simple: true });
  if (String(actual).toLowerCase() !== String(expected).toLowerCase()) {
    throw new PragmaError(`PRAGMA ${name} is ${String(actual)}, expected ${String(expected)}`);
  }
}

class PragmaError extends Error {}

export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Result<KioskDatabase, StorageFailure> {
  const file = path.join(dataDir, DATABASE_FILE);
  let db: KioskDatabase;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
  } catch (error) {
    return err({ code: 'unreadable', message: `cannot open ${file}: ${describe(error)}` });
  }
  try {
    // journal_mode is the first statement to touch the file, so "file is not a database"
    // surfaces here for a corrupt header.
    db.pragma('journal_mode = WAL');
    expectPragma(db, 'journal_mode', 'wal');
    db.pragma('synchronous = FULL');
    expectPragma(db, 'synchronous', 2);
    db.pragma('foreign_keys = ON');
    expectPragma(db, 'foreign_keys', 1);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    expectPragma(db, 'busy_timeout', BUSY_TIMEOUT_MS);
    // R-P4: purged personal data is overwritten with zeros, not left in free pages.
    db.pragma('secure_delete = ON');
    expectPragma(db, 'secure_delete', 1);

    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      return err({ code: 'corrupt', message: `integrity check of ${file} failed: ${String(check)}` });
    }
    const migrated = migrate(db, migrations);
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
    return ok(db);
  } catch (error) {
    db.close();
    const message = describe(error);
    const code = error instanceof PragmaError ? 'pragma' : /not a database|malformed|corrupt/iu.test(message) ? 'corrupt' : 'unreadable';
    return err({ code, message: `${file}: ${message}` });
  }
}

function migrate(db: KioskDatabase, migrations: readonly Migration[]): Result<void, StorageFailure> {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  const current = row.version ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    return err({
      code: 'newerSchema',
      message: `database schema version ${current} is newer than this program (${latest}); install the matching version`,
    });
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    try {
      // IMMEDIATE takes the write lock first, and the check inside sees what another process
      // opening the same new database at the same moment may have applied meanwhile.
      db.transaction(() => {
        if (isApplied.get(migration.version) !== undefined) return;
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          new Date().toISOString(),
        );
      }).immediate();
      debug('applied migration %d (%s)', migration.version, migration.name);
    } catch (error) {
      return err({ code: 'migration', message: `migration ${migration.version} (${migration.name}) failed: ${describe(error)}` });
    }
  }
  return ok(undefined);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
