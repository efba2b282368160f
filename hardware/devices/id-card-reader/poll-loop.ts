/**
 * The poll loop of an enabled reader (protocols.md §1.9 "Poll find every ≥300 ms"): one
 * read cycle per poll, counted from the start of the previous poll so a slow READ does not
 * add a pause. While the SAM is silent, unknown or resetting a status check replaces FIND;
 * while unplugged or faulty the loop sleeps until the condition changes.
 */
import createDebug from 'debug';
import { type Clock, sleep } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { ok, type Result } from '../../result.js';
import type { Task } from './command-queue.js';
import type { ReadCycle } from './read-cycle.js';
import { fromSw3 } from './reader-errors.js';
import type { SamHealth } from './sam-health.js';

const debug = createDebug('kiosk:hardware:id-card-reader');

export interface PollLoopDeps {
  readonly clock: Clock;
  readonly pollIntervalMs: number;
  readonly isEnabled: () => boolean;
  readonly health: SamHealth;
  readonly cycle: ReadCycle;
  /** Runs a task in the device's command queue (one command in flight). */
  readonly run: <T>(signal: AbortSignal, task: Task<T>) => Promise<Result<T, DeviceError>>;
  readonly error: (error: DeviceError) => void;
}

/** Polls until `signal` aborts or the device is no longer enabled. Never rejects. */
export async function runPollLoop(deps: PollLoopDeps, signal: AbortSignal): Promise<void> {
  const { clock, health } = deps;
  /** The last driver bug reported, so a module that keeps refusing is reported once. */
  let lastDriverBug: string | undefined;
  const pollOnce = async (s?: AbortSignal): Promise<Result<void, DeviceError>> => {
    const outcome = await deps.cycle.run(s);
    if (outcome.kind === 'samFault') return health.reset(outcome.sw3, s);
    if (outcome.kind !== 'driverBug') {
      if (outcome.kind === 'done') lastDriverBug = undefined;
      return ok(undefined);
    }
    // §1.9: 10/11/21 mean our frame was bad — a bug to fix here, not a card problem.
    const error = fromSw3(outcome.sw3, outcome.command);
    const key = `${outcome.command}:${outcome.sw3}`;
    debug('driver bug: %s', error.message);
    if (key !== lastDriverBug) deps.error(deviceError('failure', `the SAM rejected our ${outcome.command} frame (driver bug)`, error.detail));
    lastDriverBug = key;
    return ok(undefined);
  };
  while (!signal.aborted && deps.isEnabled()) {
    const startedAt = clock.now();
    const condition = health.condition;
    if (condition === 'powerOff' || condition === 'faulty') {
      await health.nextChange(signal);
      continue;
    }
    if (condition === 'online') await deps.run(signal, pollOnce);
    else await deps.run(signal, (s) => health.check(s));
    const waitMs = startedAt + deps.pollIntervalMs - clock.now();
    if (waitMs > 0) await sleep(clock, waitMs, signal);
  }
}
