import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubmitError, type JobQueueError } from '@jq/core';
import { expectRerunElsewhere, expectScaledToZero, expectSquaresMapped, expectVictimReplaced, range, requireRealSystem, startGatedTasks } from '@jq/testkit/real-system';
import { closeEngineClusters, engineCluster, liveJobsNamed, realSlurm } from './slurm-system.js';

requireRealSystem(realSlurm);

afterEach(closeEngineClusters);

describe('native engine workers on real Slurm', () => {
  it('scale(4): ONE sbatch --array, 4 workers connect, a map of 1,000 tasks is right; scale(0) empties the queue', async () => {
    const engine = engineCluster();
    const { cluster, client, runner } = engine;
    await cluster.scale(4);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    expect(runner.callsWith('sbatch')[0]?.argv).toContain('--array=0-3');

    await client.waitForWorkers(4, { timeout: 120 });
    expect(cluster.workers().map((worker) => worker.jobKey).sort()).toEqual(cluster.jobs().map((job) => job.key).sort());
    expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running', 'running', 'running']);

    await expectSquaresMapped(engine, 1000);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    await expectScaledToZero(realSlurm, engine);
  });

  it('scancel from outside: the job is reported cancelled, adapt replaces it, its in-flight task runs again, every result once', async () => {
    const engine = engineCluster();
    const { cluster, client } = engine;
    cluster.adapt({ minimum: 2, maximum: 2, interval: 0.5 });
    await client.waitForWorkers(2, { timeout: 120 });

    // Gated tasks hold their worker until the test opens the gate, so the victim surely dies mid-task:
    // scancel's SIGTERM makes the worker drain, it cannot finish, and Slurm kills it after KillWait.
    // 12 tasks: each worker takes one to run plus a few prefetched, the rest wait in the scheduler.
    const tasks = await startGatedTasks(engine, 12);
    const victim = cluster.jobs().find((job) => job.key === tasks.victimKey)!;
    realSlurm.cancelFromOutside(victim.id);
    await expectVictimReplaced(engine, victim.id, tasks.victimKey, { state: 'cancelled' });

    tasks.open();
    expect(await client.gather(tasks.futures)).toEqual(range(12).map((index) => index * 2));
    expectRerunElsewhere(tasks);
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
