import { JobQueueError } from '@jq/core';
import type { TaskSettlement } from '../scheduler/scheduler-tasks.js';

/** Where a future is in its life. */
export type FutureStatus = 'pending' | 'finished' | 'error' | 'cancelled';

/**
 * The eventual result of one task. Await it (it is a thenable) or pass it as an argument
 * to another task, which then runs after it with its value.
 */
export class Future<T> implements PromiseLike<T> {
  /** Scheduler task id, once the task has been handed to the scheduler. */
  taskId: string | undefined;
  private state: FutureStatus = 'pending';
  private readonly promise: Promise<T>;
  // Typed loosely so a Future<T> is usable where a Future<unknown> is expected.
  private resolvePromise!: (value: unknown) => void;
  private rejectPromise!: (error: unknown) => void;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly canceller: (future: Future<unknown>, reason?: unknown) => void) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolvePromise = resolve as (value: unknown) => void;
      this.rejectPromise = reject;
    });
    // A failed task nobody awaits is not an unhandled rejection of the process.
    this.promise.catch(() => undefined);
  }

  /** `pending`, `finished` (has a value), `error` or `cancelled`. */
  get status(): FutureStatus {
    return this.state;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.promise.then(onFulfilled, onRejected);
  }

  /** Cancels the task; the future rejects with a `CancelledError` (code `JQ_CANCELLED`, `reason` as its cause). */
  cancel(reason?: unknown): void {
    this.canceller(this, reason);
  }

  /** Ends the future; only the first call counts. */
  settle(settlement: TaskSettlement): void {
    if (this.state !== 'pending') return;
    if (settlement.ok) {
      this.state = 'finished';
      this.resolvePromise(settlement.value);
    } else {
      this.state = JobQueueError.hasCode(settlement.error, 'JQ_CANCELLED') ? 'cancelled' : 'error';
      this.rejectPromise(settlement.error);
    }
    for (const listener of this.listeners.splice(0)) listener();
  }

  /** Runs `listener` once the future has settled (at once if it has). */
  onSettled(listener: () => void): void {
    if (this.state === 'pending') this.listeners.push(listener);
    else listener();
  }
}
