// `connectScheduler`: the login-node manager of a `placement: 'scheduler-job'` cluster reaches
// its engine scheduler (in a batch job elsewhere) over a client connection. Adapt's questions
// and the drain of retiring workers travel as control requests; the answers must be the
// scheduler's own. Here the scheduler and its workers are real, in this process and two children.
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
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

/** A TCP relay to `target` on a fixed local port, playing an SSH local forward whose master can die and come back. */
class Relay {
  readonly sockets = new Set<Socket>();
  accepted = 0;
  #server: Server | undefined;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.#server = createServer((inbound) => {
      this.accepted += 1;
      const outbound = connectTcp(this.target);
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => this.#server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
  }

  /** The master dies: the listener and every connection through it. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.#server!.close(resolve));
  }
}

describe('a scheduler reached through a forward (ssh.tunnel forward)', () => {
  it('dials the recorded clientAddress, keeps the workers its address; a lost connection is dialed again and the workers that came meanwhile are reported', { timeout: 120_000 }, async () => {
    const record = harness.scheduler.record();
    const { hostname, port } = new URL(record.address);
    const relay = new Relay({ host: hostname, port: Number(port) });
    await relay.open();
    const via = await connectScheduler({ ...record, clientAddress: `tcp://127.0.0.1:${relay.port}` });
    const added: string[] = [];
    via.on('worker-added', (worker: WorkerInfo) => added.push(worker.name));
    try {
      expect(relay.accepted).toBe(1);
      // Workers still dial the scheduler itself: the forward is this machine's way in, not theirs.
      expect(via.address).toBe(record.address);
      expect(via.workerCommand({ jobKey: 'job-9', pool: 'default', processes: 1, threads: 1, memoryLimit: 0, deathTimeout: 10, extraArgs: [] }).join(' ')).toContain(record.address);
      const before = via.workers().map((worker) => worker.name);

      await relay.cut();
      await expect(via.adaptiveTarget()).rejects.toMatchObject({ code: 'JQ_CLUSTER_CLOSED' });
      await harness.startWorkers(1);
      const now = harness.scheduler.workers().map((worker) => worker.name);
      const newcomer = now.filter((name) => !before.includes(name));
      expect(newcomer).toHaveLength(1);
      expect(added).toEqual([]);

      // The forward comes back on the same port (a new master): the next attempt gets through.
      await relay.open();
      await vi.waitFor(() => expect(added).toEqual(newcomer), { timeout: 30_000, interval: 50 });
      expect(relay.accepted).toBeGreaterThanOrEqual(2);
      expect(via.workers().map((worker) => worker.name).sort()).toEqual([...now].sort());
      expect(await via.adaptiveTarget()).toBe(await harness.scheduler.adaptiveTarget());
    } finally {
      await via.close();
      await relay.cut();
    }
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
