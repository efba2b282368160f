/**
 * The timers of one platform exchange (connect and total deadlines) and its abort switch,
 * so a failure can say which deadline ended it.
 */
export type DeadlineCause = 'connect' | 'total' | 'closed';

/** One exchange's timers and abort switch; `cause` says which one fired. */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #timers: ReturnType<typeof setTimeout>[] = [];
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  cause: DeadlineCause | null = null;

  /** Both in ms; `connectMs` counts only when it is shorter than `totalMs`. */
  constructor(
    readonly totalMs: number,
    readonly connectMs: number | undefined,
  ) {
    this.#timers.push(setTimeout(() => this.fire('total'), totalMs));
    if (connectMs !== undefined && connectMs < totalMs) {
      this.#connectTimer = setTimeout(() => this.fire('connect'), connectMs);
      this.#timers.push(this.#connectTimer);
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The headers are in: from now on only the total deadline counts. */
  headersArrived(): void {
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
  }

  fire(cause: DeadlineCause): void {
    if (this.cause !== null) return;
    this.cause = cause;
    this.#controller.abort(new Error(`platform exchange aborted: ${cause}`));
  }

  dispose(): void {
    for (const timer of this.#timers) clearTimeout(timer);
  }
}
