import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Type from 'typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, definePreset, JobQueueCluster, mergeOptionSources } from '../src/index.js';
import { TestScheduler } from '../src/testing/index.js';
import { fakeBackend } from './support/fake-batch.js';

const slurmLike = { ...fakeBackend, name: 'slurm' };
const pbsLike = { ...fakeBackend, name: 'pbs', options: Type.Object({ resourceSpec: Type.Optional(Type.String()) }) };

let home: string;
const saved = { ...process.env };
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'jq-config-home-'));
  for (const key of ['JQ_CONFIG', 'DASK_CONFIG', 'XDG_CONFIG_HOME']) delete process.env[key];
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  process.env.DASK_CONFIG = join(home, '.config', 'dask');
});
afterEach(() => {
  process.env = { ...saved };
});

function file(relative: string, text: string): string {
  const path = join(home, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as ConfigError).message.split('\n').slice(1);
  }
  throw new Error('expected a ConfigError');
}

describe('option sources', () => {
  it('resolves explicit → preset → config section, reading dask-style kebab-case keys', () => {
    const path = file('site.yaml', ['jobqueue:', '  slurm:', '    cores: 8', '    memory: 16GB', '    queue: normal', '    job-extra-directives: ["--gres=gpu:1"]', '  pbs:', '    cores: 99'].join('\n'));
    const preset = definePreset(slurmLike, { queue: 'site-queue', account: 'site-account' });
    const merged = mergeOptionSources({ account: 'mine' }, slurmLike, { preset: preset.options, config: path });
    expect(merged.options).toEqual({ cores: 8, memory: '16GB', queue: 'site-queue', account: 'mine', jobExtraDirectives: ['--gres=gpu:1'] });
    expect(merged.origins).toEqual({ cores: `${path}: jobqueue.slurm`, memory: `${path}: jobqueue.slurm`, queue: 'preset', jobExtraDirectives: `${path}: jobqueue.slurm` });
  });

  it('reads dask-jobqueue\'s own jobqueue.yaml when there is no jobqueue file: nulls unset, old names mapped, dask-only keys noticed once', () => {
    file('.config/dask/jobqueue.yaml', [
      'jobqueue:',
      '  pbs:',
      '    name: dask-worker',
      '    cores: 36',
      '    memory: 100GB',
      '    processes: 9',
      '    interface: null',
      '    queue: regular',
      '    project: P48500028',
      "    walltime: '00:30:00'",
      '    resource-spec: select=1:ncpus=36:mem=109G',
      '    python: /opt/conda/bin/python',
      '    worker-command: distributed.cli.dask_worker',
      '    scheduler-options: {}',
      '    shared-temp-directory: null',
      '    local-directory: $TMPDIR',
      '    job-extra-directives: []',
      "    job-extra: ['-m abe']",
      "    env-extra: ['module load python']",
      'distributed:',
      '  scheduler:',
      '    allowed-failures: 3',
    ].join('\n'));
    const cluster = new JobQueueCluster({ backend: pbsLike, scheduler: new TestScheduler(), handleExit: false });
    const options = cluster.options as typeof cluster.options & { resourceSpec: string };
    expect([options.jobName, options.cores, options.processes, options.queue, options.account, options.walltime, options.resourceSpec, options.localDirectory]).toEqual([
      'dask-worker', 36, 9, 'regular', 'P48500028', 1800, 'select=1:ncpus=36:mem=109G', '$TMPDIR',
    ]);
    expect(options.jobExtraDirectives).toEqual(['-m abe']);
    expect(options.jobScriptPrologue).toEqual(['module load python']);
    expect(cluster.notices.map((notice) => notice.replace(/^.*jobqueue\.pbs\./, ''))).toEqual([
      'python is a dask-jobqueue setting with no equivalent here (workers run on Node.js here); ignored',
      'worker-command is a dask-jobqueue setting with no equivalent here (the scheduler decides the worker command); ignored',
      'scheduler-options is a dask-jobqueue setting with no equivalent here (scheduler options go to the scheduler (EngineScheduler or DaskScheduler)); ignored',
    ]);
  });

  it('prefers the jobqueue file over dask\'s, and honours $DASK_CONFIG', () => {
    process.env.DASK_CONFIG = join(home, 'site-dask');
    file('site-dask/jobqueue.yaml', 'jobqueue:\n  slurm:\n    cores: 4\n    memory: 4GB\n');
    expect(mergeOptionSources({}, slurmLike).options).toEqual({ cores: 4, memory: '4GB' });
    file('.config/jobqueue/jobqueue.yaml', 'slurm:\n  cores: 2\n');
    expect(mergeOptionSources({}, slurmLike).options).toEqual({ cores: 2 });
  });

  it('names the file, the section and the key of a bad value', () => {
    const path = file('.config/jobqueue/jobqueue.yaml', 'slurm:\n  cores: many\n  memroy: 4GB\n');
    const issues = issuesOf(() => new JobQueueCluster({ backend: slurmLike, scheduler: new TestScheduler(), options: { memory: '1GB' }, handleExit: false }));
    expect(issues.sort()).toEqual([
      `  - cores: must be integer (got "many", from ${path}: slurm)`,
      `  - memroy: is not a known option; did you mean \`memory\`? (got "4GB", from ${path}: slurm)`,
    ]);
  });

  it('reports a misspelt top-level key or section instead of ignoring it', () => {
    expect(issuesOf(() => mergeOptionSources({}, slurmLike, { config: file('a.yaml', 'jobqeue:\n  slurm:\n    cores: 1\n') }))).toEqual([
      expect.stringMatching(/config file .*a\.yaml: jobqeue: is not a section jobqueue reads; did you mean `jobqueue`\?/),
    ]);
    expect(issuesOf(() => mergeOptionSources({}, slurmLike, { config: file('b.yaml', 'jobqueue:\n  slrum:\n    cores: 1\n') }))).toEqual([
      expect.stringMatching(/config file .*b\.yaml: jobqueue\.slrum: is not a section jobqueue reads; did you mean `slurm`\?/),
    ]);
  });

  it('refuses a $JQ_CONFIG that does not exist, and names a file that is not YAML', () => {
    process.env.JQ_CONFIG = join(home, 'nowhere.yaml');
    expect(issuesOf(() => mergeOptionSources({}, slurmLike))).toEqual([expect.stringMatching(/config file .*nowhere\.yaml \(named by \$JQ_CONFIG\): does not exist/)]);
    const path = file('broken.yaml', 'slurm: [unclosed');
    expect(issuesOf(() => mergeOptionSources({}, slurmLike, { config: path }))).toEqual([expect.stringMatching(/must be readable YAML/)]);
  });

  it('reads the sections a backend declares, strongest first', () => {
    const torqueLike = { ...fakeBackend, name: 'torque', configSections: ['torque', 'pbs'] };
    const path = file('c.yaml', 'jobqueue:\n  pbs:\n    cores: 3\n');
    expect(mergeOptionSources({}, torqueLike, { config: path }).options).toEqual({ cores: 3 });
  });
});
