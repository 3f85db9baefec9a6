import { JobQueueError, TaskError, type RemoteError } from '@jq/core';
import type { TaskCrash, TaskRecord } from './scheduler-tasks.js';

/**
 * A task whose runs crashed as many times as the crash limit allows: its workers died
 * under it, or stopped it for taking them over their memory limit. Code `JQ_OUT_OF_MEMORY`
 * when memory was the cause every time, else `JQ_WORKER_LOST`; `crashes` lists each
 * worker and cause, oldest first.
 */
export class TaskCrashError extends JobQueueError {
  readonly crashes: TaskCrash[];

  constructor(taskId: string, crashes: TaskCrash[], crashLimit: number) {
    const memory = crashes.every((crash) => crash.cause === 'memory');
    const list = crashes.map((crash) => `${crash.worker} (${crash.cause}: ${crash.detail})`).join('; ');
    const summary = memory ? `ran out of memory on ${crashes.length} workers` : `crashed ${crashes.length} workers`;
    super(memory ? 'JQ_OUT_OF_MEMORY' : 'JQ_WORKER_LOST', `[jq/engine] task ${taskId} ${summary}, the crash limit (crashLimit ${crashLimit}): ${list}`);
    this.name = 'TaskCrashError';
    this.crashes = crashes;
  }
}

/** The client-side error for a task that threw on its worker; the remote stack is kept. */
export function remoteTaskError(error: RemoteError, workerName: string): TaskError {
  return new TaskError(`[jq/engine] task failed on ${workerName}: ${error.name}: ${error.message}`, { name: error.name, stack: error.stack });
}

/** A task ran past its timeout on `workerName` (code `JQ_TIMEOUT`); its thread was stopped. */
export function taskTimeoutError(record: TaskRecord, workerName: string): JobQueueError {
  const retries = record.crashes.length > 0 ? ` (after ${record.crashes.length} earlier runs: ${record.crashes.map((crash) => `${crash.worker} ${crash.cause}`).join(', ')})` : '';
  return new JobQueueError('JQ_TIMEOUT', `[jq/engine] task ${record.spec.taskId} ran longer than its timeout of ${String(record.spec.timeout)} s on ${workerName}; its thread was stopped${retries}`);
}

/** A value too large for a frame (code `JQ_TOO_LARGE`); the message names the option that raises the limit. */
export function tooLargeError(what: string, size: number, limit: number): JobQueueError {
  const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
  return new JobQueueError('JQ_TOO_LARGE', `[jq/engine] ${what} too large: ${megabytes(size)} > limit ${megabytes(limit)} (raise the scheduler option maxFrameBytes)`);
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
