/**
 * The technician console's PIN (issue #8, R-P7; 等保2.0 GB/T 22239-2019 level 3 "login
 * failure handling"). First start asks for a PIN (`setInitial`); afterwards `login` checks
 * it against the scrypt hash in `admin_pin` and opens an {@link AdminSessions} session.
 *
 * Lockout: 5 wrong PINs in a row lock the console for 30 s; every further wrong PIN before
 * a correct one doubles it (60 s, 120 s, … at most 1 h), so a guessing loop gets about one
 * try per hour once it is going. The counter and the lock live in the database, written in
 * the same transaction as their audit rows, so a restart does not reset them. While locked
 * a PIN is not even hashed: a correct PIN is refused too, and a flood of calls costs no CPU.
 *
 * Attempts are handled one at a time (a promise chain): otherwise a burst of calls over
 * IPC would all pass the lock check before the first failure was recorded.
 *
 * The PIN itself is never stored, logged or audited. (A JS string cannot be wiped from
 * memory; it lives only as long as the IPC argument that carried it.)
 */
import createDebug from 'debug';
import { type Result, err, ok } from '../../../hardware/result.js';
import type { KioskDatabase } from '../storage/database.js';
import { AuditLog } from './audit-log.js';
import { type AdminGrant, type AdminSessionOptions, AdminSessions } from './admin-session.js';
import { SCRYPT_PRODUCTION, type ScryptParams, hashPin, needsRehash, verifyPin } from './pin-hash.js';
import { type PinRule, checkPinRules, isPinFormat } from './pin-rules.js';

const debug = createDebug('kiosk:services:admin');

export const MAX_FAILURES_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 60 * 60_000;
/** Larger counts of refused calls are written as "over 99999" (the audit refuses 6+ digits). */
const MAX_COUNT_IN_DETAIL = 99_999;

/** How long the console stays locked after `failures` wrong PINs in a row (0: not locked). */
export function lockDurationMs(failures: number): number {
  if (failures < MAX_FAILURES_BEFORE_LOCK) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - MAX_FAILURES_BEFORE_LOCK), MAX_LOCK_MS);
}

export type PinStatus = 'unset' | 'set';

export interface PinMessage {
  readonly zh: string;
  readonly en: string;
}

export type LoginRefusal =
  /** First start: no PIN yet; the console must offer `setInitial`. */
  | { readonly reason: 'notSet'; readonly message: PinMessage }
  | { readonly reason: 'wrong'; readonly attemptsLeft: number; readonly message: PinMessage }
  | { readonly reason: 'locked'; readonly retryAfterMs: number; readonly message: PinMessage };

export type WeakPinRefusal = { readonly reason: 'weak'; readonly rule: PinRule; readonly message: PinMessage };

export type SetPinRefusal = { readonly reason: 'alreadySet'; readonly message: PinMessage } | WeakPinRefusal;

export type ChangePinRefusal = LoginRefusal | WeakPinRefusal | { readonly reason: 'samePin'; readonly message: PinMessage };

export interface LockState {
  readonly status: PinStatus;
  /** Wrong PINs since the last correct one. */
  readonly failures: number;
  /** 0 when a PIN may be tried now. */
  readonly retryAfterMs: number;
  /** Wrong PINs that may still be entered before the (next) lock; 0 while locked. */
  readonly attemptsLeft: number;
}

export interface AdminPinOptions {
  /** scrypt cost of new hashes; default {@link SCRYPT_PRODUCTION}. Tests pass a low N. */
  readonly scrypt?: ScryptParams;
}

const NOT_SET: LoginRefusal = { reason: 'notSet', message: { zh: '尚未设置管理密码，请先设置', en: 'No admin PIN is set yet; set one first.' } };
const ALREADY_SET: SetPinRefusal = { reason: 'alreadySet', message: { zh: '管理密码已设置', en: 'An admin PIN is already set.' } };
const SAME_PIN: ChangePinRefusal = { reason: 'samePin', message: { zh: '新密码不能与原密码相同', en: 'The new PIN must differ from the old one.' } };

function wrong(attemptsLeft: number): LoginRefusal {
  return { reason: 'wrong', attemptsLeft, message: { zh: `密码错误，还可尝试 ${attemptsLeft} 次`, en: `Wrong PIN; ${attemptsLeft} tries left.` } };
}

