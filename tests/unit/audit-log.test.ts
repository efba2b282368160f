/**
 * R-P6: the audit log is append-only for the app (triggers) and its hash chain shows any
 * row edited, deleted or reordered in the file by someone else (the verifier).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, GENESIS_HASH, WITHHELD_DETAIL, auditHash, checkAuditDetail } from '../../electron/services/admin/audit-log.js';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { type ServiceDb, openServiceDb } from '../support/service-db.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

function fill(audit: AuditLog, count: number): void {
  for (let i = 0; i < count; i += 1) {
    audit.append({ at: T0 + i * 1000, actor: i % 3 === 0 ? 'system' : 'technician', event: 'device.test', outcome: 'ok', detail: `printer test page ${i}` });
  }
}

/** What someone with the file does: their own connection, the triggers dropped first. */
function tamper(dir: string, sql: string, ...params: unknown[]): void {
  const raw = new Database(path.join(dir, DATABASE_FILE));
  try {
    raw.exec('DROP TRIGGER IF EXISTS audit_log_append_only_update; DROP TRIGGER IF EXISTS audit_log_append_only_delete;');
    raw.prepare(sql).run(...params);
  } finally {
    raw.close();
  }
}

describe('AuditLog', () => {
  let service: ServiceDb;
  let audit: AuditLog;
  beforeEach(() => {
    service = openServiceDb();
    audit = new AuditLog(service.db);
  });
  afterEach(() => service.close());

  it('verifies an empty log and a long chain', () => {
    expect(audit.verify()).toEqual({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } });
    fill(audit, 300);
    const verified = audit.verify();
    expect(verified).toEqual({ ok: true, count: 300, head: audit.head() });
    expect(audit.head().seq).toBe(300);
  });

  it('links each row to the one before, starting from the genesis hash', () => {
    fill(audit, 3);
    const [third, second, first] = audit.recent(3);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, actor: 'system', event: 'device.test', outcome: 'ok', detail: 'printer test page 0' });
    expect(second?.prevHash).toBe(first?.hash);
    expect(third?.prevHash).toBe(second?.hash);
    if (first === undefined) throw new Error('no row');
    expect(auditHash(first)).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('lists recent rows newest first, capped', () => {
    fill(audit, 10);
    expect(audit.recent(4).map((r) => r.seq)).toEqual([10, 9, 8, 7]);
    expect(audit.recent(0)).toHaveLength(1);
    expect(audit.recent(10_000)).toHaveLength(10);
  });

  it('refuses UPDATE, DELETE and REPLACE through the app connection (triggers)', () => {
    fill(audit, 3);
    expect(() => service.db.prepare("UPDATE audit_log SET detail = 'x' WHERE seq = 2").run()).toThrow(/append-only/u);
    expect(() => service.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/u);
    expect(() => service.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/u);
    const row = audit.recent(1)[0];
    // REPLACE deletes without firing the DELETE trigger; the insert trigger stops it.
    expect(() =>
      service.db
        .prepare('INSERT OR REPLACE INTO audit_log (seq, at, actor, event, outcome, detail, prev_hash, hash) VALUES (2, 0, ?, ?, ?, ?, ?, ?)')
        .run('system', 'x', 'ok', 'forged', GENESIS_HASH, GENESIS_HASH),
    ).toThrow(/continue the chain/u);
    // Skipping a seq or pointing at the wrong previous row is refused as well.
    expect(() =>
      service.db
        .prepare('INSERT INTO audit_log (seq, at, actor, event, outcome, detail, prev_hash, hash) VALUES (5, 0, ?, ?, ?, ?, ?, ?)')
        .run('system', 'x', 'ok', 'forged', row?.hash, GENESIS_HASH),
    ).toThrow(/continue the chain/u);
    expect(() =>
      service.db
        .prepare('INSERT INTO audit_log (seq, at, actor, event, outcome, detail, prev_hash, hash) VALUES (4, 0, ?, ?, ?, ?, ?, ?)')
        .run('system', 'x', 'ok', 'forged', GENESIS_HASH, GENESIS_HASH),
    ).toThrow(/continue the chain/u);
    expect(audit.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('flags a row whose detail was edited in the file', () => {
    fill(audit, 50);
    tamper(service.dir, "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 17");
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 17, reason: 'hashMismatch' });
  });

  it('flags an edited row whose own hash was recomputed, at the next link', () => {
    fill(audit, 50);
    const row = audit.recent(50).find((r) => r.seq === 20);
    if (row === undefined) throw new Error('no row 20');
    const forged = { ...row, outcome: 'refused' as const };
    tamper(service.dir, 'UPDATE audit_log SET outcome = ?, hash = ? WHERE seq = 20', forged.outcome, auditHash(forged));
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 21, reason: 'brokenLink' });
  });

  it('flags a deleted row as a gap, in the middle and at the start', () => {
    fill(audit, 50);
    tamper(service.dir, 'DELETE FROM audit_log WHERE seq = 33');
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 33, reason: 'gap' });
    tamper(service.dir, 'DELETE FROM audit_log WHERE seq = 1');
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 1, reason: 'gap' });
  });

  it('flags a deleted row whose successors were renumbered', () => {
    fill(audit, 10);
    tamper(service.dir, 'DELETE FROM audit_log WHERE seq = 4');
    tamper(service.dir, 'UPDATE audit_log SET seq = seq - 1 WHERE seq > 4');
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 4, reason: 'hashMismatch' });
  });

  it('flags reordered rows (two rows swapped)', () => {
    fill(audit, 10);
    tamper(service.dir, 'UPDATE audit_log SET seq = 1000 WHERE seq = 5');
    tamper(service.dir, 'UPDATE audit_log SET seq = 5 WHERE seq = 6');
    tamper(service.dir, 'UPDATE audit_log SET seq = 6 WHERE seq = 1000');
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 5, reason: 'hashMismatch' });
  });

  it('catches a truncated or fully rewritten chain only against an anchor kept elsewhere', () => {
    fill(audit, 20);
    const anchor = audit.head();
    tamper(service.dir, 'DELETE FROM audit_log WHERE seq > 15');
    expect(audit.verify()).toMatchObject({ ok: true, count: 15 });
    expect(audit.verify(anchor)).toEqual({ ok: false, firstBadSeq: 16, reason: 'anchorMismatch' });

    // Rewrite rows 10..15 with recomputed hashes: a consistent chain, but not the one anchored.
    const kept = audit.recent(50).filter((r) => r.seq >= 10).sort((a, b) => a.seq - b.seq);
    tamper(service.dir, 'DELETE FROM audit_log WHERE seq >= 10');
    let prevHash = audit.head().hash;
    const raw = new Database(path.join(service.dir, DATABASE_FILE));
    for (const row of kept) {
      const fields = { ...row, detail: 'rewritten', prevHash };
      const hash = auditHash(fields);
      raw.prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.at, row.actor, row.event, row.outcome, fields.detail, prevHash, hash);
      prevHash = hash;
    }
    raw.close();
    expect(audit.verify()).toMatchObject({ ok: true, count: 15 });
    const earlier = { seq: 12, hash: kept.find((r) => r.seq === 12)?.hash ?? '' };
    expect(audit.verify(earlier)).toEqual({ ok: false, firstBadSeq: 12, reason: 'anchorMismatch' });
  });

  it('commits with the caller’s transaction and rolls back with it', () => {
    fill(audit, 2);
    expect(() =>
      service.db.transaction(() => {
        audit.append({ at: T0, actor: 'technician', event: 'config.changed', outcome: 'ok', detail: 'idle timeout 90 s' });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(audit.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('rejects bugs: unknown actor or outcome, non-integer time', () => {
    expect(() => audit.append({ at: T0, actor: 'citizen' as 'hall', event: 'pin.login', outcome: 'ok', detail: '' })).toThrow(/actor/u);
    expect(() => audit.append({ at: T0, actor: 'hall', event: 'pin.login', outcome: 'maybe' as 'ok', detail: '' })).toThrow(/outcome/u);
    expect(() => audit.append({ at: 1.5, actor: 'hall', event: 'pin.login', outcome: 'ok', detail: '' })).toThrow(/integer/u);
    expect(audit.head().seq).toBe(0);
  });
});

describe('audit details never hold personal data or a PIN', () => {
  let service: ServiceDb;
  let audit: AuditLog;
  beforeEach(() => {
    service = openServiceDb();
    audit = new AuditLog(service.db);
  });
  afterEach(() => service.close());

  it.each([
    ['an ID number', 'card of 11010519491231002X read'],
    ['a legacy 15-digit ID number', 'holder 110105491231002'],
    ['a phone number with hyphens', 'call 138-0013-8000'],
    ['a phone number with spaces', 'call 138 0013 8000'],
    ['a 6-digit PIN', 'tried 482913'],
    ['full-width digits', 'tried ４８２９１３'],
  ])('withholds %s', (_what, detail) => {
    expect(checkAuditDetail(detail)).toMatchObject({ ok: false, why: 'longDigitRun' });
    const stored = audit.append({ at: T0, actor: 'technician', event: 'config.changed', outcome: 'ok', detail });
    expect(stored.detail).toBe(WITHHELD_DETAIL);
    expect(audit.verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('keeps plain words, masked IDs, short numbers and IP addresses', () => {
    for (const detail of ['printer test page printed', '3201**********1234', 'idle timeout 90 s, 5 tries', 'printer at 192.168.1.100:9100', '空闲超时 90 秒']) {
      expect(checkAuditDetail(detail)).toEqual({ ok: true, detail });
    }
  });

  it('turns control and bidi characters into spaces and refuses an endless detail', () => {
    expect(checkAuditDetail('line\nbreak\u202Eevil')).toEqual({ ok: true, detail: 'line break evil' });
    expect(checkAuditDetail('x'.repeat(501))).toEqual({ ok: false, why: 'tooLong' });
  });
});
