// `connectScheduler`: the login-node manager of a `placement: 'scheduler-job'` cluster reaches
// its engine scheduler (in a batch job elsewhere) over a client connection. Adapt's questions
// and the drain of retiring workers travel as control requests; the answers must be the
// scheduler's own. Here the scheduler and its workers are real, in this process and two children.
import type { SchedulerV1, WorkerInfo } from '@jq/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectScheduler } from '../src/index.js';
import { checkPeerMessage, checkSchedulerToClient } from '../src/protocol/protocol-validators.js';
import { EngineHarness } from './helpers/engine-harness.js';

const tasksUrl = new URL('./fixtures/tasks.ts', import.meta.url);
type Tasks = typeof import('./fixtures/tasks.js');
const harness = new EngineHarness();
let connected: SchedulerV1;

beforeAll(async () => {
  await harness.start();
  await harness.startWorkers(2);
  connected = await connectScheduler(harness.scheduler.record());
});
afterAll(async () => {
  await connected.close();
  await harness.stop();
});

describe('a scheduler reached from another process (placement scheduler-job)', () => {
  it("answers adapt's questions (adaptive target, worker query per pool) as the scheduler itself does", async () => {
    connected.setPools?.([{ name: 'default', processes: 1, threads: 1, memoryLimit: 0, gpus: 0 }]);
    const tasks = harness.client.module<Tasks>(tasksUrl);
    const futures = Array.from({ length: 12 }, (_, index) => tasks.slowIdentity(index, 120_000));
    await vi.waitFor(() => expect(harness.scheduler.workers().filter((worker) => worker.runningTasks > 0)).toHaveLength(2), { timeout: 60_000, interval: 50 });
    try {
      const remoteTarget = await connected.adaptiveTarget({ targetDuration: 1 });
      expect(remoteTarget).toBe(await harness.scheduler.adaptiveTarget({ targetDuration: 1 }));
      // Ten tasks wait behind two busy workers (0.5 s each until one finishes, 1 s per thread wanted): more workers than there are.
      expect(remoteTarget).toBeGreaterThan(2);
      const remoteQuery = await connected.workerQuery!({ targetDuration: 1 });
      expect(remoteQuery).toEqual(await harness.scheduler.workerQuery({ targetDuration: 1 }));
      expect(Object.keys(remoteQuery)).toEqual(['default']);
    } finally {
      harness.client.cancel(futures, 'test over');
      await Promise.allSettled(futures);
    }
  });

  it('retires a worker by draining it: its running task finishes, then it leaves as retired', async () => {
    const removed: Array<[string, string]> = [];
    harness.scheduler.on('worker-removed', (worker: WorkerInfo, reason: string) => removed.push([worker.name, reason]));
    const tasks = harness.client.module<Tasks>(tasksUrl);
    const futures = [tasks.slowIdentity('a', 1500), tasks.slowIdentity('b', 1500)];
    await vi.waitFor(() => expect(harness.scheduler.workers().filter((worker) => worker.runningTasks > 0)).toHaveLength(2), { timeout: 60_000, interval: 20 });
    await connected.retireWorkers(['job-0-0']);
    expect(removed).toEqual([['job-0-0', 'retired']]);
    expect(await Promise.all(futures)).toEqual(['a', 'b']);
    expect(harness.scheduler.workers().map((worker) => worker.name)).toEqual(['job-1-0']);
  });

  it('rejects a control request once the connection is closed', async () => {
    const other = await connectScheduler(harness.scheduler.record());
    await other.close();
    await expect(other.adaptiveTarget()).rejects.toMatchObject({ code: 'JQ_CLUSTER_CLOSED' });
  });
});

describe('control requests on the wire', () => {
  it('accepts each request and reply shape, and refuses a malformed one with where it is wrong', () => {
    const requests = [
      { kind: 'adaptive-target' },
      { kind: 'adaptive-target', targetDuration: 1 },
      { kind: 'worker-query', targetDuration: 1 },
      { kind: 'retire-workers', names: ['job-0-0'] },
      { kind: 'set-pools', pools: [{ name: 'gpu', processes: 1, threads: 4, memoryLimit: 2 ** 30, gpus: 1, lifetime: 3600 }] },
    ];
    for (const request of requests) expect(checkPeerMessage({ type: 'control', id: 3, request })).toEqual({ message: { type: 'control', id: 3, request } });
    expect(checkPeerMessage({ type: 'control', id: -1, request: { kind: 'adaptive-target' } })).toMatchObject({ violation: 'malformed', detail: expect.stringContaining('/id') });
    expect(checkPeerMessage({ type: 'control', id: 1, request: { kind: 'shutdown' } })).toMatchObject({ violation: 'malformed' });
    expect(checkPeerMessage({ type: 'control', id: 1, request: { kind: 'retire-workers', names: 'job-0-0' } })).toMatchObject({ violation: 'malformed' });
    expect(checkPeerMessage({ type: 'control', id: 1, request: { kind: 'set-pools', pools: [{ name: 'gpu', processes: 0, threads: 1, memoryLimit: 0, gpus: 0 }] } })).toMatchObject({ violation: 'malformed' });
    expect(checkSchedulerToClient({ type: 'control-reply', id: 1, ok: true, value: 4 })).toHaveProperty('message');
    expect(checkSchedulerToClient({ type: 'control-reply', id: 1, ok: true, value: { cpu: 2, gpu: 0 } })).toHaveProperty('message');
    expect(checkSchedulerToClient({ type: 'control-reply', id: 1, ok: true })).toHaveProperty('message');
    expect(checkSchedulerToClient({ type: 'control-reply', id: 1, ok: false, error: { name: 'Error', message: 'no' } })).toHaveProperty('message');
    expect(checkSchedulerToClient({ type: 'control-reply', id: 1, ok: true, value: { cpu: 'many' } })).toMatchObject({ violation: 'malformed' });
    expect(checkSchedulerToClient({ type: 'control-reply', id: 1, ok: false })).toMatchObject({ violation: 'malformed' });
  });
});
