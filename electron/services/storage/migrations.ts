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
  {
    version: 3,
    name: 'appointment tickets, outbox, evaluations, the local platform',
    sql: `
      -- Call order: 0 walk-in, 1 appointment, 2 booked priority lane; one ticket per appointment.
      ALTER TABLE tickets ADD COLUMN lane INTEGER NOT NULL DEFAULT 0 CHECK (lane IN (0, 1, 2));
      ALTER TABLE tickets ADD COLUMN appointment_code TEXT;
      CREATE UNIQUE INDEX tickets_one_per_appointment ON tickets (appointment_code) WHERE appointment_code IS NOT NULL;

      -- R-D5: everything the platform must hear of, committed before the citizen is told.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'checkIn', 'application')),
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'quarantined')),
        last_error TEXT,
        delivered_at INTEGER,
        is_purged INTEGER NOT NULL DEFAULT 0 CHECK (is_purged IN (0, 1))
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

      CREATE TABLE evaluations (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'pad')),
        outcome TEXT NOT NULL CHECK (outcome IN ('rated', 'notRated')),
        level INTEGER CHECK (level BETWEEN 1 AND 5),
        not_rated_why TEXT CHECK (not_rated_why IN ('skipped', 'timeout', 'sessionEnded', 'padTimeout', 'padCancelled')),
        reasons TEXT NOT NULL DEFAULT '[]',
        has_phone INTEGER NOT NULL DEFAULT 0 CHECK (has_phone IN (0, 1)),
        is_follow_up INTEGER NOT NULL DEFAULT 0 CHECK (is_follow_up IN (0, 1)),
        journey TEXT,
        case_number TEXT,
        ticket_number TEXT,
        window_id TEXT,
        staff_id TEXT,
        terminal_id TEXT NOT NULL,
        rated_at TEXT NOT NULL,
        outbox_id INTEGER NOT NULL REFERENCES outbox (id),
        CHECK ((outcome = 'rated') = (level IS NOT NULL))
      ) STRICT;

      -- The local platform adapter's own data (what a real platform would hold).
      CREATE TABLE platform_cases (
        case_number TEXT PRIMARY KEY,
        verifier TEXT NOT NULL,
        item_code TEXT NOT NULL,
        item_name TEXT NOT NULL,
        department_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'correctionRequired', 'completed', 'rejected', 'withdrawn')),
        applicant_name TEXT NOT NULL,
        holder_hash TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        promised_date TEXT,
        missing_materials TEXT NOT NULL DEFAULT '[]',
        collection TEXT
      ) STRICT;
      CREATE INDEX platform_cases_holder ON platform_cases (holder_hash, submitted_at);
      CREATE TABLE platform_case_events (
        id INTEGER PRIMARY KEY,
        case_number TEXT NOT NULL REFERENCES platform_cases (case_number),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE TABLE platform_appointments (
        code TEXT PRIMARY KEY,
        verifier TEXT NOT NULL,
        category_id TEXT NOT NULL,
        item_name TEXT,
        applicant_name TEXT NOT NULL,
        holder_hash TEXT NOT NULL,
        slot_start TEXT NOT NULL,
        slot_end TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checkedIn', 'cancelled')),
        lane TEXT NOT NULL DEFAULT 'appointment' CHECK (lane IN ('appointment', 'priority')),
        checked_in_at TEXT,
        ticket_number TEXT
      ) STRICT;
      CREATE INDEX platform_appointments_holder ON platform_appointments (holder_hash, slot_start);
      -- Idempotency of deliveries to the local platform: one effect per key.
      CREATE TABLE platform_deliveries (
        idempotency_key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        received_at TEXT NOT NULL,
        payload TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'technician console: append-only audit log with a hash chain, admin PIN',
    // R-P6: the app itself can only append to audit_log. UPDATE and DELETE abort, and an
    // INSERT must continue the chain (next seq, previous hash) — which also stops an
    // `INSERT OR REPLACE` from overwriting a row, since REPLACE deletes without firing the
    // DELETE trigger. Someone with the file can still drop the triggers; `AuditLog.verify`
    // is what catches that. Kept at least 6 months (R-P4); nothing purges it yet.
    // R-P7: one row holding the scrypt hash of the PIN (never the PIN) and the lockout
    // state, so a restart does not reset the failure counter.
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY CHECK (seq > 0),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('technician', 'system', 'hall')),
        event TEXT NOT NULL CHECK (length(event) BETWEEN 1 AND 64),
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_continues_chain BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
      BEGIN
        SELECT RAISE(ABORT, 'audit_log insert must continue the chain');
      END;

      CREATE TABLE admin_pin (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pin_hash TEXT NOT NULL,
        set_at INTEGER NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'self-service applications: submissions, numbering, delivery acks, sealed payloads',
    // R-P1/R-P5: `applications` holds no personal data — the submission itself (people, form,
    // scans, signature) travels sealed in its outbox row and is blanked after the retention
    // window (R-P4). `ack` keeps what the platform answered (the case number).
    sql: `
      ALTER TABLE outbox ADD COLUMN ack TEXT;

      CREATE TABLE applications (
        reference TEXT PRIMARY KEY,
        item_code TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id)
      ) STRICT;

      -- 申报编号 (SB) and 一次性告知书 (GZ) numbers: per hall day, never reused after a crash.
      CREATE TABLE document_counters (
        kind TEXT NOT NULL CHECK (kind IN ('SB', 'GZ')),
        day TEXT NOT NULL,
        last_seq INTEGER NOT NULL CHECK (last_seq > 0),
        PRIMARY KEY (kind, day)
      ) STRICT;

      -- The local platform: which case a delivered application filed (same key, same case),
      -- and whether a delivery's personal fields were blanked (R-P4).
      ALTER TABLE platform_deliveries ADD COLUMN case_number TEXT;
      ALTER TABLE platform_deliveries ADD COLUMN is_purged INTEGER NOT NULL DEFAULT 0 CHECK (is_purged IN (0, 1));
    `,
  },
];
