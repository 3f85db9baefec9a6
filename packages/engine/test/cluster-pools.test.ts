// Issue 16 on @jq/local: one cluster, a cpu and a gpu pool. The gpu pool's jobs see a fake
// device (CUDA_VISIBLE_DEVICES set by their job script, as a batch system would); GPU
// tasks land only there, a request no pool fits is refused, and adapt grows only the pool
// whose backlog it is.
import { type AdaptDecision, JobQueueCluster } from '@jq/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { localBackend } from '../../local/src/index.js';
import { Client, EngineScheduler } from '../src/index.js';

const tasksUrl = new URL('./fixtures/device-tasks.ts', import.meta.url);
type DeviceTasks = typeof import('./fixtures/device-tasks.js');
const waitOptions = { timeout: 90_000, interval: 200 };
const scheduler = new EngineScheduler({ httpPort: false });
const client = new Client(scheduler);
const cluster = new JobQueueCluster({
  backend: localBackend,
  scheduler,
  config: false,
  options: { name: 'engine-pools', cores: 1, memory: '1GB', deathTimeout: 30, pollInterval: 0.5 },
  pools: { cpu: {}, gpu: { gpus: 1, jobScriptPrologue: ['export CUDA_VISIBLE_DEVICES=7'] } },
});
cluster.on('error', () => undefined);
afterAll(() => cluster.close(), 120_000);

const workersOf = (pool: string) => scheduler.workers().filter((worker) => worker.pool === pool);

describe('a cluster with a cpu and a gpu pool', () => {
  it('runs GPU tasks only on gpu-pool workers; plain tasks anywhere; a request no pool fits is refused', { timeout: 180_000 }, async () => {
    await cluster.scale({ cpu: 1, gpu: 1 });
    await vi.waitFor(() => expect([workersOf('cpu').length, workersOf('gpu').length]).toEqual([1, 1]), waitOptions);
    const tasks = client.module<DeviceTasks>(tasksUrl);
    const onGpu = await client.gather(Array.from({ length: 6 }, () => client.submitWith({ resources: { gpus: 1 } }, tasks.reportDevices, 50)));
    expect(onGpu.map((result) => result.devices)).toEqual(Array(6).fill('7'));
    const plain = await client.gather(Array.from({ length: 20 }, () => client.submitWith({}, tasks.reportDevices, 50)));
    // Plain tasks may run anywhere; with both workers free, the cpu worker takes some.
    expect(plain.some((result) => result.devices === null)).toBe(true);

    await expect(client.submitWith({ resources: { gpus: 2 } }, tasks.reportDevices, 1)).rejects.toThrow(
      /^\[jq\/engine\] no pool can ever run this task: it asks for cores 1, gpus 2; the pools offer per worker cpu \(1 cores, 0 gpus, .*\); gpu \(1 cores, 1 gpus, .*\)$/,
    );
    expect(() => client.submitWith({ resources: { memory: 'lots' } }, tasks.reportDevices, 1)).toThrow('[jq/engine] resources.memory: expected bytes or a size such as "8GB", got "lots"');
  });

  it('adapt({ pools }) with only GPU backlog grows only the gpu pool, and takes both pools to their minimum after', { timeout: 240_000 }, async () => {
    await cluster.scale({ cpu: 0, gpu: 0 });
    await vi.waitFor(() => expect(scheduler.workers()).toEqual([]), waitOptions);
    const decisions: AdaptDecision[] = [];
    cluster.on('adapt', (decision: AdaptDecision) => decisions.push(decision));
    const tasks = client.module<DeviceTasks>(tasksUrl);
    const gpuWork = Array.from({ length: 6 }, () => client.submitWith({ resources: { gpus: 1 } }, tasks.reportDevices, 4000));
    const adaptStart = Date.now();
    const adaptive = cluster.adapt({ interval: 1, waitCount: 2, targetDuration: 1, pools: { cpu: { minimum: 0, maximum: 3 }, gpu: { minimum: 0, maximum: 3 } } })!;
    const results = await client.gather(gpuWork);
    expect(results.map((result) => result.devices)).toEqual(Array(6).fill('7'));
    expect(cluster.targetJobs('cpu')).toBe(0);
    expect(Math.max(...decisions.filter((decision) => decision.pool === 'gpu').map((decision) => decision.desiredJobs))).toBeGreaterThanOrEqual(2);
    expect(decisions.filter((decision) => decision.pool === 'cpu').every((decision) => decision.desiredJobs === 0)).toBe(true);
    expect(cluster.jobs().filter((job) => job.pool === 'cpu' && job.submittedAt >= adaptStart)).toEqual([]);
    expect(cluster.jobs().filter((job) => job.pool === 'gpu' && job.submittedAt >= adaptStart).length).toBeGreaterThanOrEqual(2);
    await vi.waitFor(() => expect(cluster.targetJobs('gpu')).toBe(0), waitOptions);
    adaptive.stop();
  });
});
