import type { PoolShape } from '@jq/core';
import { concurrencyOn, fitsPool, lifetimeCovers, type TaskDemand } from './scheduler-placement.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskTable } from './scheduler-tasks.js';

/** One connected worker as the worker query sees it. */
export interface WorkerLoad {
  pool: string | undefined;
  /** Tasks it holds. */
  tasks: number;
  /** When its lifetime runs out (ms, on the clock of {@link PoolLoad.now}); absent: no lifetime. */
  retireAt?: number;
  /** It was told to retire: it takes no new work. */
  retiring?: boolean;
}

/** What the worker query is computed from: the pools, the queue, the workers' load. */
export interface PoolLoad {
  pools: readonly PoolShape[];
  /** Queued tasks without a demand. */
  queuedPlain: number;
  /** Demands of the queued tasks that have one. */
  queuedDemands: readonly TaskDemand[];
  /** Each connected worker. */
  workers: readonly WorkerLoad[];
  /** Now (ms), on the monotonic clock the workers' `retireAt` is on. */
  now: number;
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
 *
 * A task whose time request outlasts every worker the pool has now would otherwise wait
 * for them all to retire: such work asks for fresh workers on top of the ones there (the
 * cluster compares the answer with its live jobs, so the workers there must be counted).
 */
export function workerQuery(load: PoolLoad): Record<string, number> {
  const slots = new Map(load.pools.map((pool) => [pool.name, 0]));
  const freshSlots = new Map(load.pools.map((pool) => [pool.name, 0]));
  const byGpus = [...load.pools].sort((first, second) => first.gpus - second.gpus);
  const plainPool = load.pools.find((pool) => pool.gpus === 0) ?? load.pools[0];
  if (plainPool !== undefined && load.queuedPlain > 0) slots.set(plainPool.name, load.queuedPlain / Math.max(plainPool.threads, 1));
  const taking = load.workers.filter((worker) => worker.retiring !== true);
  for (const demand of load.queuedDemands) {
    const pool = byGpus.find((shape) => fitsPool(demand, shape));
    if (pool === undefined) continue;
    const present = taking.filter((worker) => worker.pool === pool.name);
    const needsFresh = present.length > 0 && !present.some((worker) => lifetimeCovers(demand, worker.retireAt, load.now));
    const counted = needsFresh ? freshSlots : slots;
    counted.set(pool.name, (counted.get(pool.name) ?? 0) + 1 / concurrencyOn(demand, pool));
  }
  const wanted: Record<string, number> = {};
  for (const pool of load.pools) {
    const workers = load.workers.filter((worker) => worker.pool === pool.name);
    const busy = workers.filter((worker) => worker.tasks > 0).length;
    const running = workers.reduce((sum, worker) => sum + worker.tasks, 0) / Math.max(pool.threads, 1);
    const kept = workersFor((slots.get(pool.name) ?? 0) + running, busy, load);
    const fresh = freshSlots.get(pool.name) ?? 0;
    const present = taking.filter((worker) => worker.pool === pool.name).length;
    wanted[pool.name] = fresh === 0 ? kept : Math.max(kept, present) + workersFor(fresh, 0, load);
  }
  return wanted;
}

/** Workers for `total` slots of work: by occupancy, at most one per slot, at least the busy ones; 0 for no work. */
function workersFor(total: number, busy: number, load: PoolLoad): number {
  if (total === 0) return 0;
  const byTasks = Math.ceil(total - 1e-9);
  const byOccupancy = Math.ceil((total * load.taskSeconds) / load.targetDuration);
  return Math.max(1, Math.min(byTasks, byOccupancy), busy);
}

/** The load of a scheduler at `now` (ms, `performance.now()`'s clock), for {@link workerQuery}. */
export function poolLoad(pools: readonly PoolShape[], sessions: Iterable<SchedulerSession>, tasks: TaskTable, timing: { now: number; taskSeconds: number; targetDuration: number }): PoolLoad {
  const queuedDemands = tasks.queuedWithDemand().flatMap((record) => (record.state === 'queued' && record.demand !== undefined ? [record.demand] : []));
  const workers = [...sessions].map((session): WorkerLoad => ({
    pool: session.registration?.pool,
    tasks: session.assigned.size,
    ...(session.retireAt === undefined ? {} : { retireAt: session.retireAt }),
    ...(session.status === 'retiring' ? { retiring: true } : {}),
  }));
  return { pools, queuedPlain: tasks.queuedCount - queuedDemands.length, queuedDemands, workers, ...timing };
}
