import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, JobQueueError, renderJobBody, resolveOptions, type JobRequest } from '@jq/core';
import { sgeBackend, type SgeResolvedOptions } from '../src/index.js';

const job: JobRequest = { jobKey: 'test-0', pool: 'default', index: 0, body: 'run-worker --name "${JQ_JOB_KEY}"', scriptPath: '/tmp/x/test-0.sh' };

function options(input: Record<string, unknown>): SgeResolvedOptions {
  return resolveOptions({ name: 'test', ...input }, sgeBackend);
}

/** The `#$` lines of the script rendered with `input`. */
const header = (input: Record<string, unknown>): string[] => sgeBackend.render(job, options(input)).script.split('\n').filter((line) => line.startsWith('#$'));

describe('sge rendering', () => {
  it('renders the dask-jobqueue test_job_script header (plus -S) and the body unchanged', () => {
    const script = sgeBackend.render(
      job,
      options({
        cores: 6, processes: 2, memory: '12GB', jobName: 'dask-worker', queue: 'my-queue', project: 'my-project', walltime: '02:00:00',
        jobExtraDirectives: ['-w e', '-m e'], logDirectory: '/path/to/logs', resourceSpec: 'h_vmem=12G,mem_req=12G',
      }),
    ).script;
    expect(script).toBe(
      [
        '#!/usr/bin/env bash',
        '',
        '#$ -N dask-worker',
        '#$ -q my-queue',
        '#$ -P my-project',
        '#$ -l h_vmem=12G,mem_req=12G',
        '#$ -l h_rt=02:00:00',
        '#$ -e /path/to/logs/',
        '#$ -o /path/to/logs/',
        '#$ -cwd',
        '#$ -j y',
        '#$ -S /bin/bash',
        '#$ -w e',
        '#$ -m e',
        'run-worker --name "${JQ_JOB_KEY}"',
        '',
      ].join('\n'),
    );
  });

  it('asks for GPUs as the site\'s consumable (gpuResource, default gpu), after the resource requests', () => {
    expect(header({ cores: 4, memory: '8GB', pe: 'smp', resourceSpec: 'h_vmem=2G', gpus: 2, walltime: 60 }).slice(1, 5)).toEqual([
      '#$ -pe smp 4', '#$ -l h_vmem=2G', '#$ -l gpu=2', '#$ -l h_rt=01:00:00',
    ]);
    expect(header({ cores: 1, memory: '1GB', gpus: 1, gpuResource: 'nvidia_gpu' })).toContain('#$ -l nvidia_gpu=1');
    expect(header({ cores: 1, memory: '1GB', gpuResource: 'nvidia_gpu' }).join('\n')).not.toContain('gpu');
  });

  it.each([[0], [-2], [0.5]])('refuses gpus = %j, naming gpus', (gpus) => {
    expect(() => options({ cores: 1, memory: '1GB', gpus })).toThrow(/gpus/);
  });

  it('asks a parallel environment for `cores` slots and charges an account, only when set', () => {
    expect(header({ cores: 4, memory: '8GB', pe: 'smp', account: 'physics' })).toEqual([
      '#$ -N jq-worker', '#$ -A physics', '#$ -pe smp 4', '#$ -cwd', '#$ -j y', '#$ -S /bin/bash',
    ]);
    expect(header({ cores: 4, memory: '8GB' }).join('\n')).not.toMatch(/-pe|-A|-q|-P|-l/);
  });

  it('formats walltimes as h_rt=HH:MM:SS, hours past 24 included', () => {
    expect(header({ cores: 1, memory: '1GB', walltime: 90 })).toContain('#$ -l h_rt=01:30:00');
    expect(header({ cores: 1, memory: '1GB', walltime: '2-01:00:00' })).toContain('#$ -l h_rt=49:00:00');
  });

  it('uses another shell when asked, and drops skipped directives by substring', () => {
    expect(header({ cores: 1, memory: '1GB', shell: '/bin/sh' })).toContain('#$ -S /bin/sh');
    expect(header({ cores: 1, memory: '1GB', jobDirectivesSkip: ['-cwd', '-S '], jobExtraDirectives: ['-notify'] })).toEqual([
      '#$ -N jq-worker', '#$ -j y', '#$ -notify',
    ]);
  });

  it("gives an array's script its 0-based task index before the body; a plain job has none", () => {
    const arrayJob: JobRequest = { ...job, array: { count: 3 } };
    const resolved = options({ cores: 1, memory: '1GB' });
    const script = sgeBackend.render(arrayJob, resolved).script;
    expect(script).toContain(`JQ_SGE_TASK_INDEX=$(( SGE_TASK_ID - 1 ))\n${job.body}\n`);
    expect(sgeBackend.render(job, resolved).script).not.toContain('SGE_TASK_ID');
  });

  it('names array tasks <cluster>-<firstIndex + SGE_TASK_ID - 1> when the script runs', () => {
    const resolved = options({ cores: 1, memory: '1GB' });
    const body = renderJobBody(resolved, {
      jobKey: 'demo-5', command: ['sh', '-c', 'echo "$JQ_JOB_KEY"'], environment: {},
      array: { indexVariable: sgeBackend.arrayIndexVariable!, clusterName: 'demo', firstIndex: 5 },
    });
    const script = sgeBackend.render({ ...job, body, array: { count: 3 } }, resolved).script;
    const names = [1, 2, 3].map((task) => spawnSync('bash', ['-c', script], { env: { SGE_TASK_ID: String(task), PATH: process.env.PATH }, encoding: 'utf8' }).stdout.trim());
    expect(names).toEqual(['demo-5', 'demo-6', 'demo-7']);
  });
});

