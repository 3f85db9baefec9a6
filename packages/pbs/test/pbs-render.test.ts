import { type JobRequest, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { type PbsResolvedOptions, formatPbsMemory, pbsBackend, torqueBackend } from '../src/index.js';

function render(backend: typeof pbsBackend, input: Record<string, unknown>): string {
  const options = resolveOptions({ name: 'demo', ...input }, backend) as PbsResolvedOptions;
  const job: JobRequest = { jobKey: 'demo-0', pool: 'default', index: 0, body: 'run-worker --name demo-0', scriptPath: '/tmp/demo-0.sh' };
  return backend.render(job, options).script;
}

describe('PBS rendering', () => {
  it('matches dask-jobqueue test_pbs.test_job_script for PBS Pro', () => {
    expect(render(pbsBackend, { cores: 8, processes: 4, memory: '28GB', walltime: '00:02:00', jobName: 'dask-worker' })).toBe(
      '#!/usr/bin/env bash\n\n#PBS -N dask-worker\n#PBS -l select=1:ncpus=8:mem=27GB\n#PBS -l walltime=00:02:00\nrun-worker --name demo-0\n',
    );
  });

  it('puts queue and account before resources, and logs after walltime, in dask order', () => {
    const script = render(pbsBackend, { cores: 4, memory: '8GB', queue: 'regular', account: 'DaskOnPBS', walltime: '00:30:00', logDirectory: '/logs', jobExtraDirectives: ['-j oe'] });
    expect(script.split('\n').filter((line) => line.startsWith('#PBS'))).toEqual([
      '#PBS -N jq-worker',
      '#PBS -q regular',
      '#PBS -A DaskOnPBS',
      '#PBS -l select=1:ncpus=4:mem=7630MB',
      '#PBS -l walltime=00:30:00',
      '#PBS -e /logs/',
      '#PBS -o /logs/',
      '#PBS -j oe',
    ]);
  });

  it('asks Torque for nodes=1:ppn=N with the memory on the same line', () => {
    expect(render(torqueBackend, { cores: 8, memory: '28GB' })).toContain('#PBS -l nodes=1:ppn=8,mem=27GB\n');
  });

  it('replaces the generated request with resourceSpec and refuses one with spaces', () => {
    expect(render(pbsBackend, { cores: 2, memory: '1GB', resourceSpec: 'select=1:ncpus=2:ngpus=1' })).toContain('#PBS -l select=1:ncpus=2:ngpus=1\n');
    expect(() => render(pbsBackend, { cores: 2, memory: '1GB', resourceSpec: 'select=1 -W x' })).toThrow(/resourceSpec/);
  });

  it('asks for GPUs as ngpus in the PBS Pro select and gpus= per Torque node', () => {
    expect(render(pbsBackend, { cores: 8, memory: '28GB', gpus: 2 })).toContain('#PBS -l select=1:ncpus=8:mem=27GB:ngpus=2\n');
    expect(render(torqueBackend, { cores: 8, memory: '28GB', gpus: 1 })).toContain('#PBS -l nodes=1:ppn=8:gpus=1,mem=27GB\n');
    expect(render(pbsBackend, { cores: 8, memory: '28GB' })).not.toContain('gpus');
  });

  it('refuses GPU counts PBS would refuse, and gpus with a resourceSpec that would drop them, naming gpus', () => {
    for (const gpus of [0, -1, 2.5]) expect(() => render(pbsBackend, { cores: 1, memory: '1GB', gpus })).toThrow(/gpus/);
    expect(() => render(torqueBackend, { cores: 1, memory: '1GB', gpus: 1, resourceSpec: 'nodes=1:ppn=1' })).toThrow(/gpus: is rendered into the generated -l request, which resourceSpec replaces/);
  });

  it('formats memory as pbs_format_bytes_ceil does', () => {
    expect([12345678, 1234567890, 15000000000, 28e9, 8e9].map(formatPbsMemory)).toEqual(['12MB', '1178MB', '14GB', '27GB', '7630MB']);
  });

  it('submits arrays with -J (PBS Pro) and -t (Torque) on the command line', () => {
    const options = resolveOptions({ cores: 1, memory: '1GB' }, pbsBackend) as PbsResolvedOptions;
    expect(pbsBackend.submit('/s.sh', options, { count: 4 }).argv).toEqual(['qsub', '-J', '0-3', '/s.sh']);
    expect(torqueBackend.submit('/s.sh', options, { count: 4 }).argv).toEqual(['qsub', '-t', '0-3', '/s.sh']);
    expect([pbsBackend.arrayIndexVariable, torqueBackend.arrayIndexVariable]).toEqual(['PBS_ARRAY_INDEX', 'PBS_ARRAYID']);
  });

  it('knows where PBS writes a job\'s output in the log directory', () => {
    const options = resolveOptions({ cores: 1, memory: '1GB', logDirectory: '/logs' }, pbsBackend) as PbsResolvedOptions;
    const job: JobRequest = { jobKey: 'x-0', pool: 'default', index: 0, body: '', scriptPath: '/s.sh' };
    expect(pbsBackend.logFiles?.('12[3].head', job, options)).toEqual({ stdout: '/logs/jq-worker.o12.3', stderr: '/logs/jq-worker.e12.3' });
    expect(torqueBackend.logFiles?.('12[3].head', job, options)).toEqual({ stdout: '/logs/jq-worker.o12-3', stderr: '/logs/jq-worker.e12-3' });
    expect(torqueBackend.logFiles?.('12.head', job, { ...options, logDirectory: undefined } as unknown as PbsResolvedOptions)).toBeUndefined();
  });
});
