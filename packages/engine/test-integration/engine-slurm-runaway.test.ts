// Issue 20 on the real Slurm of ci/slurm: a task that allocates without end and one in an
// endless loop, on 2 jq-worker jobs. The worker enforces its memory limit before Slurm has
// to; should Slurm kill a job for memory all the same, the cluster must report it as
// `out-of-memory` and replace it. Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/engine test:integration
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
  it('a memory hog is stopped by the worker (or, if Slurm kills the job, the cluster says out-of-memory and replaces it)', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const error = await tasks.hogMemory().then(() => undefined, (reason: unknown) => reason);
    const slurmKilled = endedJobs.filter((job) => job.state === 'out-of-memory');
    if (slurmKilled.length === 0) {
      expect(error).toBeInstanceOf(TaskCrashError);
      expect((error as TaskCrashError).code).toBe('JQ_OUT_OF_MEMORY');
      for (const crash of (error as TaskCrashError).crashes) expect(crash).toMatchObject({ cause: 'memory', detail: expect.stringMatching(/with a limit of 600 MB$/) });
      // Threads were stopped, not jobs: both workers stayed.
      expect(endedJobs).toEqual([]);
      expect(scheduler.workers()).toHaveLength(2);
    } else {
      expect(JobQueueError.isInstance(error)).toBe(true);
      await client.waitForWorkers(2, { timeout: 150 });
    }
  });

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
    expect(endedJobs.filter((job) => job.state !== 'out-of-memory')).toEqual([]);
  });
});
