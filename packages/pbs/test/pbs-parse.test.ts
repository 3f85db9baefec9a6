import type { CommandResult } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { classifyPbsError, parsePbsProStatus, parsePbsSubmit, parseTorqueStatus } from '../src/index.js';
import { derivedProJson, recorded, torqueRecord } from './fixtures/pbs-fixtures.js';

const result = (stdout: string, exitCode = 0, stderr = ''): CommandResult => ({ argv: ['qstat'], exitCode, stdout, stderr, timedOut: false });
const states = (statuses: Map<string, { state: string }>) => Object.fromEntries([...statuses].map(([id, status]) => [id, status.state]));
const grepIds = ['12.localhost', '13.localhost', '14.localhost', '15.localhost', '16.localhost', '17.localhost'];

describe('PBS submit parsing', () => {
  it('reads the recorded qsub samples, keeping the server suffix', () => {
    expect(parsePbsSubmit(result('1584288.biocluster.igb.illinois.edu\n'))).toEqual(['1584288.biocluster.igb.illinois.edu']);
    expect(parsePbsSubmit(result('foo\nbar\n654321.admin01\n'))).toEqual(['654321.admin01']);
    expect(parsePbsSubmit(result('Request 654321.asdf was sumbitted to queue: standard.\n'))).toEqual(['654321.asdf']);
    expect(recorded.qsubSamples).toContain('654321.admin01');
  });

  it('expands an array id into one id per task and refuses an array id for a single job', () => {
    expect(parsePbsSubmit(result('88[].head\n'), { count: 2 })).toEqual(['88[0].head', '88[1].head']);
    expect(() => parsePbsSubmit(result('88[].head\n'))).toThrow(/array id/);
  });
});

describe('PBS status parsing', () => {
  it('maps the recorded PBS Pro qstat -f text states', () => {
    expect(states(parsePbsProStatus(result(recorded.proTextGrep), grepIds))).toEqual({
      '12.localhost': 'cancelled',
      '13.localhost': 'running',
      '14.localhost': 'queued',
      '15.localhost': 'held',
      '16.localhost': 'completing',
      '17.localhost': 'held',
    });
  });

  it('maps the recorded Torque qstat -f text states (C without exit_status was never run)', () => {
    expect(states(parseTorqueStatus(result(recorded.torqueTextGrep), grepIds))['12.localhost']).toBe('cancelled');
    expect(states(parseTorqueStatus(result(recorded.torqueTextGrep), grepIds))['13.localhost']).toBe('running');
  });

  it('reads the jobs qstat printed even when it exits 153 for an unknown id', () => {
    const output = derivedProJson('50.pbs', { job_state: 'R' }, ['Exit_status']);
    expect(states(parsePbsProStatus(result(output, 153, 'qstat: Unknown Job Id 51.pbs\n'), ['50.pbs', '51.pbs']))).toEqual({ '50.pbs': 'running' });
    expect(classifyPbsError(result(output, 153, 'qstat: Unknown Job Id 51.pbs\n'))).toBe('permanent');
  });

  it('matches ids when qstat prints the server with its domain', () => {
    expect(states(parseTorqueStatus(result(torqueRecord('30.head.example.org', 'R')), ['30.head']))).toEqual({ '30.head': 'running' });
  });

  it('falls back to reading fields when PBS prints invalid JSON, and refuses garbage', () => {
    const broken = derivedProJson('60.pbs', {}).replace('"PBS_O_HOME": "/home/pbsuser"', '"PBS_O_HOME": "say "hi""');
    expect(() => JSON.parse(broken)).toThrow();
    expect(parsePbsProStatus(result(broken), ['60.pbs']).get('60.pbs')).toMatchObject({ state: 'completed', exitCode: 0 });
    expect(() => parsePbsProStatus(result('qstat: \u0000 <<<garbled>>> {"Jobs": ['), ['60.pbs'])).toThrow(/not qstat JSON/);
  });

  it('reports array subjobs (X) and the signal of a killed script apart, with no exit code made up', () => {
    const subjob = derivedProJson('70[1].pbs', { job_state: 'X', Exit_status: 265, substate: 92 });
    const status = parsePbsProStatus(result(subjob), ['70[1].pbs']).get('70[1].pbs');
    expect(status).toMatchObject({ state: 'failed', reason: 'killed by signal 9', signal: 9 });
    expect(status).not.toHaveProperty('exitCode');
  });

  it('keeps a JOB_EXEC code (PBS ended the job) in the reason, not as an exit code', () => {
    const status = parsePbsProStatus(result(derivedProJson('71.pbs', { Exit_status: -29 })), ['71.pbs']).get('71.pbs');
    expect(status).toEqual({ state: 'timeout', native: 'F', reason: 'walltime exceeded (JOB_EXEC -29)' });
    expect(parseTorqueStatus(result(torqueRecord('72.head', 'C', 271)), ['72.head']).get('72.head')).toEqual({ state: 'cancelled', native: 'C', signal: 15, reason: 'killed by signal 15' });
  });

  it('a held job (H) will not start until someone releases it; one waiting for its start time (W) is queued', () => {
    expect(parsePbsProStatus(result(derivedProJson('73.pbs', { job_state: 'H' }, ['Exit_status', 'comment'])), ['73.pbs']).get('73.pbs')?.state).toBe('held');
    expect(parsePbsProStatus(result(derivedProJson('74.pbs', { job_state: 'W' }, ['Exit_status', 'comment'])), ['74.pbs']).get('74.pbs')).toMatchObject({ state: 'queued', reason: 'waiting for its start time' });
  });
});
