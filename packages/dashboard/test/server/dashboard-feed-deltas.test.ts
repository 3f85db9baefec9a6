import { describe, expect, it } from 'vitest';
import { applyDashboardUpdate, type DashboardSnapshot } from '../../src/index.js';
import { feedFixture } from '../support/feed-fixture.js';

/** A snapshot without its clock, to compare what two snapshots show. */
function shown(snapshot: DashboardSnapshot) {
  return { ...snapshot, cluster: { ...snapshot.cluster, now: 0 } };
}

describe('DashboardFeed deltas', () => {
  it('sends moved worker counters as tuples, whole records only for new or changed workers, and names of workers gone', async () => {
    const { scheduler, work, clock, updates, subscribe } = feedFixture();
    for (let index = 0; index < 3; index += 1) scheduler.connect(`demo-${index}`, 0, 1);
    work.perWorker.set('demo-0-0', { tasksDone: 5, tasksFailed: 0, memoryUsed: 2048 });
    subscribe();
    work.perWorker.set('demo-0-0', { tasksDone: 9, tasksFailed: 1, memoryUsed: 4096 });
    work.perWorker.set('demo-1-0', { tasksDone: 3, tasksFailed: 0 });
    await clock.advance(1_000);
    const counted = updates.filter((update) => update.workerCounters !== undefined);
    expect(counted).toHaveLength(1);
    expect(counted[0]?.workerCounters).toEqual([
      ['demo-0-0', 1, 9, 1, 4096],
      ['demo-1-0', 1, 3, 0],
    ]);
    expect(updates.every((update) => update.workers === undefined)).toBe(true);

    scheduler.disconnect('demo-2-0');
    scheduler.connect('demo-7', 0, 0);
    await clock.advance(1_000);
    const moved = updates.filter((update) => update.workers !== undefined);
    expect(moved).toHaveLength(1);
    expect(moved[0]?.workers?.remove).toEqual(['demo-2-0']);
    expect(moved[0]?.workers?.upsert).toEqual([expect.objectContaining({ name: 'demo-7-0', jobKey: 'demo-7', tasksDone: 0 })]);
  });

  it('sends nothing when a poll renews every job record without changing what the page shows', async () => {
    const { table, scheduler, clock, updates, subscribe } = feedFixture({ work: false });
    for (let index = 0; index < 1_000; index += 1) {
      table.add({ key: `demo-${index}`, id: String(index), pool: 'default', index, walltime: 3_600 });
      table.applyStatus(`demo-${index}`, { state: 'running', native: 'R', reason: 'steady' });
      scheduler.connect(`demo-${index}`);
    }
    subscribe();
    const before = table.get('demo-5');
    for (let index = 0; index < 1_000; index += 1) table.applyStatus(`demo-${index}`, { state: 'running', native: 'R', reason: 'steady' });
    expect(table.get('demo-5')).not.toBe(before);
    await clock.advance(1_900);
    expect(updates).toEqual([]);
    table.applyStatus('demo-5', { state: 'running', native: 'R', reason: 'moved' });
    await clock.advance(250);
    expect(updates.map((update) => update.jobs)).toEqual([{ upsert: [expect.objectContaining({ key: 'demo-5', reason: 'moved' })], remove: [] }]);
  });

  it('sends only the new throughput points and failures, and the totals and functions when they moved', async () => {
    const { work, clock, updates, subscribe } = feedFixture();
    const failure = (index: number) => ({ time: index, function: 'simulate', error: `error ${index}` });
    work.sampleValue = { ...work.sampleValue, failures: [failure(1)] };
    await clock.advance(2_000);
    subscribe();
    work.finish(40);
    work.sampleValue = { ...work.sampleValue, functions: [{ name: 'simulate', done: 40, failed: 0, running: 2 }], failures: [failure(1), failure(2), failure(3)] };
    await clock.advance(2_000);
    const sent = updates.flatMap((update) => (update.work ? [update.work] : []));
    expect(sent.flatMap((change) => change.failures ?? [])).toEqual([failure(2), failure(3)]);
    expect(sent.flatMap((change) => change.throughput ?? []).map(([, rate]) => rate)).toEqual([20]);
    expect(sent.filter((change) => change.totals !== undefined)).toHaveLength(1);
    expect(sent.filter((change) => change.functions !== undefined)).toHaveLength(1);
    // More failures than the page keeps, the last one sent among them no more: the latest 100 go.
    work.sampleValue = { ...work.sampleValue, failures: Array.from({ length: 150 }, (_, index) => failure(100 + index)) };
    await clock.advance(250);
    expect(updates.at(-1)?.work?.failures).toHaveLength(100);
    expect(updates.at(-1)?.work?.failures?.[0]).toEqual(failure(150));
  });

  it('folds into what a fresh client’s snapshot shows, through counters, workers leaving, jobs ending and a client joining late', async () => {
    const { table, scheduler, work, clock, feed, updates, subscribe } = feedFixture();
    for (let index = 0; index < 40; index += 1) {
      table.add({ key: `demo-${index}`, id: String(index), pool: 'default', index, walltime: 3_600 });
      scheduler.connect(`demo-${index}`, 0, 1);
    }
    const { snapshot: first } = subscribe();
    let late: { snapshot: DashboardSnapshot; from: number } | undefined;
    for (let step = 0; step < 120; step += 1) {
      work.finish(500, step % 9 === 0 ? 1 : 0);
      if (step % 9 === 0) work.sampleValue = { ...work.sampleValue, failures: [...work.sampleValue.failures, { time: step, function: 'simulate', error: `step ${step}` }].slice(-100) };
      for (let index = 0; index < 40; index += 1) work.perWorker.set(`demo-${index}-0`, { tasksDone: step * 10 + index, tasksFailed: 0, ...(index % 2 === 0 ? { memoryUsed: step } : {}) });
      if (step % 10 === 3) table.applyStatus(`demo-${step % 40}`, { state: 'running', native: 'R' });
      if (step === 30) scheduler.disconnect('demo-4-0');
      if (step === 40) table.applyStatus('demo-6', { state: 'completed', native: 'CD', exitCode: 0 });
      if (step === 50) {
        const { snapshot } = subscribe();
        late = { snapshot, from: updates.length };
      }
      await clock.advance(100);
    }
    // To a sample's time, then the pending changes out, as before any new client's snapshot.
    await clock.advance(61 * 60_000);
    feed.flush();
    const fresh = feed.snapshot();
    expect(fresh.jobs.map((job) => job.key)).not.toContain('demo-6');
    expect(fresh.workers.map((worker) => worker.name)).not.toContain('demo-4-0');
    expect(fresh.work.failures.length).toBeGreaterThan(0);
    // Both streams got each update once the second joined: each update counts once.
    const sent = updates.filter((update, index) => updates.indexOf(update) === index);
    expect(shown(sent.reduce(applyDashboardUpdate, first))).toEqual(shown(fresh));
    const after = sent.filter((update) => updates.indexOf(update) >= (late?.from ?? Number.POSITIVE_INFINITY));
    expect(after.length).toBeGreaterThan(10);
    expect(shown(after.reduce(applyDashboardUpdate, late?.snapshot as DashboardSnapshot))).toEqual(shown(fresh));
  });
});
