import { JobQueueError, TaskError, WorkerLostError, type RemoteError } from '@jq/core';
import type { TaskRecord } from './scheduler-tasks.js';

/** The error a task gets after its workers died `attempts` times. */
export function lostWorkerError(record: TaskRecord, workerName: string): WorkerLostError {
  return new WorkerLostError(
    `[jq/engine] task ${record.spec.taskId} was on ${record.attempts} workers that died (last: ${workerName}); giving up`,
    record.attempts,
  );
}

/** The client-side error for a task that threw on its worker; the remote stack is kept. */
export function remoteTaskError(error: RemoteError, workerName: string): TaskError {
  return new TaskError(`[jq/engine] task failed on ${workerName}: ${error.name}: ${error.message}`, { name: error.name, stack: error.stack });
}

/**
 * A task was cancelled, by `cancel()` or by its `AbortSignal`; code `JQ_CANCELLED`.
 * A reason given to the cancellation (such as the signal's) is its `cause`.
 */
export class CancelledError extends JobQueueError {
  constructor(reason?: unknown) {
    const detail = reason === undefined ? '' : `: ${reason instanceof Error ? reason.message : String(reason)}`;
    super('JQ_CANCELLED', `[jq/engine] the task was cancelled${detail}`, reason === undefined ? undefined : { cause: reason });
    this.name = 'CancelledError';
  }
}
