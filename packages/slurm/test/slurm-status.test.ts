import { describe, expect, it } from 'vitest';
import { resolveOptions, type JobState } from '@jq/core';
import { slurmBackend, type SlurmResolvedOptions } from '../src/index.js';
import { arrayTaskIds, output, recorded, referenceSample, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, slurmBackend) as SlurmResolvedOptions;
const jobIds = [scenario.single, scenario.held, scenario.failed, scenario.completed, scenario.timeout, scenario.cancelled, ...arrayTaskIds];

function states(fixture: string, ids = jobIds): Record<string, JobState> {
  return Object.fromEntries([...slurmBackend.parseStatus(recorded(fixture), ids)].map(([id, status]) => [id, status.state]));
}

describe('slurm status', () => {
  it('asks ONE squeue for every id, all states, one line per array task, explicit format', () => {
    expect(slurmBackend.status(['5', '6_1', '6_2'], options).argv).toEqual([
      'squeue', '--noheader', '--states=all', '--array', '--format=%i|%t|%r', '--jobs=5,6',
    ]);
  });

  it('names arrays, not tasks, so 20,000 tasks still fit in one argument', () => {
    const tasks = Array.from({ length: 20_000 }, (_, task) => `${1_000_000 + Math.floor(task / 1000)}_${task % 1000}`);
    const jobs = slurmBackend.status(tasks, options).argv.at(-1)!;
    expect(jobs.length).toBeLessThan(1000);
    expect(jobs.split(',')).toHaveLength(20);
  });

  it('lists a lone id twice: squeue fails on one unknown id but not on a list (both recorded)', () => {
    expect(slurmBackend.status(['999999'], options).argv.at(-1)).toBe('--jobs=999999,999999');
    expect(recorded('squeue-unknown-single').exitCode).toBe(1);
    expect(recorded('squeue-unknown-single').stderr).toContain('Invalid job id specified');
    const repeated = recorded('squeue-unknown-repeated');
    expect(repeated.exitCode).toBe(0);
    expect(slurmBackend.parseStatus(repeated, ['999999']).size).toBe(0);
  });

  it('parses the recorded queue with running, pending (compressed range), held, failed and completed jobs', () => {
    const expected: Record<string, JobState> = {
      [scenario.single]: 'running',
      [scenario.held]: 'held',
      [scenario.failed]: 'failed',
      [scenario.completed]: 'completed',
      [scenario.timeout]: 'running',
      [scenario.cancelled]: 'running',
      [`${scenario.array}_0`]: 'running',
      [`${scenario.array}_1`]: 'running',
    };
    for (const task of arrayTaskIds.slice(2)) expected[task] = 'queued';
    expect(recorded('squeue-mixed').stdout).toContain(`${scenario.array}_[2-11]|PD|Resources`);
    expect(states('squeue-mixed')).toEqual(expected);
    expect(states('squeue-mixed-array-flag')).toEqual(expected);
  });

  it('keeps the native code and the reason', () => {
    const statuses = slurmBackend.parseStatus(recorded('squeue-mixed'), jobIds);
    expect(statuses.get(scenario.held)).toEqual({ state: 'held', native: 'PD', reason: 'JobHeldUser' });
    expect(statuses.get(`${scenario.array}_5`)).toEqual({ state: 'queued', native: 'PD', reason: 'Resources' });
    expect(statuses.get(scenario.failed)).toEqual({ state: 'failed', native: 'F', reason: 'NonZeroExitCode' });
    expect(statuses.get(scenario.single)).toEqual({ state: 'running', native: 'R' });
  });

  it('reports cancelled and timed-out jobs, and leaves out tasks that vanished when cancelled while pending', () => {
    const ended = states('squeue-ended');
    expect(ended[scenario.cancelled]).toBe('cancelled');
    expect(ended[`${scenario.array}_0`]).toBe('cancelled');
    expect(ended[scenario.timeout]).toBe('timeout');
    expect(`${scenario.array}_11` in ended).toBe(false);
  });

  it('returns only the ids asked about', () => {
    expect([...slurmBackend.parseStatus(recorded('squeue-mixed'), [scenario.single]).keys()]).toEqual([scenario.single]);
  });

  it('parses the nextflow squeue sample (%i %t) with the same state mapping', () => {
    const text = referenceSample('slurm.squeue-noheader-o_i_t.nextflow.txt').replace(/ /g, '|');
    const parsed = slurmBackend.parseStatus(output(text), ['5', '13', '14', '15', '22']);
    expect(Object.fromEntries([...parsed].map(([id, status]) => [id, status.state]))).toEqual({
      '5': 'queued', '13': 'running', '14': 'cancelled', '15': 'failed', '22': 'held',
    });
  });

  it('refuses ids that are not Slurm job ids instead of passing them to squeue', () => {
    expect(() => slurmBackend.status(['5', '--me'], options)).toThrow(/not Slurm job ids: "--me"/);
    expect(() => slurmBackend.status(['5,6'], options)).toThrow(/not Slurm job ids/);
  });
});
