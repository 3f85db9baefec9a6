import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdaptDecision, isTerminalState, type JobInfo, type JobQueueError, JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
import { afterEach, describe, expect, it, vi } from 'vitest';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Jobs still counted as capacity: not ended, not being released. */
const liveJobs = (cluster: JobQueueCluster): JobInfo[] => cluster.jobs().filter((job) => !isTerminalState(job.state) && !job.releasing);
// Hang guards: at a load of 30 on 2 cores a job's worker took over a minute to connect.
const wait = { timeout: 150_000, interval: 100 };

describe('cluster.adapt() with the engine scheduler on @jq/local jobs', () => {
  it('grows from 1 to 4 workers on a backlog and shrinks back to 1 once it is drained', { timeout: 480_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-engine-adapt-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const scheduler = new EngineScheduler({ httpPort: false });
    const cluster = new JobQueueCluster({
      backend: localBackend,
      scheduler,
      config: false,
      options: { name: 'adapt', cores: 1, memory: '1GB', processes: 1, deathTimeout: 30, scriptDirectory: directory, pollInterval: 0.5 },
    });
    cleanups.push(() => cluster.close());
    const client = new Client(scheduler);
    const decisions: AdaptDecision[] = [];
    const errors: JobQueueError[] = [];
    cluster.on('adapt', (decision) => decisions.push(decision));
    cluster.on('error', (error) => errors.push(error));
    let mostWorkers = 0;
    scheduler.on('worker-added', () => (mostWorkers = Math.max(mostWorkers, scheduler.workers().length)));

    // targetDuration 1 s: 400 tasks of 200 ms (80 s of work) want the maximum until only ~15 are left;
    // 80 s on the one worker leaves the new ones time to start even on a loaded machine.
    cluster.adapt({ minimum: 1, maximum: 4, interval: 0.5, waitCount: 4, targetDuration: 1 });
    await client.waitForWorkers(1, { timeout: 150 });
    // Idle at the minimum: the pool holds at one job.
    await vi.waitFor(() => expect(decisions.at(-1)).toMatchObject({ action: 'hold', desiredJobs: 1, current: 1 }), wait);
    expect(cluster.jobs()).toHaveLength(1);

    const backlog = Array.from({ length: 400 }, (_, index) => index);
    const futures = client.map((index: number) => new Promise<number>((resolve) => setTimeout(() => resolve(index), 200)), backlog);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(4), wait);
    expect(decisions).toContainEqual(expect.objectContaining({ action: 'scale-up', desiredJobs: 4, current: 1 }));
    expect(await client.gather(futures)).toEqual(backlog);

    // Drained: after waitCount lower targets the pool goes back to the minimum, workers retired gracefully.
    await vi.waitFor(() => {
      expect(liveJobs(cluster)).toHaveLength(1);
      expect(scheduler.workers()).toHaveLength(1);
    }, wait);
    const scaleDowns = decisions.filter((decision) => decision.action === 'scale-down');
    expect(scaleDowns.length).toBeGreaterThan(0);
    const lastScaleDown = scaleDowns.at(-1) as AdaptDecision;
    expect(lastScaleDown).toMatchObject({ desiredJobs: 1 });
    // waitCount 4: three lower targets were only waited on.
    const index = decisions.lastIndexOf(lastScaleDown);
    expect(decisions.slice(index - 3, index).map((decision) => decision.action)).toEqual(['wait', 'wait', 'wait']);
    expect(mostWorkers).toBe(4);
    // Four jobs in all, none replaced: the three released ones end, the remaining one runs on.
    await vi.waitFor(async () => {
      await cluster.poll();
      const states = cluster.jobs().map((job) => job.state).sort();
      expect(states).toHaveLength(4);
      expect(states.filter((state) => state === 'running')).toHaveLength(1);
      expect(states.filter((state) => state === 'completed' || state === 'cancelled')).toHaveLength(3);
    }, wait);
    expect(errors).toEqual([]);

    await cluster.close();
    await vi.waitFor(async () => {
      await cluster.poll();
      expect(cluster.jobs().filter((job) => !isTerminalState(job.state))).toEqual([]);
    }, wait);
  });
});
