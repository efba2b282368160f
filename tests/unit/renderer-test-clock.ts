/**
 * A manual clock for XState actors (`createActor(machine, { clock })`). Unlike xstate's
 * SimulatedClock, `advance` also fires the timers that fired timers schedule, in time order,
 * each at its own instant — what a countdown that re-arms itself every second needs.
 */
interface Timer {
  readonly due: number;
  readonly order: number;
  readonly fn: () => void;
}

export class TestClock {
  private nowMs = 0;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, timeout: number): number {
    const id = this.nextId;
    this.nextId += 1;
    this.timers.set(id, { due: this.nowMs + Math.max(0, timeout), order: id, fn });
    return id;
  }

  clearTimeout(id: number): void {
    this.timers.delete(id);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      let nextId: number | null = null;
      let next: Timer | null = null;
      for (const [id, timer] of this.timers) {
        if (timer.due > target) continue;
        if (!next || timer.due < next.due || (timer.due === next.due && timer.order < next.order)) {
          next = timer;
          nextId = id;
        }
      }
      if (!next || nextId === null) break;
      this.timers.delete(nextId);
      this.nowMs = next.due;
      next.fn();
    }
    this.nowMs = target;
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}
