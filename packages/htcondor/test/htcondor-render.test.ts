import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JobRequest, type RenderedJob, renderJobBody, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { type HtcondorResolvedOptions, htcondorBackend } from '../src/index.js';

function options(input: Record<string, unknown>): HtcondorResolvedOptions {
  return resolveOptions({ name: 'demo', ...input }, htcondorBackend);
}

function renderJob(input: Record<string, unknown>, body = 'run-worker --name demo-0', array?: { count: number }): Required<RenderedJob> {
  const job: JobRequest = { jobKey: 'demo-0', pool: 'default', index: 0, body, scriptPath: '/tmp/jq/demo-0.sh', ...(array ? { array } : {}) };
  const rendered = htcondorBackend.render(job, options(input));
  if (rendered.executable === undefined) throw new Error('no executable rendered');
  return { script: rendered.script, executable: rendered.executable };
}

const render = (input: Record<string, unknown>, body?: string, array?: { count: number }) => renderJob(input, body, array).script;

/** Runs an executable's text with bash, as its shebang line asks, with `argv` as its arguments. */
function runExecutable(text: string, argv: string[] = []): string {
  const directory = mkdtempSync(join(tmpdir(), 'jq-htcondor-render-'));
  try {
    const path = join(directory, 'condor_exec.exe');
    writeFileSync(path, text, { mode: 0o700 });
    const result = spawnSync(path, argv, { encoding: 'utf8', timeout: 10_000 });
    expect(result.stderr).toBe('');
    return result.stdout;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('HTCondor rendering', () => {
  it("writes dask-jobqueue's header and names a private executable holding the shell body, lines as they are", () => {
    const body = 'export LANG="en_US.utf8"\ncd /some/path/\nrun-worker --nthreads 2\necho "Job finished"';
    const { script, executable } = renderJob({ cores: 4, processes: 2, memory: '100MB', disk: '100MB', jobExtraDirectives: ['+Extra = True'] }, body);
    expect(script).toBe(
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
        'Executable = $Fp(SUBMIT_FILE)demo-0.sh.executable',
        '',
        'Queue',
        '',
      ].join('\n'),
    );
    expect(executable).toEqual({ path: '/tmp/jq/demo-0.sh.executable', text: `#!/usr/bin/env bash\n\n${body}\n` });
  });

  it('keeps the worker secret out of the description: it is only in the executable, and no Arguments carry the body', () => {
    const secret = 'jq-secret-5d41402abc4b2a76';
    const resolved = options({ cores: 1, memory: '1GB', disk: '1GB' });
    const body = renderJobBody(resolved, { jobKey: 'demo-0', command: ['run-worker'], environment: { JQ_ENGINE_SECRET: secret } });
    for (const array of [undefined, { count: 2 }]) {
      const { script, executable } = renderJob({ cores: 1, memory: '1GB', disk: '1GB' }, body, array);
      expect(script).not.toContain(secret);
      expect(script).not.toContain('JQ_ENGINE_SECRET');
      expect(script.split('\n').filter((line) => /^arguments\b/i.test(line))).toEqual(array ? ['Arguments = "$(ProcId)"'] : []);
      expect(executable.text).toContain(`export JQ_ENGINE_SECRET=${secret}\n`);
    }
  });

  it('runs the executable as a shell script: $ needs no escaping and a prologue line need not be a whole command', () => {
    const body = "export X='it'\\''s'\nif true; then\n  echo $(( 1 + 2 )) ${X}\nfi";
    const { script, executable } = renderJob({ cores: 1, memory: '1GB', disk: '1GB' }, body);
    expect(script).not.toContain('DOLLAR');
    expect(runExecutable(executable.text)).toBe("3 it's\n");
  });

  it('queues an array with condor_submit -queue N and gives each job its $(ProcId) as its one argument', () => {
    const { script, executable } = renderJob({ cores: 1, memory: '1GB', disk: '1GB' }, 'echo task ${JQ_HTCONDOR_PROCESS}', { count: 3 });
    expect(script).not.toMatch(/^Queue/m);
    expect(script).toContain('\nExecutable = $Fp(SUBMIT_FILE)demo-0.sh.executable\nArguments = "$(ProcId)"\n\n# queued by condor_submit -queue 3\n');
    expect(executable.text).toBe('#!/usr/bin/env bash\n\nJQ_HTCONDOR_PROCESS="$1"\necho task ${JQ_HTCONDOR_PROCESS}\n');
    expect(runExecutable(executable.text, ['2'])).toBe('task 2\n');
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

  it("requires disk, refuses a queue, and keeps an explicit shebang for the description, the executable's staying bash", () => {
    expect(() => options({ cores: 1, memory: '1GB' })).toThrow(/disk/);
    expect(() => options({ cores: 1, memory: '1GB', disk: 'lots' })).toThrow(/disk: must be a positive size/);
    expect(() => options({ cores: 1, memory: '1GB', disk: '1GB', queue: 'short' })).toThrow(/HTCondor has no queues/);
    const { script, executable } = renderJob({ cores: 1, memory: '1GB', disk: '1GB', shebang: '#!/opt/condor/bin/condor_submit' });
    expect(script).toMatch(/^#!\/opt\/condor\/bin\/condor_submit\n/);
    expect(executable.text).toMatch(/^#!\/usr\/bin\/env bash\n/);
  });

  it('asks condor_q and condor_history about every id in one command each, and cancels in one', () => {
    const resolved = options({ cores: 1, memory: '1GB', disk: '1GB', cancelCommandExtra: ['-forcex'] });
    expect(htcondorBackend.status(['1.0', '2.3'], resolved).argv).toEqual(['condor_q', '1.0', '2.3', '-af:j', 'JobStatus', 'ExitCode', 'ExitBySignal', 'ExitSignal', 'HoldReasonCode', 'RemoveReason']);
    expect(htcondorBackend.accounting!(['1.0', '2.3', 'bogus'], resolved).argv.slice(0, 4)).toEqual(['condor_history', '-constraint', 'stringListMember(strcat(ClusterId, ".", ProcId), "1.0,2.3")', '-limit']);
    expect(htcondorBackend.cancel(['1.0', '2.3'], resolved).argv).toEqual(['condor_rm', '-forcex', '1.0', '2.3']);
    expect(htcondorBackend.logFiles!('12.1', { jobKey: 'x', pool: 'default', index: 0, body: '', scriptPath: '' }, { ...resolved, logDirectory: '/logs' })).toEqual({ stdout: '/logs/jq-worker-12.1.out', stderr: '/logs/jq-worker-12.1.err' });
  });
});
