import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import { workerBundle } from '../worker-bundle.config.js';

const outDir = await mkdtemp(join(tmpdir(), 'jq-worker-bundle-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the jq-worker bundle', () => {
  it('is one CommonJS file per entry that leaves out everything a worker does not run', async () => {
    await build({ ...workerBundle, outDir, metafile: true, silent: true, sourcemap: false });
    const metafile = JSON.parse(await readFile(join(outDir, 'metafile-cjs.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('worker-main.cjs'))?.[1];
    // What ended up in the file (the bundler reads more than it keeps).
    const inputs = Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    const coreSources = inputs.filter((input) => input.includes('core/src/'));
    // Of @jq/core, only the error class: no cluster code, options, config or contracts' schemas.
    expect(coreSources.map((input) => input.replace(/.*core\/src\//, ''))).toEqual(['errors.ts']);
    for (const absent of ['typebox', 'execa', 'yaml', 'shell-quote', 'piscina', 'node-forge', 'msgpackr-extract']) {
      expect(inputs.filter((input) => input.includes(`node_modules/${absent}/`))).toEqual([]);
    }
    // Nor the scheduler or client side of the engine.
    expect(inputs.filter((input) => /src\/(scheduler|client)\//.test(input))).toEqual([]);
    expect(inputs.some((input) => input.includes('node_modules/msgpackr/'))).toBe(true);
    const size = (await stat(join(outDir, 'worker-main.cjs'))).size;
    expect(size).toBeLessThan(100_000);
    expect((await readFile(join(outDir, 'worker-main.cjs'), 'utf8')).startsWith('#!/usr/bin/env node')).toBe(true);
  }, 60_000);
});
