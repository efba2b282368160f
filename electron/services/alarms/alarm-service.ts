/**
 * Technician alarms: a durable list of conditions someone must look at (printer out of paper,
 * bad configuration). Raising the same alarm again while it is active is a no-op, so a
 * failing printer does not flood the table. Messages are plain words without personal data.
 */
import createDebug from 'debug';
import type { KioskDatabase } from '../storage/database.js';

const debug = createDebug('kiosk:services:alarms');

export interface Alarm {
  readonly id: number;
  readonly raisedAt: string;
  readonly source: string;
  readonly code: string;
  readonly message: string;
}

export class AlarmService {
  readonly #db: KioskDatabase;
  readonly #now: () => number;

  constructor(db: KioskDatabase, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Raises an alarm unless the same source+code is already active; returns whether it is new. */
  raise(source: string, code: string, message: string): boolean {
    const raise = this.#db.transaction(() => {
      const active = this.#db.prepare('SELECT 1 FROM alarms WHERE source = ? AND code = ? AND cleared_at IS NULL').get(source, code);
      if (active !== undefined) return false;
      this.#db
        .prepare('INSERT INTO alarms (raised_at, source, code, message) VALUES (?, ?, ?, ?)')
        .run(new Date(this.#now()).toISOString(), source, code, message);
      return true;
    });
    const isNew = raise.immediate();
    if (isNew) debug('alarm raised: %s %s — %s', source, code, message);
    return isNew;
  }

  /** Clears every active alarm of a source (e.g. the printer is fine again). */
  clear(source: string): number {
    return this.#db
      .prepare('UPDATE alarms SET cleared_at = ? WHERE source = ? AND cleared_at IS NULL')
      .run(new Date(this.#now()).toISOString(), source).changes;
  }

  active(): Alarm[] {
    return this.#db
      .prepare('SELECT id, raised_at AS raisedAt, source, code, message FROM alarms WHERE cleared_at IS NULL ORDER BY id')
      .all() as Alarm[];
  }
}
