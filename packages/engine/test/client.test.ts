import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueError, TaskError } from '@jq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, type Client, type ClientProgress, type Future } from '../src/index.js';
import { EngineHarness } from './helpers/engine-harness.js';

const tasksUrl = new URL('./fixtures/tasks.ts', import.meta.url);
let harness: EngineHarness;
let client: Client;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'jq-engine-test-'));
  harness = await new EngineHarness().start();
  client = harness.client;
  await harness.startWorkers(2, { localDirectory: join(scratch, 'local') });
});
afterAll(async () => {
  await harness.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('Client on two real workers', () => {
  it('runs a self-contained function and names workers after their job', async () => {
    await expect(client.submit((x: number) => x * 2, 21)).resolves.toBe(42);
    expect(harness.scheduler.workers().map((worker) => worker.name).sort()).toEqual(['job-0-0', 'job-1-0']);
  });

  it('gives tasks the local directory as their temporary directory, and not the cluster secret', async () => {
    await expect(client.submit(() => process.env.TMPDIR)).resolves.toBe(join(scratch, 'local'));
    await expect(client.submit(() => process.env.JQ_ENGINE_SECRET)).resolves.toBeUndefined();
  });

  it('runs typed module tasks with typed arrays and Buffers both ways', async () => {
    const tasks = client.module<typeof import('./fixtures/tasks.js')>(tasksUrl);
    const result = await tasks.doubleAll(new Float64Array([1, 2, 3]));
    expect(result.sum).toBe(6);
    expect(result.doubled).toEqual(new Float64Array([2, 4, 6]));
    expect(result.bytes).toBeInstanceOf(Uint8Array);
    expect(result.bytes.byteLength).toBe(24);
    await expect(client.submit((bytes: Uint8Array) => bytes.length + bytes[1]!, Buffer.from([1, 2, 3]))).resolves.toBe(5);
    // Type-level checks only (never called): wrong argument types and non-function exports do not compile.
    const typeChecks = (): void => {
      // @ts-expect-error doubleAll takes a Float64Array
      void tasks.doubleAll('not numbers');
      // @ts-expect-error notAFunction is not a task
      void tasks.notAFunction;
    };
    expect(typeChecks).toBeTypeOf('function');
  });

  it('rejects with a TaskError carrying the remote stack', async () => {
    const tasks = client.module<typeof import('./fixtures/tasks.js')>(tasksUrl);
    const error = await tasks.explode('boom').then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'JQ_TASK_FAILED', remoteName: 'RangeError' });
    expect((error as TaskError).message).toContain('RangeError: boom');
    expect((error as TaskError).remoteStack).toContain('fixtures/tasks.ts');
    const untyped = tasks as unknown as Record<string, () => unknown>;
    await expect(client.submit(untyped.notAFunction!)).rejects.toThrow(/no exported function "notAFunction"/);
  });

  it('explains when a function uses something it cannot see on the worker', async () => {
    const factor = 3;
    await expect(client.submit((x: number) => x * factor, 2)).rejects.toThrow(/factor is not defined.*without its surrounding scope/);
    expect(() => client.submit(Math.max, 1, 2)).toThrow(/cannot send this function.*native/);
    const methods = { double(x: number) { return x * 2; } };
    expect(() => client.submit(methods.double, 1)).toThrow(/object methods cannot be sent/);
  });

  it('waits for futures given as arguments, and passes their errors on', async () => {
    const first = client.submit((x: number) => x + 1, 1);
    const second = client.submit((x: number, y: number) => x * y, first, 10);
    await expect(second).resolves.toBe(20);
    const failing = client.submit((): number => { throw new Error('upstream'); });
    await expect(client.submit((x: number) => x, failing)).rejects.toThrow(/upstream/);
  });

  it('cancels a task and aborts a map through an AbortSignal', async () => {
    const tasks = client.module<typeof import('./fixtures/tasks.js')>(tasksUrl);
    const running = tasks.slowIdentity('never', 1_000);
    client.cancel(running);
    const cancelled = await running.then(() => undefined, (reason: unknown) => reason);
    expect(cancelled).toBeInstanceOf(CancelledError);
    expect(cancelled).toMatchObject({ name: 'CancelledError', code: 'JQ_CANCELLED', message: '[jq/engine] the task was cancelled' });
    expect(running.status).toBe('cancelled');
    const controller = new AbortController();
    const futures = client.map((x: number) => x, [1, 2, 3], { signal: controller.signal });
    const reason = new Error('user gave up');
    controller.abort(reason);
    const aborted = await client.gather(futures).then(() => undefined, (error: unknown) => error);
    expect(JobQueueError.hasCode(aborted, 'JQ_CANCELLED')).toBe(true);
    expect(aborted).toMatchObject({ message: '[jq/engine] the task was cancelled: user gave up', cause: reason });
    expect(futures.map((future) => future.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // The workers are still fine afterwards.
    await expect(client.submit(() => 'alive')).resolves.toBe('alive');
  });

  it('yields futures as they complete, errors included', async () => {
    const quick = client.submit(() => 'quick');
    await quick;
    const tasks = client.module<typeof import('./fixtures/tasks.js')>(tasksUrl);
    const slow = tasks.slowIdentity('slow', 100);
    const failed = tasks.explode('bad');
    const order: string[] = [];
    const futures: Future<unknown>[] = [slow, quick, failed];
    for await (const completed of client.asCompleted(futures)) {
      order.push(completed.ok ? String(completed.value) : 'error');
      expect(futures).toContain(completed.future);
    }
    expect(order[0]).toBe('quick');
    expect(order.sort()).toEqual(['error', 'quick', 'slow']);
  });

  it('reports progress and times out waiting for workers that do not come', async () => {
    const events: ClientProgress[] = [];
    const listener = (progress: ClientProgress): void => void events.push(progress);
    client.on('progress', listener);
    const before = events.length;
    await client.gather(client.map((x: number) => x, [1, 2, 3, 4]));
    client.off('progress', listener);
    expect(events.length - before).toBe(4);
    expect(events.at(-1)!.completed - events[0]!.completed).toBe(3);
    await expect(client.waitForWorkers(2, { timeout: 1 })).resolves.toBeUndefined();
    const waited = await client.waitForWorkers(3, { timeout: 0.1 }).catch((error: unknown) => error);
    expect(JobQueueError.hasCode(waited, 'JQ_TIMEOUT')).toBe(true);
  });

  it('maps 10,000 tasks correctly on 2 workers', async () => {
    const inputs = Array.from({ length: 10_000 }, (_, index) => index);
    const results = await client.gather(client.map((x: number) => x * x, inputs));
    expect(results).toEqual(inputs.map((x) => x * x));
  });
});
