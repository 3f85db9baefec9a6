import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobqueue } from './support/run-cli.js';

// A project with a site preset package installed, as a user's would be. The presets carry
// the shape definePreset returns ({ backend, options }), written out in plain JavaScript.
const project = mkdtempSync(join(tmpdir(), 'jq-cli-preset-'));
const presetPackage = join(project, 'node_modules', '@site', 'presets');
mkdirSync(presetPackage, { recursive: true });
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
writeFileSync(join(presetPackage, 'package.json'), JSON.stringify({ name: '@site/presets', type: 'module', main: 'index.js' }));
writeFileSync(
  join(presetPackage, 'index.js'),
  [
    "const slurm = { specificationVersion: 'v1', name: 'slurm' };",
    "export const campus = { backend: slurm, options: { queue: 'compute', account: 'campus', walltime: '04:00:00' } };",
    "export const campusGpu = { backend: slurm, options: { queue: 'gpu', gpus: 1, gpuType: 'a100' } };",
    "export const pbsCampus = { backend: { specificationVersion: 'v1', name: 'pbs' }, options: { queue: 'workq' } };",
  ].join('\n'),
);
afterAll(() => rmSync(project, { recursive: true, force: true }));

const script = (...args: string[]) => jobqueue(['script', 'slurm', '--cores', '4', '--memory', '8GB', '--config', '/dev/null', ...args], { cwd: project });

describe('jobqueue script --preset', () => {
  it('applies the named preset, explicit flags over it', async () => {
    const run = await script('--preset', '@site/presets:campus', '--walltime', '00:20:00');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('#SBATCH -p compute');
    expect(run.stdout).toContain('#SBATCH -A campus');
    expect(run.stdout).toContain('#SBATCH -t 00:20:00');
  });

  it('asks which one when the package has several presets for the backend, exit 2', async () => {
    const run = await script('--preset', '@site/presets');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exports several presets for slurm');
    expect(run.stderr).toContain('@site/presets:campus, @site/presets:campusGpu');
  });

  it('refuses a preset made for another backend, exit 2', async () => {
    const run = await script('--preset', '@site/presets:pbsCampus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('preset @site/presets:pbsCampus is for pbs, not slurm');
  });

  it('says how to install a preset package that is not there, exit 2', async () => {
    const run = await script('--preset', '@site/missing');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot load preset package @site/missing');
    expect(run.stderr).toContain('npm install @site/missing');
  });
});
