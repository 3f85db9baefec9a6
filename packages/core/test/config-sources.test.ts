import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definePreset, JobQueueCluster } from '../src/index.js';
import { TestScheduler } from '../src/testing/index.js';
import { mergeOptionSources } from '../src/options/config-sources.js';
import { fakeBackend } from './support/fake-batch.js';

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jq-config-')), 'jobqueue.yaml');
  writeFileSync(path, text);
  return path;
}

const toyBackend = { ...fakeBackend, name: 'slurm' };

describe('option sources', () => {
  it('resolves explicit → preset → config section, reading dask-style kebab-case keys', () => {
    const path = configFile(['jobqueue:', '  slurm:', '    cores: 8', '    memory: 16GB', '    queue: normal', '    job-extra-directives: ["--gres=gpu:1"]', '  pbs:', '    cores: 99'].join('\n'));
    const preset = definePreset(toyBackend, { queue: 'site-queue', account: 'site-account' });
    expect(mergeOptionSources({ account: 'mine' }, 'slurm', { preset: preset.options, config: path })).toEqual({
      cores: 8,
      memory: '16GB',
      queue: 'site-queue',
      account: 'mine',
      jobExtraDirectives: ['--gres=gpu:1'],
    });
  });

  it('validates what came from the file like any option', () => {
    const path = configFile('slurm:\n  cores: many\n  memroy: 4GB\n');
    const create = () => new JobQueueCluster({ backend: toyBackend, scheduler: new TestScheduler(), options: { memory: '1GB' }, config: path, handleExit: false });
    expect(create).toThrow(/cores: must be integer/);
    expect(create).toThrow(/memroy: is not a known option/);
  });

  it('names the file when it is not YAML, and skips a missing default file', () => {
    const path = configFile('slurm: [unclosed');
    expect(() => mergeOptionSources({}, 'slurm', { config: path })).toThrow(new RegExp(`config file ${path}: must be readable YAML`));
    process.env.JQ_CONFIG = join(tmpdir(), 'jq-no-such-config.yaml');
    try {
      expect(mergeOptionSources({ cores: 1 }, 'slurm')).toEqual({ cores: 1 });
    } finally {
      delete process.env.JQ_CONFIG;
    }
  });
});
