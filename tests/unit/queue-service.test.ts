import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QueueCategoryDefinition, loadQueueCategories } from '../../electron/services/queue/categories.js';
import { MAX_TICKETS_PER_CATEGORY_PER_DAY, QueueService } from '../../electron/services/queue/queue-service.js';
import { type KioskDatabase, openDatabase } from '../../electron/services/storage/database.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

const TZ = 'Asia/Shanghai';
// 2026-11-24 09:00 in Lianyungang (01:00 UTC).
const MORNING = Date.UTC(2026, 10, 24, 1, 0);

describe('QueueService', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: KioskDatabase;
  let now = MORNING;
  let categories: readonly QueueCategoryDefinition[];

  beforeEach(() => {
    dir = makeTempDir();
    const opened = openDatabase(dir.path);
    if (!opened.ok) throw new Error(opened.error.message);
    db = opened.value;
    const loaded = loadQueueCategories(ASSETS_DIR);
    if (!loaded.ok) throw new Error(loaded.error);
    categories = loaded.value;
    now = MORNING;
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const service = (): QueueService => new QueueService(db, categories, { timeZone: TZ, now: () => now });

  it('bundles the six required categories with distinct prefixes', () => {
    expect(categories.map((c) => c.name)).toEqual(['综合受理', '不动产登记', '社保医保', '公安户政', '企业开办', '税务']);
    expect(new Set(categories.map((c) => c.prefix)).size).toBe(6);
  });

  it('numbers tickets per category: prefix + 3 digits, strictly increasing, with people ahead', () => {
    const queue = service();
    const issued = ['general', 'general', 'tax', 'general'].map((id) => {
      const result = queue.issueTicket(id);
      if (!result.ok) throw new Error(result.error);
      return [result.value.ticketNumber, result.value.waitingAhead];
    });
    expect(issued).toEqual([
      ['A001', 0],
      ['A002', 1],
      ['F001', 0],
      ['A003', 2],
    ]);
    expect(queue.waitingCount('general')).toBe(3);
    expect(queue.listCategories().find((c) => c.id === 'tax')?.waitingCount).toBe(1);
  });

  it('stamps the local time of the hall and starts again on the next local day', () => {
    const queue = service();
    const first = queue.issueTicket('general');
    expect(first.ok && first.value.issuedAt.iso).toBe('2026-11-24T09:00:00+08:00');
    // 23:59 local is still the same day; 00:00 local is the next one (16:00 UTC).
    now = Date.UTC(2026, 10, 24, 15, 59);
    expect(queue.issueTicket('general')).toMatchObject({ value: { ticketNumber: 'A002' } });
    now = Date.UTC(2026, 10, 24, 16, 0);
    expect(queue.issueTicket('general')).toMatchObject({ value: { ticketNumber: 'A001', waitingAhead: 0 } });
  });

  it('never reuses a number after a reopen, even if the ticket row was lost', () => {
    service().issueTicket('general');
    service().issueTicket('general');
    db.prepare('DELETE FROM tickets').run();
    db.close();
    const reopened = openDatabase(dir.path);
    if (!reopened.ok) throw new Error(reopened.error.message);
    db = reopened.value;
    expect(service().issueTicket('general')).toMatchObject({ value: { ticketNumber: 'A003' } });
  });

  it('refuses an unknown category and the 1000th ticket of a day', () => {
    const queue = service();
    expect(queue.issueTicket('nope')).toEqual({ ok: false, error: 'unknownCategory' });
    db.prepare('INSERT INTO ticket_counters (service_day, category_id, last_seq) VALUES (?, ?, ?)').run(
      '2026-11-24',
      'tax',
      MAX_TICKETS_PER_CATEGORY_PER_DAY,
    );
    expect(queue.issueTicket('tax')).toEqual({ ok: false, error: 'exhausted' });
    expect(queue.issueTicket('general')).toMatchObject({ ok: true });
  });
});
