import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBundle } from '../worker-bundle.config.js';

const outDir = await mkdtemp(join(tmpdir(), 'jq-worker-bundle-'));
// One build for every case: the metafile says what went in, the files are what workers run.
beforeAll(() => build({ ...workerBundle, outDir, metafile: true, silent: true, sourcemap: false }), 60_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));
const recorder = fileURLToPath(new URL('./fixtures/record-loaded-builtins.cjs', import.meta.url));

/** Runs `argv` under node with the recorder and `environment`; what it loaded, and how it ended. */
async function loadedBy(argv: string[], environment: Record<string, string>): Promise<{ loaded: string[]; outcome: unknown }> {
  const loadedOut = join(outDir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const outcome = await promisify(execFile)(process.execPath, ['--require', recorder, ...argv], {
    // Only what a job script gives it: vitest's own NODE_OPTIONS would preload more.
    env: { PATH: process.env.PATH ?? '', JQ_LOADED_OUT: loadedOut, ...environment },
  }).catch((error: unknown) => error);
  return { loaded: (await readFile(loadedOut, 'utf8')).split('\n'), outcome };
}

describe('the jq-worker bundle', () => {
  it('is one CommonJS file per entry that leaves out everything a worker does not run', async () => {
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
    // Port 1 on loopback refuses at once: the worker starts, fails to connect and gives up after its death timeout.
    const { loaded, outcome } = await loadedBy([join(outDir, 'worker-main.cjs'), 'tcp://127.0.0.1:1', '--name', 'bundle', '--death-timeout', '0.2'], {
      JQ_ENGINE_SECRET: 'bundle-test-secret',
    });
    expect(outcome).toMatchObject({ code: 1, stderr: expect.stringContaining('no scheduler at 127.0.0.1:1') });
    // It did load what every worker needs (the recording works)…
    for (const present of ['NativeModule net', 'NativeModule crypto', 'NativeModule internal/util/parse_args/parse_args']) expect(loaded).toContain(present);
    // …and none of these, each several milliseconds of CPU per worker at start.
    for (const absent of ['NativeModule child_process', 'NativeModule internal/fs/promises', 'NativeModule internal/readline/interface', 'NativeModule tls', 'NativeModule worker_threads']) {
      expect(loaded).not.toContain(absent);
    }
  }, 60_000);

  it("never loads msgpackr's native decoder, even where npm installed it", async () => {
    // msgpackr-extract as an installed package would offer it to msgpackr (NODE_PATH stands
    // in for a flat node_modules next to the bundle); it cost each worker about 5 MiB resident.
    const extract = createRequire(createRequire(import.meta.url).resolve('msgpackr')).resolve('msgpackr-extract');
    const nodePath = extract.slice(0, extract.lastIndexOf('/node_modules/') + '/node_modules'.length);
    const isAddon = (line: string): boolean => line.startsWith('Addon ');
    // The recording sees the addon when something does load it…
    const control = await loadedBy(['-e', "require('msgpackr-extract')"], { NODE_PATH: nodePath });
    expect(control.outcome).toMatchObject({ stdout: '' });
    expect(control.loaded.filter(isAddon)).toHaveLength(1);
    // …and the worker, decoding its frames with msgpackr, does not.
    const worker = await loadedBy([join(outDir, 'worker-main.cjs'), 'tcp://127.0.0.1:1', '--name', 'bundle', '--death-timeout', '0.2'], {
      JQ_ENGINE_SECRET: 'bundle-test-secret',
      NODE_PATH: nodePath,
      MSGPACKR_NATIVE_ACCELERATION_DISABLED: 'false',
    });
    expect(worker.outcome).toMatchObject({ code: 1 });
    expect(worker.loaded.filter(isAddon)).toEqual([]);
  }, 60_000);
});
