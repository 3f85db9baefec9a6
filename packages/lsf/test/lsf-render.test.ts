import { execFileSync } from 'node:child_process';
import { type JobRequest, jobKeyReference, nodeIndexReference, resolveOptions } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { describe, expect, it } from 'vitest';
import { type LsfResolvedOptions, createLsfCluster, formatLsfMemory, lsfBackend, lsfConfPath, lsfUnitsFromConf } from '../src/index.js';

function options(input: Record<string, unknown>): LsfResolvedOptions {
  return resolveOptions({ name: 'demo', lsfUnits: 'kb', ...input }, lsfBackend);
}

function render(input: Record<string, unknown>, array?: { count: number }): string {
  const job: JobRequest = { jobKey: 'demo-0', pool: 'default', index: 0, body: 'run-worker --name demo-0', scriptPath: '/tmp/demo-0.sh', ...(array ? { array } : {}) };
  return lsfBackend.render(job, options(input)).script;
}

describe('LSF rendering', () => {
  it('matches dask-jobqueue test_lsf.test_job_script (KB units)', () => {
    expect(render({ cores: 8, processes: 4, memory: '28GB', walltime: '00:02:00', jobName: 'dask-worker' })).toBe(
      '#!/usr/bin/env bash\n\n#BSUB -J dask-worker\n#BSUB -n 8\n#BSUB -R "span[hosts=1]"\n#BSUB -M 28000000\n#BSUB -W 00:02\nrun-worker --name demo-0\n',
    );
  });

  it('writes logs, queue and quoted project in dask order, and no span line for one slot', () => {
    const header = render({ cores: 1, memory: '16GB', walltime: 60, account: 'DaskOnLSF', queue: 'general', logDirectory: '/logs/', lsfUnits: 'MB', jobExtraDirectives: ['-R rusage[mem=16GB]'] })
      .split('\n')
      .filter((line) => line.startsWith('#BSUB'));
    expect(header).toEqual([
      '#BSUB -J jq-worker',
      '#BSUB -e /logs/demo-0-%J.err',
      '#BSUB -o /logs/demo-0-%J.out',
      '#BSUB -q general',
      '#BSUB -P "DaskOnLSF"',
      '#BSUB -n 1',
      '#BSUB -M 16000',
      '#BSUB -W 01:00',
      '#BSUB -R rusage[mem=16GB]',
    ]);
    expect(render({ cores: 2, ncpus: 24, memory: '1GB' })).toContain('#BSUB -n 24\n#BSUB -R "span[hosts=1]"\n');
  });

  it('asks for GPUs with -gpu "num=N" after the walltime, and refuses counts LSF refuses', () => {
    expect(render({ cores: 4, memory: '8GB', walltime: 60, gpus: 1 })).toContain('#BSUB -W 01:00\n#BSUB -gpu "num=1"\n');
    expect(render({ cores: 4, memory: '8GB' })).not.toContain('-gpu');
    for (const gpus of [0, -1, 1.5]) expect(() => render({ cores: 1, memory: '1GB', gpus })).toThrow(/gpus/);
  });

  it('formats -M like lsf_format_bytes_ceil and reads the unit from lsf.conf like lsf_detect_units', () => {
    expect([formatLsfMemory(1234567890, 'mb'), formatLsfMemory(28e9, 'kb'), formatLsfMemory(16e9, 'm'), formatLsfMemory(1e11, 'KB')]).toEqual(['1235', '28000000', '16000', '100000000']);
    expect(lsfUnitsFromConf('LSF_UNIT_FOR_LIMITS=KB\nLSF_UNIT_FOR_LIMITS=MB\n')).toBe('m');
    expect(lsfUnitsFromConf('LSF_UNIT_FOR_LIMITS=G  # comment\n')).toBe('g');
    expect(lsfUnitsFromConf('#LSF_UNIT_FOR_LIMITS=MB\n')).toBe('k');
    expect(lsfUnitsFromConf(undefined)).toBe('k');
    expect([lsfConfPath({ LSF_ENVDIR: '/x', LSF_CONFDIR: '/y' }), lsfConfPath({ LSF_CONFDIR: '/conf' }), lsfConfPath({})]).toEqual(['/x/lsf.conf', '/conf/lsf.conf', '/etc/lsf.conf']);
    const site = { environment: { LSF_ENVDIR: '/x' }, files: new Map([['/x/lsf.conf', 'LSF_UNIT_FOR_LIMITS=GB\n']]) };
    expect(resolveOptions({ cores: 1, memory: '2GB' }, lsfBackend, site).lsfUnits).toBe('g');
  });

  it('submits the script on standard input, or as an argument when useStdin is false', () => {
    expect(lsfBackend.submit('/s/job.sh', options({ cores: 1, memory: '1GB' }))).toEqual({ argv: ['bsub'], stdinFile: '/s/job.sh' });
    expect(lsfBackend.submit('/s/job.sh', options({ cores: 1, memory: '1GB' }), { count: 4 })).toEqual({ argv: ['bsub', '-J', 'jq-worker[1-4]'], stdinFile: '/s/job.sh' });
    expect(lsfBackend.submit('/s/job.sh', options({ cores: 1, memory: '1GB', useStdin: false }), { count: 2 }).argv).toEqual(['bsub', '-J', 'jq-worker[1-2]', '/s/job.sh']);
  });

  it('turns the 1-based LSB_JOBINDEX into the 0-based task index in array scripts only', () => {
    expect(render({ cores: 1, memory: '1GB' }, { count: 3 })).toContain('\nexport JQ_LSF_TASK_INDEX=$(( LSB_JOBINDEX - 1 ))\nrun-worker');
    expect(render({ cores: 1, memory: '1GB' })).not.toContain('LSB_JOBINDEX');
    expect(lsfBackend.arrayIndexVariable).toBe('JQ_LSF_TASK_INDEX');
  });

  it('knows where LSF writes a job\'s output in the log directory', () => {
    const resolved = options({ cores: 1, memory: '1GB', logDirectory: '/logs' });
    const job: JobRequest = { jobKey: 'demo-2', pool: 'default', index: 2, body: '', scriptPath: '/s.sh' };
    expect(lsfBackend.logFiles!('12', job, resolved)).toEqual({ stdout: '/logs/demo-2-12.out', stderr: '/logs/demo-2-12.err' });
    expect(lsfBackend.logFiles!('12[3]', job, resolved)).toEqual({ stdout: '/logs/demo-12-3.out', stderr: '/logs/demo-12-3.err' });
  });

  it('asks a job of several nodes for one slot per host and starts the worker command on each with blaunch, node index from LSF_PM_TASKID', async () => {
    expect(render({ cores: 8, memory: '28GB', nodes: 3 })).toContain('#BSUB -n 3\n#BSUB -R "span[ptile=1]"\n#BSUB -M 28000000\n');
    expect(render({ cores: 8, memory: '28GB', nodes: 3 })).not.toContain('span[hosts=1]');
    const cluster = createLsfCluster({ scheduler: new TestScheduler(['printf', '%s:%s\\n', jobKeyReference, nodeIndexReference]), options: { name: 'demo', lsfUnits: 'kb', cores: 2, memory: '2GB', nodes: 3 }, handleExit: false });
    const script = cluster.jobScript();
    await cluster.close();
    expect(script).toContain(`blaunch /bin/sh -c 'JQ_NODE_INDEX="$((LSF_PM_TASKID - 1))"; exec printf`);
    // blaunch, as LSF runs it: the command once per slot, LSF_PM_TASKID 1 … N, the caller's environment.
    const fakeBlaunch = 'blaunch() { for task in 1 2 3; do LSF_PM_TASKID=$task "$@"; done; }';
    const body = script.split('\n').filter((line) => !line.startsWith('#')).join('\n');
    expect(execFileSync('bash', ['-c', `${fakeBlaunch}\n${body}`]).toString()).toBe('demo-0:0\ndemo-0:1\ndemo-0:2\n');
  });
});

