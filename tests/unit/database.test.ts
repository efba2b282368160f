import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database.js';
import { MIGRATIONS } from '../../electron/services/storage/migrations.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('openDatabase', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout, migrated (R-D1)', () => {
    const opened = openDatabase(dir.path);
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.value;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('applies migrations once: a second open changes nothing', () => {
    const first = openDatabase(dir.path);
    if (!first.ok) throw new Error(first.error.message);
    first.value.close();
    const second = openDatabase(dir.path);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    second.value.close();
  });

  it('refuses a file that is not a database instead of starting empty', () => {
    writeFileSync(path.join(dir.path, DATABASE_FILE), 'this is not sqlite '.repeat(400));
    const opened = openDatabase(dir.path);
    expect(opened).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });

  it('refuses a database written by a newer version', () => {
    const opened = openDatabase(dir.path);
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.prepare('INSERT INTO schema_migrations VALUES (99, ?, ?)').run('future', 'now');
    opened.value.close();
    expect(openDatabase(dir.path)).toMatchObject({ ok: false, error: { code: 'newerSchema' } });
  });

  it('reports a failing migration and leaves no half-applied schema', () => {
    const next = (MIGRATIONS.at(-1)?.version ?? 0) + 1;
    const broken = [...MIGRATIONS, { version: next, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }];
    expect(openDatabase(dir.path, broken)).toMatchObject({ ok: false, error: { code: 'migration' } });
    const reopened = openDatabase(dir.path);
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.value.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    reopened.value.close();
  });
});
