import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueCluster } from '@jq/core';
import { localBackend } from '@jq/local';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DaskScheduler } from '../../src/index.js';
import { runPythonClient } from './support/dask-client.js';
import { processTree, stillRunning } from './support/process-table.js';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function createCluster(options: Record<string, unknown> = {}) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-dask-it-'));
  const scheduler = new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 });
  const cluster = new JobQueueCluster({
    backend: localBackend,
    scheduler,
    handleExit: false,
    options: { name: 'daskit', cores: 1, memory: '1GB', deathTimeout: 30, scriptDirectory: directory, pollInterval: 1, ...options },
  });
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  cleanups.push(() => cluster.close());
  return { cluster, scheduler };
}

const waitOptions = { timeout: 90_000, interval: 200 };

describe('Dask workers as @jq/local jobs through JobQueueCluster', () => {
  it('serves a Python client on two jobs of two worker processes, and close() leaves no job and no Python', async () => {
    const { cluster, scheduler } = createCluster({ cores: 2, processes: 2 });
    expect(cluster.jobScript()).toContain('-m distributed.cli.dask_worker');
    await cluster.scale(4);
    expect(cluster.jobs()).toHaveLength(2);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(4), waitOptions);
    const jobNames = cluster.jobs().map((job) => job.key);
    expect(scheduler.workers().map((worker) => worker.jobKey).sort()).toEqual([...jobNames, ...jobNames].sort());
    expect(scheduler.workers().map((worker) => worker.name).sort()).toEqual(jobNames.flatMap((name) => [`${name}-0`, `${name}-1`]).sort());
    await vi.waitFor(async () => {
      await cluster.poll();
      expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running']);
    }, waitOptions);

    expect(await runPythonClient(scheduler, 'compute', 1000)).toEqual({ single: 2, count: 1000, sum: 500_500 });

    const daskProcesses = processTree([scheduler.address], [scheduler.pid!]);
    expect(daskProcesses.length).toBeGreaterThanOrEqual(5);
    await cluster.close();
    await cluster.poll().catch(() => undefined);
    expect(cluster.jobs().every((job) => job.state === 'cancelled' || job.state === 'completed')).toBe(true);
    await vi.waitFor(() => expect(stillRunning(daskProcesses)).toEqual([]), { timeout: 30_000, interval: 100 });
  });

  it('scales down by retiring a job’s workers and cancelling the job, so its nanny cannot bring them back', async () => {
    const { cluster, scheduler } = createCluster();
    await cluster.scale(2);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(2), waitOptions);
    const removed: string[] = [];
    scheduler.on('worker-removed', (_worker, reason) => removed.push(reason));

    await cluster.scale(1);
    expect(removed).toEqual(['retired']);
    await vi.waitFor(async () => {
      await cluster.poll();
      expect(cluster.jobs().map((job) => job.state).sort()).toEqual(['cancelled', 'running']);
    }, waitOptions);
    const survivor = cluster.jobs().find((job) => job.state === 'running')!;
    await vi.waitFor(() => expect(scheduler.workers().map((worker) => worker.jobKey)).toEqual([survivor.key]), waitOptions);
    expect(await runPythonClient(scheduler, 'compute', 20)).toEqual({ single: 2, count: 20, sum: 210 });
  });
});
