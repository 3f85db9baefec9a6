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
  private outcome: TaskSettlement | undefined;
  // Made on the first `then` only: a map of 100,000 tasks should not cost 100,000 idle promises.
  private promise: Promise<T> | undefined;
  // Typed loosely so a Future<T> is usable where a Future<unknown> is expected.
  private resolvePromise: ((value: unknown) => void) | undefined;
  private rejectPromise: ((error: unknown) => void) | undefined;
  private listeners: Array<() => void> | undefined;

  constructor(
    private readonly canceller: (future: Future<unknown>, reason?: unknown) => void,
    /** Told once when the future settles (the client counts progress here, without a listener per future). */
    private readonly settledHook?: (future: Future<unknown>) => void,
  ) {}

  /** `pending`, `finished` (has a value), `error` or `cancelled`. */
  get status(): FutureStatus {
    return this.state;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.asPromise().then(onFulfilled, onRejected);
  }

  /** Cancels the task; the future rejects with a `CancelledError` (code `JQ_CANCELLED`, `reason` as its cause). */
  cancel(reason?: unknown): void {
    this.canceller(this, reason);
  }

  /** Ends the future; only the first call counts. A failed task nobody awaits is not an unhandled rejection. */
  settle(settlement: TaskSettlement): void {
    if (this.state !== 'pending') return;
    this.outcome = settlement;
    if (settlement.ok) {
      this.state = 'finished';
      this.resolvePromise?.(settlement.value);
    } else {
      this.state = JobQueueError.hasCode(settlement.error, 'JQ_CANCELLED') ? 'cancelled' : 'error';
      this.rejectPromise?.(settlement.error);
    }
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
    this.settledHook?.(this as Future<unknown>);
  }

  /** The value, once finished (`undefined` before). */
  get value(): T | undefined {
    return this.outcome?.ok ? (this.outcome.value as T) : undefined;
  }

  /** The error, once failed or cancelled (`undefined` otherwise). */
  get error(): unknown {
    return this.outcome !== undefined && !this.outcome.ok ? this.outcome.error : undefined;
  }

  /** Runs `listener` once the future has settled (at once if it has). */
  onSettled(listener: () => void): void {
    if (this.state !== 'pending') return listener();
    (this.listeners ??= []).push(listener);
  }

  private asPromise(): Promise<T> {
    if (this.promise !== undefined) return this.promise;
    const outcome = this.outcome;
    if (outcome !== undefined) {
      this.promise = outcome.ok ? Promise.resolve(outcome.value as T) : Promise.reject(outcome.error);
    } else {
      this.promise = new Promise<T>((resolve, reject) => {
        this.resolvePromise = resolve as (value: unknown) => void;
        this.rejectPromise = reject;
      });
    }
    // A rejection is the caller's to handle through the promise `then` returns, never this one's.
    this.promise.catch(() => undefined);
    return this.promise;
  }
}
