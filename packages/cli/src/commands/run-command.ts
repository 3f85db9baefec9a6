import type { RunFlags } from '@jq/runner';
import { exitCodes } from '../cli-errors.js';

/** The flags of `jobqueue run`, as commander hands them over: @jq/runner checks them, as for `jq-run`. */
export type RunCommandFlags = RunFlags;

/**
 * `jobqueue run <file> [args…]` on every rank of one allocation (started by `srun`,
 * `mpirun`, `pbsdsh` or `blaunch`): @jq/runner's `runFile` — rank 0 runs the scheduler and
 * the file's default export and prints its result as one JSON line, the other ranks are its
 * workers. With `--dask`, `<file>` is a Python script and rank 0 a Dask scheduler.
 */
export async function runCommand(file: string, args: string[], flags: RunCommandFlags): Promise<number> {
  const runner = await import('@jq/runner');
  const settings = runner.runSettingsFromFlags(flags);
  if (settings.dask) return runner.runDaskInAllocation(file, args, settings.options);
  const result = await runner.runFile(file, args, settings.options);
  if (runner.detectRank()?.rank === 0) process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
  return exitCodes.ok;
}
