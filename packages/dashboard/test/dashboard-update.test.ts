import { describe, expect, it } from 'vitest';
import { applyDashboardUpdate, dashboardLimits, type DashboardEvent, type DashboardSnapshot } from '../src/index.js';
import { makeJob, makeSnapshot, makeWorker } from './support/dashboard-data.js';

const now = 1_800_000_000_000;

function small(): DashboardSnapshot {
  return makeSnapshot({ jobs: 3, workers: 2, now });
}

describe('applyDashboardUpdate', () => {
  it('replaces changed jobs in place, appends new ones, drops removed ones', () => {
    const before = small();
    const failed = { ...makeJob(1, now, 'failed'), reason: 'NonZeroExitCode' };
    const after = applyDashboardUpdate(before, {
      now: now + 500,
      jobs: { upsert: [failed, makeJob(7, now, 'queued')], remove: ['demo-0'] },
    });
    expect(after.jobs.map((job) => [job.key, job.state])).toEqual([
      ['demo-1', 'failed'],
      ['demo-2', 'running'],
      ['demo-7', 'queued'],
    ]);
    expect(after.jobs[0]?.reason).toBe('NonZeroExitCode');
    expect(after.jobs[1]).toBe(before.jobs[2]);
    expect(before.jobs.map((job) => job.state)).toEqual(['running', 'running', 'running']);
  });

  it('keeps a job that is both upserted and removed out', () => {
    const after = applyDashboardUpdate(small(), { now, jobs: { upsert: [makeJob(9, now)], remove: ['demo-9'] } });
    expect(after.jobs.map((job) => job.key)).toEqual(['demo-0', 'demo-1', 'demo-2']);
  });

  it('keeps the identity of the parts an update does not touch', () => {
    const before = small();
    const after = applyDashboardUpdate(before, { now: before.cluster.now });
    expect(after.jobs).toBe(before.jobs);
    expect(after.workers).toBe(before.workers);
    expect(after.work).toBe(before.work);
    expect(after.adapt).toBe(before.adapt);
    expect(after.events).toBe(before.events);
  });

  it('merges cluster fields and takes the server clock from the update', () => {
    const after = applyDashboardUpdate(small(), { now: now + 2_000, cluster: { closed: true } });
    expect(after.cluster).toMatchObject({ name: 'demo', closed: true, now: now + 2_000 });
  });

  it('ages the lifetime of workers the update does not carry, and takes the carried ones as sent', () => {
    const before = small();
    const carried = { ...makeWorker(1, now), lifetimeLeft: 100 };
    const after = applyDashboardUpdate(before, { now: now + 30_000, workers: { upsert: [carried, makeWorker(5, now)], remove: [] } });
    expect(after.workers.map((worker) => [worker.name, worker.lifetimeLeft])).toEqual([
      ['demo-0-worker', 3_000 - 30],
      ['demo-1-worker', 100],
      ['demo-5-worker', 2_995],
    ]);
    const removed = applyDashboardUpdate(after, { now: now + 30_000, workers: { upsert: [], remove: ['demo-0-worker'] } });
    expect(removed.workers.map((worker) => worker.name)).toEqual(['demo-1-worker', 'demo-5-worker']);
  });

  it('keeps the last 500 events, in order', () => {
    let snapshot = { ...small(), events: [] as DashboardEvent[] };
    for (let batch = 0; batch < 7; batch += 1) {
      const events = Array.from({ length: 100 }, (_, index) => ({
        time: now + batch * 100 + index,
        kind: 'state' as const,
        message: `event ${batch * 100 + index}`,
      }));
      snapshot = applyDashboardUpdate(snapshot, { now, events });
    }
    expect(snapshot.events).toHaveLength(dashboardLimits.events);
    expect(snapshot.events[0]?.message).toBe('event 200');
    expect(snapshot.events.at(-1)?.message).toBe('event 699');
  });

  it('keeps the last 200 decisions and appends target points', () => {
    const decision = {
      time: now,
      pool: 'default',
      action: 'hold' as const,
      target: 1,
      desiredJobs: 1,
      current: 1,
      queued: 0,
      reason: 'steady',
    };
    const decisions = Array.from({ length: 250 }, (_, index) => ({ ...decision, time: now + index }));
    const after = applyDashboardUpdate(small(), { now, adapt: { decisions, targets: [[now, 5, 4]], active: false } });
    expect(after.adapt.decisions).toHaveLength(dashboardLimits.decisions);
    expect(after.adapt.decisions[0]?.time).toBe(now + 50);
    expect(after.adapt.targets.at(-1)).toEqual([now, 5, 4]);
    expect(after.adapt.active).toBe(false);
    expect(after.adapt.bounds).toEqual(small().adapt.bounds);
  });

  it('drops series points older than 10 minutes as the clock moves, even without new points', () => {
    const before = small();
    const later = now + 5 * 60_000;
    const after = applyDashboardUpdate(before, { now: later });
    const oldest = later - dashboardLimits.seriesWindow;
    expect(after.work.throughput.length).toBeLessThan(before.work.throughput.length);
    expect(after.work.throughput.every(([time]) => time >= oldest)).toBe(true);
    expect(after.adapt.targets.every(([time]) => time >= oldest)).toBe(true);
    expect(applyDashboardUpdate(before, { now: now + 3_600_000 }).work.throughput).toEqual([]);
  });

  it('replaces the work totals and functions sent, appends new throughput points and failures, and keeps the last 100 failures', () => {
    const before = small();
    const failures = Array.from({ length: 130 }, (_, index) => ({ time: now - 1_000 + index, function: 'f', error: `error ${index}` }));
    const totals = { submitted: 9, done: 1, failed: 130, running: 0, queued: 8 };
    const after = applyDashboardUpdate(before, { now, work: { totals, throughput: [[now, 12.5]], failures } });
    expect(after.work.totals).toEqual(totals);
    expect(after.work.functions).toBe(before.work.functions);
    expect(after.work.throughput).toEqual([...before.work.throughput, [now, 12.5]]);
    expect(after.work.failures).toHaveLength(dashboardLimits.failures);
    expect(after.work.failures[0]?.error).toBe('error 30');
    const functions = [{ name: 'f', done: 1, failed: 130, running: 0 }];
    const later = applyDashboardUpdate(after, { now, work: { functions } });
    expect(later.work.functions).toEqual(functions);
    expect(later.work.failures).toBe(after.work.failures);
    expect(later.work.totals).toBe(after.work.totals);
  });

  it('sets the counters of the workers named, after the update’s upserts and removals', () => {
    const before = small();
    const after = applyDashboardUpdate(before, {
      now,
      workers: { upsert: [makeWorker(5, now)], remove: ['demo-0-worker'] },
      workerCounters: [
        ['demo-1-worker', 3, 700, 2],
        ['demo-5-worker', 1, 9, 0, 1024],
        ['demo-0-worker', 9, 9, 9, 9],
      ],
    });
    expect(after.workers.map((worker) => [worker.name, worker.runningTasks, worker.tasksDone, worker.tasksFailed, worker.memoryUsed])).toEqual([
      ['demo-1-worker', 3, 700, 2, undefined],
      ['demo-5-worker', 1, 9, 0, 1024],
    ]);
    expect(after.workers[0]).not.toHaveProperty('memoryUsed');
    expect(after.workers[0]?.lifetimeLeft).toBe(before.workers[1]?.lifetimeLeft);
    expect(before.workers[1]?.tasksDone).toBe(3);
  });
});
