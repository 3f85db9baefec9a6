import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError, SubmitError } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { applyDashboardUpdate, type DashboardSnapshot } from '../../src/index.js';
import { feedFixture } from '../support/feed-fixture.js';

/** A snapshot without its clock, to compare what two snapshots show. */
function shown(snapshot: DashboardSnapshot) {
  return { ...snapshot, cluster: { ...snapshot.cluster, now: 0 } };
}

describe('DashboardFeed snapshot', () => {
  it('shows the jobs as the table has them, the workers with the scheduler figures, and nothing of the log paths', () => {
    const { table, scheduler, work, feed } = feedFixture();
    table.add({ key: 'demo-0', id: '101_0', pool: 'default', index: 0, walltime: 3600, logFiles: { stdout: '/secret/out', stderr: '/secret/err' } });
    table.add({ key: 'demo-1', id: '101_1', pool: 'default', index: 1 });
    table.applyStatus('demo-0', { state: 'queued', native: 'PD', reason: 'Priority' });
    table.applyStatus('demo-1', { state: 'failed', native: 'F', exitCode: 137, signal: 9 });
    scheduler.connect('demo-0', 0, 2);
    work.perWorker.set('demo-0-0', { tasksDone: 40, tasksFailed: 1, memoryUsed: 1024 });

    const snapshot = feed.snapshot();
    expect(snapshot.cluster).toMatchObject({ name: 'demo', backend: 'slurm', scheduler: 'test', closed: false });
    expect(snapshot.jobs).toEqual([
      expect.objectContaining({ key: 'demo-0', id: '101_0', state: 'queued', native: 'PD', reason: 'Priority', walltime: 3600 }),
      expect.objectContaining({ key: 'demo-1', state: 'failed', exitCode: 137, signal: 'SIGKILL' }),
    ]);
    expect(snapshot.workers).toEqual([expect.objectContaining({ name: 'demo-0-0', jobKey: 'demo-0', runningTasks: 2, tasksDone: 40, tasksFailed: 1, memoryUsed: 1024 })]);
    expect(JSON.stringify(snapshot)).not.toContain('/secret/');
  });

  it('keeps ended jobs for an hour, live ones for good', async () => {
    const { table, clock, feed } = feedFixture();
    table.add({ key: 'demo-0', id: '1', pool: 'default', index: 0 });
    table.add({ key: 'demo-1', id: '2', pool: 'default', index: 1 });
    table.applyStatus('demo-1', { state: 'completed', native: 'CD', exitCode: 0 });
    await clock.advance(59 * 60_000);
    expect(feed.snapshot().jobs.map((job) => job.key)).toEqual(['demo-0', 'demo-1']);
    await clock.advance(2 * 60_000);
    expect(feed.snapshot().jobs.map((job) => job.key)).toEqual(['demo-0']);
  });
});

