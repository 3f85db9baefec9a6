import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isTerminalState, SubmitError, type JobQueueError } from '@jq/core';
import { closeEngineClusters, engineCluster, startsByIndex, tasksUrl, type SlurmTasks } from './engine-cluster.js';
import { liveJobsNamed, slurm, slurmIsUp } from './slurm-queue.js';

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

beforeAll(() => {
  if (!slurmIsUp()) throw new Error('[jq/slurm] no Slurm controller answers: run `bash ci/slurm/up.sh` first');
});

afterEach(closeEngineClusters);

describe('native engine workers on real Slurm', () => {
  it('scale(4): ONE sbatch --array, 4 workers connect, a map of 1,000 tasks is right; scale(0) empties the queue', async () => {
    const { cluster, client, runner, jobName } = engineCluster();
    await cluster.scale(4);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    expect(runner.callsWith('sbatch')[0]?.argv).toContain('--array=0-3');

    await client.waitForWorkers(4, { timeout: 120 });
    expect(cluster.workers().map((worker) => worker.jobKey).sort()).toEqual(cluster.jobs().map((job) => job.key).sort());
    expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running', 'running', 'running']);

    const squares = await client.gather(client.map((value: number) => value * value, range(1000)));
    expect(squares).toEqual(range(1000).map((value) => value * value));
    expect(cluster.scheduler.metrics()).toMatchObject({ tasksCompleted: 1000, tasksFailed: 0 });
    expect(runner.callsWith('sbatch')).toHaveLength(1);

    await cluster.scale(0);
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
    expect(cluster.workers()).toEqual([]);
    await vi.waitFor(() => expect(cluster.jobs().every((job) => isTerminalState(job.state))).toBe(true), { timeout: 15_000, interval: 250 });
  });

  it('scancel from outside: the job is reported cancelled, adapt replaces it, its in-flight task runs again, every result once', async () => {
    const { cluster, client, directory } = engineCluster();
    cluster.adapt({ minimum: 2, maximum: 2, interval: 0.5 });
    await client.waitForWorkers(2, { timeout: 120 });

    // Gated tasks hold their worker until the test opens the gate, so the victim surely dies mid-task:
    // scancel's SIGTERM makes the worker drain, it cannot finish, and Slurm kills it after KillWait.
    const log = join(directory, 'starts.log');
    const gate = join(directory, 'gate');
    const tasks = client.module<SlurmTasks>(tasksUrl);
    // 12 tasks: each worker takes one to run plus a few prefetched, the rest wait in the scheduler.
    const futures = range(12).map((index) => tasks.waitForGate({ index, log, gate, limitSeconds: 150 }));
    const inFlight = await vi.waitFor(
      () => {
        const starts = startsByIndex(log);
        const busyJobs = new Set([...starts.values()].flat());
        if (busyJobs.size < 2) throw new Error(`tasks started on ${busyJobs.size} job(s), want 2`);
        return starts;
      },
      { timeout: 30_000, interval: 100 },
    );
    const [victimIndex, [victimName]] = [...inFlight.entries()][0] as [number, [string]];
    const victim = cluster.jobs().find((job) => job.key === victimName)!;
    slurm('scancel', [victim.id]);

    await vi.waitFor(
      () => {
        const jobs = cluster.jobs();
        expect(jobs.find((job) => job.id === victim.id)?.state).toBe('cancelled');
        expect(jobs.filter((job) => job.state === 'running')).toHaveLength(2);
        expect(cluster.workers().map((worker) => worker.jobKey)).not.toContain(victimName);
        expect(cluster.workers()).toHaveLength(2);
      },
      { timeout: 90_000, interval: 250 },
    );
    expect(cluster.jobs()).toHaveLength(3);

    writeFileSync(gate, '');
    expect(await client.gather(futures)).toEqual(range(12).map((index) => index * 2));
    const starts = startsByIndex(log).get(victimIndex) ?? [];
    expect(starts[0]).toBe(victimName);
    expect(starts.slice(1).length).toBeGreaterThanOrEqual(1);
    expect(starts.slice(1)).not.toContain(victimName);
    expect(cluster.scheduler.metrics()).toMatchObject({ tasksCompleted: 12, tasksFailed: 0 });
    expect(cluster.scheduler.metrics().tasksRequeued).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [{ queue: 'nosuch' }, 'Invalid partition name specified'],
    [{ memory: '100GB' }, 'Requested node configuration is not available'],
  ])('adapt with %j: Slurm\'s message once, no retry loop while adapt keeps deciding, nothing queued', async (options, message) => {
    const { cluster, runner, jobName } = engineCluster(options);
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    let decisions = 0;
    cluster.on('adapt', () => (decisions += 1));
    cluster.adapt({ minimum: 2, maximum: 2, interval: 0.2 });
    await vi.waitFor(() => expect(decisions).toBeGreaterThanOrEqual(10), { timeout: 30_000, interval: 100 });
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SubmitError);
    expect(errors[0]?.message).toContain(message);
    expect(cluster.jobs()).toEqual([]);
    expect(liveJobsNamed(jobName)).toEqual([]);
  });
});
