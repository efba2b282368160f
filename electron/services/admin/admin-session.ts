/**
 * The technician's console session after a correct PIN (R-P7, 等保2.0 "login timeout"): one
 * at a time, ended after 5 minutes without use or 30 minutes after login, whichever comes
 * first. Held in memory only, so a restart always asks for the PIN again. Only a SHA-256 of
 * the token is kept, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Result, err, ok } from '../../../hardware/result.js';
import type { AuditLog } from './audit-log.js';

export const ADMIN_IDLE_MS = 5 * 60_000;
export const ADMIN_SESSION_MAX_MS = 30 * 60_000;
const TOKEN_BYTES = 32;

export interface AdminSessionOptions {
  /** Ends the session after this long without `touch` (default 5 min). */
  readonly idleMs?: number;
  /** Ends the session this long after login whatever happens (default 30 min). */
  readonly maxMs?: number;
}

/** What a correct PIN grants: the token the console sends with every admin call. */
export interface AdminGrant {
  /** 32 random bytes, base64url. */
  readonly token: string;
  /** Epoch ms when the session ends unless touched (never later than the absolute limit). */
  readonly expiresAt: number;
}

export type SessionRefusal =
  /** No session, or not this token. */
  | 'noSession'
  /** Unused for longer than the idle timeout. */
  | 'idle'
  /** Older than the absolute limit. */
  | 'expired';

export type SessionCheck = Result<{ readonly expiresAt: number }, { readonly reason: SessionRefusal }>;

interface ActiveSession {
  readonly tokenDigest: Buffer;
  readonly startedAt: number;
  lastUsedAt: number;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export class AdminSessions {
  readonly #audit: AuditLog;
  readonly #idleMs: number;
  readonly #maxMs: number;
  #session: ActiveSession | null = null;

  constructor(audit: AuditLog, options: AdminSessionOptions = {}) {
    this.#audit = audit;
    this.#idleMs = options.idleMs ?? ADMIN_IDLE_MS;
    this.#maxMs = options.maxMs ?? ADMIN_SESSION_MAX_MS;
    if (!(this.#idleMs > 0 && this.#maxMs >= this.#idleMs)) throw new Error('admin session timeouts: need 0 < idleMs <= maxMs');
  }

  /** Starts a session, replacing any other (there is one console). Called by `AdminPin`. */
  start(now: number): AdminGrant {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.#session = { tokenDigest: digest(token), startedAt: now, lastUsedAt: now };
    return { token, expiresAt: this.#expiresAt(this.#session) };
  }

  /** Whether `token` holds a live session, without counting this as use. */
  check(token: string, now: number): SessionCheck {
    const session = this.#current(token, now);
    return session.ok ? ok({ expiresAt: this.#expiresAt(session.value) }) : session;
  }

  /** Like `check`, and restarts the idle timer: call it for every admin action. */
  touch(token: string, now: number): SessionCheck {
    const session = this.#current(token, now);
    if (!session.ok) return session;
    session.value.lastUsedAt = Math.max(session.value.lastUsedAt, now);
    return ok({ expiresAt: this.#expiresAt(session.value) });
  }

  /** Ends the session of `token`; false when there was none. */
  logout(token: string, now: number): boolean {
    const session = this.#current(token, now);
    if (!session.ok) return false;
    this.#session = null;
    this.#audit.append({ at: now, actor: 'technician', event: 'session.logout', outcome: 'ok', detail: 'logged out' });
    return true;
  }

  /**
   * Ends a timed-out session and audits it, even if nobody calls again. Call it from a
   * timer (e.g. every 30 s) so the audit shows the timeout near when it happened.
   */
  expire(now: number): void {
    const session = this.#session;
    if (session === null) return;
    const why = this.#timedOut(session, now);
    if (why !== null) this.#end(why, now);
  }

  /** Whether any session is live (for the console's status line; not an authorisation). */
  isActive(now: number): boolean {
    this.expire(now);
    return this.#session !== null;
  }

  #current(token: string, now: number): Result<ActiveSession, { readonly reason: SessionRefusal }> {
    const session = this.#session;
    if (session === null || !timingSafeEqual(digest(token), session.tokenDigest)) return err({ reason: 'noSession' });
    const why = this.#timedOut(session, now);
    if (why === null) return ok(session);
    this.#end(why, now);
    return err({ reason: why });
  }

  #timedOut(session: ActiveSession, now: number): 'idle' | 'expired' | null {
    // A clock set back must not stretch a session: treat it as over.
    if (now >= session.startedAt + this.#maxMs || now < session.startedAt) return 'expired';
    if (now >= session.lastUsedAt + this.#idleMs) return 'idle';
    return null;
  }

  #expiresAt(session: ActiveSession): number {
    return Math.min(session.lastUsedAt + this.#idleMs, session.startedAt + this.#maxMs);
  }

  #end(why: 'idle' | 'expired', now: number): void {
    this.#session = null;
    const detail = why === 'idle' ? `no use for ${Math.round(this.#idleMs / 1000)} s` : `session limit of ${Math.round(this.#maxMs / 60_000)} min reached`;
    this.#audit.append({ at: now, actor: 'system', event: 'session.timeout', outcome: 'ok', detail });
  }
}
