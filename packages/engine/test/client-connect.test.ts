import { createServer } from 'node:net';
import { JobQueueError, TaskError } from '@jq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, Client } from '../src/index.js';
import { EngineHarness } from './helpers/engine-harness.js';

const tasksUrl = new URL('./fixtures/tasks.ts', import.meta.url);
type Tasks = typeof import('./fixtures/tasks.js');
const harness = new EngineHarness();
let client: Client;

beforeAll(async () => {
  await harness.start();
  await harness.startWorkers(2);
  client = await Client.connect({ address: harness.scheduler.address, token: harness.scheduler.workerEnvironment().JQ_ENGINE_SECRET! });
});
afterAll(async () => {
  await client.close();
  await harness.stop();
});

describe('Client.connect: a client in another process than its scheduler', () => {
  it('sees the workers and maps 1,000 tasks over the connection', async () => {
    expect(client.scheduler.workers().map((worker) => worker.name).sort()).toEqual(['job-0-0', 'job-1-0']);
    const results = await client.gather(client.map((value: number) => value + 1, Array.from({ length: 1000 }, (_, index) => index)));
    expect(results).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
  });

  it('carries binary values and module tasks both ways, and a task error as a TaskError with its remote stack', async () => {
    const tasks = client.module<Tasks>(tasksUrl);
    const doubled = await tasks.doubleAll(new Float64Array([1, 2, 3]));
    expect(doubled.sum).toBe(6);
    expect([...doubled.doubled]).toEqual([2, 4, 6]);
    const error = await tasks.explode('boom').then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(TaskError);
    expect((error as TaskError).remoteName).toBe('RangeError');
    expect((error as TaskError).remoteStack).toMatch(/explode/);
    expect((error as TaskError).message).toMatch(/boom/);
  });

  it('cancels a running task on the scheduler', async () => {
    const tasks = client.module<Tasks>(tasksUrl);
    const future = tasks.slowIdentity('late', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.cancel(future, 'changed my mind');
    await expect(future).rejects.toBeInstanceOf(CancelledError);
    // The slot is free again: a quick task still runs on both workers.
    expect(await client.gather(client.map((value: number) => value, [1, 2, 3]))).toEqual([1, 2, 3]);
  });

  it('refuses an argument that cannot travel, before sending it', async () => {
    const future = client.submit((value: unknown) => value, Symbol('no') as unknown);
    await expect(future).rejects.toThrow(/cannot send task r\w+ to a worker: args\[0\]/);
  });

  it('rejects a wrong token, a stale address and a malformed one with clear errors', async () => {
    const address = harness.scheduler.address;
    await expect(Client.connect({ address, token: 'x'.repeat(43) })).rejects.toThrow(`[jq/engine] cannot use the scheduler at ${address}: it refused the token`);
    const free = await freePort();
    await expect(Client.connect({ address: `tcp://127.0.0.1:${free}`, token: 'x'.repeat(43) })).rejects.toThrow(/cannot use the scheduler at tcp:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    await expect(Client.connect({ address: 'http://127.0.0.1:80', token: 'x' })).rejects.toThrow('[jq/engine] address: expected tcp://host:port or tls://host:port, got "http://127.0.0.1:80"');
  });

  it('by cluster name: an unknown cluster is a clear error', async () => {
    const error = await Client.connect({ cluster: 'no-such-cluster' }).then(() => undefined, (reason: unknown) => reason);
    expect(JobQueueError.hasCode(error, 'JQ_CLUSTER_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toMatch(/no cluster named "no-such-cluster"/);
  });

  it('rejects its pending tasks when the scheduler goes away', async () => {
    const other = await new EngineHarness().start();
    const remote = await Client.connect({ address: other.scheduler.address, token: other.scheduler.workerEnvironment().JQ_ENGINE_SECRET! });
    const future = remote.submit((value: number) => value, 1);
    await other.scheduler.close();
    await expect(future).rejects.toThrow(/the scheduler closed before the task finished|was lost to the scheduler/);
    await remote.close();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
