import { performance } from 'node:perf_hooks';
import { execa } from 'execa';

/** Job names the Slurm benchmark gives its jobs; only these are ever waited for. */
export const benchJobNames = ['bench-slurm-engine', 'bench-slurm-dask'];

/** Lines of `squeue` for jobs named `names` (all jobs when `names` is empty); 0 lines when squeue fails. */
async function queueLines(names: string[], format: string): Promise<string[]> {
  const filter = names.length === 0 ? [] : [`--name=${names.join(',')}`];
  const result = await execa('squeue', ['--noheader', ...filter, `--format=${format}`], { reject: false, timeout: 15_000 });
  return result.failed ? [] : result.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** Jobs in the queue now: ours (by name) and everybody's. */
export async function queueCounts(): Promise<{ ours: number; all: number }> {
  const [ours, all] = await Promise.all([queueLines(benchJobNames, '%i'), queueLines([], '%i')]);
  return { ours: ours.length, all: all.length };
}

/**
 * Waits until no job of ours is in the queue (a repetition must not start while the
 * previous one's jobs still hold the 8 CPUs); returns how long that took in ms.
 */
export async function waitForEmptyQueue(timeoutMs: number, intervalMs = 100, names = benchJobNames): Promise<number> {
  const started = performance.now();
  while ((await queueLines(names, '%i')).length > 0) {
    if (performance.now() - started > timeoutMs) throw new Error(`[jq/bench] jobs ${names.join(', ')} still in the Slurm queue after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return performance.now() - started;
}

/**
 * When Slurm allocated each running job of `name` (its StartTime, whole seconds: Slurm
 * keeps no finer time), as wall-clock ms, keyed by array task `<id>_<task>` index order.
 */
export async function allocationTimes(name: string): Promise<number[]> {
  const lines = await queueLines([name], '%i|%S');
  return lines
    .map((line) => Date.parse(line.split('|')[1] ?? ''))
    .filter((time) => Number.isFinite(time))
    .sort((a, b) => a - b);
}
