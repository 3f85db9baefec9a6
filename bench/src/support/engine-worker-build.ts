import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WorkerLaunch } from '@jq/core';
import { EngineScheduler, workerEntryPath, type EngineSchedulerOptions } from '@jq/engine';

/** Which `jq-worker` the benchmark's jobs run. */
export type EngineWorkerVariant = 'built' | 'source';

const engineDirectory = dirname(createRequire(import.meta.url).resolve('@jq/engine/package.json'));
/**
 * The published worker entry (`pnpm build` / `turbo run build --filter=@jq/engine...`), or
 * another build of it named by `JQ_BENCH_WORKER_ENTRY` (to compare two builds: copy the
 * older `worker-main.cjs` next to the new one, so both resolve the same dependencies).
 */
export const builtWorkerEntry = process.env.JQ_BENCH_WORKER_ENTRY ?? join(engineDirectory, 'dist', 'worker-main.cjs');

const coreDirectory = dirname(createRequire(join(engineDirectory, 'package.json')).resolve('@jq/core/package.json'));

/**
 * Whether `@jq/engine` was loaded from its TypeScript sources (a benchmark run by hand with
 * `--conditions=@jq/source`) rather than from its build, as `pnpm bench` and every installed
 * package load it.
 */
export const engineFromSource = workerEntryPath.endsWith('.ts');

/**
 * True when `dist/worker-main.cjs` exists and matches the sources: the engine itself was
 * loaded from its build (`pnpm bench` has just built it), or its file is newer than every
 * source file of @jq/engine and @jq/core.
 */
export function builtWorkerAvailable(): boolean {
  if (!existsSync(builtWorkerEntry)) return false;
  if (!engineFromSource || process.env.JQ_BENCH_WORKER_ENTRY !== undefined) return true;
  const built = statSync(builtWorkerEntry).mtimeMs;
  return [join(engineDirectory, 'src'), join(coreDirectory, 'src')].every((directory) => newestModification(directory) <= built);
}

function newestModification(directory: string): number {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/**
 * An EngineScheduler whose jobs run the published worker, `node dist/worker-main.cjs …`,
 * as an installed package does. From the workspace sources the engine would start
 * workers through tsx (a loader, a TypeScript transform and an esbuild process per
 * worker), which is not what users run and would skew start-up time and memory.
 */
class BuiltWorkerEngineScheduler extends EngineScheduler {
  override workerCommand(launch: WorkerLaunch): string[] {
    const command = super.workerCommand(launch);
    const entry = command.indexOf(workerEntryPath);
    return [this.options.node, builtWorkerEntry, ...command.slice(entry + 1)];
  }
}

/** A scheduler whose workers are `variant`: the built worker when asked (and built), else from source. */
export function createEngineScheduler(variant: EngineWorkerVariant, options: EngineSchedulerOptions = {}): EngineScheduler {
  return variant === 'built' ? new BuiltWorkerEngineScheduler(options) : new EngineScheduler(options);
}

/** The variant benchmarks use by default: built when available. */
export function defaultWorkerVariant(): EngineWorkerVariant {
  return builtWorkerAvailable() ? 'built' : 'source';
}

/** Which code the scheduler and client ran, for a benchmark's notes. */
export function schedulerBuildNote(): string {
  return engineFromSource
    ? 'EngineScheduler and Client: from source through tsx, which keeps function names (a call per closure made): slower than an installed @jq/engine'
    : 'EngineScheduler and Client: the build (dist), as an installed @jq/engine runs';
}
