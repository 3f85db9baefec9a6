import type { WorkerInfo } from '@jq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskSettlement } from '../src/index.js';
import { EngineHarness, exited } from './helpers/engine-harness.js';

const tasksUrl = new URL('./fixtures/tasks.ts', import.meta.url).href;
let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Submits `count` 5 ms tasks straight to the scheduler, counting every settlement per task. */
function submitCounted(target: EngineHarness, count: number): { settlements: TaskSettlement[][]; done: () => number } {
  const settlements: TaskSettlement[][] = Array.from({ length: count }, () => []);
  target.scheduler.submitTasks(
    settlements.map((received, index) => ({
      spec: { kind: 'module' as const, module: tasksUrl, export: 'slowIdentity', args: [index, 5] },
      settle: (settlement: TaskSettlement) => void received.push(settlement),
    })),
  );
  return { settlements, done: () => settlements.filter((received) => received.length > 0).length };
}

function removals(target: EngineHarness): Array<[string, string]> {
  const seen: Array<[string, string]> = [];
  target.scheduler.on('worker-removed', (worker: WorkerInfo, reason: string) => void seen.push([worker.name, reason]));
  return seen;
}

describe('worker loss and graceful exits', { timeout: 300_000 }, () => {
  it('delivers every result exactly once when a worker is killed with SIGKILL mid-map', async () => {
    harness = await new EngineHarness().start();
    const [victim] = await harness.startWorkers(2);
    const removed = removals(harness);
    const { settlements, done } = submitCounted(harness, 400);
    await vi.waitFor(() => expect(done()).toBeGreaterThan(40), { timeout: 150_000, interval: 10 });
    victim!.kill('SIGKILL');
    await vi.waitFor(() => expect(done()).toBe(400), { timeout: 150_000, interval: 20 });
    settlements.forEach((received, index) => expect(received).toEqual([{ ok: true, value: index }]));
    expect(removed).toEqual([['job-0-0', 'lost']]);
    expect(harness.scheduler.metrics().tasksRequeued).toBeGreaterThan(0);
  });

  it('drains on SIGTERM: releases queued work, finishes running work, exits 0, loses nothing', async () => {
    harness = await new EngineHarness().start();
    const [leaving] = await harness.startWorkers(2);
    const removed = removals(harness);
    const { settlements, done } = submitCounted(harness, 300);
    await vi.waitFor(() => expect(done()).toBeGreaterThan(30), { timeout: 150_000, interval: 10 });
    leaving!.kill('SIGTERM');
    expect(await exited(leaving!)).toBe(0);
    await vi.waitFor(() => expect(done()).toBe(300), { timeout: 150_000, interval: 20 });
    settlements.forEach((received, index) => expect(received).toEqual([{ ok: true, value: index }]));
    expect(removed).toEqual([['job-0-0', 'terminated']]);
  });

  it('runs --nworkers processes named <job>-<i>, retires one on request and one at the end of its lifetime', async () => {
    harness = await new EngineHarness().start();
    const removed = removals(harness);
    const supervisor = harness.spawnWorker('multi', { processes: 2, gpus: 2 }, { CUDA_VISIBLE_DEVICES: '5,7' });
    await vi.waitFor(() => expect(harness!.scheduler.workers().map((worker) => worker.name).filter((name) => name.startsWith('multi')).sort()).toEqual(['multi-0', 'multi-1']), {
      timeout: 150_000,
      interval: 20,
    });
    expect(harness.scheduler.workers().find((worker) => worker.name === 'multi-1')).toMatchObject({ jobKey: 'multi', pool: 'default' });
    // Each process of the 2-GPU job sees its own device of the two the batch system gave the job.
    const devices = await harness.client.gather(harness.client.map(() => `${process.env.CUDA_VISIBLE_DEVICES}`, Array.from({ length: 20 }, (_, index) => index)));
    expect([...new Set(devices)].sort()).toEqual(['5', '7']);
    const shortLived = harness.spawnWorker('short', { lifetime: 2, lifetimeStagger: 0 });
    await harness.scheduler.retireWorkers(['multi-1']);
    expect(removed).toContainEqual(['multi-1', 'retired']);
    expect(await exited(shortLived)).toBe(0);
    expect(removed).toContainEqual(['short-0', 'lifetime']);
    supervisor.kill('SIGTERM');
    expect(await exited(supervisor)).toBe(0);
    expect(removed).toContainEqual(['multi-0', 'terminated']);
    expect(harness.scheduler.workers()).toEqual([]);
  });

});
