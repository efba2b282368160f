/**
 * One command in flight (style.md "Driver pattern"): tasks run one after the other in call
 * order; a queued task whose signal aborts leaves at once with `cancelled`.
 */
import { whenAborted } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, type Result } from '../../result.js';

export type Task<T> = (signal?: AbortSignal) => Promise<Result<T, DeviceError>>;

export class CommandQueue {
  readonly #maxQueued: number;
  #tail: Promise<unknown> = Promise.resolve();
  #queued = 0;
  #callerQueued = 0;

  /** @param maxQueued tasks allowed to wait behind the running one; more get `busy`. */
  constructor(maxQueued: number) {
    this.#maxQueued = maxQueued;
  }

  /** Tasks of callers (not internal ones such as the poll) queued or running. */
  get callerQueued(): number {
    return this.#callerQueued;
  }

  /**
   * Queues `task`. `refusal` is asked when the task is queued and again when its turn
   * comes (the device may have been disabled meanwhile); a value refuses the task.
   * `isInternal` tasks (poll, reconnect) do not count as a caller's.
   */
  run<T>(
    signal: AbortSignal | undefined,
    task: Task<T>,
    refusal: () => DeviceError | undefined,
    isInternal: boolean,
  ): Promise<Result<T, DeviceError>> {
    const refused = refusal();
    if (refused !== undefined) return Promise.resolve(err(refused));
    if (this.#queued > this.#maxQueued) return Promise.resolve(err(deviceError('busy', 'too many ID-card reader commands waiting')));
    this.#queued += 1;
    if (!isInternal) this.#callerQueued += 1;
    const previous = this.#tail;
    let release: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#tail = previous.then(() => finished);
    return (async (): Promise<Result<T, DeviceError>> => {
      const aborted = whenAborted(signal);
      try {
        const turn = await Promise.race([previous.then(() => 'turn' as const), aborted.promise]);
        if (turn === 'aborted') return err(deviceError('cancelled', 'cancelled while queued', 'notStarted'));
        const stillRefused = refusal();
        if (stillRefused !== undefined) return err(stillRefused);
        return await task(signal);
      } finally {
        aborted.dispose();
        this.#queued -= 1;
        if (!isInternal) this.#callerQueued -= 1;
        release();
      }
    })();
  }
}
