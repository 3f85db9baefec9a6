import { formatBytesCeil, formatWalltime, renderHeader, renderJobScript, type JobRequest, type NodeLauncher, type RenderedJob } from '@jq/core';
import type { SlurmResolvedOptions } from './slurm-options.js';

/** Slurm's memory units: it has no bytes unit, so `formatBytesCeil` never goes below `1K`. */
const slurmUnits = { suffixes: ['K', 'M', 'G'] as [string, string, string] };

/** `--mem` value: `jobMem` verbatim, else `memory` rounded up (`28GB` → `27G`, as dask-jobqueue does). */
export function slurmMemory(options: SlurmResolvedOptions): string {
  return options.jobMem ?? formatBytesCeil(options.memory, slurmUnits);
}

/**
 * `-e`/`-o` when a `logDirectory` is set, named `<jobName>-%j` like dask-jobqueue's
 * `%J` (which is `%j` in a batch script). An array task's `%j` is an internal id that
 * no tool shows next to `123_4`, so an array's script names them `<jobName>-%A_%a`.
 */
export function slurmLogDirectives(options: SlurmResolvedOptions, array = false): string[] {
  if (options.logDirectory === undefined) return [];
  const stem = `${options.logDirectory.replace(/\/+$/, '')}/${options.jobName}-${array ? '%A_%a' : '%j'}`;
  return [`-e ${stem}.err`, `-o ${stem}.out`];
}

/**
 * `#SBATCH` directives in dask-jobqueue's order (`-J`, `-e`, `-o`, `-p`, `-A`, `-n 1`,
 * `-N 1`, `--cpus-per-task`, `--mem`, `-t`), then the options dask users add as extras;
 * GPUs as `--gpus=[<type>:]<count>` (the job's total: it runs on one node). A job of
 * several nodes asks `--nodes=N --ntasks-per-node=1` instead of `-n 1 -N 1`, and its
 * cores, memory (`--mem` is per node) and GPUs (`--gpus-per-node`) per node.
 */
export function slurmDirectives(options: SlurmResolvedOptions, array = false): string[] {
  const directives = [`-J ${options.jobName}`, ...slurmLogDirectives(options, array)];
  if (options.queue !== undefined) directives.push(`-p ${options.queue}`);
  if (options.account !== undefined) directives.push(`-A ${options.account}`);
  // One task per node: the srun of the body starts the worker processes once on each.
  directives.push(...(options.nodes > 1 ? [`--nodes=${options.nodes}`, '--ntasks-per-node=1'] : ['-n 1', '-N 1']));
  directives.push(`--cpus-per-task=${options.jobCpu ?? options.cores}`, `--mem=${slurmMemory(options)}`);
  if (options.walltime !== undefined) directives.push(`-t ${formatWalltime(options.walltime)}`);
  if (options.qos !== undefined) directives.push(`--qos=${options.qos}`);
  if (options.gpus !== undefined) {
    directives.push(`${options.nodes > 1 ? '--gpus-per-node' : '--gpus'}=${options.gpuType === undefined ? '' : `${options.gpuType}:`}${options.gpus}`);
  }
  if (options.gres !== undefined) directives.push(`--gres=${options.gres}`);
  if (options.constraint !== undefined) directives.push(`--constraint=${options.constraint}`);
  if (options.reservation !== undefined) directives.push(`--reservation=${options.reservation}`);
  if (options.exclusive === true) directives.push('--exclusive');
  return directives;
}

/**
 * First line of every body. Slurm ends a job with SIGTERM to each process it tracks, then
 * SIGKILL after KillWait. The shell dies of the SIGTERM while its worker drains instead,
 * and the orphaned worker is then invisible where Slurm tracks processes by parentage
 * (proctrack/linuxproc, recorded on Slurm 22.05): it outlives its job. With a no-op trap
 * the shell waits for its worker, so the SIGKILL still finds it, and after a graceful
 * drain the epilogue runs.
 */
export const slurmShellKeepsWorker = 'trap : TERM';

/**
 * The batch script: shebang, `#SBATCH` header (skips and extras applied by core), then
 * core's body. An array's script carries its own log names; `--array` itself stays on
 * sbatch's command line, so one script shape serves any task count.
 */
export function renderSlurmJob(job: JobRequest, options: SlurmResolvedOptions): RenderedJob {
  const header = renderHeader('#SBATCH', slurmDirectives(options, job.array !== undefined), options);
  return { script: renderJobScript(options, header, `${slurmShellKeepsWorker}\n${job.body}`) };
}

/**
 * A job of several nodes runs its worker command with `srun`, one task per node. The
 * CPUs go on srun's own line: Slurm 22.05's srun no longer inherits `--cpus-per-task`.
 * One failed node fails the step (`--kill-on-bad-exit=1`), so the job ends and is
 * replaced as a unit; a worker that retires exits 0 and leaves the others running.
 * The node index is the task's rank, one task per node.
 */
export function slurmNodeLauncher(options: SlurmResolvedOptions): NodeLauncher {
  return { argv: ['srun', `--cpus-per-task=${options.jobCpu ?? options.cores}`, '--kill-on-bad-exit=1'], nodeIndex: '"$SLURM_PROCID"' };
}
