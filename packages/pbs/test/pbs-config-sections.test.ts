import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeOptionSources } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { pbsBackend, torqueBackend } from '../src/index.js';

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jq-pbs-config-')), 'jobqueue.yaml');
  writeFileSync(path, text);
  return path;
}

// dask-jobqueue has one `pbs` section for PBS Pro and Torque alike.
const daskFile = `jobqueue:
  pbs:
    cores: 8
    memory: 16GB
    queue: batch
  torque:
    queue: torque-only
`;

describe('config sections', () => {
  it('PBS Pro reads the pbs section only', () => {
    const merged = mergeOptionSources({}, pbsBackend, { config: configFile(daskFile) });
    expect(merged.options).toMatchObject({ cores: 8, memory: '16GB', queue: 'batch' });
  });

  it('Torque reads its own section first, then a dask-jobqueue user’s pbs section', () => {
    const merged = mergeOptionSources({}, torqueBackend, { config: configFile(daskFile) });
    expect(merged.options).toMatchObject({ cores: 8, memory: '16GB', queue: 'torque-only' });
  });

  it('Torque with only a pbs section takes every setting from it', () => {
    const merged = mergeOptionSources({}, torqueBackend, { config: configFile('pbs:\n  cores: 4\n  queue: batch\n') });
    expect(merged.options).toMatchObject({ cores: 4, queue: 'batch' });
  });
});
