import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueCluster, type SchedulerV1 } from '@jq/core';
import { DaskScheduler } from '@jq/dask';
import { Client, type EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
import { waitUntil } from './bench-timing.js';
import { createEngineScheduler, type EngineWorkerVariant } from './engine-worker-build.js';

/** Workers as local jobs of a JobQueueCluster, and how to tear them down. */
export interface LocalPool<S extends SchedulerV1> {
  scheduler: S;
  cluster: JobQueueCluster<typeof localBackend, S>;
  /** Closes the cluster (cancels the jobs, stops the scheduler) and removes its files. */
  close(): Promise<void>;
}

const startTimeoutMs = 120_000;

/**
 * `workers` single-threaded workers as `@jq/local` jobs, the same topology for both
 * engines: one job = one worker process with one thread, 1 GB each.
 */
async function startPool<S extends SchedulerV1>(name: string, scheduler: S, workers: number, cores = 1): Promise<LocalPool<S>> {
  const directory = mkdtempSync(join(tmpdir(), `jq-bench-${name}-`));
  const cluster = new JobQueueCluster({
    backend: localBackend,
    scheduler,
    options: { name, cores, processes: 1, memory: '1GB', deathTimeout: 30, scriptDirectory: join(directory, 'scripts'), logDirectory: directory },
  });
  const close = async (): Promise<void> => {
    await cluster.close();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await cluster.scale(workers);
    await waitUntil(() => scheduler.workers().length >= workers, startTimeoutMs, `${workers} ${name} workers`);
  } catch (error) {
    await close();
    throw error;
  }
  return { scheduler, cluster, close };
}

/** The native engine: EngineScheduler + Client in this process, `jq-worker` jobs. */
export async function startEnginePool(workers: number, variant: EngineWorkerVariant, threads = 1): Promise<LocalPool<EngineScheduler> & { client: Client }> {
  const scheduler = createEngineScheduler(variant);
  const pool = await startPool('bench-engine', scheduler, workers, threads);
  return { ...pool, client: new Client(scheduler) };
}

/** Dask: a real `dask scheduler` (Debian's distributed) and `dask worker --nanny` jobs. */
export async function startDaskPool(workers: number): Promise<LocalPool<DaskScheduler>> {
  return startPool('bench-dask', new DaskScheduler({ host: '127.0.0.1', pollInterval: 100 }), workers);
}
