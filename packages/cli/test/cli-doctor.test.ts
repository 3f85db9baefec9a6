import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobqueue } from './support/run-cli.js';

// A PATH of fake batch programs (the process boundary): one that answers, one that fails.
const fakeBin = mkdtempSync(join(tmpdir(), 'jq-cli-doctor-'));
const program = (name: string, script: string) => writeFileSync(join(fakeBin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
program('sbatch', 'echo "slurm 23.02.1"');
program('squeue', 'echo "slurm_load_jobs error: Unable to contact slurm controller (connect failure)" >&2; exit 1');
program('scancel', 'exit 0');
program('sacct', 'exit 0');
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

// A project with a site preset package: one preset right, one with a misspelt and an invalid option.
const project = mkdtempSync(join(tmpdir(), 'jq-cli-doctor-project-'));
const presetPackage = join(project, 'node_modules', '@site', 'presets');
mkdirSync(presetPackage, { recursive: true });
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
writeFileSync(join(presetPackage, 'package.json'), JSON.stringify({ name: '@site/presets', type: 'module', main: 'index.js' }));
writeFileSync(
  join(presetPackage, 'index.js'),
  [
    "const slurm = { specificationVersion: 'v1', name: 'slurm' };",
    "export const campus = { backend: slurm, options: { queue: 'compute', walltime: '04:00:00' } };",
    "export const broken = { backend: slurm, options: { queu: 'gpu', walltime: 'soon' } };",
  ].join('\n'),
);
const configFile = join(project, 'jobqueue.yaml');
writeFileSync(configFile, 'slurm:\n  cores: 4\n  memory: lots\n');
afterAll(() => rmSync(project, { recursive: true, force: true }));

interface DoctorJson {
  settings: { configFiles: string[]; presets: Array<{ preset: string; backend: string }>; problems: Array<{ source: string; backend: string; path: string; problem: string; fix: string }> };
  testJobs: Array<{ backend: string; id: string | null; held: boolean; cancelled: boolean; fix: string | null }>;
}

describe('jobqueue doctor', () => {
  it('reports an absent batch system with its fix, exit 1', async () => {
    const run = await jobqueue(['doctor', 'lsf'], { env: { PATH: '/nonexistent' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('missing bsub, bjobs, bkill');
    expect(run.stdout).toContain('lsf: source profile.lsf');
  });

  it('reports a status command that fails with its message, and the version, exit 1', async () => {
    const run = await jobqueue(['doctor', 'slurm', '--json'], { env: { PATH: `${fakeBin}:/usr/bin:/bin` } });
    expect(run.code).toBe(1);
    const [slurm] = (JSON.parse(run.stdout) as { batchSystems: Array<Record<string, unknown>> }).batchSystems;
    expect(slurm).toMatchObject({ backend: 'slurm', missing: [], version: 'slurm 23.02.1', status: 'fails', accounting: 'answers', usable: false });
    expect(slurm!.fix).toContain('Unable to contact slurm controller');
  });

  it('lists the IPv4 interfaces and the address advice', async () => {
    const run = await jobqueue(['doctor', 'local']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('127.0.0.1  (loopback: this machine only)');
    expect(run.stdout).toMatch(/scheduler listens on 127\.0\.0\.1 by default/);
  });

  it('refuses an unknown backend, exit 2', async () => {
    const run = await jobqueue(['doctor', 'oar']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown backend "oar"');
  });

  it('reports a misconfigured preset, each problem with its fix, and passes the right one, exit 2', async () => {
    const run = await jobqueue(['doctor', 'local', '--preset', '@site/presets', '--config', '/dev/null'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('presets checked: @site/presets:broken (slurm), @site/presets:campus (slurm)');
    expect(run.stdout).toContain('problem: preset @site/presets:broken (slurm): queu is not a known option; did you mean `queue`? (got "gpu")');
    expect(run.stdout).toContain('  fix: in preset @site/presets:broken, rename queu to queue');
    expect(run.stdout).toMatch(/fix: in preset @site\/presets:broken, change walltime \(now "soon"\): it must be HH:MM:SS/);
    expect(run.stdout).not.toContain('@site/presets:campus (slurm):');
  });

  it("reports a config file's invalid value with the file, section and fix, exit 2", async () => {
    const run = await jobqueue(['doctor', 'slurm', '--config', configFile, '--json'], { env: { PATH: '/nonexistent' } });
    expect(run.code).toBe(2);
    const { settings } = JSON.parse(run.stdout) as DoctorJson;
    expect(settings.configFiles).toEqual([configFile]);
    expect(settings.problems).toEqual([
      expect.objectContaining({ source: expect.stringContaining(`${configFile}: slurm`), backend: 'slurm', path: 'memory', fix: expect.stringContaining('change memory (now "lots"): it must be a positive size') }),
    ]);
  });

  it('says so when there is nothing wrong with the settings', async () => {
    const run = await jobqueue(['doctor', 'local', '--preset', '@site/presets:campus', '--config', '/dev/null'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('presets checked: @site/presets:campus (slurm)\nsettings: no problems');
  });

  it('--test-job: a refused held submission is reported with the batch system message, exit 1', async () => {
    program('sbatch', 'case "$1" in --version) echo "slurm 23.02.1";; *) echo "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified" >&2; exit 1;; esac');
    program('squeue', 'exit 0');
    const run = await jobqueue(['doctor', 'slurm', '--test-job', '--json', '--config', '/dev/null'], { env: { PATH: `${fakeBin}:/usr/bin:/bin` } });
    expect(run.code).toBe(1);
    const [report] = (JSON.parse(run.stdout) as DoctorJson).testJobs;
    expect(report).toMatchObject({ backend: 'slurm', id: null, held: false, cancelled: false });
    expect(report!.fix).toContain('Invalid account or account/partition combination specified');
  });

  it('--test-job: a job that does not show held is cancelled all the same, exit 1', async () => {
    const cancelled = join(fakeBin, 'cancelled');
    program('sbatch', 'case "$1" in --version) echo "slurm 23.02.1";; *) cat >/dev/null; echo 4242;; esac');
    program('squeue', 'echo "RUNNING None"');
    program('scancel', `echo "$@" > ${cancelled}`);
    const run = await jobqueue(['doctor', 'slurm', '--test-job', '--config', '/dev/null'], { env: { PATH: `${fakeBin}:/usr/bin:/bin` } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('job 4242 accepted, shown RUNNING (None), cancelled');
    expect(run.stdout).toContain('not held: this batch system may ignore holds');
    expect(readFileSync(cancelled, 'utf8').trim()).toBe('4242');
  });

  it('--test-job for a backend without one is a usage error, exit 2', async () => {
    const run = await jobqueue(['doctor', 'lsf', '--test-job']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--test-job is not available for lsf');
  });
});
