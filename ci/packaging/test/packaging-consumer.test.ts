import { accessSync, constants, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumerProject, type Diagnostic, entryPoints, importsFileName, runIn, typecheckConsumer } from '../packaging-consumer.js';
import { type PackageManifest, publishablePackages, readJson, unpackedPath } from '../packaging-packages.js';

const packs = publishablePackages();
let consumer = '';
let diagnostics: Diagnostic[] = [];

beforeAll(async () => {
  consumer = await createConsumerProject(packs);
  diagnostics = [...(await typecheckConsumer(consumer, 'tsconfig.node16.json')), ...(await typecheckConsumer(consumer, 'tsconfig.bundler.json'))];
});
afterAll(() => {
  if (consumer !== '') rmSync(consumer, { recursive: true, force: true });
});

/** The diagnostics that belong to one package: in its imports file or its installed files. */
function diagnosticsOf(name: string, importsFile: string): string[] {
  return diagnostics.filter((diagnostic) => diagnostic.file === importsFile || diagnostic.file.includes(`node_modules/${name}/`)).map((diagnostic) => diagnostic.text);
}

describe.each(packs)('$name', (pack) => {
  it('installs from its tarball in a plain npm project: entry points load in node and typecheck (node16, bundler), bins linked', async () => {
    const entries = entryPoints(pack);
    const script = `for (const entry of ${JSON.stringify(entries)}) { const module = await import(entry); if (Object.keys(module).length === 0) throw new Error(entry + ' exports nothing'); } console.log('loaded ' + ${entries.length});`;
    const loaded = await runIn(consumer, process.execPath, ['--input-type=module', '-e', script]);
    expect(loaded.output).toContain(`loaded ${entries.length}`);
    expect(diagnosticsOf(pack.name, importsFileName(pack))).toEqual([]);
    const packed = readJson<PackageManifest>(join(unpackedPath(pack), 'package.json'));
    for (const bin of Object.keys(packed.bin ?? {})) expect(() => accessSync(join(consumer, 'node_modules/.bin', bin), constants.X_OK), bin).not.toThrow();
  });
});

describe('the consumer scenario', () => {
  it('node scenario.mjs: previews a Slurm job script, runs 10 tasks on a local cluster with the engine scheduler, closes with no job left', async () => {
    const result = await runIn(consumer, process.execPath, ['scenario.mjs'], 240_000);
    expect(result.ok, result.output).toBe(true);
    const lastLine = result.output.trim().split('\n').filter((line) => line.startsWith('{')).at(-1) ?? '';
    const outcome = JSON.parse(lastLine) as { slurmScript: string; squares: number[]; jobs: number; jobsLeft: number };
    expect(outcome.slurmScript).toMatch(/^#!.*\n(.*\n)*#SBATCH --cpus-per-task=2\n/);
    expect(outcome.slurmScript).toContain('#SBATCH -A consumer-test');
    // The preview never shows the scheduler's secret (shell-quoted: \<redacted\>), and the worker
    // command runs the jq-worker bundle from the installed package.
    expect(outcome.slurmScript).toMatch(/JQ_ENGINE_SECRET=\\?<redacted\\?>/);
    expect(outcome.slurmScript).toContain('/node_modules/@jq/engine/dist/worker-main.cjs');
    expect(outcome.squares).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(outcome.jobs).toBeGreaterThanOrEqual(1);
    expect(outcome.jobsLeft).toBe(0);
  }, 300_000);

  it('scenario.ts typechecks with tsc --strict under node16 and bundler module resolution', () => {
    expect(diagnostics.filter((diagnostic) => diagnostic.file === 'scenario.ts' || diagnostic.file === 'tasks.ts').map((diagnostic) => diagnostic.text)).toEqual([]);
  });

  it('no diagnostic outside the files above (lib files, third-party declarations)', () => {
    const attributed = (file: string) => file === 'scenario.ts' || file === 'tasks.ts' || packs.some((pack) => file === importsFileName(pack) || file.includes(`node_modules/${pack.name}/`));
    expect(diagnostics.filter((diagnostic) => !attributed(diagnostic.file)).map((diagnostic) => diagnostic.text)).toEqual([]);
  });
});
