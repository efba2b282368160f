/**
 * Delivers the outbox to the platform (R-D5): one drain at a time, records in order, each
 * with its idempotency key; failures rescheduled by the outbox's backoff; poison records
 * quarantined with an alarm for the technician. Woken when a record is added and by a timer
 * at the next due attempt, so an offline terminal catches up by itself when the network
 * returns. Also runs the retention purge (R-P4) after each drain.
 */
import createDebug from 'debug';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { DeliveryAck, PlatformAdapter, PlatformError } from '../platform/platform-adapter.js';
import type { KioskDatabase } from '../storage/database.js';
import type { Outbox } from './outbox.js';
import { failpoint } from '../failpoints.js';

const debug = createDebug('kiosk:services:sync');

/** The source of the sync worker's alarms (quarantined records, a platform refusing the terminal). */
export const SYNC_ALARM_SOURCE = 'sync';

/** With nothing due, look again this often (a record released by the technician, clock jumps). */
export const IDLE_RECHECK_MS = 60_000;

/**
 * Failures that say the platform cannot take anything now: the records behind would fail
 * the same way, so the drain stops. A rejected credential (`misconfigured`) counts: the
 * records are fine, the technician must renew the token, and nothing is quarantined.
 */
const OUTAGES = new Set<PlatformError['kind']>(['unreachable', 'timeout', 'rateLimited', 'misconfigured']);

export interface DrainReport {
  readonly delivered: number;
  readonly retrying: number;
  readonly quarantined: number;
  readonly purged: number;
}

export interface SyncWorkerOptions {
  readonly db: KioskDatabase;
  readonly outbox: Outbox;
  readonly adapter: PlatformAdapter;
  readonly alarms: AlarmService;
  readonly now: () => number;
  readonly retentionMs: number;
  /** Timers; injected for tests. */
  readonly setTimer?: (callback: () => void, delayMs: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export class SyncWorker {
  readonly #options: SyncWorkerOptions;
  #timer: unknown = null;
  #draining: Promise<DrainReport> | null = null;
  #isAgainRequested = false;
  /** Timers and pokes run only between start() and stop(); drain() works any time before stop(). */
  #isStarted = false;
  #isStopped = false;
  /** Who waits for which record to be delivered (an application waiting for its case number). */
  readonly #waiters = new Map<number, Set<(ack: DeliveryAck | null) => void>>();

  constructor(options: SyncWorkerOptions) {
    this.#options = options;
  }

  /**
   * Resolves with the platform's ack once record `id` is delivered, or null after
   * `timeoutMs` (offline, or a drain busy with older records): the record stays in the
   * outbox either way.
   */
  whenDelivered(id: number, timeoutMs: number): Promise<DeliveryAck | null> {
    const done = this.#options.outbox.ackOf(id);
    if (done !== null) return Promise.resolve(done);
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(id) ?? new Set();
      this.#waiters.set(id, waiters);
      const finish = (ack: DeliveryAck | null): void => {
        clearTimeout(timer);
        waiters.delete(finish);
        if (waiters.size === 0) this.#waiters.delete(id);
        resolve(ack);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      waiters.add(finish);
      this.poke();
    });
  }

  start(): void {
    this.#isStarted = true;
    this.poke();
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    for (const waiters of [...this.#waiters.values()]) for (const finish of [...waiters]) finish(null);
    this.#clearTimer();
    await this.#draining;
  }

  /** Something was added: drain as soon as the current drain (if any) is done. */
  poke(): void {
    if (!this.#isStarted || this.#isStopped) return;
    if (this.#draining !== null) {
      this.#isAgainRequested = true;
      return;
    }
    void this.drain();
  }

  /** Delivers every due record once; resolves with what happened. */
  drain(): Promise<DrainReport> {
    if (this.#draining !== null) return this.#draining;
    this.#clearTimer();
    this.#draining = this.#drainOnce()
      .catch((error: unknown): DrainReport => {
        // A disk failure mid-drain (SQLITE_FULL): the records stay as they were committed;
        // the core goes out of service and the next drain tries again.
        debug('drain failed: %s', error instanceof Error ? error.message : String(error));
        return { delivered: 0, retrying: 0, quarantined: 0, purged: 0 };
      })
      .finally(() => {
        this.#draining = null;
        if (this.#isAgainRequested) {
          this.#isAgainRequested = false;
          this.poke();
        } else {
          this.#schedule();
        }
      });
    return this.#draining;
  }

  async #drainOnce(): Promise<DrainReport> {
    const { outbox, adapter, alarms } = this.#options;
    let [delivered, retrying, quarantined] = [0, 0, 0];
    for (;;) {
      const batch = outbox.due();
      if (batch.length === 0 || this.#isStopped) break;
      let isOffline = false;
      for (const record of batch) {
        const result = await adapter.deliver(record.delivery);
        if (result.ok) {
          failpoint('sync.deliveredNotMarked');
          outbox.markDelivered(record.id, result.value);
          delivered += 1;
          for (const finish of [...(this.#waiters.get(record.id) ?? [])]) finish(result.value);
          continue;
        }
        const outcome = outbox.markFailed(record.id, result.error);
        debug('%s %s failed (%s): %s', record.delivery.kind, record.delivery.idempotencyKey, result.error.kind, outcome);
        if (outcome === 'quarantined') {
          quarantined += 1;
          alarms.raise(SYNC_ALARM_SOURCE, 'outboxQuarantined', `outbox record ${record.id} (${record.delivery.kind}) quarantined: ${result.error.message}`);
        } else {
          retrying += 1;
          // The platform is down or busy: the records behind this one would fail the same way.
          if (OUTAGES.has(result.error.kind)) isOffline = true;
          if (result.error.kind === 'misconfigured') alarms.raise(SYNC_ALARM_SOURCE, 'platformMisconfigured', `the platform refuses this terminal: ${result.error.message}`);
        }
        if (isOffline) break;
      }
      if (isOffline) break;
    }
    const purged = outbox.purgeDelivered(this.#options.retentionMs);
    if (purged > 0) this.#options.db.pragma('wal_checkpoint(TRUNCATE)');
    if (delivered + retrying + quarantined > 0) debug('drain: %d delivered, %d retrying, %d quarantined', delivered, retrying, quarantined);
    return { delivered, retrying, quarantined, purged };
  }

  #schedule(): void {
    if (!this.#isStarted || this.#isStopped) return;
    const next = this.#options.outbox.nextDueAt();
    const delay = next === null ? IDLE_RECHECK_MS : Math.max(0, Math.min(IDLE_RECHECK_MS, next - this.#options.now()));
    const setTimer = this.#options.setTimer ?? ((callback, ms) => setTimeout(callback, ms).unref());
    this.#timer = setTimer(() => {
      this.#timer = null;
      void this.drain();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer === null) return;
    const clearTimer = this.#options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
    clearTimer(this.#timer);
    this.#timer = null;
  }
}
