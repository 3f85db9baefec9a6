import { describe, expect, it } from 'vitest';
import { ConfigError, JobQueueError, resolveOptions, type JobRequest } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { createSlurmCluster, slurmBackend, type SlurmResolvedOptions } from '../src/index.js';

const job: JobRequest = { jobKey: 'test-0', pool: 'default', index: 0, body: 'run-worker --name "${JQ_JOB_KEY}"', scriptPath: '/tmp/x/test-0.sh' };

function options(input: Record<string, unknown>): SlurmResolvedOptions {
  return resolveOptions({ name: 'test', ...input }, slurmBackend) as SlurmResolvedOptions;
}

function header(input: Record<string, unknown>): string[] {
  return slurmBackend
    .render(job, options(input))
    .script.split('\n')
    .filter((line) => line.startsWith('#SBATCH'));
}

describe('slurm rendering', () => {
  it('renders the dask-jobqueue test_job_script header and the body unchanged', () => {
    const script = slurmBackend.render(job, options({ walltime: '00:02:00', processes: 4, cores: 8, memory: '28GB', jobName: 'dask-worker' })).script;
    expect(script).toBe(
      [
        '#!/usr/bin/env bash',
        '',
        '#SBATCH -J dask-worker',
        '#SBATCH -n 1',
        '#SBATCH -N 1',
        '#SBATCH --cpus-per-task=8',
        '#SBATCH --mem=27G',
        '#SBATCH -t 00:02:00',
        'trap : TERM',
        'run-worker --name "${JQ_JOB_KEY}"',
        '',
      ].join('\n'),
    );
  });

  it('renders queue, account, jobCpu, jobMem and log directory in dask-jobqueue order', () => {
    expect(
      header({ cores: 8, memory: '28GB', walltime: '00:30:00', queue: 'regular', account: 'DaskOnSlurm', jobCpu: 16, jobMem: '100G', logDirectory: '/path/to/logs/', jobName: 'dask-worker' }),
    ).toEqual([
      '#SBATCH -J dask-worker',
      '#SBATCH -e /path/to/logs/dask-worker-%j.err',
      '#SBATCH -o /path/to/logs/dask-worker-%j.out',
      '#SBATCH -p regular',
      '#SBATCH -A DaskOnSlurm',
      '#SBATCH -n 1',
      '#SBATCH -N 1',
      '#SBATCH --cpus-per-task=16',
      '#SBATCH --mem=100G',
      '#SBATCH -t 00:30:00',
    ]);
  });

  it('names an array\'s logs %A_%a in its script (the ids squeue shows), honouring jobDirectivesSkip', () => {
    const arrayJob: JobRequest = { ...job, array: { count: 4 } };
    const logged = options({ cores: 1, memory: '1GB', jobName: 'w', logDirectory: '/logs' });
    const lines = slurmBackend.render(arrayJob, logged).script.split('\n').filter((line) => line.startsWith('#SBATCH -'));
    expect(lines.slice(0, 3)).toEqual(['#SBATCH -J w', '#SBATCH -e /logs/w-%A_%a.err', '#SBATCH -o /logs/w-%A_%a.out']);
    const skipped = slurmBackend.render(arrayJob, { ...logged, jobDirectivesSkip: ['-e '] }).script;
    expect(skipped).not.toContain('#SBATCH -e');
    expect(skipped).toContain('#SBATCH -o /logs/w-%A_%a.out');
  });

  it('drops skipped directives by substring and always keeps extra directives', () => {
    expect(
      header({ cores: 2, memory: '4GB', jobName: 'myjob', walltime: 30, jobDirectivesSkip: ['--mem', '-N 1'], jobExtraDirectives: ['--mem=1G', '--mail-type=END'] }),
    ).toEqual(['#SBATCH -J myjob', '#SBATCH -n 1', '#SBATCH --cpus-per-task=2', '#SBATCH -t 00:30:00', '#SBATCH --mem=1G', '#SBATCH --mail-type=END']);
  });

  it('renders qos, gpus (typed by gpuType), gres, constraint, reservation and exclusive after the walltime', () => {
    expect(
      header({ cores: 1, memory: '1GiB', qos: 'high', gpus: 2, gpuType: 'a100', gres: 'nvme:1', constraint: 'haswell&ib', reservation: 'maint_1', exclusive: true }).slice(-6),
    ).toEqual(['#SBATCH --qos=high', '#SBATCH --gpus=a100:2', '#SBATCH --gres=nvme:1', '#SBATCH --constraint=haswell&ib', '#SBATCH --reservation=maint_1', '#SBATCH --exclusive']);
    expect(header({ cores: 1, memory: '1GiB', exclusive: false }).join('\n')).not.toContain('exclusive');
  });

  it('asks for the common gpus count as --gpus=N, and for no GPU without it', () => {
    expect(header({ cores: 4, memory: '8GB', gpus: 1 })).toContain('#SBATCH --gpus=1');
    expect(header({ cores: 4, memory: '8GB' }).join('\n')).not.toMatch(/gpu/);
  });

  it.each([
    [{ gpus: 0 }, 'gpus'],
    [{ gpus: -1 }, 'gpus'],
    [{ gpus: 1.5 }, 'gpus'],
    [{ gpus: '2' }, 'gpus'],
    [{ gpuType: 'a100' }, 'gpuType'],
    [{ gpus: 1, gres: 'gpu:1' }, 'gres'],
    [{ gpus: 1, gres: 'nvme:1,gpu' }, 'gres'],
  ])('refuses the GPU request %j, naming %s', (input, path) => {
    try {
      options({ cores: 1, memory: '1GB', ...input });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([path]);
    }
  });

  it.each([
    [12, '1K'],
    [1234, '2K'],
    [12345678, '12M'],
    [1234567890, '2G'],
    [15000000000, '14G'],
    ['28GB', '27G'],
    ['4GB', '4G'],
    ['512MiB', '512M'],
  ])('rounds memory %s up to --mem=%s like slurm_format_bytes_ceil', (memory, expected) => {
    expect(header({ cores: 1, memory })).toContain(`#SBATCH --mem=${expected}`);
  });

  it('has no -t line without a walltime and no -p/-A without queue or account', () => {
    const lines = header({ cores: 1, memory: '1GB' }).join('\n');
    expect(lines).not.toMatch(/ -t | -p | -A /);
  });
});

