import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JobQueueError, JobQueueCluster } from '@jq/core';
import { localBackend } from '@jq/local';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DaskScheduler } from '../../src/index.js';
import { startPythonClient } from './support/dask-client.js';
import { processTree, stillRunning } from './support/process-table.js';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const live = (cluster: JobQueueCluster) => cluster.jobs().filter((job) => job.state === 'queued' || job.state === 'running');

describe('adapt() on a real Dask scheduler with @jq/local jobs', () => {
  it('grows to the maximum on a Python-submitted backlog and shrinks to 0 after it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-dask-adapt-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const scheduler = new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 });
    const cluster = new JobQueueCluster({
      backend: localBackend,
      scheduler,
      handleExit: false,
      options: { name: 'adapt', cores: 1, memory: '1GB', deathTimeout: 30, scriptDirectory: directory, pollInterval: 1 },
    });
    cleanups.push(() => cluster.close());
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    let connected = 0;
    let mostConnected = 0;
    scheduler.on('worker-added', () => (mostConnected = Math.max(mostConnected, ++connected)));
    scheduler.on('worker-removed', () => (connected -= 1));

    await cluster.start();
    cluster.adapt({ minimum: 0, maximum: 4, interval: 0.5, waitCount: 2 });
    expect(await scheduler.adaptiveTarget({ targetDuration: 5 })).toBe(0);
    expect(cluster.jobs()).toEqual([]);

    // 48 tasks of 0.5 s: 24 s of work, which Dask wants done in its 5 s target → more than 4 workers.
    const client = startPythonClient(scheduler, 'backlog', 48);
    await vi.waitFor(() => expect(live(cluster)).toHaveLength(4), { timeout: 60_000, interval: 200 });
    await vi.waitFor(() => expect(scheduler.workers().length).toBeGreaterThanOrEqual(2), { timeout: 60_000, interval: 200 });
    const whileBusy = processTree([scheduler.address], [scheduler.pid!]);
    const result = await client;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ count: 48, sum: 1176 });
    expect(mostConnected).toBeGreaterThanOrEqual(2);
    expect(mostConnected).toBeLessThanOrEqual(4);

    const daskProcesses = [...whileBusy, ...processTree([scheduler.address], [scheduler.pid!])];
    await vi.waitFor(() => {
      expect(live(cluster)).toEqual([]);
      expect(scheduler.workers()).toEqual([]);
    }, { timeout: 60_000, interval: 200 });
    expect(errors).toEqual([]);

    await cluster.close();
    await vi.waitFor(() => expect(stillRunning(daskProcesses)).toEqual([]), { timeout: 30_000, interval: 100 });
  });
});
