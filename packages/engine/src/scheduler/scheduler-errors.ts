import { TaskError, WorkerLostError, type RemoteError } from '@jq/core';
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

/** The error a cancelled task ends with. */
export function cancelledError(): Error {
  return new DOMException('[jq/engine] the task was cancelled', 'AbortError');
}
