/**
 * Numbered schema migrations. Append only: a released migration is never edited, a change
 * is a new number. Each runs in its own transaction together with its row in
 * `schema_migrations`.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'queue tickets, print log, alarms, settings',
    sql: `
      CREATE TABLE ticket_counters (
        service_day TEXT NOT NULL,
        category_id TEXT NOT NULL,
        last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
        PRIMARY KEY (service_day, category_id)
      ) STRICT;

      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        service_day TEXT NOT NULL,
        category_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        ticket_number TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called', 'done', 'absent')),
        UNIQUE (service_day, category_id, seq),
        UNIQUE (service_day, ticket_number)
      ) STRICT;
      CREATE INDEX tickets_waiting ON tickets (service_day, category_id, status);

      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER REFERENCES tickets (id),
        kind TEXT NOT NULL,
        byte_count INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'printed', 'failed', 'abandoned')),
        detail TEXT,
        finished_at TEXT
      ) STRICT;

      CREATE TABLE alarms (
        id INTEGER PRIMARY KEY,
        raised_at TEXT NOT NULL,
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        cleared_at TEXT
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'ticket holders (keyed hash of the ID number) and the priority lane',
    // R-P1: the ID number itself is never stored; a keyed hash is enough to recognise the
    // same person asking again for the same category on the same day.
    sql: `
      ALTER TABLE tickets ADD COLUMN holder_hash TEXT;
      ALTER TABLE tickets ADD COLUMN is_priority INTEGER NOT NULL DEFAULT 0 CHECK (is_priority IN (0, 1));
      CREATE UNIQUE INDEX tickets_one_per_holder ON tickets (service_day, category_id, holder_hash)
        WHERE holder_hash IS NOT NULL;
    `,
  },
];
