import type { Clock } from '../util/clock.js';

interface Timer {
  at: number;
  order: number;
  callback: () => void;
}

/**
 * A clock that only moves when a test says so. `advance()` fires due timers in
 * time order and lets the promises they start settle before going on.
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #order = 0;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(callback: () => void, milliseconds: number): () => void {
    const timer = { at: this.#now + Math.max(0, milliseconds), order: this.#order++, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((candidate) => candidate !== timer);
    };
  }

  /** Timers waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `milliseconds`, firing every timer that falls due on the way. */
  async advance(milliseconds: number): Promise<void> {
    const target = this.#now + milliseconds;
    for (;;) {
      await settle();
      const next = this.#timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = target;
    await settle();
  }

  /**
   * Advances time in steps of `stepMs` until `work` settles, for code that waits on this
   * clock (retries, backoff) while the test waits on it. Gives up after `maxSteps`.
   */
  async whilePending<T>(work: Promise<T>, stepMs = 1000, maxSteps = 10_000): Promise<T> {
    let settled = false;
    const tracked = work.finally(() => (settled = true));
    tracked.catch(() => undefined);
    for (let step = 0; !settled && step < maxSteps; step += 1) await this.advance(stepMs);
    if (!settled) throw new Error(`still pending after ${maxSteps} steps of ${stepMs} ms`);
    return tracked;
  }
}

/** Lets already-started async work (including I/O callbacks queued now) run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise((resolve) => setImmediate(resolve));
}
