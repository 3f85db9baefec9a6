import type { WorkerInfo } from '@jq/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelledError, EngineScheduler } from '../src/index.js';
import { encodeFrame } from '../src/protocol/protocol-codec.js';
import { FakeWorker, rawSocket, socketClosed } from './helpers/fake-worker.js';

let scheduler: EngineScheduler;
const secretOf = (): string => scheduler.workerEnvironment().JQ_ENGINE_SECRET as string;

beforeEach(async () => {
  scheduler = new EngineScheduler({ httpPort: false, handshakeTimeout: 0.5, maxFrameBytes: 4096, prefetch: 0 });
  await scheduler.start();
});
afterEach(async () => scheduler.close());

describe('scheduler ↔ worker message flow', () => {
  it('carries every message type between a registered worker and the scheduler', async () => {
    const added = vi.fn<(worker: WorkerInfo) => void>();
    const removed = vi.fn<(worker: WorkerInfo, reason: string) => void>();
    scheduler.on('worker-added', added);
    scheduler.on('worker-removed', removed);
    const worker = await FakeWorker.connect(scheduler.address);
    expect(await worker.handshake(secretOf(), 'job-0-0', 2)).toEqual({ type: 'welcome', heartbeatInterval: 1, maxFrameBytes: 4096 });
    expect(added).toHaveBeenCalledWith(expect.objectContaining({ name: 'job-0-0', jobKey: 'job-0', threads: 2, status: 'running' }));

    const settled: unknown[] = [];
    const settle = (settlement: unknown): void => void settled.push(settlement);
    const [first, second, third] = scheduler.submitTasks([
      { spec: { kind: 'function', source: '(x) => x', args: [1] }, settle },
      { spec: { kind: 'module', module: 'file:///m.js', export: 'f', args: [] }, settle },
      { spec: { kind: 'function', source: '() => 3', args: [] }, settle },
    ]);
    // Two threads and no prefetch: the third task waits for a free slot.
    const run = await worker.next();
    expect(run).toMatchObject({ type: 'run', tasks: [{ taskId: first, kind: 'function', args: [1] }, { taskId: second, kind: 'module', export: 'f' }] });

    worker.connection.send({ type: 'heartbeat', rss: 1000, cpu: 5, running: 2, paused: true });
    worker.connection.send({ type: 'release', taskIds: [second as string] });
    worker.connection.send({ type: 'results', results: [{ taskId: first as string, ok: true, value: new Uint8Array([7]), duration: 2.5 }] });
    await vi.waitFor(() => expect(settled).toEqual([{ ok: true, value: new Uint8Array([7]) }]));
    // The worker's own measure, not the round trip, feeds the duration estimate.
    expect(scheduler.durations.seconds).toBe(2.5);
    expect(scheduler.workers()[0]?.status).toBe('paused');

    // Unpaused, the worker gets the released task back (ahead of the newer one) and the third.
    worker.connection.send({ type: 'heartbeat', rss: 1000, cpu: 5, running: 0, paused: false });
    expect(await worker.next()).toMatchObject({ type: 'run', tasks: [{ taskId: second }, { taskId: third }] });

    scheduler.cancelTasks([third as string], new CancelledError());
    expect(await worker.next()).toEqual({ type: 'cancel', taskIds: [third] });
    worker.connection.send({ type: 'results', results: [{ taskId: second as string, ok: false, error: { name: 'TypeError', message: 'nope', stack: 'TypeError: nope\n    at remote' } }] });
    worker.connection.send({ type: 'results', results: [{ taskId: third as string, ok: true, value: 'too late' }] });
    await vi.waitFor(() => expect(settled).toHaveLength(3));
    expect(settled[1]).toMatchObject({ ok: false, error: { name: 'CancelledError', code: 'JQ_CANCELLED' } });
    expect(settled[2]).toMatchObject({ ok: false, error: { code: 'JQ_TASK_FAILED', remoteName: 'TypeError', remoteStack: 'TypeError: nope\n    at remote' } });

    const retiring = scheduler.retireWorkers(['job-0-0']);
    expect(await worker.next()).toEqual({ type: 'retire' });
    worker.connection.end({ type: 'close', reason: 'retired' });
    await retiring;
    expect(removed).toHaveBeenCalledWith(expect.objectContaining({ name: 'job-0-0' }), 'retired');
    expect(scheduler.metrics()).toMatchObject({ tasksCompleted: 1, tasksFailed: 1, tasksRequeued: 1 });
  });

  it('pings registered workers: one that answers stays, one that goes quiet is dropped after workerTimeout', async () => {
    const pinging = new EngineScheduler({ httpPort: false, secret: 'ping-secret', heartbeatInterval: 0.05, workerTimeout: 0.5 });
    await pinging.start();
    try {
      const lively = await FakeWorker.connect(pinging.address);
      await lively.handshake('ping-secret', 'lively-0');
      const quiet = await FakeWorker.connect(pinging.address);
      quiet.answerPings = false;
      await quiet.handshake('ping-secret', 'quiet-0');
      await socketClosed(quiet.connection.socket);
      expect(quiet.pings).toBeGreaterThanOrEqual(3);
      expect(lively.pings).toBeGreaterThanOrEqual(3);
      await vi.waitFor(() => expect(pinging.workers().map((worker) => worker.name)).toEqual(['lively-0']));
      expect(pinging.metrics()).toMatchObject({ heartbeatTimeouts: 1, refusedFrames: { unexpected: 0, malformed: 0, unknown: 0 } });
    } finally {
      await pinging.close();
    }
  });

  it('tells connected workers it is closing', async () => {
    const worker = await FakeWorker.connect(scheduler.address);
    await worker.handshake(secretOf(), 'job-1-0');
    await scheduler.close();
    expect(await worker.next()).toEqual({ type: 'close', reason: 'scheduler-closing' });
  });
});

