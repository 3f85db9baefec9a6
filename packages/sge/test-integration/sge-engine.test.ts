import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  expectRerunElsewhere,
  expectScaledToZero,
  expectSquaresMapped,
  expectSubmissionRefused,
  expectVictimReplaced,
  requireRealSystem,
  startGatedTasks,
} from '@jq/testkit/real-system';
import { closeEngineClusters, engineCluster, liveJobsNamed, realSge } from './sge-system.js';

requireRealSystem(realSge);

afterEach(closeEngineClusters);

describe('native engine workers on real SGE', () => {
  it('scale(3): ONE qsub -t 1-3, 3 workers named from SGE_TASK_ID connect, a map of 500 tasks is right; scale(0) empties the queue', async () => {
    const engine = engineCluster();
    const { cluster, client, runner, jobName } = engine;
    await cluster.scale(3);
    expect(runner.callsWith('qsub').map((command) => command.argv.slice(0, 4))).toEqual([['qsub', '-terse', '-t', '1-3']]);
    expect(cluster.jobs().map((job) => job.id.split('.')[1])).toEqual(['1', '2', '3']);

    await client.waitForWorkers(3, { timeout: 120 });
    // task N computes its name from SGE_TASK_ID - 1: demo-0 … demo-2, one worker each
    expect(cluster.workers().map((worker) => worker.jobKey).sort()).toEqual(cluster.jobs().map((job) => job.key).sort());
    await vi.waitFor(() => expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running', 'running']), { timeout: 30_000, interval: 250 });
    expect(liveJobsNamed(jobName).sort()).toEqual(cluster.jobs().map((job) => job.id).sort());
    expect(existsSync(cluster.jobs()[2]!.logFiles!.stdout)).toBe(true);

    await expectSquaresMapped(engine, 500);
    for (const call of runner.callsWith('qstat')) expect(call.argv).toEqual(['qstat', '-xml']);
    await expectScaledToZero(realSge, engine);
    expect(runner.callsWith('qsub')).toHaveLength(1);
  });

  it('qdel from outside: the job is reported cancelled (qacct), adapt replaces it, its in-flight task runs again, every result once', async () => {
    // No prefetch: each worker holds one gated task, so both jobs surely have one in flight.
    const engine = engineCluster({}, { prefetch: 0 });
    const { cluster, client, runner } = engine;
    cluster.adapt({ minimum: 2, maximum: 2, interval: 0.5 });
    await client.waitForWorkers(2, { timeout: 120 });

    // Gated tasks hold their worker until the test opens the gate, so the victim surely dies mid-task.
    const tasks = await startGatedTasks(engine, 4);
    const victim = cluster.jobs().find((job) => job.key === tasks.victimKey)!;
    realSge.cancelFromOutside(victim.id);
    await expectVictimReplaced(engine, victim.id, tasks.victimKey, { state: 'cancelled', exitCode: 137 });
    expect(runner.callsWith('qacct').length).toBeGreaterThan(0);

    tasks.open();
    expect(await client.gather(tasks.futures)).toEqual([0, 2, 4, 6]);
    expectRerunElsewhere(tasks);
    expect(cluster.scheduler.metrics()).toMatchObject({ tasksCompleted: 4, tasksFailed: 0 });
  });

  it.each([
    [{ queue: 'nosuch.q' }, 'job requests unknown queue "nosuch.q"'],
    [{ resourceSpec: 'nosuchresource=1' }, 'unknown resource "nosuchresource"'],
  ])("refuses %j with SGE's message: one qsub, no retry, nothing queued", async (options, message) => {
    await expectSubmissionRefused(realSge, engineCluster(options), message);
  });
});
