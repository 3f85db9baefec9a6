import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdaptDecision, JobInfo } from '@jq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalCluster, eventually } from './support/local-cluster.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function setup(settings: Parameters<typeof createLocalCluster>[0] = {}) {
  const context = createLocalCluster(settings);
  cleanups.push(context.cleanup);
  const decisions: AdaptDecision[] = [];
  context.cluster.on('adapt', (decision) => decisions.push(decision));
  const live = () => context.cluster.jobs().filter((job) => !['cancelled', 'failed', 'completed', 'lost'].includes(job.state) && !job.releasing);
  const connectAll = () => {
    const connected = new Set(context.scheduler.workers().map((worker) => worker.jobKey));
    for (const job of live()) {
      if (connected.has(job.key)) continue;
      for (let process = 0; process < context.cluster.options.processes; process += 1) context.scheduler.connect(job.key, process);
    }
  };
  return { ...context, decisions, live, connectAll };
}

describe('cluster.adapt() on @jq/local with a scripted target', () => {
  it('follows a burst 0 → maximum → 0, scaling down only after waitCount lower targets', async () => {
    const { cluster, scheduler, clock, decisions, live, connectAll } = setup();
    const adapt = cluster.adapt({ minimum: 0, maximum: 4, waitCount: 3 })!;
    scheduler.target = 10;
    expect((await adapt.tick())[0]?.action).toBe('scale-up');
    expect(live()).toHaveLength(4);
    connectAll();
    scheduler.target = 0;
    expect((await adapt.tick())[0]?.action).toBe('wait');
    expect((await adapt.tick())[0]?.action).toBe('wait');
    expect(live()).toHaveLength(4);
    expect((await adapt.tick())[0]).toMatchObject({ action: 'scale-down', desiredJobs: 0, current: 4 });
    expect(scheduler.retired).toHaveLength(4);
    await eventually(async () => {
      await cluster.poll();
      expect(cluster.jobs().map((job) => job.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    });
    expect(decisions[0]).toMatchObject({ target: 4, desiredJobs: 4, current: 0, queued: 0 });
    expect(decisions[0]?.reason).toMatch(/submitting 4/);

    scheduler.target = 2;
    await clock.advance(1000);
    await eventually(() => expect(live()).toHaveLength(2));
  });

  it('does not flap under a steady load that wobbles', async () => {
    const { cluster, scheduler, runner, connectAll } = setup();
    const adapt = cluster.adapt({ maximum: 10, waitCount: 3 })!;
    for (const target of [3, 2, 3, 2, 2, 3, 2, 2, 3]) {
      scheduler.target = target;
      await adapt.tick();
      connectAll();
    }
    expect(runner.callsWith('submit')).toHaveLength(3);
    expect(runner.callsWith('cancel')).toHaveLength(0);
  });

  it('replaces a job that fails while the target still wants it', async () => {
    const watch = ['sh', '-c', 'while [ ! -e "$STOP_DIRECTORY/$JQ_JOB_KEY" ]; do sleep 0.05; done; exit 7'];
    const { cluster, scheduler, directory, live } = setup({ command: watch, options: { env: { STOP_DIRECTORY: '$JQ_STOP' } } });
    process.env.JQ_STOP = directory;
    const adapt = cluster.adapt({ maximum: 2 })!;
    scheduler.target = 2;
    await adapt.tick();
    writeFileSync(join(directory, 'test-0'), '');
    await eventually(async () => {
      await cluster.poll();
      expect(cluster.jobs()[0]).toMatchObject({ state: 'failed', exitCode: 7 });
    });
    await eventually(async () => {
      await adapt.tick();
      expect(live().map((job) => job.key)).toEqual(['test-1', 'test-2']);
    });
  });

  it('counts queued jobs as capacity: no extra submissions while they wait, one pending-timeout event each', async () => {
    const { cluster, scheduler, runner, clock } = setup({ options: { slots: 2 } });
    const pending: JobInfo[] = [];
    cluster.on('job-pending-timeout', (job) => pending.push(job));
    const adapt = cluster.adapt({ maximum: 5, pendingTimeout: 30 })!;
    scheduler.target = 5;
    await adapt.tick();
    await cluster.poll();
    expect(cluster.jobs().map((job) => job.state).sort()).toEqual(['queued', 'queued', 'queued', 'running', 'running']);
    for (let tick = 0; tick < 5; tick += 1) await adapt.tick();
    expect(runner.callsWith('submit')).toHaveLength(5);
    await clock.advance(30_000);
    await adapt.tick();
    await adapt.tick();
    expect(pending.map((job) => job.key).sort()).toEqual(['test-2', 'test-3', 'test-4']);
    expect(pending[0]?.reason).toBe('all 2 slots busy');
  });

  it('retires whole jobs with processes: 4 and never loops', async () => {
    const { cluster, scheduler, runner, connectAll } = setup({ options: { cores: 4, processes: 4 } });
    const adapt = cluster.adapt({ maximum: 16, waitCount: 2 })!;
    scheduler.target = 5;
    await adapt.tick();
    connectAll();
    expect(scheduler.workers()).toHaveLength(8);
    for (let tick = 0; tick < 4; tick += 1) expect((await adapt.tick())[0]?.action).toBe('hold');
    scheduler.target = 3;
    await adapt.tick();
    await adapt.tick();
    expect(scheduler.retired.sort()).toEqual(['test-1-0', 'test-1-1', 'test-1-2', 'test-1-3']);
    for (let tick = 0; tick < 4; tick += 1) expect((await adapt.tick())[0]?.action).toBe('hold');
    expect(runner.callsWith('submit')).toHaveLength(2);
    expect(runner.callsWith('cancel')).toHaveLength(1);
  });

  it('takes bounds in cores and memory', async () => {
    const { cluster, scheduler, live } = setup({ options: { cores: 2, processes: 1, memory: '4GB' } });
    const adapt = cluster.adapt({ minimumCores: 3, maximumMemory: '10GB' })!;
    scheduler.target = 0;
    expect((await adapt.tick())[0]).toMatchObject({ desiredJobs: 2, action: 'scale-up' });
    scheduler.target = 100;
    expect((await adapt.tick())[0]).toMatchObject({ desiredJobs: 2, action: 'hold' });
    expect(live()).toHaveLength(2);
    expect(() => cluster.adapt({ minimumJobs: 3, maximumCores: 4 })).toThrow(/needs 3 job\(s\) but the maximum allows 2/);
  });

  it('respects maxQueuedJobs', async () => {
    const { cluster, scheduler } = setup({ options: { slots: 1 } });
    const adapt = cluster.adapt({ maximum: 10, maxQueuedJobs: 2 })!;
    scheduler.target = 10;
    for (let round = 0; round < 4; round += 1) {
      await adapt.tick();
      await cluster.poll();
      expect(cluster.jobs().filter((job) => job.state === 'queued').length).toBeLessThanOrEqual(2);
    }
    expect(cluster.jobs().map((job) => job.state).sort()).toEqual(['queued', 'queued', 'running']);
  });
});
