// Issue 20 on the real Slurm of ci/slurm: a task that allocates without end and one in an
// endless loop, on 2 jq-worker jobs. The worker enforces its memory limit, usually before Slurm
// does; should Slurm kill a job for memory all the same, the cluster replaces it (with cgroups
// Slurm says OUT_OF_MEMORY, which the cluster reports as `out-of-memory`; this Slurm, without
// cgroups, says FAILED with signal 9). Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/engine test:integration
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExecaCommandRunner, JobQueueError, type JobInfo } from '@jq/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// From source by path: @jq/slurm depends on @jq/engine for its own suites, a dependency back would be a cycle.
import { createSlurmCluster } from '../../slurm/src/index.js';
import { Client, EngineScheduler, TaskCrashError } from '../src/index.js';

const tasksUrl = new URL('../test/fixtures/runaway-tasks.ts', import.meta.url);
type RunawayTasks = typeof import('../test/fixtures/runaway-tasks.js');
const jobName = `jq-runaway-${process.pid}`;
const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
const scheduler = new EngineScheduler({ httpPort: false });
const client = new Client(scheduler);
// Workers from source carry tsx (about 165 MB with a thread): 600 MB leaves a hog room to grow.
const cluster = createSlurmCluster({
  scheduler,
  runner: new ExecaCommandRunner(),
  options: { name: jobName, jobName, cores: 1, memory: '600MB', walltime: '00:10:00', deathTimeout: 30, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 0.5, maxPollInterval: 2 },
});
cluster.on('error', () => undefined);
const endedJobs: JobInfo[] = [];
cluster.on('job-state', (job: JobInfo) => {
  if (['completed', 'failed', 'cancelled', 'timeout', 'out-of-memory', 'lost'].includes(job.state)) endedJobs.push(job);
});

function liveJobs(): string[] {
  return execFileSync('squeue', ['--noheader', `--name=${jobName}`, '--format=%i'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

beforeAll(async () => {
  await cluster.scale(2);
  await client.waitForWorkers(2, { timeout: 150 });
});

afterAll(async () => {
  await cluster.close();
  await vi.waitFor(() => expect(liveJobs()).toEqual([]), { timeout: 60_000, interval: 500 });
  rmSync(directory, { recursive: true, force: true });
});

describe('runaway tasks on real Slurm jobs', () => {
  it('a task in an endless loop is cancelled at once and past its timeout fails with JQ_TIMEOUT; the jobs keep serving', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const controller = new AbortController();
    const spinning = client.submitWith({ signal: controller.signal }, tasks.spin);
    await vi.waitFor(() => expect(scheduler.workers().reduce((sum, worker) => sum + worker.runningTasks, 0)).toBe(1), { timeout: 30_000, interval: 50 });
    const aborted = performance.now();
    controller.abort();
    const cancelled = await spinning.then(() => undefined, (reason: unknown) => reason);
    expect(JobQueueError.hasCode(cancelled, 'JQ_CANCELLED')).toBe(true);
    expect(performance.now() - aborted).toBeLessThan(500);
    const timedOut = await client.submitWith({ timeout: 2 }, tasks.spin).then(() => undefined, (reason: unknown) => reason);
    expect(JobQueueError.hasCode(timedOut, 'JQ_TIMEOUT')).toBe(true);
    const results = await client.gather(client.map((x: number) => x * 3, Array.from({ length: 200 }, (_, index) => index)));
    expect(results.at(-1)).toBe(199 * 3);
    expect(scheduler.workers()).toHaveLength(2);
    expect(endedJobs).toEqual([]);
  });

  // Last: its aftermath may end a job (see below), which the endless-loop test must not see.
  it('a memory hog is stopped by the worker (or Slurm kills its job for memory), and the cluster serves with 2 workers again', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const error = await tasks.hogMemory().then(() => undefined, (reason: unknown) => reason);
    // The worker samples its memory every 50 ms and stops the hog's thread at 95 % of 600 MB; Slurm
    // here (jobacct_gather, OverMemoryKill) samples the job's RSS once a second and kills it past 600 MB.
    // Whichever acts first, the task fails, never with a result; stopped by the worker, it says why.
    expect(JobQueueError.isInstance(error)).toBe(true);
    if (error instanceof TaskCrashError && error.code === 'JQ_OUT_OF_MEMORY') {
      for (const crash of error.crashes) expect(crash).toMatchObject({ cause: 'memory', detail: expect.stringMatching(/with a limit of 600 MB$/) });
    }
    // A worker whose memory stays over its pause threshold (80 %) with no task exits after 10 s, by
    // design, and a job Slurm killed ends: the cluster replaces either. Nothing else ends a job.
    await client.waitForWorkers(2, { timeout: 150 });
    for (const job of endedJobs) expect(['out-of-memory', 'failed']).toContain(job.state);
    console.info(`[runaway] hog: ${(error as JobQueueError).code}; jobs ended: ${endedJobs.map((job) => `${job.id} ${job.state}${job.exitCode === undefined ? '' : ` exit ${job.exitCode}`}`).join(', ') || 'none'}`);
  });
});
