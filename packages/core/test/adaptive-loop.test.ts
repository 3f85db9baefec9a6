import { describe, expect, it } from 'vitest';
import type { AdaptDecision, JobInfo } from '../src/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

describe('cluster.adapt', () => {
  it('follows the scheduler\'s target every interval and records each decision', async () => {
    const { cluster, scheduler, clock, calls } = fakeCluster();
    const decisions: AdaptDecision[] = [];
    cluster.on('adapt', (decision) => decisions.push(decision));
    scheduler.target = 3;
    cluster.adapt({ maximum: 10, interval: 2, waitCount: 2 });
    await cluster.start();
    await clock.advance(2_000);
    await cluster.settled();
    expect(calls('fsub')).toHaveLength(1);
    expect(cluster.jobs()).toHaveLength(3);
    scheduler.target = 0;
    await clock.advance(2_000);
    await clock.advance(2_000);
    await clock.whilePending(cluster.settled());
    expect(decisions.map((decision) => decision.action)).toEqual(['scale-up', 'wait', 'scale-down']);
    expect(calls('fdel')).toEqual([['fdel', '102', '101', '100']]);
  });

  it('sizes each pool from its own target within its own bounds', async () => {
    const { cluster, scheduler } = fakeCluster({}, { pools: { cpu: {}, gpu: { partition: 'gpu', gpus: 2, processes: 1 } } });
    expect(() => cluster.adapt({ pools: { gpu: { maximum: 2 } } })).toThrow(/adapting several pools needs a scheduler that answers worker queries \(test does not\)/);
    scheduler.query = { cpu: 5, gpu: 3 };
    await cluster.start();
    expect(scheduler.pools.map((pool) => [pool.name, pool.gpus])).toEqual([['cpu', 0], ['gpu', 2]]);
    const adaptive = cluster.adapt({ interval: 60, pools: { gpu: { maximum: 2 }, cpu: { maximum: 1 } } })!;
    const decisions = await adaptive.tick();
    await cluster.settled();
    expect(decisions.map((decision) => [decision.pool, decision.target, decision.desiredJobs])).toEqual([['cpu', 1, 1], ['gpu', 2, 2]]);
    expect(cluster.jobs().map((job) => job.pool).sort()).toEqual(['cpu', 'gpu', 'gpu']);
    expect(() => cluster.adapt({ pools: { tpu: { maximum: 1 } } })).toThrow(/adapt\.pools\.tpu: is not a pool of this cluster \(cpu, gpu\)/);
    expect(() => cluster.adapt({ maximum: 3 })).toThrow(/adapt\.pools: must give bounds per pool \(cpu, gpu\)/);
  });

  it('tells when a job waits in the queue past the pending timeout, once', async () => {
    const { cluster, scheduler, clock } = fakeCluster();
    const late: JobInfo[] = [];
    cluster.on('job-pending-timeout', (job) => late.push(job));
    scheduler.target = 1;
    const adaptive = cluster.adapt({ maximum: 1, interval: 3600, pendingTimeout: 60 })!;
    await adaptive.tick();
    await clock.advance(61_000);
    await adaptive.tick();
    await adaptive.tick();
    expect(late.map((job) => job.key)).toEqual(['test-0']);
  });

  it('stops when scale() is called and rejects bad settings with the option named', async () => {
    const { cluster, scheduler, clock, calls } = fakeCluster();
    scheduler.target = 4;
    cluster.adapt({ maximum: 10, interval: 1 });
    await cluster.scale(1);
    await clock.advance(5_000);
    await cluster.settled();
    expect(calls('fsub')).toHaveLength(1);
    expect(() => cluster.adapt({ interval: 0 })).toThrow(/interval: must be a positive number/);
  });
});
