import type { PoolShape } from '@jq/core';
import { concurrencyOn, fitsPool, type TaskDemand } from './scheduler-placement.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskTable } from './scheduler-tasks.js';

/** What the worker query is computed from: the pools, the queue, the workers' load. */
export interface PoolLoad {
  pools: readonly PoolShape[];
  /** Queued tasks without a demand. */
  queuedPlain: number;
  /** Demands of the queued tasks that have one. */
  queuedDemands: readonly TaskDemand[];
  /** Each connected worker: its pool and the tasks it holds. */
  workers: ReadonlyArray<{ pool: string | undefined; tasks: number }>;
  /** Estimated seconds per task. */
  taskSeconds: number;
  /** Seconds of work per worker slot to aim at. */
  targetDuration: number;
}

/**
 * Worker query (HyperQueue's sense): per pool, the workers of that shape the load keeps
 * busy. Each queued task counts for one pool only — the first pool, fewest GPUs first,
 * that can ever run it (plain tasks: the first pool without GPUs) — weighted by how many
 * such tasks one of its workers runs at once; tasks on a pool's workers count for it. As
 * Dask's target: enough slots to finish in about `targetDuration`, never more than tasks
 * can use, never fewer than the busy workers, 0 when the pool has nothing to do.
 */
export function workerQuery(load: PoolLoad): Record<string, number> {
  const slots = new Map(load.pools.map((pool) => [pool.name, 0]));
  const byGpus = [...load.pools].sort((first, second) => first.gpus - second.gpus);
  const plainPool = load.pools.find((pool) => pool.gpus === 0) ?? load.pools[0];
  if (plainPool !== undefined && load.queuedPlain > 0) slots.set(plainPool.name, load.queuedPlain / Math.max(plainPool.threads, 1));
  for (const demand of load.queuedDemands) {
    const pool = byGpus.find((shape) => fitsPool(demand, shape));
    if (pool !== undefined) slots.set(pool.name, (slots.get(pool.name) ?? 0) + 1 / concurrencyOn(demand, pool));
  }
  const wanted: Record<string, number> = {};
  for (const pool of load.pools) {
    const workers = load.workers.filter((worker) => worker.pool === pool.name);
    const busy = workers.filter((worker) => worker.tasks > 0).length;
    const running = workers.reduce((sum, worker) => sum + worker.tasks, 0) / Math.max(pool.threads, 1);
    const total = (slots.get(pool.name) ?? 0) + running;
    if (total === 0) {
      wanted[pool.name] = 0;
      continue;
    }
    const byTasks = Math.ceil(total - 1e-9);
    const byOccupancy = Math.ceil((total * load.taskSeconds) / load.targetDuration);
    wanted[pool.name] = Math.max(1, Math.min(byTasks, byOccupancy), busy);
  }
  return wanted;
}

/** The load of a scheduler now, for {@link workerQuery}. */
export function poolLoad(pools: readonly PoolShape[], sessions: Iterable<SchedulerSession>, tasks: TaskTable, taskSeconds: number, targetDuration: number): PoolLoad {
  const queuedDemands = tasks.queuedWithDemand().flatMap((record) => (record.state === 'queued' && record.demand !== undefined ? [record.demand] : []));
  const workers = [...sessions].map((session) => ({ pool: session.registration?.pool, tasks: session.assigned.size }));
  return { pools, queuedPlain: tasks.queuedCount - queuedDemands.length, queuedDemands, workers, taskSeconds, targetDuration };
}
