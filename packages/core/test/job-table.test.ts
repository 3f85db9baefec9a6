import { describe, expect, it } from 'vitest';
import { JobTable } from '../src/index.js';
import { ManualClock } from '../src/testing/index.js';

function table() {
  const clock = new ManualClock(1_000);
  const jobs = new JobTable(clock);
  const events: string[] = [];
  jobs.on('job-submitted', (job) => events.push(`submitted ${job.key}`));
  jobs.on('job-state', (job, previous) => events.push(`${job.key} ${previous}→${job.state}`));
  jobs.on('scale', (change) => events.push(`scale ${change.pool} ${change.previous}→${change.jobs}`));
  return { clock, jobs, events };
}

describe('JobTable', () => {
  it('owns each transition, stamps start and end, and emits only real changes', async () => {
    const { clock, jobs, events } = table();
    jobs.add({ key: 'c-0', id: '7', pool: 'default', index: 0, walltime: 600, logFiles: undefined });
    await clock.advance(5_000);
    expect(jobs.applyStatus('c-0', { state: 'queued', native: 'PD', reason: 'Priority' })).toBe(false);
    expect(jobs.get('c-0')?.reason).toBe('Priority');
    expect(jobs.applyStatus('c-0', { state: 'running', native: 'R' })).toBe(true);
    await clock.advance(5_000);
    jobs.applyStatus('c-0', { state: 'failed', native: 'F', exitCode: 0, signal: 9 });
    expect(jobs.get('c-0')).toMatchObject({ submittedAt: 1_000, startedAt: 6_000, endedAt: 11_000, exitCode: 0, signal: 9 });
    expect(jobs.applyStatus('c-0', { state: 'running', native: 'R' })).toBe(false);
    expect(jobs.get('c-0')?.state).toBe('failed');
    expect(events).toEqual(['submitted c-0', 'c-0 queued→running', 'c-0 running→failed']);
  });

  it('hands out frozen snapshots and counts releasing jobs out of a pool\'s live jobs', () => {
    const { jobs } = table();
    const first = jobs.add({ key: 'c-0', id: '7', pool: 'gpu', index: 0, walltime: undefined, logFiles: undefined });
    jobs.add({ key: 'c-1', id: '8', pool: 'cpu', index: 1, walltime: undefined, logFiles: undefined });
    expect(Object.isFrozen(first)).toBe(true);
    jobs.markReleasing(['c-0']);
    expect(first.releasing).toBe(false);
    expect(jobs.byId('7')?.releasing).toBe(true);
    expect(jobs.live('gpu')).toEqual([]);
    expect(jobs.live().map((job) => job.key)).toEqual(['c-1']);
    expect(jobs.unfinished().map((job) => job.key)).toEqual(['c-0', 'c-1']);
  });

  it('records targets per pool and snapshots everything as plain data', () => {
    const { jobs, events } = table();
    jobs.setTarget('gpu', 2);
    jobs.setTarget('gpu', 2);
    jobs.setTarget('cpu', 1);
    expect(events).toEqual(['scale gpu 0→2', 'scale cpu 0→1']);
    expect(JSON.parse(JSON.stringify(jobs.snapshot()))).toEqual({ jobs: [], targets: { gpu: 2, cpu: 1 } });
  });

  it('sets the host and the running state when a worker of a queued job connects', () => {
    const { jobs, events } = table();
    jobs.add({ key: 'c-0', id: '7', pool: 'default', index: 0, walltime: undefined, logFiles: undefined });
    const seen: Array<string | undefined> = [];
    jobs.on('worker-added', (_worker, job) => seen.push(job?.host));
    jobs.workerAdded({ name: 'c-0-0', jobKey: 'c-0', status: 'running', threads: 1, memoryLimit: 1, runningTasks: 0, host: 'node7' });
    expect(jobs.get('c-0')).toMatchObject({ state: 'running', host: 'node7', reason: 'a worker connected' });
    expect(seen).toEqual(['node7']);
    expect(events.at(-1)).toBe('c-0 queued→running');
  });
});
