import { JobQueueError, type PoolShape, type TaskSpec } from '@jq/core';
import { findUnsendable } from '../protocol/protocol-values.js';
import { demandOf, type DemandRequest } from './scheduler-demand.js';
import type { TaskDemand } from './scheduler-placement.js';
import type { TaskSettlement } from './scheduler-tasks.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A task handed to the scheduler: what to run, what it needs, and who to tell when it ends. */
export interface TaskSubmission extends DemandRequest {
  /** Module export or function source, with arguments (the id is assigned here). */
  spec: DistributiveOmit<TaskSpec, 'taskId' | 'timeout'>;
  /** Called exactly once with the outcome. */
  settle: (settlement: TaskSettlement) => void;
  /** Seconds the task may run on its worker before its thread is stopped; default: the scheduler's `taskTimeout`. */
  timeout?: number;
  /** Retry a run that timed out (it counts against the crash limit) instead of failing with `JQ_TIMEOUT`. Default false. */
  retryOnTimeout?: boolean;
}

/**
 * The task as it will be sent and what it asks of its worker, or why it cannot be: a
 * timeout that is not a positive number, an argument that cannot travel to a worker
 * (named by its position), or a demand no pool can ever fit.
 */
export function admitTask(
  submission: TaskSubmission,
  taskId: string,
  defaultTimeout: number | undefined,
  pools: readonly PoolShape[] | undefined,
): { spec: TaskSpec; demand?: TaskDemand } | { error: JobQueueError } {
  const timeout = submission.timeout ?? defaultTimeout;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    return { error: new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] timeout: expected a number of seconds > 0, got ${String(timeout)}`) };
  }
  const problem = findUnsendable(submission.spec.args, 'args');
  if (problem !== undefined) {
    return { error: new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] cannot send task ${taskId} to a worker: ${problem}`) };
  }
  const demanded = demandOf(submission, pools);
  if ('error' in demanded) return demanded;
  const given = submission.spec;
  const spec: TaskSpec =
    given.kind === 'function'
      ? { taskId, kind: 'function', source: given.source, args: given.args }
      : { taskId, kind: 'module', module: given.module, export: given.export, args: given.args };
  if (timeout !== undefined) spec.timeout = timeout;
  return demanded.demand === undefined ? { spec } : { spec, demand: demanded.demand };
}
