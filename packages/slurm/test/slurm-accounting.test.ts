import { describe, expect, it } from 'vitest';
import { resolveOptions } from '@jq/core';
import { slurmBackend, type SlurmResolvedOptions } from '../src/index.js';
import { arrayTaskIds, output, recorded, referenceSample, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, slurmBackend) as SlurmResolvedOptions;
const parse = (result: Parameters<NonNullable<typeof slurmBackend.parseAccounting>>[0], ids: string[]) =>
  slurmBackend.parseAccounting?.(result, ids) ?? new Map();

describe('slurm accounting', () => {
  it('asks ONE sacct, by array id, jobs only, explicit fields', () => {
    expect(slurmBackend.accounting?.(['5', '6_1', '6_2', '7'], options).argv).toEqual([
      'sacct', '--noheader', '--parsable2', '--allocations', '--format=JobID,State,ExitCode,Reason', '--jobs=5,6,7',
    ]);
  });

  it('parses completed, failed (exit 3), cancelled ("CANCELLED by 0") and timeout from real sacct', () => {
    const statuses = parse(recorded('sacct-ended'), [scenario.completed, scenario.failed, scenario.cancelled, scenario.timeout]);
    expect(statuses.get(scenario.completed)).toEqual({ state: 'completed', native: 'COMPLETED', exitCode: 0 });
    expect(statuses.get(scenario.failed)).toEqual({ state: 'failed', native: 'FAILED', exitCode: 3 });
    expect(statuses.get(scenario.cancelled)).toEqual({ state: 'cancelled', native: 'CANCELLED by 0', exitCode: 0 });
    expect(statuses.get(scenario.timeout)).toEqual({ state: 'timeout', native: 'TIMEOUT', exitCode: 0 });
  });

  it('expands pending ranges and reports a task cancelled while pending (absent everywhere) as cancelled', () => {
    const statuses = parse(recorded('sacct-ended'), arrayTaskIds);
    expect(statuses.get(`${scenario.array}_0`)?.state).toBe('cancelled');
    expect(statuses.get(`${scenario.array}_1`)?.state).toBe('running');
    expect(statuses.get(`${scenario.array}_10`)?.state).toBe('queued');
    expect(statuses.get(`${scenario.array}_11`)).toEqual({ state: 'cancelled', native: 'CANCELLED (array task removed while pending)' });
    expect(recorded('squeue-ended').stdout).not.toContain(`${scenario.array}_11|`);
  });

  it('knows nothing about ids sacct does not list', () => {
    expect(parse(recorded('sacct-unknown'), ['999999']).size).toBe(0);
    expect(parse(recorded('sacct-ended'), ['999998_1']).size).toBe(0);
  });

  it('reports a held job as held', () => {
    expect(parse(recorded('sacct-ended'), [scenario.held]).get(scenario.held)).toEqual({
      state: 'held', native: 'PENDING', reason: 'JobHeldUser', exitCode: 0,
    });
  });

  it('carries the exit status and the signal of ExitCode apart, inventing neither', () => {
    expect(parse(output('9|FAILED|0:9|JobLaunchFailure\n'), ['9']).get('9')).toEqual({
      state: 'failed', native: 'FAILED', reason: 'JobLaunchFailure', exitCode: 0, signal: 9,
    });
    expect(parse(output('10|CANCELLED by 0|0:125|None\n'), ['10']).get('10')).toEqual({ state: 'cancelled', native: 'CANCELLED by 0', exitCode: 0, signal: 125 });
    expect(parse(output('11|FAILED|2:0|None\n'), ['11']).get('11')).toEqual({ state: 'failed', native: 'FAILED', exitCode: 2 });
    expect(parse(output('12|FAILED||None\n'), ['12']).get('12')).toEqual({ state: 'failed', native: 'FAILED' });
  });

  it('parses the submitit samples: header and step lines skipped, unknown words unknown', () => {
    const statuses = parse(output(referenceSample('slurm.sacct-parsable2.submitit.txt')), ['5610980', '20956421_0', '20956421_3']);
    expect(statuses.get('5610980')?.state).toBe('running');
    expect(statuses.get('20956421_0')?.state).toBe('running');
    expect(statuses.get('20956421_3')?.state).toBe('queued');
    const array = parse(output(referenceSample('slurm.sacct-parsable2-array.submitit.txt')), ['12_0', '12_1', '12_5']);
    expect(array.get('12_0')?.state).toBe('running');
    expect(array.get('12_5')).toEqual({ state: 'unknown', native: 'X' });
    expect(array.get('12_1')?.state).toBe('cancelled');
  });
});