describe('refused connections never take the scheduler down', () => {
  it('rejects a worker with the wrong secret', async () => {
    const worker = await FakeWorker.connect(scheduler.address);
    await expect(worker.handshake('not-the-secret', 'intruder-0')).resolves.toEqual({ type: 'close', reason: 'auth-failed' });
    await socketClosed(worker.connection.socket);
    expect(scheduler.workers()).toEqual([]);
    expect(scheduler.metrics().unauthenticated).toBe(1);
  });

  it('closes connections that send garbage, oversized, unknown, out-of-order or half-written frames', async () => {
    const garbage = await rawSocket(scheduler.address);
    garbage.write(Buffer.from([0, 0, 0, 3, 0xc1, 0xc1, 0xc1])); // 0xc1 is never valid msgpack
    const oversized = await rawSocket(scheduler.address);
    oversized.write(Buffer.from([0x7f, 0xff, 0xff, 0xff]));
    const unknown = await rawSocket(scheduler.address);
    unknown.write(encodeFrame({ type: 'steal', taskIds: [] }));
    const early = await rawSocket(scheduler.address);
    early.write(encodeFrame({ type: 'results', results: [] }));
    const halfWritten = await rawSocket(scheduler.address);
    halfWritten.write(encodeFrame({ type: 'auth', response: new Uint8Array(32) }).subarray(0, 10));
    await Promise.all([garbage, oversized, unknown, early, halfWritten].map((socket) => socketClosed(socket)));

    expect(scheduler.metrics()).toMatchObject({
      refusedFrames: { malformed: 1, oversized: 1, unknown: 1 },
      unauthenticated: 1, // the early `results` frame failed the challenge
      handshakeTimeouts: 1, // the half-written frame never completed
    });
    // A real worker is still served afterwards.
    const worker = await FakeWorker.connect(scheduler.address);
    expect(await worker.handshake(secretOf(), 'job-2-0')).toMatchObject({ type: 'welcome' });
  });

  it('closes an authenticated worker whose frame exceeds the limit, and re-queues its task', async () => {
    const worker = await FakeWorker.connect(scheduler.address);
    await worker.handshake(secretOf(), 'job-3-0');
    const settle = vi.fn();
    const [taskId] = scheduler.submitTasks([{ spec: { kind: 'function', source: '() => 1', args: [] }, settle }]);
    await worker.next();
    worker.connection.send({ type: 'results', results: [{ taskId: taskId as string, ok: true, value: new Uint8Array(8192) }] });
    await socketClosed(worker.connection.socket);
    expect(scheduler.metrics().refusedFrames.oversized).toBe(1);
    expect(settle).not.toHaveBeenCalled();
    const replacement = await FakeWorker.connect(scheduler.address);
    await replacement.handshake(secretOf(), 'job-3-0');
    expect(await replacement.next()).toMatchObject({ type: 'run', tasks: [{ taskId }] });
  });

  it('refuses a second worker with a name already connected', async () => {
    const first = await FakeWorker.connect(scheduler.address);
    await first.handshake(secretOf(), 'twin-0');
    const second = await FakeWorker.connect(scheduler.address);
    expect(await second.handshake(secretOf(), 'twin-0')).toEqual({ type: 'close', reason: 'duplicate-name' });
    expect(scheduler.workers().map((worker) => worker.name)).toEqual(['twin-0']);
  });
});
