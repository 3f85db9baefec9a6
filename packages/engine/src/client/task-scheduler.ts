import type { SchedulerEventsV1, WorkerInfo } from '@jq/core';
import type { TaskSubmission } from '../scheduler/scheduler-submission.js';

/**
 * What a `Client` needs of a scheduler: the `EngineScheduler` in its own process, or a
 * connection to one in another (`Client.connect`).
 */
export interface TaskScheduler {
  /** Queues tasks; each submission's `settle` runs exactly once. Returns the task ids. */
  submitTasks(submissions: TaskSubmission[]): string[];
  /** Ends unfinished tasks with `reason`. */
  cancelTasks(taskIds: string[], reason: Error): void;
  /** Workers connected now. */
  workers(): WorkerInfo[];
  /** Subscribes to worker arrivals. */
  on(event: 'worker-added', listener: SchedulerEventsV1['worker-added']): unknown;
  /** Unsubscribes from worker arrivals. */
  off(event: 'worker-added', listener: SchedulerEventsV1['worker-added']): unknown;
}
