import { type JobRequest, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { parseCondorArguments } from '@jq/testkit';
import { type HtcondorResolvedOptions, htcondorBackend } from '../src/index.js';

function options(input: Record<string, unknown>): HtcondorResolvedOptions {
  return resolveOptions({ name: 'demo', ...input }, htcondorBackend);
}

function render(input: Record<string, unknown>, body = 'run-worker --name demo-0', array?: { count: number }): string {
  const job: JobRequest = { jobKey: 'demo-0', pool: 'default', index: 0, body, scriptPath: '/tmp/demo-0.sub', ...(array ? { array } : {}) };
  return htcondorBackend.render(job, options(input)).script;
}

/** What the job runs: condor_submit expands `$(DOLLAR)` to `$`, then splits the value (the emulator's reader). */
const argumentsOf = (description: string) => parseCondorArguments((/^Arguments = (.*)$/m.exec(description)?.[1] ?? '').replaceAll('$(DOLLAR)', '$'));

describe('HTCondor rendering', () => {
  it('matches dask-jobqueue test_htcondor.test_job_script, prologue and epilogue joined with "; "', () => {
    const body = 'export LANG="en_US.utf8"\ncd /some/path/\nrun-worker --nthreads 2\necho "Job finished"';
    expect(render({ cores: 4, processes: 2, memory: '100MB', disk: '100MB', jobExtraDirectives: ['+Extra = True'] }, body)).toBe(
      [
        '#!/usr/bin/env condor_submit',
        '',
        'batch_name = jq-worker',
        'RequestCpus = MY.DaskWorkerCores',
        'RequestMemory = floor(MY.DaskWorkerMemory / 1048576)',
        'RequestDisk = floor(MY.DaskWorkerDisk / 1024)',
        'MY.JobId = "$(ClusterId).$(ProcId)"',
        'MY.DaskWorkerCores = 4',
        'MY.DaskWorkerMemory = 100000000',
        'MY.DaskWorkerDisk = 100000000',
        '+Extra = True',
        '',
        `Arguments = "-c 'export LANG=""en_US.utf8""; cd /some/path/; run-worker --nthreads 2; echo ""Job finished""'"`,
        'Executable = /bin/sh',
        '',
        'Queue',
        '',
      ].join('\n'),
    );
  });

  it('escapes $ that condor_submit would expand, and the arguments decode back to the body', () => {
    const body = "export X='it''s'\necho $(( 1 + 2 )) $HOME ${X} $$\nrun-worker";
    const description = render({ cores: 1, memory: '1GB', disk: '1GB' }, body);
    expect(description).toContain('$(DOLLAR)(( 1 + 2 ))');
    expect(description).toContain('$HOME ${X} $(DOLLAR)$');
    expect(argumentsOf(description)).toEqual(['-c', body.split('\n').join('; ')]);
  });

  it('queues an array with condor_submit -queue N and gives each job its $(ProcId)', () => {
    const description = render({ cores: 1, memory: '1GB', disk: '1GB' }, 'echo ${JQ_HTCONDOR_PROCESS}', { count: 3 });
    expect(description).not.toMatch(/^Queue/m);
    expect(argumentsOf(description)[1]).toBe('JQ_HTCONDOR_PROCESS=$(ProcId); echo ${JQ_HTCONDOR_PROCESS}');
    expect(htcondorBackend.submit('/s.sub', options({ cores: 1, memory: '1GB', disk: '1GB', submitCommandExtra: ['-name', 'schedd2'] }), { count: 3 }).argv).toEqual(['condor_submit', '-name', 'schedd2', '/s.sub', '-queue', '3']);
  });

  it('removes a job past its walltime, and skips generated lines containing a skip string', () => {
    const description = render({ cores: 1, memory: '1GB', disk: '1GB', walltime: '00:10:00', jobDirectivesSkip: ['batch_name'], account: 'physics' });
    expect(description).toContain('MY.JqWalltime = 600\nperiodic_remove = (JobStatus == 2) && (time() - EnteredCurrentStatus > MY.JqWalltime)\n');
    expect(description).toContain('accounting_group = physics\n');
    expect(description).not.toContain('batch_name');
  });

  it('asks for GPUs with request_gpus, only when gpus is set, and refuses counts HTCondor would not match', () => {
    expect(render({ cores: 1, memory: '1GB', disk: '1GB', gpus: 1 })).toContain('MY.DaskWorkerDisk = 1000000000\nrequest_gpus = 1\n');
    expect(render({ cores: 1, memory: '1GB', disk: '1GB' })).not.toContain('request_gpus');
    for (const gpus of [0, -1, 0.5]) expect(() => options({ cores: 1, memory: '1GB', disk: '1GB', gpus })).toThrow(/gpus/);
  });

  it('requires disk, refuses a queue, and keeps an explicit shebang', () => {
    expect(() => options({ cores: 1, memory: '1GB' })).toThrow(/disk/);
    expect(() => options({ cores: 1, memory: '1GB', disk: 'lots' })).toThrow(/disk: must be a positive size/);
    expect(() => options({ cores: 1, memory: '1GB', disk: '1GB', queue: 'short' })).toThrow(/HTCondor has no queues/);
    expect(options({ cores: 1, memory: '1GB', disk: '1GB', shebang: '#!/opt/condor/bin/condor_submit' }).shebang).toBe('#!/opt/condor/bin/condor_submit');
  });

  it('asks condor_q and condor_history about every id in one command each, and cancels in one', () => {
    const resolved = options({ cores: 1, memory: '1GB', disk: '1GB', cancelCommandExtra: ['-forcex'] });
    expect(htcondorBackend.status(['1.0', '2.3'], resolved).argv).toEqual(['condor_q', '1.0', '2.3', '-af:j', 'JobStatus', 'ExitCode', 'ExitBySignal', 'ExitSignal', 'HoldReasonCode', 'RemoveReason']);
    expect(htcondorBackend.accounting!(['1.0', '2.3', 'bogus'], resolved).argv.slice(0, 4)).toEqual(['condor_history', '-constraint', 'stringListMember(strcat(ClusterId, ".", ProcId), "1.0,2.3")', '-limit']);
    expect(htcondorBackend.cancel(['1.0', '2.3'], resolved).argv).toEqual(['condor_rm', '-forcex', '1.0', '2.3']);
    expect(htcondorBackend.logFiles!('12.1', { jobKey: 'x', pool: 'default', index: 0, body: '', scriptPath: '' }, { ...resolved, logDirectory: '/logs' })).toEqual({ stdout: '/logs/jq-worker-12.1.out', stderr: '/logs/jq-worker-12.1.err' });
  });
});
