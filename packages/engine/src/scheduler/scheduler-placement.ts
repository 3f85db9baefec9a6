import { formatBytes, type PoolShape } from '@jq/core';

/** What a task asks of its worker; absent fields ask for nothing (cores: 1). Memory in bytes, time in seconds. */
export interface TaskDemand {
  cores: number;
  gpus: number;
  memory: number;
  /** Seconds the task needs: the worker must have that much lifetime left. */
  timeRequest?: number;
  /** Only workers of this pool. */
  pool?: string;
}

/** What a worker offers: its shape, and when it retires (ms on the scheduler's monotonic clock). */
export interface WorkerCapacity {
  pool: string | undefined;
  threads: number;
  gpus: number;
  /** Bytes; 0: no limit known (any memory request fits). */
  memoryLimit: number;
  retireAt: number | undefined;
}

/** Resources held by the tasks a worker has now (a task without a demand holds one core). */
export interface ResourcesInUse {
  cores: number;
  gpus: number;
  memory: number;
}

/**
 * Whether a task may start on a worker now: the worker is of the asked pool, its free
 * cores, GPUs and memory cover the request, and its remaining lifetime covers the time
 * request. Pure: `now` is the same monotonic clock `retireAt` is on.
 */
export function fitsNow(demand: TaskDemand, worker: WorkerCapacity, inUse: ResourcesInUse, now: number): boolean {
  if (demand.pool !== undefined && worker.pool !== demand.pool) return false;
  if (inUse.cores + demand.cores > worker.threads) return false;
  if (inUse.gpus + demand.gpus > worker.gpus) return false;
  if (demand.memory > 0 && worker.memoryLimit > 0 && inUse.memory + demand.memory > worker.memoryLimit) return false;
  return lifetimeCovers(demand, worker.retireAt, now);
}

/** Whether a worker that retires at `retireAt` (absent: never) still has the task's time request left at `now`. */
export function lifetimeCovers(demand: TaskDemand, retireAt: number | undefined, now: number): boolean {
  return demand.timeRequest === undefined || retireAt === undefined || now + demand.timeRequest * 1000 <= retireAt;
}

/** Whether a fresh, idle worker of `pool` could ever run the task. */
export function fitsPool(demand: TaskDemand, pool: PoolShape): boolean {
  const fresh: WorkerCapacity = { pool: pool.name, threads: pool.threads, gpus: pool.gpus, memoryLimit: pool.memoryLimit, retireAt: pool.lifetime === undefined ? undefined : pool.lifetime * 1000 };
  return fitsNow(demand, fresh, { cores: 0, gpus: 0, memory: 0 }, 0);
}

/** Tasks of this demand one idle worker of `pool` runs at once (at least 1). */
export function concurrencyOn(demand: TaskDemand, pool: PoolShape): number {
  const limits = [Math.floor(pool.threads / Math.max(demand.cores, 1))];
  if (demand.gpus > 0) limits.push(Math.floor(pool.gpus / demand.gpus));
  if (demand.memory > 0 && pool.memoryLimit > 0) limits.push(Math.floor(pool.memoryLimit / demand.memory));
  return Math.max(1, Math.min(...limits));
}

/** `gpus 1, cores 4, memory 8 GB, time 600 s, pool gpu`: a request as error messages show it. */
export function describeDemand(demand: TaskDemand): string {
  const parts = [`cores ${demand.cores}`, `gpus ${demand.gpus}`];
  if (demand.memory > 0) parts.push(`memory ${formatBytes(demand.memory)}`);
  if (demand.timeRequest !== undefined) parts.push(`time ${demand.timeRequest} s`);
  if (demand.pool !== undefined) parts.push(`pool ${demand.pool}`);
  return parts.join(', ');
}

/** `gpu (8 cores, 1 gpus, 16 GB, lifetime 3540 s)`: a pool's worker shape. */
export function describePool(pool: PoolShape): string {
  const memory = pool.memoryLimit > 0 ? formatBytes(pool.memoryLimit) : 'no memory limit';
  const lifetime = pool.lifetime === undefined ? 'no lifetime limit' : `lifetime ${pool.lifetime} s`;
  return `${pool.name} (${pool.threads} cores, ${pool.gpus} gpus, ${memory}, ${lifetime})`;
}
