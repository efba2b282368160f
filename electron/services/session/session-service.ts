/**
 * One citizen at a time (design.md §5). Everything personal a journey gathers is registered
 * here as a wipe hook and cleared on finish, idle timeout or return home (R-P3). The queue
 * journey holds nothing personal; later journeys (ID card, scans, forms) register hooks.
 */
import createDebug from 'debug';
import { randomUUID } from 'node:crypto';

const debug = createDebug('kiosk:services:session');

export type SessionEndReason = 'finished' | 'idleTimeout' | 'home' | 'shutdown';

export class SessionService {
  #current: string | null = null;
  readonly #wipeHooks = new Set<() => void>();

  get currentSessionId(): string | null {
    return this.#current;
  }

  /** Starts a session; an unfinished previous one is wiped first (one citizen at a time). */
  begin(): string {
    if (this.#current !== null) this.end('home');
    this.#current = randomUUID();
    debug('session begun');
    return this.#current;
  }

  /** Registers something to clear when the session ends; returns the unregister function. */
  onWipe(hook: () => void): () => void {
    this.#wipeHooks.add(hook);
    return () => this.#wipeHooks.delete(hook);
  }

  /** Wipes every registered buffer. Safe to call with no session. */
  end(reason: SessionEndReason): void {
    for (const hook of this.#wipeHooks) {
      try {
        hook();
      } catch (error) {
        // A failing hook must not keep the others from wiping.
        debug('wipe hook failed: %s', error instanceof Error ? error.message : String(error));
      }
    }
    if (this.#current !== null) debug('session ended (%s)', reason);
    this.#current = null;
  }
}