describe('sge log files', () => {
  it("are SGE's own names in the log directory: <jobName>.o<id>, array tasks <jobName>.o<job>.<task>, merged by -j y", () => {
    const resolved = options({ cores: 1, memory: '1GB', jobName: 'w', logDirectory: '/logs/' });
    expect(sgeBackend.logFiles!('35', job, resolved)).toEqual({ stdout: '/logs/w.o35', stderr: '/logs/w.o35' });
    expect(sgeBackend.logFiles!('37.2', job, resolved)).toEqual({ stdout: '/logs/w.o37.2', stderr: '/logs/w.o37.2' });
  });

  it('keeps stderr apart once -j y is skipped, and knows nothing without a log directory', () => {
    const separate = options({ cores: 1, memory: '1GB', jobName: 'w', logDirectory: '/logs', jobDirectivesSkip: ['-j y'] });
    expect(sgeBackend.logFiles!('35', job, separate)).toEqual({ stdout: '/logs/w.o35', stderr: '/logs/w.e35' });
    expect(sgeBackend.logFiles!('35', job, options({ cores: 1, memory: '1GB' }))).toBeUndefined();
  });
});

describe('sge option safety', () => {
  it.each([
    ['project', 'p -P other'],
    ['project', 'a"b'],
    ['pe', 'smp 4 -l x=1'],
    ['pe', '$(id)'],
    ['resourceSpec', 'h_vmem=1G -q other'],
    ['resourceSpec', 'h_vmem=$(id)'],
    ['resourceSpec', 'a#b'],
    ['shell', 'bash'],
    ['gpuResource', 'gpu=1 -q other'],
    ['shell', '/bin/bash -x'],
    ['queue', 'all.q -P x'],
    ['jobName', 'name\n#$ -u root'],
    ['jobName', '1worker'],
    ['jobName', 'a:b'],
  ])('refuses %s = %j, which would inject into the script or qsub, or which SGE refuses', (key, value) => {
    const attempt = () => options({ cores: 1, memory: '1GB', [key]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(key);
  });

  it('accepts the resource expressions SGE users write', () => {
    expect(header({ cores: 1, memory: '1GB', resourceSpec: 'arch=lx*,hostname=a|b,h_vmem=4G' })).toContain('#$ -l arch=lx*,hostname=a|b,h_vmem=4G');
  });

  it('rejects unknown options and wrong types, naming each', () => {
    try {
      options({ cores: 1, memory: '1GB', pe: 4, resource_spec: 'h_vmem=1G' });
      expect.unreachable();
    } catch (error) {
      expect(JobQueueError.hasCode(error, 'JQ_CONFIG_INVALID')).toBe(true);
      expect((error as ConfigError).issues.map((issue) => issue.path).sort()).toEqual(['pe', 'resource_spec']);
      expect((error as Error).message).toMatch(/^\[jq\/sge\]/);
    }
  });
});
