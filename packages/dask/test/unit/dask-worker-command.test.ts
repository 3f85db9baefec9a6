import { jobKeyReference, renderJobBody, resolveOptions, type WorkerLaunch } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { daskWorkerJobKey, renderDaskWorkerCommand } from '../../src/index.js';
import { daskWorkerResources } from '../../src/dask-worker-command.js';

const parts = { python: '/path/to/python', address: 'tcp://10.0.0.5:8786', nanny: true };

function launch(overrides: Partial<WorkerLaunch> = {}): WorkerLaunch {
  return { jobKey: 'dummy-name', pool: 'default', processes: 1, threads: 1, memoryLimit: 16e9, deathTimeout: 60, extraArgs: [], ...overrides };
}

describe('renderDaskWorkerCommand', () => {
  it('renders the dask-jobqueue command for cores=8, memory=28GB, processes=4', () => {
    const argv = renderDaskWorkerCommand(parts, launch({ processes: 4, threads: 2, memoryLimit: 28e9 / 4 }));
    expect(argv.join(' ')).toBe(
      '/path/to/python -m distributed.cli.dask_worker tcp://10.0.0.5:8786 --name dummy-name --nthreads 2 --memory-limit 6.52GiB --nworkers 4 --nanny --death-timeout 60 --resources CPU=2,MEMORY=7000000000',
    );
  });

  it('leaves out --nworkers for one process and renders --no-nanny', () => {
    const argv = renderDaskWorkerCommand({ ...parts, nanny: false }, launch());
    expect(argv.join(' ')).toBe(
      '/path/to/python -m distributed.cli.dask_worker tcp://10.0.0.5:8786 --name dummy-name --nthreads 1 --memory-limit 14.90GiB --no-nanny --death-timeout 60 --resources CPU=1,MEMORY=16000000000',
    );
  });

  it('orders local directory, lifetime, extra args, interface and TLS like dask-jobqueue', () => {
    const tls = { directory: '/shared/t', caFile: '/shared/t/cert.pem', certFile: '/shared/t/cert.pem', keyFile: '/shared/t/key.pem' };
    const argv = renderDaskWorkerCommand(
      { ...parts, address: 'tls://10.0.0.5:8786', interface: 'ib0', tls },
      launch({ localDirectory: '$TMPDIR', lifetime: 3300, lifetimeStagger: 240, extraArgs: ['--resources', 'GPU=2'] }),
    );
    expect(argv.slice(4)).toEqual([
      '--name', 'dummy-name', '--nthreads', '1', '--memory-limit', '14.90GiB', '--nanny', '--death-timeout', '60',
      '--local-directory', '$TMPDIR', '--lifetime', '3300s', '--lifetime-stagger', '240s', '--resources', 'CPU=1,MEMORY=16000000000', '--resources', 'GPU=2',
      '--interface', 'ib0', '--protocol', 'tls://', '--tls-ca-file', '/shared/t/cert.pem', '--tls-cert', '/shared/t/cert.pem',
      '--tls-key', '/shared/t/key.pem',
    ]);
  });

  it("prefers the launch's interface over the scheduler's", () => {
    const argv = renderDaskWorkerCommand({ ...parts, interface: 'eth0' }, launch({ interface: 'ib0' }));
    expect(argv.slice(-2)).toEqual(['--interface', 'ib0']);
  });

  it('keeps the job-name placeholder, which the job script turns into "${JQ_JOB_KEY}"', () => {
    const argv = renderDaskWorkerCommand(parts, launch({ jobKey: jobKeyReference }));
    const options = resolveOptions({ cores: 1, memory: '1GB' }, { packageName: 'jq/dask' });
    const body = renderJobBody(options, { jobKey: 'jq-3', command: argv, environment: {} });
    expect(body).toContain(' --name "${JQ_JOB_KEY}" --nthreads 1 ');
  });
});

describe('daskWorkerResources', () => {
  it("declares each process's threads and memory, and the job's GPUs shared out between its processes", () => {
    expect(daskWorkerResources(launch({ threads: 4, memoryLimit: 8e9 }))).toBe('CPU=4,MEMORY=8000000000');
    expect(daskWorkerResources(launch({ gpus: 1 }))).toBe('CPU=1,MEMORY=16000000000,GPU=1');
    expect(daskWorkerResources(launch({ gpus: 4, processes: 2, memoryLimit: 1e9 / 3 }))).toBe('CPU=1,MEMORY=333333333,GPU=2');
    expect(daskWorkerResources(launch({ gpus: 1, processes: 2 }))).toBe('CPU=1,MEMORY=16000000000,GPU=0.5');
    // Slurm's own gpus option also takes a GPU type.
    expect(daskWorkerResources(launch({ gpus: 'a100:2' as unknown as number }))).toBe('CPU=1,MEMORY=16000000000,GPU=2');
  });

  it('puts them before the extra arguments, so that a --resources of the user wins (Dask takes the last)', () => {
    const argv = renderDaskWorkerCommand(parts, launch({ gpus: 2, extraArgs: ['--resources', 'FPGA=1'] }));
    expect(argv.slice(-4)).toEqual(['--resources', 'CPU=1,MEMORY=16000000000,GPU=2', '--resources', 'FPGA=1']);
  });
});

describe('daskWorkerJobKey', () => {
  it('strips the process index Dask appends with --nworkers', () => {
    expect(daskWorkerJobKey('jq-12-0', 2)).toBe('jq-12');
    expect(daskWorkerJobKey('jq-12-1', 2)).toBe('jq-12');
  });

  it('keeps the name of a single-process job as it is', () => {
    expect(daskWorkerJobKey('jq-12', 1)).toBe('jq-12');
  });

  it('keeps a name without an index suffix', () => {
    expect(daskWorkerJobKey('outsider', 4)).toBe('outsider');
  });
});
