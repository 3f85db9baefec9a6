import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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

  it('starts without loading what only some workers use: child processes, fs/promises, tls, threads', async () => {
    await build({ ...workerBundle, outDir, silent: true, sourcemap: false });
    const loadedOut = join(outDir, 'loaded.txt');
    const recorder = fileURLToPath(new URL('./fixtures/record-loaded-builtins.cjs', import.meta.url));
    // Port 1 on loopback refuses at once: the worker starts, fails to connect and gives up after its death timeout.
    const run = promisify(execFile)(process.execPath, ['--require', recorder, join(outDir, 'worker-main.cjs'), 'tcp://127.0.0.1:1', '--name', 'bundle', '--death-timeout', '0.2'], {
      // Only what a job script gives it: vitest's own NODE_OPTIONS would preload more.
      env: { PATH: process.env.PATH ?? '', JQ_ENGINE_SECRET: 'bundle-test-secret', JQ_LOADED_OUT: loadedOut },
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no scheduler at 127.0.0.1:1') });
    const loaded = (await readFile(loadedOut, 'utf8')).split('\n');
    // It did load what every worker needs (the recording works)…
    for (const present of ['NativeModule net', 'NativeModule crypto', 'NativeModule internal/util/parse_args/parse_args']) expect(loaded).toContain(present);
    // …and none of these, each several milliseconds of CPU per worker at start.
    for (const absent of ['NativeModule child_process', 'NativeModule internal/fs/promises', 'NativeModule internal/readline/interface', 'NativeModule tls', 'NativeModule worker_threads']) {
      expect(loaded).not.toContain(absent);
    }
  }, 60_000);
});
