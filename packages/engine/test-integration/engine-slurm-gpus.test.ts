// Issue 16 on the real Slurm of ci/slurm (node with Gres=gpu:2, fake devices): a cluster
// with a cpu and a gpu pool; 20 tasks that ask for a GPU run only in gpu-pool jobs, and
// each reports the job Slurm ran it in and the GPU Slurm gave that job.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/engine test:integration
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner } from '@jq/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// From source by path: @jq/slurm depends on @jq/engine for its own suites, a dependency back would be a cycle.
import { createSlurmCluster } from '../../slurm/src/index.js';
import { Client, EngineScheduler } from '../src/index.js';

const tasksUrl = new URL('../test/fixtures/device-tasks.ts', import.meta.url);
type DeviceTasks = typeof import('../test/fixtures/device-tasks.js');
const jobName = `jq-engine-gpus-${process.pid}`;
const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
const scheduler = new EngineScheduler({ httpPort: false });
const client = new Client(scheduler);
const cluster = createSlurmCluster({
  scheduler,
  runner: new ExecaCommandRunner(),
  config: false,
  options: { name: jobName, jobName, cores: 1, memory: '1GB', walltime: '00:10:00', deathTimeout: 30, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 0.5, maxPollInterval: 2 },
  pools: { cpu: {}, gpu: { gpus: 1 } },
});
cluster.on('error', () => undefined);

function liveJobs(): string[] {
  return execFileSync('squeue', ['--noheader', `--name=${jobName}`, '--format=%i'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

beforeAll(async () => {
  await cluster.scale({ cpu: 1, gpu: 2 });
  await client.waitForWorkers(3, { timeout: 150 });
});

afterAll(async () => {
  await cluster.close();
  await vi.waitFor(() => expect(liveJobs()).toEqual([]), { timeout: 60_000, interval: 500 });
  rmSync(directory, { recursive: true, force: true });
});

describe('GPU tasks on real Slurm GRES', () => {
  it('20 tasks that ask for a GPU run only in gpu-pool jobs, on the GPU Slurm gave each job', async () => {
    const gpuJobs = cluster.jobs().filter((job) => job.pool === 'gpu').map((job) => job.id);
    const cpuJobs = cluster.jobs().filter((job) => job.pool === 'cpu').map((job) => job.id);
    expect([gpuJobs.length, cpuJobs.length]).toEqual([2, 1]);
    const tasks = client.module<DeviceTasks>(tasksUrl);
    const results = await client.gather(Array.from({ length: 20 }, () => client.submitWith({ resources: { gpus: 1 } }, tasks.reportDevices, 100)));
    for (const result of results) expect(gpuJobs).toContain(result.slurmJob);
    // Each job got one GPU of the two: its tasks all saw that one device.
    const deviceOfJob = new Map<string, Set<string | null>>();
    for (const result of results) deviceOfJob.set(result.slurmJob!, (deviceOfJob.get(result.slurmJob!) ?? new Set()).add(result.devices));
    for (const devices of deviceOfJob.values()) expect([...devices]).toHaveLength(1);
    expect(new Set([...deviceOfJob.values()].flatMap((devices) => [...devices])).size).toBe(deviceOfJob.size);
    for (const devices of deviceOfJob.values()) expect(['0', '1']).toContain([...devices][0]);
    // Plain tasks still use the cpu job too.
    const plain = await client.gather(Array.from({ length: 30 }, () => client.submitWith({}, tasks.reportDevices, 100)));
    expect(plain.some((result) => cpuJobs.includes(result.slurmJob!))).toBe(true);
  });
});
