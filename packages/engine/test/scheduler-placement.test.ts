import type { PoolShape } from '@jq/core';
import { ManualClock } from '@jq/core/testing';
import { describe, expect, it } from 'vitest';
import { demandOf } from '../src/scheduler/scheduler-demand.js';
import { fitsNow, fitsPool, type TaskDemand, type WorkerCapacity } from '../src/index.js';
import { parseTimeRequest } from '../src/index.js';

const cpu: PoolShape = { name: 'cpu', processes: 1, threads: 4, memoryLimit: 8e9, gpus: 0 };
const gpu: PoolShape = { name: 'gpu', processes: 1, threads: 2, memoryLimit: 16e9, gpus: 1, lifetime: 3600 };
const idle = { cores: 0, gpus: 0, memory: 0 };
const demand = (fields: Partial<TaskDemand>): TaskDemand => ({ cores: 1, gpus: 0, memory: 0, ...fields });

describe('placement: a task goes only where its demand fits now', () => {
  const clock = new ManualClock(0);
  const gpuWorker = (): WorkerCapacity => ({ pool: 'gpu', threads: 2, gpus: 1, memoryLimit: 16e9, retireAt: clock.now() + 600_000 });

  it('free cores, GPUs and memory must cover the request', () => {
    const worker = gpuWorker();
    expect(fitsNow(demand({ gpus: 1 }), worker, idle, clock.now())).toBe(true);
    expect(fitsNow(demand({ gpus: 1 }), worker, { cores: 1, gpus: 1, memory: 0 }, clock.now())).toBe(false);
    expect(fitsNow(demand({ gpus: 2 }), worker, idle, clock.now())).toBe(false);
    expect(fitsNow(demand({ cores: 2 }), worker, { cores: 1, gpus: 0, memory: 0 }, clock.now())).toBe(false);
    expect(fitsNow(demand({ memory: 10e9 }), worker, { cores: 0, gpus: 0, memory: 7e9 }, clock.now())).toBe(false);
    expect(fitsNow(demand({ memory: 9e9 }), worker, { cores: 0, gpus: 0, memory: 7e9 }, clock.now())).toBe(true);
    // No memory limit known: any memory request fits.
    expect(fitsNow(demand({ memory: 1e15 }), { ...worker, memoryLimit: 0 }, idle, clock.now())).toBe(true);
  });

  it('a pool request matches only workers of that pool', () => {
    expect(fitsNow(demand({ pool: 'gpu' }), gpuWorker(), idle, clock.now())).toBe(true);
    expect(fitsNow(demand({ pool: 'cpu' }), gpuWorker(), idle, clock.now())).toBe(false);
  });

  it('the remaining lifetime must cover the time request, as the clock runs', async () => {
    const worker = gpuWorker();
    const tenMinutes = demand({ timeRequest: 600 });
    expect(fitsNow(tenMinutes, worker, idle, clock.now())).toBe(true);
    await clock.advance(1);
    expect(fitsNow(tenMinutes, worker, idle, clock.now())).toBe(false);
    expect(fitsNow(demand({ timeRequest: 599 }), worker, idle, clock.now())).toBe(true);
    // A worker without a lifetime takes any time request.
    expect(fitsNow(demand({ timeRequest: 1e9 }), { ...worker, retireAt: undefined }, idle, clock.now())).toBe(true);
  });

  it('whether a fresh worker of a pool could ever run it', () => {
    expect(fitsPool(demand({ gpus: 1 }), cpu)).toBe(false);
    expect(fitsPool(demand({ gpus: 1 }), gpu)).toBe(true);
    expect(fitsPool(demand({ timeRequest: 3601 }), gpu)).toBe(false);
    expect(fitsPool(demand({ timeRequest: 3601 }), cpu)).toBe(true);
  });
});

describe('demand at submit', () => {
  it('a task no pool can ever fit is refused, naming the request and every pool', () => {
    const refused = demandOf({ resources: { gpus: 2, cores: 1 } }, [cpu, gpu]);
    expect(refused).toHaveProperty('error');
    const message = (refused as { error: Error }).error.message;
    expect(message).toBe(
      '[jq/engine] no pool can ever run this task: it asks for cores 1, gpus 2; the pools offer per worker cpu (4 cores, 0 gpus, 7.45GiB, no lifetime limit); gpu (2 cores, 1 gpus, 14.90GiB, lifetime 3600 s)',
    );
  });

  it('bad numbers and unknown pools are clear errors; without pools any demand is taken', () => {
    expect((demandOf({ resources: { gpus: 0.5 } }, [gpu]) as { error: Error }).error.message).toBe('[jq/engine] resources.gpus: expected an integer >= 0, got 0.5');
    expect((demandOf({ resources: { gpus: -1 } }, undefined) as { error: Error }).error.message).toBe('[jq/engine] resources.gpus: expected an integer >= 0, got -1');
    expect((demandOf({ resources: { cores: 0 } }, undefined) as { error: Error }).error.message).toBe('[jq/engine] resources.cores: expected an integer >= 1, got 0');
    expect((demandOf({ timeRequest: -5 }, undefined) as { error: Error }).error.message).toBe('[jq/engine] timeRequest: expected seconds > 0, got -5');
    expect((demandOf({ pool: 'bigmem' }, [cpu, gpu]) as { error: Error }).error.message).toBe('[jq/engine] pool: "bigmem" is not a pool of this cluster (cpu, gpu)');
    expect(demandOf({ resources: { gpus: 8 } }, undefined)).toEqual({ demand: { cores: 1, gpus: 8, memory: 0 } });
    expect(demandOf({}, [cpu])).toEqual({});
  });

  it('time requests read as seconds, units or walltimes', () => {
    expect(parseTimeRequest('10m')).toBe(600);
    expect(parseTimeRequest('90s')).toBe(90);
    expect(parseTimeRequest('1.5h')).toBe(5400);
    expect(parseTimeRequest('01:30:00')).toBe(5400);
    expect(parseTimeRequest(42)).toBe(42);
    expect(parseTimeRequest('10')).toBeUndefined();
    expect(parseTimeRequest('soon')).toBeUndefined();
  });
});
