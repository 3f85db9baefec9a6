import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExecaCommandRunner, type JobState } from '@jq/core';
import { slurmBackend } from '../src/index.js';
import { type RealSystemTasks, realSystemTasksUrl, requireRealSystem } from '@jq/testkit/real-system';
import { closeEngineClusters, engineCluster, realSlurm } from './slurm-system.js';

const walltime = 120;
/** The task stream runs this long after the first workers connect: past the walltime of every first-generation job. */
const streamSeconds = 135;

requireRealSystem(realSlurm);

afterEach(closeEngineClusters);

describe('walltime-aware workers on real Slurm', () => {
  it(`retire before a ${walltime} s walltime and are replaced while a longer task stream runs: zero failed tasks, no TIMEOUT`, { timeout: 300_000 }, async () => {
    const { cluster, client, directory } = engineCluster({ walltime: '00:02:00' });
    // Core derives the lifetime from the walltime (default margin: 10 % but at least 30 s)
    // and staggers it; the margin must leave time to start the worker and drain it.
    const { lifetime, lifetimeStagger } = cluster.options;
    expect(cluster.options.walltime).toBe(walltime);
    expect(lifetime).toBeDefined();
    expect(lifetime! + (lifetimeStagger ?? 0)).toBeLessThanOrEqual(walltime - 20);
    await cluster.start(); // the engine's address goes into the script
    expect(cluster.jobScript()).toContain(`--lifetime ${lifetime}`);

    const removals: string[] = [];
    cluster.on('worker-removed', (_worker, reason) => removals.push(reason));
    const jobStates: JobState[] = [];
    cluster.on('job-state', (job) => jobStates.push(job.state));
    cluster.adapt({ minimum: 2, maximum: 2, interval: 0.5 });
    await client.waitForWorkers(2, { timeout: 120 });

    // A steady stream of short tasks, 20 at a time, until well past the walltime.
    const log = join(directory, 'starts.log');
    const tasks = client.module<RealSystemTasks>(realSystemTasksUrl);
    const started = Date.now();
    const outcomes: PromiseSettledResult<number>[] = [];
    const expected: number[] = [];
    while (Date.now() - started < streamSeconds * 1000) {
      const batch = Array.from({ length: 20 }, (_, offset) => outcomes.length + offset);
      outcomes.push(...(await Promise.allSettled(batch.map((index) => tasks.sleepAndDouble({ index, milliseconds: 100, log })))));
      expected.push(...batch.map((index) => index * 2));
    }
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined))).toEqual(expected);
    expect(cluster.scheduler.metrics().tasksFailed).toBe(0);

    // The first generation retired on its lifetime and exited cleanly; adapt replaced it.
    expect(removals.filter((reason) => reason === 'lifetime').length).toBeGreaterThanOrEqual(2);
    const jobs = cluster.jobs();
    expect(jobs.filter((job) => job.state === 'completed').length).toBeGreaterThanOrEqual(2);
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    expect(jobStates).not.toContain('timeout');

    await cluster.close();
    // Accounting has the last word on how each job ended: never TIMEOUT.
    const ids = jobs.map((job) => job.id);
    const accounting = slurmBackend.accounting!(ids, cluster.options as never);
    const ended = await vi.waitFor(
      async () => {
        const statuses = slurmBackend.parseAccounting!(await new ExecaCommandRunner().run(accounting, { timeoutMs: 30_000 }), ids);
        const states = ids.map((id) => statuses.get(id)?.native ?? 'missing');
        if (states.some((state) => /missing|PENDING|RUNNING|COMPLETING/.test(state))) throw new Error(`sacct: ${states.join(', ')}`);
        return states;
      },
      { timeout: 60_000, interval: 1000 },
    );
    expect(ended.filter((state) => state.startsWith('TIMEOUT'))).toEqual([]);
    expect(ended.filter((state) => state === 'COMPLETED').length).toBeGreaterThanOrEqual(2);
  });
});