function locked(retryAfterMs: number): LoginRefusal {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const wait = seconds >= 120 ? { zh: `${Math.ceil(seconds / 60)} 分钟`, en: `${Math.ceil(seconds / 60)} min` } : { zh: `${seconds} 秒`, en: `${seconds} s` };
  return {
    reason: 'locked',
    retryAfterMs,
    message: { zh: `密码错误次数过多，请 ${wait.zh}后再试`, en: `Too many wrong PINs; try again in ${wait.en}.` },
  };
}

interface PinRow {
  pinHash: string;
  failures: number;
  lockedUntil: number;
}

export class AdminPin {
  readonly #db: KioskDatabase;
  readonly #audit: AuditLog;
  readonly #sessions: AdminSessions;
  readonly #params: ScryptParams;
  #queue: Promise<unknown> = Promise.resolve();
  /** The lock period whose first refused call was audited; later ones are only counted. */
  #auditedLockedUntil = -1;
  #unauditedRefusals = 0;

  constructor(db: KioskDatabase, audit: AuditLog, sessions: AdminSessions, options: AdminPinOptions = {}) {
    this.#db = db;
    this.#audit = audit;
    this.#sessions = sessions;
    this.#params = options.scrypt ?? SCRYPT_PRODUCTION;
  }

  status(): PinStatus {
    return this.#row() === undefined ? 'unset' : 'set';
  }

  /** For the PIN pad before any try: locked or not, and for how long. */
  lockState(now: number): LockState {
    const row = this.#row();
    if (row === undefined) return { status: 'unset', failures: 0, retryAfterMs: 0, attemptsLeft: MAX_FAILURES_BEFORE_LOCK };
    const retryAfterMs = remainingLock(row, now);
    // Past the first lock, each wrong PIN locks again at once: one try left.
    const attemptsLeft = retryAfterMs > 0 ? 0 : Math.max(1, MAX_FAILURES_BEFORE_LOCK - row.failures);
    return { status: 'set', failures: row.failures, retryAfterMs, attemptsLeft };
  }

  /** First start only: sets the PIN and opens a session, so the technician goes straight in. */
  setInitial(pin: string, now: number): Promise<Result<AdminGrant, SetPinRefusal>> {
    return this.#serially(async () => {
      if (this.#row() !== undefined) return err(ALREADY_SET);
      const rules = checkPinRules(pin);
      if (!rules.ok) return err({ reason: 'weak', rule: rules.error.rule, message: rules.error.message });
      const pinHash = await hashPin(pin, this.#params);
      const isSet = this.#db.transaction((): boolean => {
        if (this.#row() !== undefined) return false;
        this.#db.prepare('INSERT INTO admin_pin (id, pin_hash, set_at) VALUES (1, ?, ?)').run(pinHash, now);
        this.#audit.append({ at: now, actor: 'technician', event: 'pin.set', outcome: 'ok', detail: 'admin PIN set on first start' });
        return true;
      });
      if (!isSet.immediate()) return err(ALREADY_SET);
      debug('admin PIN set');
      return ok(this.#sessions.start(now));
    });
  }

  /** Checks the PIN; a correct one opens a session, replacing any other. */
  login(pin: string, now: number): Promise<Result<AdminGrant, LoginRefusal>> {
    return this.#serially(async () => {
      const row = this.#row();
      if (row === undefined) return err(NOT_SET);
      const lockMs = remainingLock(row, now);
      if (lockMs > 0) return this.#refuseLocked(row, lockMs, now);
      if (!(await this.#matches(pin, row))) return this.#recordFailure('login', now);
      const rehashed = needsRehash(row.pinHash, this.#params) ? await hashPin(pin, this.#params) : null;
      this.#db.transaction(() => {
        this.#db.prepare('UPDATE admin_pin SET failures = 0, locked_until = 0, pin_hash = coalesce(?, pin_hash) WHERE id = 1').run(rehashed);
        const detail = rehashed === null ? 'logged in' : 'logged in; PIN rehashed at the current cost';
        this.#audit.append({ at: now, actor: 'technician', event: 'pin.login', outcome: 'ok', detail: this.#withRefusals(detail) });
      }).immediate();
      return ok(this.#sessions.start(now));
    });
  }

