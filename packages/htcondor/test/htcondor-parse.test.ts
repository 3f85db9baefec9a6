import type { CommandResult } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { classifyHtcondorError, parseHtcondorStatus, parseHtcondorSubmit } from '../src/index.js';
import { autoformatLine, recorded } from './fixtures/htcondor-fixtures.js';

const result = (stdout: string, exitCode = 0, stderr = ''): CommandResult => ({ argv: ['condor_q'], exitCode, stdout, stderr, timedOut: false });
const states = (statuses: Map<string, { state: string }>) => Object.fromEntries([...statuses].map(([id, status]) => [id, status.state]));

describe('HTCondor submit parsing', () => {
  it('reads the recorded condor_submit samples: summary lines and -terse ranges', () => {
    const [terse, ...parsl] = recorded.submitSamples.split('\n').filter((line) => !line.startsWith('#'));
    expect(parseHtcondorSubmit(result(`${terse}\n`))).toEqual(['15.0']);
    expect(parseHtcondorSubmit(result(parsl.join('\n')))).toEqual(['118907.0', '118907.1', '118907.2', '118907.3', '118907.4', '118908.0']);
    expect(parseHtcondorSubmit(result('4.0 - 4.2\n'), { count: 3 })).toEqual(['4.0', '4.1', '4.2']);
    expect(() => parseHtcondorSubmit(result('ERROR: Parse error in submit file\n'))).toThrow(/submitted to cluster/);
  });
});

describe('HTCondor status parsing', () => {
  it('maps the recorded condor_q -af:jr JobStatus lines', () => {
    expect(states(parseHtcondorStatus(result(recorded.autoformat), ['34524642.0', '34524643.0', '1.0']))).toEqual({ '34524642.0': 'running', '34524643.0': 'queued' });
  });

  it('reads exit codes, signals, hold codes and the walltime removal from full lines', () => {
    const output = [
      autoformatLine('5.0', { status: 4, exitCode: 7, bySignal: false }),
      autoformatLine('5.1', { status: 4, bySignal: true, signal: 9 }),
      autoformatLine('5.2', { status: 5, holdCode: 34 }),
      autoformatLine('5.3', { status: 3, removeReason: 'via condor_rm (by user bob)' }),
      autoformatLine('5.4', { status: 7 }),
    ].join('');
    const statuses = parseHtcondorStatus(result(output), ['5.0', '5.1', '5.2', '5.3', '5.4']);
    expect(statuses.get('5.0')).toEqual({ state: 'failed', native: '4', exitCode: 7 });
    expect(statuses.get('5.1')).toEqual({ state: 'failed', native: '4', reason: 'killed by signal 9', signal: 9 });
    expect(statuses.get('5.2')).toMatchObject({ state: 'held', reason: 'exceeded its memory request' });
    expect(statuses.get('5.3')).toMatchObject({ state: 'cancelled', reason: 'via condor_rm (by user bob)' });
    expect(statuses.get('5.4')).toMatchObject({ state: 'held', reason: 'suspended' });
  });

  it('refuses output with no job lines and classifies schedd failures as transient', () => {
    expect(() => parseHtcondorStatus(result(recorded.noBatch), ['20.0'])).toThrow(expect.objectContaining({ code: 'JQ_PARSE_FAILED' }));
    expect(classifyHtcondorError(result('', 1, '-- Failed to fetch ads from: <127.0.0.1:9618> : emulator\n'))).toBe('transient');
    expect(classifyHtcondorError(result('', 1, 'Job 3.0 not found\n'))).toBe('permanent');
    expect(classifyHtcondorError({ ...result('', undefined), timedOut: true })).toBe('transient');
  });
});