describe('DashboardFeed updates', () => {
  it('coalesces changes into at most 4 updates a second, sends none when nothing changed, and each update rebuilds the snapshot', async () => {
    const { table, scheduler, clock, feed, updates, subscribe } = feedFixture();
    const { snapshot: first } = subscribe();
    let folded = first;
    for (let step = 0; step < 200; step += 1) {
      // A change every 50 ms: 20 a second.
      table.add({ key: `demo-${step}`, id: String(1000 + step), pool: 'default', index: step });
      if (step % 10 === 0) scheduler.connect(`demo-${step}`);
      if (step % 7 === 0) table.applyStatus(`demo-${step}`, { state: 'running', native: 'R' });
      await clock.advance(50);
    }
    // 10 s of changes: at most 4 updates a second.
    expect(updates.length).toBeGreaterThanOrEqual(30);
    expect(updates.length).toBeLessThanOrEqual(41);
    for (const update of updates) folded = applyDashboardUpdate(folded, update);
    expect(shown(folded)).toEqual(shown(feed.snapshot()));

    const before = updates.length;
    await clock.advance(1_000);
    // The series sample (every 2 s) is the only change left: at most one update for it.
    expect(updates.length - before).toBeLessThanOrEqual(1);
    expect(updates.slice(before).every((update) => update.jobs === undefined && update.workers === undefined && update.events === undefined)).toBe(true);
  });

  it('sends a job whose reason changed without a state change, and a job gone from the page as removed', async () => {
    const { table, clock, updates, subscribe } = feedFixture();
    table.add({ key: 'demo-0', id: '1', pool: 'default', index: 0 });
    table.applyStatus('demo-0', { state: 'queued', native: 'PD', reason: 'Priority' });
    subscribe();
    table.applyStatus('demo-0', { state: 'queued', native: 'PD', reason: 'Resources' });
    await clock.advance(250);
    expect(updates.at(-1)?.jobs?.upsert).toEqual([expect.objectContaining({ key: 'demo-0', reason: 'Resources' })]);
    table.applyStatus('demo-0', { state: 'cancelled', native: 'CA' });
    await clock.advance(61 * 60_000);
    expect(updates.some((update) => update.jobs?.remove.includes('demo-0'))).toBe(true);
  });

  it('a new stream gets a snapshot with every event once: changes pending for the others go out first', async () => {
    const { table, clock, feed, updates, subscribe } = feedFixture();
    subscribe();
    table.setTarget('default', 2);
    const { snapshot } = subscribe();
    expect(updates.at(-1)?.events).toEqual([expect.objectContaining({ kind: 'scale' })]);
    expect(snapshot.events.filter((event) => event.kind === 'scale')).toHaveLength(1);
    await clock.advance(1_000);
    expect(feed.subscriberCount).toBe(2);
  });

  it('samples tasks per second from the counters every 2 s, with or without a stream open', async () => {
    const { work, clock, feed } = feedFixture();
    await clock.advance(2_000);
    work.finish(400, 4);
    await clock.advance(2_000);
    work.finish(100);
    await clock.advance(2_000);
    const { work: section } = feed.snapshot();
    expect(section.throughput.map(([, rate]) => rate)).toEqual([200, 50]);
    expect(section.totals).toMatchObject({ done: 496, failed: 4 });
  });

  it('shows adapt on with its bounds (no maximum when unbounded), then off', async () => {
    const { clock, updates, subscribe, setBounds } = feedFixture();
    subscribe();
    setBounds({ default: { minimumJobs: 1, maximumJobs: Number.POSITIVE_INFINITY } });
    await clock.advance(250);
    expect(updates.at(-1)?.adapt).toMatchObject({ active: true, bounds: { default: { minimum: 1 } } });
    expect(updates.at(-1)?.adapt?.bounds?.default).not.toHaveProperty('maximum');
    setBounds(undefined);
    await clock.advance(250);
    expect(updates.at(-1)?.adapt).toMatchObject({ active: false });
  });

  it('shows the cluster closed, ends the streams, and stops its timers', async () => {
    const { clock, feed, updates, subscribe, streamClosed, close } = feedFixture();
    subscribe();
    close();
    await clock.advance(2_000);
    expect(updates.at(-1)?.cluster).toEqual({ closed: true });
    expect(streamClosed.value).toBe(true);
    expect(feed.subscriberCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('DashboardFeed events log', () => {
  it('writes jobs submitted together as one line, and each state change', async () => {
    const { table, clock, feed } = feedFixture();
    for (let index = 0; index < 8; index += 1) table.add({ key: `demo-${index}`, id: `500_${index}`, pool: 'default', index });
    table.applyStatus('demo-0', { state: 'running', native: 'R' });
    table.applyStatus('demo-1', { state: 'cancelled', native: 'CA', reason: 'cancelled by the cluster' });
    await clock.advance(10);
    expect(feed.snapshot().events.map((event) => [event.kind, event.message])).toEqual([
      ['submitted', 'submitted 8 jobs to slurm (pool default; id 500_0, 500_1, 500_2 … 500_6, 500_7)'],
      ['state', 'job demo-0 (500_0): queued → running'],
      ['cancelled', 'job demo-1 (500_1): queued → cancelled (cancelled by the cluster)'],
    ]);
  });

  it('carries the end of a failed job’s stderr file, and a failed command’s stderr', async () => {
    const { table, feed } = feedFixture();
    const directory = mkdtempSync(join(tmpdir(), 'jq-dashboard-feed-'));
    const stderr = join(directory, 'job.err');
    writeFileSync(stderr, `${'noise\n'.repeat(2_000)}Traceback: worker could not import tasks.ts\n`);
    table.add({ key: 'demo-0', id: '7', pool: 'default', index: 0, logFiles: { stdout: join(directory, 'job.out'), stderr } });
    table.applyStatus('demo-0', { state: 'failed', native: 'F', exitCode: 1 });
    const command = new CommandError('@jq/slurm', { argv: ['sbatch', 'job.sh'], exitCode: 1, stdout: '', stderr: 'sbatch: error: Batch job submission failed: Invalid account', kind: 'permanent' });
    table.reportError(new SubmitError('[jq/core] could not submit 2 jobs', { cause: command }));
    await expect.poll(() => feed.snapshot().events.filter((event) => event.kind === 'error').length).toBe(2);
    // The job's line comes once its stderr file has been read: after the submit error's.
    const [submitFailure, jobFailure] = feed.snapshot().events.filter((event) => event.kind === 'error');
    expect(submitFailure).toMatchObject({ message: '[jq/core] could not submit 2 jobs', detail: 'sbatch: error: Batch job submission failed: Invalid account' });
    expect(jobFailure?.message).toBe('job demo-0 (7): queued → failed (exit 1)');
    expect(jobFailure?.detail).toMatch(/Traceback: worker could not import tasks\.ts$/);
    expect(jobFailure?.detail?.length).toBeLessThanOrEqual(4_096);
  });

  it('keeps each adapt decision with its reason once, not every repeated hold', async () => {
    const { table, feed } = feedFixture();
    const decision = { pool: 'default', target: 4, desiredJobs: 4, current: 0, queued: 0, action: 'scale-up' as const, reason: '120 tasks queued: submitting 4 jobs' };
    table.recordDecision(decision);
    const hold = { ...decision, action: 'hold' as const, current: 4, reason: '4 jobs live, as wanted' };
    for (let repeat = 0; repeat < 5; repeat += 1) table.recordDecision(hold);
    const { adapt, events } = feed.snapshot();
    expect(adapt.decisions.map((entry) => [entry.action, entry.reason])).toEqual([
      ['scale-up', '120 tasks queued: submitting 4 jobs'],
      ['hold', '4 jobs live, as wanted'],
    ]);
    expect(events.filter((event) => event.kind === 'adapt').map((event) => event.message)).toEqual(['adapt scales up pool default to 4 jobs: 120 tasks queued: submitting 4 jobs']);
  });
});
