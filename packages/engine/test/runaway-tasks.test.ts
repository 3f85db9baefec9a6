// Issue 20: runaway tasks on a 2-worker local cluster (1 process × 1 thread) with real
// jq-worker processes, one case after the other, each bounded; afterwards the same cluster
// still maps 1,000 tasks in under 10 s. The jobs had 300 MB for a built worker
// (about 55 MB with its thread); from source a worker also carries tsx in its process and
// its thread (about 165 MB), so the jobs here get 420 MB: the same room for the tasks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JobQueueCluster, JobQueueError } from '@jq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Imported from source by path: @jq/local depends on @jq/engine for its own tests, and a
// package dependency back would make a cycle in the workspace graph.
import { localBackend } from '../../local/src/index.js';
import { Client, EngineScheduler, TaskCrashError } from '../src/index.js';

const tasksUrl = new URL('./fixtures/runaway-tasks.ts', import.meta.url);
type RunawayTasks = typeof import('./fixtures/runaway-tasks.js');
const megabyte = 1_000_000;

let directory: string;
let scheduler: EngineScheduler;
let cluster: JobQueueCluster<typeof localBackend, EngineScheduler>;
let client: Client;
const removed: Array<[string, string]> = [];

/** Resolves or rejects within `seconds`, else fails the test with what it was waiting for. */
async function within<T>(seconds: number, what: string, promise: PromiseLike<T>): Promise<{ value?: T; error?: unknown; elapsed: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer after ${seconds} s`)), seconds * 1000)));
  try {
    const value = await Promise.race([promise, deadline]);
    return { value, elapsed: (performance.now() - started) / 1000 };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${what}: no answer`)) throw error;
    return { error, elapsed: (performance.now() - started) / 1000 };
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'jq-runaway-'));
  scheduler = new EngineScheduler({ httpPort: false, maxFrameBytes: 80 * 2 ** 20 });
  scheduler.on('worker-removed', (worker, reason) => void removed.push([worker.name, reason]));
  cluster = new JobQueueCluster({
    backend: localBackend,
    scheduler,
    handleExit: false,
    options: { name: 'runaway', cores: 1, processes: 1, memory: '420MB', deathTimeout: 30, scriptDirectory: join(directory, 'scripts'), logDirectory: directory },
  });
  client = new Client(scheduler);
  await cluster.scale(2);
  await client.waitForWorkers(2, { timeout: 90 });
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  rmSync(directory, { recursive: true, force: true });
}, 60_000);

