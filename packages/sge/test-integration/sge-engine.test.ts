import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isTerminalState, SubmitError } from '@jq/core';
import { closeEngineClusters, engineCluster, startsByIndex, tasksUrl, type SgeTasks } from './engine-cluster.js';
import { liveJobsNamed, sge, sgeIsUp } from './sge-queue.js';

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

beforeAll(() => {
  if (!sgeIsUp()) throw new Error('[jq/sge] no SGE qmaster answers: run `bash ci/sge/up.sh` first');
});

afterEach(closeEngineClusters);

describe('native engine workers on real SGE', () => {
  it('scale(3): ONE qsub -t 1-3, 3 workers named from SGE_TASK_ID connect, a map of 500 tasks is right; scale(0) empties the queue', async () => {
    const { cluster, client, runner, jobName } = engineCluster();
    await cluster.scale(3);
    expect(runner.callsWith('qsub').map((command) => command.argv.slice(0, 4))).toEqual([['qsub', '-terse', '-t', '1-3']]);
    expect(cluster.jobs().map((job) => job.id.split('.')[1])).toEqual(['1', '2', '3']);

    await client.waitForWorkers(3, { timeout: 120 });
    // task N computes its name from SGE_TASK_ID - 1: demo-0 … demo-2, one worker each
    expect(cluster.workers().map((worker) => worker.jobKey).sort()).toEqual(cluster.jobs().map((job) => job.key).sort());
    await vi.waitFor(() => expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running', 'running']), { timeout: 30_000, interval: 250 });
    expect(liveJobsNamed(jobName).sort()).toEqual(cluster.jobs().map((job) => job.id).sort());
    expect(existsSync(cluster.jobs()[2]!.logFiles!.stdout)).toBe(true);

    const squares = await client.gather(client.map((value: number) => value * value, range(500)));
    expect(squares).toEqual(range(500).map((value) => value * value));
    expect(cluster.scheduler.metrics()).toMatchObject({ tasksCompleted: 500, tasksFailed: 0 });
    for (const call of runner.callsWith('qstat')) expect(call.argv).toEqual(['qstat', '-xml']);

    await cluster.scale(0);
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
    expect(cluster.workers()).toEqual([]);
    await vi.waitFor(() => expect(cluster.jobs().every((job) => isTerminalState(job.state))).toBe(true), { timeout: 15_000, interval: 250 });
    expect(runner.callsWith('qsub')).toHaveLength(1);
  });

  it('qdel from outside: the job is reported cancelled (qacct), adapt replaces it, its in-flight task runs again, every result once', async () => {
    // No prefetch: each worker holds one gated task, so both jobs surely have one in flight.
    const { cluster, client, directory, runner } = engineCluster({}, { prefetch: 0 });
    cluster.adapt({ minimum: 2, maximum: 2, interval: 0.5 });
    await client.waitForWorkers(2, { timeout: 120 });

    // Gated tasks hold their worker until the test opens the gate, so the victim surely dies mid-task.
    const log = join(directory, 'starts.log');
    const gate = join(directory, 'gate');
    const tasks = client.module<SgeTasks>(tasksUrl);
    const futures = range(4).map((index) => tasks.waitForGate({ index, log, gate, limitSeconds: 150 }));
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
    sge('qdel', [victim.id]);

    await vi.waitFor(
      () => {
        const jobs = cluster.jobs();
        expect(jobs.find((job) => job.id === victim.id)).toMatchObject({ state: 'cancelled', exitCode: 137 });
        expect(jobs.filter((job) => job.state === 'running')).toHaveLength(2);
        expect(cluster.workers().map((worker) => worker.jobKey)).not.toContain(victimName);
        expect(cluster.workers()).toHaveLength(2);
      },
      { timeout: 90_000, interval: 250 },
    );
    expect(cluster.jobs()).toHaveLength(3);
    expect(runner.callsWith('qacct').length).toBeGreaterThan(0);

    writeFileSync(gate, '');
    expect(await client.gather(futures)).toEqual([0, 2, 4, 6]);
    const starts = startsByIndex(log).get(victimIndex) ?? [];
    expect(starts[0]).toBe(victimName);
    expect(starts.slice(1).length).toBeGreaterThanOrEqual(1);
    expect(starts.slice(1)).not.toContain(victimName);
    expect(cluster.scheduler.metrics()).toMatchObject({ tasksCompleted: 4, tasksFailed: 0 });
  });

  it.each([
    [{ queue: 'nosuch.q' }, 'job requests unknown queue "nosuch.q"'],
    [{ resourceSpec: 'nosuchresource=1' }, 'unknown resource "nosuchresource"'],
  ])("refuses %j with SGE's message: one qsub, no retry, nothing queued", async (options, message) => {
    const { cluster, runner, jobName } = engineCluster(options);
    const scaled = cluster.scale(3);
    await expect(scaled).rejects.toBeInstanceOf(SubmitError);
    await expect(scaled).rejects.toThrow(message);
    await cluster.settled();
    expect(runner.callsWith('qsub')).toHaveLength(1);
    expect(cluster.jobs()).toEqual([]);
    expect(liveJobsNamed(jobName)).toEqual([]);
  });
});