  /**
   * Changes the PIN. The old PIN is checked like a login — same counter, same lock — so
   * this cannot be used to guess around the lockout. The caller checks the session first.
   */
  change(oldPin: string, newPin: string, now: number): Promise<Result<void, ChangePinRefusal>> {
    return this.#serially(async () => {
      const row = this.#row();
      if (row === undefined) return err(NOT_SET);
      const lockMs = remainingLock(row, now);
      if (lockMs > 0) return this.#refuseLocked(row, lockMs, now);
      // Judging the new PIN first reveals nothing about the old one and costs no attempt.
      const rules = checkPinRules(newPin);
      if (!rules.ok) return err({ reason: 'weak', rule: rules.error.rule, message: rules.error.message });
      if (newPin === oldPin) return err(SAME_PIN);
      if (!(await this.#matches(oldPin, row))) return this.#recordFailure('change', now);
      const pinHash = await hashPin(newPin, this.#params);
      this.#db.transaction(() => {
        this.#db.prepare('UPDATE admin_pin SET pin_hash = ?, set_at = ?, failures = 0, locked_until = 0 WHERE id = 1').run(pinHash, now);
        this.#audit.append({ at: now, actor: 'technician', event: 'pin.changed', outcome: 'ok', detail: this.#withRefusals('admin PIN changed') });
      }).immediate();
      debug('admin PIN changed');
      return ok(undefined);
    });
  }

  #serially<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(step, step);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #row(): PinRow | undefined {
    return this.#db.prepare('SELECT pin_hash AS pinHash, failures, locked_until AS lockedUntil FROM admin_pin WHERE id = 1').get() as PinRow | undefined;
  }

  async #matches(pin: string, row: PinRow): Promise<boolean> {
    // Wrong shape (letters, 100 characters) cannot match; it still counts as a try.
    return isPinFormat(pin) && (await verifyPin(pin, row.pinHash));
  }

  #recordFailure(during: 'login' | 'change', now: number): Result<never, LoginRefusal> {
    const lockMs = this.#db.transaction((): number => {
      const { failures } = this.#db.prepare('UPDATE admin_pin SET failures = failures + 1 WHERE id = 1 RETURNING failures').get() as { failures: number };
      const where = during === 'login' ? 'at login' : 'when changing the PIN';
      this.#audit.append({
        at: now,
        actor: 'technician',
        event: 'pin.failed',
        outcome: 'failed',
        detail: this.#withRefusals(`wrong PIN ${where}, ${failures} in a row`),
      });
      const duration = lockDurationMs(failures);
      if (duration > 0) {
        this.#db.prepare('UPDATE admin_pin SET locked_until = ? WHERE id = 1').run(now + duration);
        this.#audit.append({
          at: now,
          actor: 'system',
          event: 'pin.locked',
          outcome: 'refused',
          detail: `console locked for ${Math.round(duration / 1000)} s after ${failures} wrong PINs in a row`,
        });
      }
      return duration;
    }).immediate();
    const row = this.#row();
    if (lockMs > 0) {
      debug('admin console locked for %d ms', lockMs);
      return err(locked(lockMs));
    }
    return err(wrong(MAX_FAILURES_BEFORE_LOCK - (row?.failures ?? 0)));
  }

  /** Audits the first refused call of each lock period; a flood only bumps a counter. */
  #refuseLocked(row: PinRow, lockMs: number, now: number): Result<never, LoginRefusal> {
    if (this.#auditedLockedUntil === row.lockedUntil) {
      this.#unauditedRefusals += 1;
    } else {
      this.#auditedLockedUntil = row.lockedUntil;
      this.#audit.append({
        at: now,
        actor: 'technician',
        event: 'pin.login',
        outcome: 'refused',
        detail: this.#withRefusals(`console locked, ${Math.ceil(lockMs / 1000)} s left`),
      });
    }
    return err(locked(lockMs));
  }

  #withRefusals(detail: string): string {
    const count = this.#unauditedRefusals;
    if (count === 0) return detail;
    this.#unauditedRefusals = 0;
    const amount = count > MAX_COUNT_IN_DETAIL ? `over ${MAX_COUNT_IN_DETAIL}` : String(count);
    return `${detail}; ${amount} more tries refused while locked`;
  }
}

/** Remaining lock; a clock set back cannot stretch it beyond the lock's own length. */
function remainingLock(row: PinRow, now: number): number {
  if (row.lockedUntil <= now) return 0;
  return Math.min(row.lockedUntil - now, lockDurationMs(row.failures));
}

/** The console's services over one database: audit log, sessions, PIN. */
export interface AdminConsole {
  readonly audit: AuditLog;
  readonly sessions: AdminSessions;
  readonly pin: AdminPin;
}

export function createAdminConsole(db: KioskDatabase, options: AdminPinOptions & AdminSessionOptions = {}): AdminConsole {
  const audit = new AuditLog(db);
  const sessions = new AdminSessions(audit, options);
  const pin = new AdminPin(db, audit, sessions, options);
  return { audit, sessions, pin };
}
