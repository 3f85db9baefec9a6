// The worker query the cluster's adapt loop asks per pool: which backlog each pool can
// run, and fresh workers for work that outlasts every worker a pool has (on a fake clock).
import type { PoolShape } from '@jq/core';
import { ManualClock } from '@jq/core/testing';
import { describe, expect, it } from 'vitest';
import { type PoolLoad, type TaskDemand, type WorkerLoad, workerQuery } from '../src/index.js';

const cpu: PoolShape = { name: 'cpu', processes: 1, threads: 4, memoryLimit: 8e9, gpus: 0 };
const gpu: PoolShape = { name: 'gpu', processes: 1, threads: 2, memoryLimit: 16e9, gpus: 1, lifetime: 3600 };
const demand = (fields: Partial<TaskDemand>): TaskDemand => ({ cores: 1, gpus: 0, memory: 0, ...fields });
const base: PoolLoad = { pools: [cpu, gpu], queuedPlain: 0, queuedDemands: [], workers: [], now: 0, taskSeconds: 10, targetDuration: 5 };

describe('worker query: each pool counts only the backlog it can run', () => {
  it('GPU backlog grows only the gpu pool, one worker per GPU task up to the backlog', () => {
    expect(workerQuery({ ...base, queuedDemands: Array.from({ length: 3 }, () => demand({ gpus: 1 })) })).toEqual({ cpu: 0, gpu: 3 });
  });

  it('plain backlog goes to the pool without GPUs, by its threads', () => {
    expect(workerQuery({ ...base, queuedPlain: 10 })).toEqual({ cpu: 3, gpu: 0 });
  });

  it('a CPU-only demand goes to the pool with the fewest GPUs that fits it; too long for gpu lifetimes is fine on cpu', () => {
    expect(workerQuery({ ...base, queuedDemands: [demand({ cores: 2 }), demand({ cores: 2, timeRequest: 7200 })] })).toEqual({ cpu: 1, gpu: 0 });
  });

  it('busy workers are kept; an idle pool goes to 0', () => {
    expect(workerQuery({ ...base, workers: [{ pool: 'gpu', tasks: 1 }, { pool: 'gpu', tasks: 1 }, { pool: 'cpu', tasks: 0 }] })).toEqual({ cpu: 0, gpu: 2 });
  });

  it('short tasks need fewer workers than tasks (occupancy over the target duration)', () => {
    expect(workerQuery({ ...base, queuedPlain: 40, taskSeconds: 0.5 })).toEqual({ cpu: 1, gpu: 0 });
  });
});

describe('worker query: work that outlasts every worker of its pool asks for fresh ones', () => {
  const gpuTask = (timeRequest: number) => demand({ gpus: 1, timeRequest });
  /** A gpu-pool worker retiring `seconds` from the clock's now. */
  const gpuWorker = (clock: ManualClock, seconds: number, fields: Partial<WorkerLoad> = {}): WorkerLoad => ({ pool: 'gpu', tasks: 0, retireAt: clock.now() + seconds * 1000, ...fields });

  it('while the idle worker has the time left it takes the task; once it has not, one fresh worker joins it', async () => {
    const clock = new ManualClock(0);
    const workers = [gpuWorker(clock, 600)];
    const query = () => workerQuery({ ...base, now: clock.now(), workers, queuedDemands: [gpuTask(300)] });
    expect(query()).toEqual({ cpu: 0, gpu: 1 });
    await clock.advance(300_000);
    // Exactly 300 s left: still enough.
    expect(query()).toEqual({ cpu: 0, gpu: 1 });
    await clock.advance(1000);
    // The worker there is counted (the cluster compares with its live jobs), plus one fresh.
    expect(query()).toEqual({ cpu: 0, gpu: 2 });
  });

  it('one worker of the pool with the time left is enough; when none has, every one there is kept plus fresh ones', async () => {
    const clock = new ManualClock(0);
    const workers = [gpuWorker(clock, 100), gpuWorker(clock, 1000)];
    const query = () => workerQuery({ ...base, now: clock.now(), workers, queuedDemands: [gpuTask(500)] });
    expect(query()).toEqual({ cpu: 0, gpu: 1 });
    await clock.advance(600_000);
    expect(query()).toEqual({ cpu: 0, gpu: 3 });
  });

  it('fresh workers are sized by the outlasting backlog, and busy short-lived workers still count', async () => {
    const clock = new ManualClock(0);
    const busy = gpuWorker(clock, 60, { tasks: 1 });
    expect(workerQuery({ ...base, now: clock.now(), workers: [busy], queuedDemands: [gpuTask(300)] })).toEqual({ cpu: 0, gpu: 2 });
    expect(workerQuery({ ...base, now: clock.now(), workers: [busy], queuedDemands: Array.from({ length: 3 }, () => gpuTask(300)) })).toEqual({ cpu: 0, gpu: 4 });
    // Short tasks by occupancy: 3 tasks of 0.5 s over a 5 s target fit one fresh worker.
    expect(workerQuery({ ...base, now: clock.now(), taskSeconds: 0.5, workers: [busy], queuedDemands: Array.from({ length: 3 }, () => gpuTask(300)) })).toEqual({ cpu: 0, gpu: 2 });
  });

  it('without workers in the pool, a retiring one only, or workers without a lifetime, the time request changes nothing', async () => {
    const clock = new ManualClock(0);
    const three = Array.from({ length: 3 }, () => gpuTask(300));
    expect(workerQuery({ ...base, now: clock.now(), queuedDemands: three })).toEqual({ cpu: 0, gpu: 3 });
    expect(workerQuery({ ...base, now: clock.now(), workers: [gpuWorker(clock, 10, { retiring: true })], queuedDemands: [gpuTask(300)] })).toEqual({ cpu: 0, gpu: 1 });
    expect(workerQuery({ ...base, now: clock.now(), workers: [{ pool: 'gpu', tasks: 0 }], queuedDemands: [gpuTask(3000)] })).toEqual({ cpu: 0, gpu: 1 });
  });

  it('only workers of the task\'s own pool matter: a short-lived cpu worker neither blocks nor serves gpu work', async () => {
    const clock = new ManualClock(0);
    const cpuWorker: WorkerLoad = { pool: 'cpu', tasks: 0, retireAt: clock.now() + 10_000 };
    expect(workerQuery({ ...base, now: clock.now(), workers: [cpuWorker], queuedDemands: [gpuTask(300)] })).toEqual({ cpu: 0, gpu: 1 });
    // A cpu demand with a time request beyond the short cpu worker: it stays, one fresh joins it.
    expect(workerQuery({ ...base, now: clock.now(), workers: [cpuWorker], queuedDemands: [demand({ timeRequest: 60 })] })).toEqual({ cpu: 2, gpu: 0 });
  });
});
