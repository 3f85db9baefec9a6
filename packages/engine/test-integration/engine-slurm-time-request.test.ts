// Issue 16 on the real Slurm of ci/slurm, short walltime (2 min: workers retire after 90 s
// plus a stagger of up to 4 s): a task whose timeRequest is just above what the running
// worker has left is not started there to be cut at walltime. Adapt's worker query asks
// for a fresh worker while the old one still runs; the task runs in that fresh job and
// completes, and the old worker never got it. A task that fits the old worker runs there.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/engine test:integration
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AdaptDecision, type AdaptiveHandle, ExecaCommandRunner, type JobInfo, type WorkerInfo } from '@jq/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
// From source by path: @jq/slurm depends on @jq/engine for its own suites, a dependency back would be a cycle.
import { createSlurmCluster } from '../../slurm/src/index.js';
import { Client, EngineScheduler } from '../src/index.js';

const tasksUrl = new URL('../test/fixtures/device-tasks.ts', import.meta.url);
type DeviceTasks = typeof import('../test/fixtures/device-tasks.js');
const jobName = `jq-engine-time-request-${process.pid}`;
const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
const scheduler = new EngineScheduler({ httpPort: false });
const client = new Client(scheduler);
const cluster = createSlurmCluster({
  scheduler,
  runner: new ExecaCommandRunner(),
  config: false,
  options: { name: jobName, jobName, cores: 1, memory: '1GB', walltime: '00:02:00', deathTimeout: 30, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 0.5, maxPollInterval: 2 },
});
cluster.on('error', () => undefined);
let adaptive: AdaptiveHandle | undefined;

function queued(): string[] {
  return execFileSync('squeue', ['--noheader', `--name=${jobName}`, '--format=%i'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

afterAll(async () => {
  adaptive?.stop();
  await cluster.close();
  await vi.waitFor(() => expect(queued()).toEqual([]), { timeout: 60_000, interval: 500 });
  rmSync(directory, { recursive: true, force: true });
}, 120_000);

describe('timeRequest against the remaining lifetime on real Slurm', () => {
  it('a task needing more than the running worker has left waits for a fresh worker that adapt asks for, and completes there', async () => {
    const started = Date.now();
    const submitted: JobInfo[] = [];
    const decisions: AdaptDecision[] = [];
    const removed = new Map<string, number>();
    cluster.on('job-submitted', (job: JobInfo) => submitted.push(job));
    cluster.on('adapt', (decision: AdaptDecision) => decisions.push(decision));
    scheduler.on('worker-removed', (worker: WorkerInfo) => removed.set(worker.name, Date.now()));
    adaptive = cluster.adapt({ minimum: 1, maximum: 2, interval: 1, waitCount: 2, targetDuration: 1 });
    await client.waitForWorkers(1, { timeout: 150 });
    const [old] = scheduler.workers();
    const oldJob = submitted.find((job) => job.key === old!.jobKey)!;
    const oldSession = scheduler.registered.get(old!.name)!;
    const lifetimeLeft = () => (oldSession.retireAt! - performance.now()) / 1000;
    expect(lifetimeLeft()).toBeGreaterThan(80);
    expect(lifetimeLeft()).toBeLessThanOrEqual(94);

    const tasks = client.module<DeviceTasks>(tasksUrl);
    // Fits what the old worker has left: it runs there.
    const fitting = await client.submitWith({ timeRequest: 10 }, tasks.reportDevices, 100);
    expect(fitting.slurmJob).toBe(oldJob.id);

    // Let the old worker age until less than 80 s are left, then ask for a bit more than it has (a fresh one has 90 s or more).
    await vi.waitFor(() => expect(lifetimeLeft()).toBeLessThan(80), { timeout: 60_000, interval: 250 });
    const left = lifetimeLeft();
    const timeRequest = Math.ceil(left) + 3;
    const askedAt = Date.now();
    const result = await client.submitWith({ timeRequest }, tasks.reportDevices, 3000);
    const doneAt = Date.now();

    const fresh = submitted.filter((job) => job.submittedAt >= askedAt);
    expect(fresh).toHaveLength(1);
    expect(result.slurmJob).toBe(fresh[0]!.id);
    expect(result.slurmJob).not.toBe(oldJob.id);
    expect(decisions.some((decision) => decision.action === 'scale-up' && decision.desiredJobs === 2)).toBe(true);
    // Adapt did not wait for the old worker to retire: the fresh job was asked for while it
    // was still there, and the task was done long before its lifetime would have run out.
    // (Once the fresh worker holds the task, adapt may release the idle old one.)
    const oldRetiresAt = askedAt + left * 1000;
    expect(fresh[0]!.submittedAt).toBeLessThan(removed.get(old!.name) ?? Number.POSITIVE_INFINITY);
    expect(doneAt).toBeLessThan(oldRetiresAt);
    // It never got the task: it answered the fitting one only.
    expect(oldSession.tasksDone).toBe(1);
    console.info(
      `[time-request] old worker had ${left.toFixed(1)} s left, task asked ${timeRequest} s; it ran in fresh job ${result.slurmJob} (submitted ${((fresh[0]!.submittedAt - askedAt) / 1000).toFixed(1)} s after the task) and completed ${((doneAt - askedAt) / 1000).toFixed(1)} s after submit (${((doneAt - started) / 1000).toFixed(1)} s into the test), ${((oldRetiresAt - doneAt) / 1000).toFixed(1)} s before the old worker's lifetime end`,
    );
  });
});
