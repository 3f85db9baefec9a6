// The scheduler's placement of tasks with a demand, against protocol-level fake workers
// that report their GPUs and lifetime left: what each worker is sent, frame by frame.
import type { RunMessage, SchedulerMessage } from '@jq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineScheduler, type TaskSubmission } from '../src/index.js';
import { FakeWorker } from './helpers/fake-worker.js';

const schedulers: EngineScheduler[] = [];
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.close();
});

async function started(): Promise<{ scheduler: EngineScheduler; secret: string }> {
  const scheduler = new EngineScheduler({ httpPort: false, prefetch: 4 });
  schedulers.push(scheduler);
  scheduler.setPools([{ name: 'default', processes: 1, threads: 1, memoryLimit: 0, gpus: 1, lifetime: 3600 }]);
  await scheduler.start();
  return { scheduler, secret: scheduler.workerEnvironment().JQ_ENGINE_SECRET! };
}

const task = (value: number, demand: Partial<TaskSubmission> = {}): TaskSubmission => ({ spec: { kind: 'function', source: '(value) => value', args: [value] }, settle: () => undefined, ...demand });
const runArguments = (message: SchedulerMessage): unknown[] => (message as RunMessage).tasks.map((spec) => spec.args[0]);

/** Waits briefly for a message; `undefined` when none came (the scheduler sent nothing). */
async function maybeNext(worker: FakeWorker, milliseconds: number): Promise<SchedulerMessage | undefined> {
  return worker.next(milliseconds).catch(() => undefined);
}

describe('placement by demand in the running scheduler', () => {
  it('a task whose time request exceeds a worker\'s lifetime left waits for a worker that has enough', async () => {
    const { scheduler, secret } = await started();
    const shortLived = await FakeWorker.connect(scheduler.address);
    expect((await shortLived.handshake(secret, 'short-0', 1, { pool: 'default', gpus: 1, lifetimeLeft: 60 })).type).toBe('welcome');
    scheduler.submitTasks([task(1, { timeRequest: 120 })]);
    expect(await maybeNext(shortLived, 500)).toBeUndefined();
    // The worker query asks for a fresh worker beside the short-lived one.
    expect(await scheduler.workerQuery({ targetDuration: 5 })).toEqual({ default: 2 });
    const fresh = await FakeWorker.connect(scheduler.address);
    await fresh.handshake(secret, 'fresh-0', 1, { pool: 'default', gpus: 1, lifetimeLeft: 3000 });
    expect(runArguments(await fresh.next())).toEqual([1]);
    // Placed: only the busy fresh worker is wanted now, so the idle short-lived one may go.
    expect(await scheduler.workerQuery({ targetDuration: 5 })).toEqual({ default: 1 });
    // A plain task still goes to the short-lived worker.
    scheduler.submitTasks([task(2)]);
    expect(runArguments(await shortLived.next())).toEqual([2]);
  });

  it('a GPU task goes first; plain tasks fill only the cores it leaves, and a worker it waits for drains for it', async () => {
    const { scheduler, secret } = await started();
    const worker = await FakeWorker.connect(scheduler.address);
    await worker.handshake(secret, 'gpu-0', 1, { pool: 'default', gpus: 1 });
    scheduler.submitTasks([task(0), task(1), task(2)]);
    const first = (await worker.next()) as RunMessage;
    expect(runArguments(first)).toEqual([0, 1, 2]);
    // The GPU task needs the one core the plain tasks hold: nothing more comes until they are answered.
    scheduler.submitTasks([task(100, { resources: { gpus: 1 } }), task(3)]);
    expect(await maybeNext(worker, 500)).toBeUndefined();
    worker.connection.send({ type: 'results', results: first.tasks.map((spec) => ({ taskId: spec.taskId, ok: true as const, value: spec.args[0] })) });
    const second = (await worker.next()) as RunMessage;
    // 1 thread + 4 prefetch, less the GPU task's core: 4 slots for plain tasks, of which one is queued.
    expect(runArguments(second)).toEqual([100, 3]);
  });

  it('a request no pool fits settles at once with the refusal', async () => {
    const { scheduler } = await started();
    let settled: unknown;
    scheduler.submitTasks([{ ...task(1, { resources: { gpus: 2 } }), settle: (settlement) => (settled = settlement) }]);
    expect(settled).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no pool can ever run this task: it asks for cores 1, gpus 2; the pools offer per worker default \(1 cores, 1 gpus/) } });
  });
});