describe('runaway tasks on a 2-worker local cluster, one after the other', () => {
  it('a task that throws a non-Error gets a message naming what was thrown', async () => {
    const thrown = await within(20, 'throw 42', client.submit(() => { throw 42; }));
    expect(JobQueueError.hasCode(thrown.error, 'JQ_TASK_FAILED')).toBe(true);
    expect((thrown.error as Error).message).toMatch(/the task threw a number, not an Error: 42/);
    const object = await within(20, 'throw {}', client.submit(() => { throw { code: 7 }; }));
    expect((object.error as Error).message).toMatch(/threw an object \(Object\), not an Error: \{ code: 7 \}/);
  });

  it('a task that returns a function fails with a message naming the type and where it is', async () => {
    const returned = await within(20, 'return a function', client.submit(() => ({ total: 1, format: (x: number) => String(x) })));
    expect(JobQueueError.hasCode(returned.error, 'JQ_TASK_FAILED')).toBe(true);
    expect((returned.error as Error).message).toMatch(/result cannot be sent back: result\.format is a function \(format\)/);
  });

  it('a task that allocates without end is stopped by the memory limit, retried on the other worker, then fails naming memory', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const hog = await within(90, 'memory hog', tasks.hogMemory());
    expect(hog.error).toBeInstanceOf(TaskCrashError);
    const error = hog.error as TaskCrashError;
    expect(error.code).toBe('JQ_OUT_OF_MEMORY');
    expect(error.crashes).toHaveLength(3);
    expect(new Set(error.crashes.map((crash) => crash.worker)).size).toBe(2);
    for (const crash of error.crashes) expect(crash).toMatchObject({ cause: 'memory', detail: expect.stringMatching(/^RSS \d+ MB with a limit of 420 MB$/) });
    expect(error.message).toMatch(/ran out of memory on 3 workers, the crash limit \(crashLimit 3\)/);
    // The hog took threads, never workers: both are still registered, and its memory went back to
    // the system, so neither stays paused (one that did would exit after 10 s of that).
    await expect(within(20, 'after the hog', client.submit((x: number) => x + 1, 1))).resolves.toMatchObject({ value: 2 });
    await expect.poll(() => scheduler.workers().map((worker) => worker.status), { timeout: 8_000, interval: 100 }).toEqual(['running', 'running']);
  });

  it('a task that fills its JS heap ends its thread, not its worker, and fails naming memory', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const hog = await within(90, 'heap hog', tasks.hogHeap());
    expect(JobQueueError.hasCode(hog.error, 'JQ_OUT_OF_MEMORY')).toBe(true);
    expect(scheduler.workers()).toHaveLength(2);
  });

  it('a 64 MB result travels; one over the frame limit fails with its size and the option, and the worker stays', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const big = await within(60, '64 MB result', tasks.bigString(64));
    expect(big.error).toBeUndefined();
    expect(big.value).toHaveLength(64 * megabyte);
    const removedBefore = removed.length;
    const tooBig = await within(60, '100 MB result', tasks.bigString(100));
    expect(JobQueueError.hasCode(tooBig.error, 'JQ_TOO_LARGE')).toBe(true);
    expect((tooBig.error as Error).message).toMatch(/too large: 100\.0 MB > limit 83\.9 MB \(raise the scheduler option maxFrameBytes/);
    expect(removed.slice(removedBefore)).toEqual([]);
    expect(scheduler.metrics().refusedFrames.oversized).toBe(0);
  });

  it('cancelling a task stuck in an endless loop rejects at once; its thread is replaced and the worker takes the next task within a second', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const controller = new AbortController();
    const stuck = client.submitWith({ signal: controller.signal }, tasks.spin);
    // Wait until it runs on a worker.
    await expect.poll(() => scheduler.workers().reduce((sum, worker) => sum + worker.runningTasks, 0), { timeout: 20_000 }).toBe(1);
    const aborted = performance.now();
    controller.abort(new Error('user gave up'));
    const cancelled = await within(5, 'cancel', stuck);
    expect(JobQueueError.hasCode(cancelled.error, 'JQ_CANCELLED')).toBe(true);
    expect(cancelled.elapsed).toBeLessThan(0.5);
    // Both workers free again, and each answers a new task quickly.
    await expect.poll(() => scheduler.workers().every((worker) => worker.runningTasks === 0), { timeout: 5_000, interval: 20 }).toBe(true);
    const next = await within(5, 'next task', client.gather([client.submit(() => 'a'), client.submit(() => 'b')]));
    expect(next.value).toEqual(['a', 'b']);
    expect((performance.now() - aborted) / 1000).toBeLessThan(5);
    expect(scheduler.workers()).toHaveLength(2);
  });

  it('a task past its timeout has its thread stopped and fails with JQ_TIMEOUT, or is retried when asked', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const timedOut = await within(30, 'timeout', client.submitWith({ timeout: 1 }, tasks.spin));
    expect(JobQueueError.hasCode(timedOut.error, 'JQ_TIMEOUT')).toBe(true);
    expect((timedOut.error as Error).message).toMatch(/ran longer than its timeout of 1 s on runaway-\d-0; its thread was stopped/);
    const retried = await within(60, 'timeout with retries', client.submitWith({ timeout: 0.5, retryOnTimeout: true }, tasks.spin));
    expect(retried.error).toBeInstanceOf(TaskCrashError);
    expect((retried.error as TaskCrashError).crashes.map((crash) => crash.cause)).toEqual(['timeout', 'timeout', 'timeout']);
    // A task within its timeout is not touched.
    await expect(within(30, 'within timeout', client.submitWith({ timeout: 20 }, tasks.blockFor, 200))).resolves.toMatchObject({ value: 200 });
  });

  it('a thread blocked by a long synchronous task does not make its worker look dead', async () => {
    const tasks = client.module<RunawayTasks>(tasksUrl);
    const removedBefore = removed.length;
    // Longer than three heartbeat intervals: a worker whose event loop ran tasks would miss them.
    const blocked = await within(60, 'blocked thread', tasks.blockFor(4_000));
    expect(blocked.value).toBe(4_000);
    expect(removed.slice(removedBefore)).toEqual([]);
    expect(scheduler.metrics().heartbeatTimeouts).toBe(0);
  });

  it('a task whose run kills its worker process fails after the crash limit with each worker and cause; the cluster replaces the workers', async () => {
    const killer = await within(120, 'worker killer', client.submit(() => process.kill(process.pid, 'SIGKILL')));
    expect(killer.error).toBeInstanceOf(TaskCrashError);
    const error = killer.error as TaskCrashError;
    expect(error.code).toBe('JQ_WORKER_LOST');
    expect(error.crashes.map((crash) => crash.cause)).toEqual(['lost', 'lost', 'lost']);
    expect(error.message).toMatch(/crashed 3 workers, the crash limit \(crashLimit 3\): runaway-\d-0 \(lost: its connection closed\)/);
    await client.waitForWorkers(2, { timeout: 90 });
  });

  it('after all of the above, the same cluster maps 1,000 tasks in under 10 s', async () => {
    await client.waitForWorkers(2, { timeout: 90 });
    const started = performance.now();
    const results = await within(10, '1,000-task map', client.gather(client.map((x: number) => x * 2, Array.from({ length: 1000 }, (_, index) => index))));
    expect(results.value).toEqual(Array.from({ length: 1000 }, (_, index) => index * 2));
    expect((performance.now() - started) / 1000).toBeLessThan(10);
  });
});
