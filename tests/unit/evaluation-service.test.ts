import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REASONS, reasonsFor } from '../../electron/services/evaluation/evaluation-reasons.js';
import { EvaluationService } from '../../electron/services/evaluation/evaluation-service.js';
import type { EvaluationUpload } from '../../electron/services/platform/platform-adapter.js';
import { SessionService } from '../../electron/services/session/session-service.js';
import { SessionSubjects } from '../../electron/services/session/session-subjects.js';
import { Outbox } from '../../electron/services/sync/outbox.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';

const MORNING = Date.UTC(2026, 10, 24, 1, 0);

describe('EvaluationService', () => {
  let store: ServiceDb;
  let session: SessionService;
  let subjects: SessionSubjects;
  let service: EvaluationService;
  let pokes: number;

  beforeEach(() => {
    store = openServiceDb();
    session = new SessionService();
    subjects = new SessionSubjects(session);
    pokes = 0;
    service = new EvaluationService({
      db: store.db,
      outbox: new Outbox(store.db, { now: () => MORNING }),
      onOutboxChanged: () => (pokes += 1),
      session,
      subjects,
      reasons: reasonsFor({ '3': ['等候时间较长', '其他'] }),
      timeoutSeconds: 60,
      terminalId: 'LYG-ZZ-0001',
      timeZone: 'Asia/Shanghai',
      now: () => MORNING,
    });
    session.begin();
  });
  afterEach(() => store.close());

  const uploads = (): EvaluationUpload[] =>
    (store.db.prepare("SELECT payload FROM outbox WHERE kind = 'evaluation' ORDER BY id").all() as { payload: string }[]).map(
      (row) => JSON.parse(row.payload) as EvaluationUpload,
    );
  const begin = (journey: 'ticket' | 'progress' | 'guide' = 'ticket', caseNumber?: string) => {
    const prompt = service.begin(journey, caseNumber);
    if (!prompt.ok) throw new Error(prompt.error.message);
    return prompt.value;
  };

  it('offers five levels, 5 first, with the configured reasons over the defaults', () => {
    const prompt = begin('guide');
    expect(prompt.levels.map((l) => `${l.level}${l.label}`)).toEqual(['5非常满意', '4满意', '3基本满意', '2不满意', '1非常不满意']);
    expect(prompt.reasons[3]).toEqual(['等候时间较长', '其他']);
    expect(prompt.reasons[1]).toEqual(DEFAULT_REASONS[1]);
    expect(prompt.lowLevels).toEqual([2, 1]);
    expect(prompt.subjectLabel).toBe('本次自助服务');
  });

  it.each([5, 4, 3, 2, 1] as const)('records level %i bound to the ticket, terminal and time, through the outbox', (level) => {
    subjects.lastTicketNumber = 'A012';
    const prompt = begin('ticket');
    expect(prompt.subjectLabel).toBe('号票 A012');
    const reason = prompt.reasons[level][0] ?? '';
    const result = service.submit(prompt.promptId, level, level <= 2 ? [reason] : [], null);
    expect(result).toEqual({ ok: true, value: { recorded: true, isFollowUp: level <= 2 } });
    expect(uploads()).toMatchObject([
      { level, ticketNumber: 'A012', caseNumber: null, terminalId: 'LYG-ZZ-0001', channel: 'kiosk', ratedAt: '2026-11-24T09:00:00+08:00', isFollowUp: level <= 2 },
    ]);
    expect(pokes).toBe(1);
  });

  it('asks a reason for a low rating, accepts a phone only there, and refuses reasons not offered', () => {
    const prompt = begin();
    expect(service.submit(prompt.promptId, 1, [], null)).toMatchObject({ ok: false, error: { message: '请至少选择一项不满意的原因' } });
    expect(service.submit(prompt.promptId, 1, ['<script>'], null)).toMatchObject({ ok: false, error: { code: 'invalidArgument' } });
    expect(service.submit(prompt.promptId, 5, [], '13800000000')).toMatchObject({ ok: false });
    expect(service.submit(prompt.promptId, 1, ['服务态度差', '服务态度差'], '13800000000')).toMatchObject({ ok: true });
    expect(uploads()[0]).toMatchObject({ level: 1, reasons: ['服务态度差'], phone: '13800000000', isFollowUp: true });
    const row = store.db.prepare('SELECT has_phone, is_follow_up FROM evaluations').get();
    expect(row).toEqual({ has_phone: 1, is_follow_up: 1 });
  });

  it.each(['skipped', 'timeout'] as const)('records "not rated" (%s), never a level', (why) => {
    const prompt = begin();
    expect(service.decline(prompt.promptId, why)).toEqual({ ok: true, value: { recorded: true } });
    expect(uploads()).toMatchObject([{ level: null, reasons: [], isFollowUp: false }]);
    expect(store.db.prepare('SELECT outcome, level, not_rated_why FROM evaluations').get()).toEqual({ outcome: 'notRated', level: null, not_rated_why: why });
    expect(service.submit(prompt.promptId, 5, [], null)).toMatchObject({ ok: false });
  });

  it('records "not rated" when the session ends with the prompt open', () => {
    begin();
    session.end('idleTimeout');
    expect(store.db.prepare('SELECT outcome, not_rated_why FROM evaluations').get()).toEqual({ outcome: 'notRated', not_rated_why: 'sessionEnded' });
  });

  it('binds only cases looked up in this session and does not ask again once rated', () => {
    expect(service.begin('progress', 'ZZ20261124000001')).toMatchObject({ ok: false, error: { code: 'notFound' } });
    subjects.addCase('ZZ20261124000001');
    const prompt = begin('progress', 'ZZ20261124000001');
    expect(prompt.subjectLabel).toBe('办件 ZZ20261124000001');
    expect(begin('progress', 'ZZ20261124000001').promptId).toBe(prompt.promptId);
    service.submit(prompt.promptId, 4, [], null);
    expect(service.begin('progress', 'ZZ20261124000001')).toMatchObject({ ok: false, error: { message: '本次服务已评价，感谢您的参与' } });
  });

  it('records a pad rating with window and staff', () => {
    const id = service.recordPad({ caseNumber: 'ZZ20261124000009', ticketNumber: null, windowId: 'W03', staffId: 'S001' }, { outcome: 'rated', level: 5, reasons: [], phone: null });
    expect(uploads()).toMatchObject([{ evaluationId: id, channel: 'pad', windowId: 'W03', staffId: 'S001', level: 5 }]);
  });
});
