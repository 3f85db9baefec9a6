// Issue 16 on the real Slurm of ci/slurm (node with Gres=gpu:2, fake devices): a cluster
// with a cpu and a gpu pool, each with its own batch job name, adapting with bounds per
// pool. With only GPU tasks queued, adapt grows only the gpu pool — neither squeue (sampled
// all along) nor sacct ever sees a cpu-pool job —, the tasks run in gpu-pool jobs on the GPU
// Slurm gave each, and once the backlog is gone the gpu pool shrinks to 0: the queue is empty.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/engine test:integration
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdaptDecision, type AdaptiveHandle, ExecaCommandRunner, type JobInfo } from '@jq/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
// From source by path: @jq/slurm depends on @jq/engine for its own suites, a dependency back would be a cycle.
import { createSlurmCluster } from '../../slurm/src/index.js';
import { Client, EngineScheduler } from '../src/index.js';

const tasksUrl = new URL('../test/fixtures/device-tasks.ts', import.meta.url);
type DeviceTasks = typeof import('../test/fixtures/device-tasks.js');
const name = `jq-engine-pool-adapt-${process.pid}`;
const jobNames = { cpu: `${name}-cpu`, gpu: `${name}-gpu` };
const directory = mkdtempSync(join(tmpdir(), `${name}-`));
const scheduler = new EngineScheduler({ httpPort: false });
const client = new Client(scheduler);
const cluster = createSlurmCluster({
  scheduler,
  runner: new ExecaCommandRunner(),
  config: false,
  options: { name, cores: 1, memory: '1GB', walltime: '00:10:00', deathTimeout: 30, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 0.5, maxPollInterval: 2 },
  pools: { cpu: { jobName: jobNames.cpu }, gpu: { gpus: 1, jobName: jobNames.gpu } },
});
cluster.on('error', () => undefined);
let adaptive: AdaptiveHandle | undefined;

/** Ids squeue shows for one of this test's job names (`<array>_<task>` for array tasks). */
function queued(jobName: string): string[] {
  return execFileSync('squeue', ['--noheader', `--name=${jobName}`, '--format=%i'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** Ids the accounting database has for a job name (allocations only). */
function accounted(jobName: string): string[] {
  return execFileSync('sacct', ['--noheader', '--allocations', `--name=${jobName}`, '--starttime=now-1hour', '--format=JobID%40'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

afterAll(async () => {
  adaptive?.stop();
  await cluster.close();
  await vi.waitFor(() => expect([...queued(jobNames.cpu), ...queued(jobNames.gpu)]).toEqual([]), { timeout: 60_000, interval: 500 });
  rmSync(directory, { recursive: true, force: true });
}, 120_000);

describe('adapt per pool on real Slurm GRES', () => {
  it('only GPU tasks queued: only the gpu pool grows, the tasks run on its GPUs, then it shrinks to 0 and the queue is empty', async () => {
    const started = Date.now();
    const submitted: JobInfo[] = [];
    const decisions: AdaptDecision[] = [];
    cluster.on('job-submitted', (job: JobInfo) => submitted.push(job));
    cluster.on('adapt', (decision: AdaptDecision) => decisions.push(decision));
    // squeue by the cpu pool's job name, once a second for the whole run: it must never show a job.
    const cpuSightings: string[] = [];
    const sampler = setInterval(() => cpuSightings.push(...queued(jobNames.cpu)), 1000);

    adaptive = cluster.adapt({ interval: 1, waitCount: 2, targetDuration: 1, pools: { cpu: { minimum: 0, maximum: 2 }, gpu: { minimum: 0, maximum: 2 } } });
    // Started: the scheduler knows the pools, so it checks each task's demand against them.
    await cluster.start();
    const tasks = client.module<DeviceTasks>(tasksUrl);
    const gpuWork = Array.from({ length: 8 }, () => client.submitWith({ resources: { gpus: 1 } }, tasks.reportDevices, 3000));
    const results = await client.gather(gpuWork);
    const ranFor = (Date.now() - started) / 1000;

    const gpuJobs = submitted.filter((job) => job.pool === 'gpu').map((job) => job.id);
    expect(gpuJobs.length).toBeGreaterThanOrEqual(1);
    expect(gpuJobs.length).toBeLessThanOrEqual(2);
    expect(submitted.filter((job) => job.pool === 'cpu')).toEqual([]);
    for (const result of results) expect(gpuJobs).toContain(result.slurmJob);
    // Each gpu job got one of the node's two GPUs, and its tasks all saw that one device.
    const deviceOfJob = new Map<string, Set<string | null>>();
    for (const result of results) deviceOfJob.set(result.slurmJob!, (deviceOfJob.get(result.slurmJob!) ?? new Set()).add(result.devices));
    for (const devices of deviceOfJob.values()) expect([...devices].length === 1 && ['0', '1'].includes([...devices][0]!)).toBe(true);
    expect(decisions.some((decision) => decision.pool === 'gpu' && decision.action === 'scale-up')).toBe(true);
    expect(decisions.filter((decision) => decision.pool === 'cpu').every((decision) => decision.desiredJobs === 0 && decision.action === 'hold')).toBe(true);

    // The backlog is gone: the gpu pool goes to 0 and its jobs leave the queue.
    await vi.waitFor(() => expect(cluster.targetJobs('gpu')).toBe(0), { timeout: 60_000, interval: 500 });
    await vi.waitFor(() => expect(queued(jobNames.gpu)).toEqual([]), { timeout: 90_000, interval: 1000 });
    const shrunkAfter = (Date.now() - started) / 1000;
    clearInterval(sampler);
    expect(decisions.some((decision) => decision.pool === 'gpu' && decision.action === 'scale-down')).toBe(true);
    expect(cpuSightings).toEqual([]);
    // Accounting agrees: the gpu job name has exactly the cluster's gpu jobs, the cpu job name none.
    await vi.waitFor(() => expect(accounted(jobNames.gpu).sort()).toEqual([...gpuJobs].sort()), { timeout: 30_000, interval: 1000 });
    expect(accounted(jobNames.cpu)).toEqual([]);
    console.info(`[pool-adapt] ${gpuJobs.length} gpu job(s); 8 GPU tasks done after ${ranFor.toFixed(1)} s; gpu pool at 0 and queue empty after ${shrunkAfter.toFixed(1)} s`);
  });
});
