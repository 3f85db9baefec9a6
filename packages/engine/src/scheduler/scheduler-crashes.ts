import type { TaskFault } from '@jq/core';
import { TaskCrashError } from './scheduler-errors.js';
import type { SchedulerMetrics } from './scheduler-metrics.js';
import type { TaskCrash, TaskRecord, TaskTable } from './scheduler-tasks.js';

/** What a crash acts on. */
export interface CrashContext {
  readonly tasks: TaskTable;
  readonly counters: SchedulerMetrics;
  readonly crashLimit: number;
}

/**
 * Records a crashed run of a task (like Dask's allowed-failures): below the crash limit
 * the task goes back to the queue (and then to another worker where there is one), at the
 * limit it fails with every worker and cause.
 */
export function recordCrash(context: CrashContext, record: TaskRecord, crash: TaskCrash): void {
  if (record.state === 'done') return;
  record.crashes = [...record.crashes, crash];
  if (record.crashes.length >= context.crashLimit) {
    context.counters.tasksFailed += 1;
    context.tasks.finish(record, { ok: false, error: new TaskCrashError(record.spec.taskId, [...record.crashes], context.crashLimit) });
    return;
  }
  context.counters.tasksRequeued += 1;
  context.tasks.requeue(record);
}

const megabytes = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${Math.round(bytes / 1e6)} MB`);

/** The crash record for a fault the worker reported. */
export function crashFromFault(worker: string, fault: TaskFault, message: string): TaskCrash {
  if (fault.kind === 'memory') return { worker, cause: 'memory', detail: `RSS ${megabytes(fault.rss)} with a limit of ${megabytes(fault.limit)}` };
  if (fault.kind === 'timeout') return { worker, cause: 'timeout', detail: message };
  return { worker, cause: 'thread-exit', detail: message };
}

/** Whether `worker` may take this task: not one it crashed on, unless it crashed on every worker there is. */
export function mayRunOn(record: TaskRecord, worker: string, workers: Iterable<string>): boolean {
  if (record.crashes.length === 0 || !record.crashes.some((crash) => crash.worker === worker)) return true;
  for (const other of workers) if (!record.crashes.some((crash) => crash.worker === other)) return false;
  return true;
}
