import type { CommandResult } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { classifyMoabError, moabBackend, moabJobElements, moabJobStatus, parseMoabStatus, parseMoabSubmit } from '../src/index.js';
import { checkjobOutput, recorded } from './fixtures/moab-fixtures.js';

const result = (stdout: string, extra: Partial<CommandResult> = {}): CommandResult => ({ argv: [], stdout, stderr: '', exitCode: 0, timedOut: false, ...extra });

describe('msub output', () => {
  it('takes the id after the empty line msub prints, and JobID from --xml', () => {
    expect(parseMoabSubmit(result('\n881218\n'))).toEqual(['881218']);
    expect(parseMoabSubmit(result('\r\nMoab.7\r\n'))).toEqual(['Moab.7']);
    expect(parseMoabSubmit(result(recorded.msubXml))).toEqual(['881218']);
  });

  it('refuses output without an id, like Nextflow\'s "Missing Moab submit job ID"', () => {
    expect(() => parseMoabSubmit(result('<Data></Data>'))).toThrow(/\[jq\/moab\] msub --xml printed no JobID/);
    expect(() => parseMoabSubmit(result('\n\n'))).toThrow(/no Moab job id/);
    expect(() => parseMoabSubmit(result('job submitted: 12 to class batch'))).toThrow(/no Moab job id/);
  });
});

describe('Moab XML', () => {
  it('reads every job of the recorded showq --xml, trusting State over the section', () => {
    const ids = ['881196', '881197', '881198', '881200'];
    const statuses = parseMoabStatus(result(recorded.showq), ids);
    expect(Object.fromEntries([...statuses].map(([id, status]) => [id, status.state]))).toEqual({
      '881196': 'running',
      '881197': 'running',
      // Listed under "eligible" but State="Running" (a quirk of the recorded sample).
      '881198': 'running',
      '881200': 'held',
    });
    expect(statuses.get('881200')).toMatchObject({ native: 'BatchHold', reason: expect.stringMatching(/batch hold/) });
  });

  it('decodes XML entities in attributes and ignores non-job elements', () => {
    const [job, ...rest] = moabJobElements('<Data><Error code="1">x</Error><job JobID="5" JobName="a&amp;b &quot;c&quot; &#60;d&#x3e;"/></Data>');
    expect(rest).toEqual([]);
    expect(job).toEqual({ JobID: '5', JobName: 'a&b "c" <d>' });
  });

  it('finds no job in text that is not well-formed XML, or that the parser refuses', () => {
    expect(moabJobElements('<Data><job JobID="5" State="Running"/>')).toEqual([]);
    expect(moabJobElements('<Data><job JobID="5" __proto__="x"/></Data>')).toEqual([]);
    expect(moabJobElements('ERROR:  invalid job specified: 7\n')).toEqual([]);
  });

  it('reports only the asked ids and none for an error document', () => {
    expect([...parseMoabStatus(result(recorded.showq), ['881196', '1']).keys()]).toEqual(['881196']);
    expect(parseMoabStatus(result('<Error code="700">server rejected request - invalid job specified: 1</Error>'), ['1']).size).toBe(0);
    expect(parseMoabStatus(result(checkjobOutput('3', 'Completed', 0).replace(/ CompletionCode="0"/, ' CompletionCode=""')), ['3']).get('3')).toEqual({ state: 'completed', native: 'Completed' });
  });
});

describe('Moab states', () => {
  it.each([
    ['Idle', undefined, 'queued'],
    ['Deferred', undefined, 'queued'],
    ['Blocked', undefined, 'queued'],
    ['Hold', undefined, 'held'],
    ['UserHold', undefined, 'held'],
    ['SystemHold', undefined, 'held'],
    ['BatchHold', undefined, 'held'],
    ['Suspended', undefined, 'held'],
    ['Starting', undefined, 'running'],
    ['Running', undefined, 'running'],
    ['Canceling', undefined, 'completing'],
    ['Completed', 0, 'completed'],
    ['Completed', undefined, 'completed'],
    ['Completed', 3, 'failed'],
    ['Completed', 271, 'failed'],
    ['Completed', -11, 'timeout'],
    ['Removed', undefined, 'cancelled'],
    ['Removed', 271, 'cancelled'],
    ['Removed', -11, 'timeout'],
    ['Vacated', undefined, 'cancelled'],
    ['NotQueued', undefined, 'failed'],
    ['Frobnicated', undefined, 'unknown'],
  ] as const)('%s (CompletionCode %s) is %s', (state, completionCode, expected) => {
    const status = moabJobStatus({ state, ...(completionCode === undefined ? {} : { completionCode }) });
    expect(status).toMatchObject({ state: expected, native: state });
    if (completionCode !== undefined && completionCode >= 0 && completionCode < 256) expect(status.exitCode).toBe(completionCode);
  });

  it('reports the signal of a killed script apart, and a JOB_EXEC code in the reason, never as an exit code', () => {
    expect(moabJobStatus({ state: 'Completed', completionCode: 265 })).toEqual({ state: 'failed', native: 'Completed', signal: 9, reason: 'killed by signal 9' });
    expect(moabJobStatus({ state: 'Removed', completionCode: -11 })).toEqual({ state: 'timeout', native: 'Removed', reason: 'walltime exceeded (JOB_EXEC -11)' });
    expect(moabJobStatus({ state: 'Completed', completionCode: -3 })).toEqual({ state: 'failed', native: 'Completed', reason: 'Torque could not run the job (JOB_EXEC -3)' });
  });

  it('a job on hold will not start until someone releases it; one blocked or deferred by policy waits queued, with the reason', () => {
    expect(moabJobStatus({ state: 'UserHold' })).toEqual({ state: 'held', native: 'UserHold', reason: 'user hold' });
    expect(moabJobStatus({ state: 'Blocked' })).toMatchObject({ state: 'queued', reason: 'blocked by a policy limit' });
    expect(moabJobStatus({ state: 'Deferred' })).toMatchObject({ state: 'queued', reason: expect.stringContaining('deferred') });
  });
});

describe('commands', () => {
  const options = {} as Parameters<typeof moabBackend.status>[1];

  it('submits with msub, polls with one checkjob --xml, cancels with one comma list', () => {
    expect(moabBackend.submit('/tmp/job.sh', options).argv).toEqual(['msub', '/tmp/job.sh']);
    expect(moabBackend.status(['1', '2'], options).argv).toEqual(['checkjob', '--xml', '1', '2']);
    expect(moabBackend.cancel(['1', '2', '3'], options).argv).toEqual(['mjobctl', '-c', '1,2,3']);
  });

  it('treats a timed-out command as transient and an unknown job as permanent', () => {
    expect(classifyMoabError(result('', { exitCode: undefined, timedOut: true }))).toBe('transient');
    expect(classifyMoabError(result('', { exitCode: 1, stderr: 'ERROR:  invalid job specified: 4\n' }))).toBe('permanent');
  });

  it('knows where Torque puts the logs of a job', () => {
    const withLogs = { jobName: 'jq-worker', logDirectory: '/logs' } as Parameters<typeof moabBackend.status>[1];
    const job = { jobKey: 'jq-worker-0', pool: 'default', index: 0, body: '', scriptPath: '/tmp/s.sh' };
    expect(moabBackend.logFiles?.('881218', job, withLogs)).toEqual({ stdout: '/logs/jq-worker.o881218', stderr: '/logs/jq-worker.e881218' });
    expect(moabBackend.logFiles?.('Moab.12', job, withLogs)).toBeUndefined();
    expect(moabBackend.logFiles?.('12', job, options)).toBeUndefined();
  });
});
