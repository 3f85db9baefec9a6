import { describe, expect, it } from 'vitest';
import { jobqueue } from './support/run-cli.js';

describe('jobqueue script', () => {
  it('prints the Slurm job script from typed flags, the scheduler secret redacted', async () => {
    const run = await jobqueue(['script', 'slurm', '--cores', '4', '--memory', '8GB', '--queue', 'debug', '--walltime', '00:30:00', '--qos', 'low', '--env', 'OMP_NUM_THREADS=1', '--job-script-prologue', 'module load nodejs', '--job-script-prologue', 'echo ready', '--config', '/dev/null']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^#!\/usr\/bin\/env bash\n/);
    for (const line of ['#SBATCH -p debug', '#SBATCH -t 00:30:00', '#SBATCH --qos=low', '#SBATCH --cpus-per-task=4', 'module load nodejs', 'echo ready']) expect(run.stdout).toContain(line);
    expect(run.stdout).toMatch(/OMP_NUM_THREADS=.?1/);
    expect(run.stdout).toMatch(/\\?<redacted\\?>/);
  });

  it.each([
    ['slurm', ['--queue', 'debug', '--walltime', '01:00:00']],
    ['pbs', ['--queue', 'workq', '--walltime', '01:00:00']],
    ['torque', ['--walltime', '01:00:00']],
    ['sge', ['--queue', 'all.q', '--walltime', '01:00:00']],
    ['lsf', ['--queue', 'normal', '--walltime', '01:00']],
    ['moab', ['--walltime', '01:00:00']],
    ['htcondor', ['--disk', '1GB']],
    ['local', []],
  ])('prints the %s job script (golden, machine paths normalised)', async (backend, extra) => {
    const run = await jobqueue(['script', backend, '--name', 'golden', '--cores', '2', '--memory', '4GB', ...extra, '--config', '/dev/null']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\\?<redacted\\?>/);
    const normalised = run.stdout.replaceAll(process.execPath, '<node>').replace(/\S*\/engine\/dist\/worker-main\.cjs/g, '<jq-worker>').replace(/\/tmp\/[^\s'"]+/g, '<tmp>');
    await expect(normalised).toMatchFileSnapshot(`fixtures/script-${backend}.golden.sh`);
  });

  it('lists every invalid option at once and exits 2', async () => {
    const run = await jobqueue(['script', 'slurm', '--cores', '0', '--memory', 'lots', '--gpu-type', 'a100', '--config', '/dev/null']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('invalid options');
    for (const path of ['cores', 'memory', 'gpuType']) expect(run.stderr).toContain(`- ${path}:`);
    expect(run.stderr).toContain('JQ_CONFIG_INVALID');
    expect(run.stderr).not.toContain('    at '); // no stack without --debug
  });

  it('refuses an unknown flag with the nearest option name, exit 2', async () => {
    const run = await jobqueue(['script', 'slurm', '--cors', '4', '--memory', '8GB']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--cors'");
    expect(run.stderr).toContain('--cores');
  });

  it('refuses an unknown backend, naming the known ones, exit 2', async () => {
    const run = await jobqueue(['script', 'slurmm', '--cores', '4']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown backend "slurmm"');
    expect(run.stderr).toContain('slurm, pbs, torque, sge, lsf, moab, htcondor, local');
  });

  it('declares every option of the backend schema as a typed flag in --help', async () => {
    const run = await jobqueue(['script', 'slurm', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--cores <integer>', '--memory <value>', '--qos <value>', '--exclusive', '--env <KEY=VALUE>', '--job-script-prologue <line>', '--death-timeout <number>']) expect(run.stdout).toContain(flag);
  });

  it('refuses a value that is not KEY=VALUE for --env, exit 2', async () => {
    const run = await jobqueue(['script', 'slurm', '--cores', '1', '--memory', '1GB', '--env', 'NOEQUALS']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('KEY=VALUE');
  });
});
