import { describe, expect, it } from 'vitest';
import { JobQueueError, nativeStates, packageErrors, transientWhen, type CommandResult } from '../src/index.js';

const result = (fields: Partial<CommandResult>): CommandResult => ({ argv: ['qsub'], exitCode: 1, stdout: '', stderr: '', timedOut: false, ...fields });

describe('helpers every backend writes its parts with', () => {
  it('packageErrors: JobQueueErrors with a code, prefixed with the package name, keeping the cause', () => {
    const slurmError = packageErrors('@jq/slurm');
    const cause = new Error('underneath');
    const error = slurmError('JQ_PARSE_FAILED', 'no job id', { cause });
    expect(JobQueueError.hasCode(error, 'JQ_PARSE_FAILED')).toBe(true);
    expect(error.message).toBe('[jq/slurm] no job id');
    expect(error.cause).toBe(cause);
    expect(packageErrors('jq-adapter-oar')('JQ_SUBMIT_FAILED', 'x').message).toBe('[jq-adapter-oar] x');
  });

  it('transientWhen: timed out, killed or a transient message is transient; anything else permanent', () => {
    const classify = transientWhen([/server busy/i, /Connection refused/]);
    expect(classify(result({ stderr: 'qsub: Server busy, try later' }))).toBe('transient');
    expect(classify(result({ stdout: 'Connection refused' }))).toBe('transient');
    expect(classify(result({ timedOut: true, exitCode: undefined }))).toBe('transient');
    expect(classify(result({ exitCode: undefined }))).toBe('transient');
    expect(classify(result({ stderr: 'qsub: Unknown queue' }))).toBe('permanent');
    expect(classify(result({ stderr: 'connection refused' }))).toBe('permanent');
  });

  it('nativeStates: a code gives its state, native code and reason; unknown text and inherited keys give nothing', () => {
    const status = nativeStates({ queued: ['PEND', ['PROV', 'waiting for its host']], held: ['PSUSP'] });
    expect(status('PEND')).toEqual({ state: 'queued', native: 'PEND' });
    expect(status('PROV')).toEqual({ state: 'queued', native: 'PROV', reason: 'waiting for its host' });
    expect(status('PSUSP')).toEqual({ state: 'held', native: 'PSUSP' });
    for (const text of ['RUN', 'constructor', '__proto__', 'toString', '']) expect(status(text)).toBeUndefined();
    const first = status('PEND');
    if (first) first.reason = 'changed';
    expect(status('PEND')).toEqual({ state: 'queued', native: 'PEND' });
  });
});