describe('slurm option safety', () => {
  // Values that would inject into the script or sbatch's command line, by option.
  const hostile: Record<string, string[]> = {
    qos: ['high --uid=0', 'a"b'],
    constraint: ['x $(reboot)', 'a#b'],
    reservation: ['r;rm -rf /'],
    gres: ['gpu:1 --wrap=evil'],
    gpus: ['1\n#SBATCH --uid=0'],
    gpuType: ['a100 --uid=0'],
    jobMem: ['10G --exclusive', '$(id)'],
    queue: ['debug -A other'],
    account: ["acct'"],
    jobName: ['name\n#SBATCH --uid=0'],
  };

  it.each(Object.entries(hostile).flatMap(([key, values]) => values.map((value) => [key, value])))('refuses %s = %j, naming the option', (key, value) => {
    expect(() => options({ cores: 1, memory: '1GB', [key!]: value })).toThrow(new RegExp(`${key}:`));
    expect(() => options({ cores: 1, memory: '1GB', [key!]: value })).toThrow(ConfigError);
  });

  it('rejects unknown options and wrong types, naming each', () => {
    try {
      options({ cores: 1, memory: '1GB', jobCpu: 0, exclusive: 'yes', partition: 'debug' });
      expect.unreachable();
    } catch (error) {
      expect(JobQueueError.hasCode(error, 'JQ_CONFIG_INVALID')).toBe(true);
      const paths = (error as ConfigError).issues.map((issue) => issue.path).sort();
      expect(paths).toEqual(['exclusive', 'jobCpu', 'partition']);
      expect((error as Error).message).toMatch(/^\[jq\/slurm\]/);
    }
  });

  it('asks a job of several nodes for one task per node, its cores, memory and GPUs per node, and runs the worker with srun', async () => {
    expect(header({ cores: 4, memory: '8GB', nodes: 2, gpus: 1 })).toEqual([
      '#SBATCH -J jq-worker',
      '#SBATCH --nodes=2',
      '#SBATCH --ntasks-per-node=1',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --mem=8G',
      '#SBATCH --gpus-per-node=1',
    ]);
    const cluster = createSlurmCluster({ scheduler: new EngineScheduler({ httpPort: false }), options: { name: 'multi', cores: 4, memory: '8GB', processes: 2, nodes: 2 }, handleExit: false });
    const lines = cluster.jobScript().split('\n');
    const launch = lines.find((line) => line.startsWith('srun '));
    expect(launch).toMatch(/^srun --cpus-per-task=4 --kill-on-bad-exit=1 \/bin\/sh -c 'JQ_NODE_INDEX="\$SLURM_PROCID"; exec \S+ .*--name "\$\{JQ_JOB_KEY\}" .*--nworkers 2 --node-index "\$\{JQ_NODE_INDEX\}".*'$/);
    expect(lines).toContain('export JQ_JOB_KEY=multi-0');
    await cluster.close();
  });
});

