/**
 * @module @jq/dask
 *
 * A real Dask scheduler as a jobqueue scheduler: give Python users a Dask cluster on
 * Slurm, PBS, SGE, LSF, Moab, HTCondor or local processes, driven from TypeScript.
 *
 * ```sh
 * pnpm add @jq/core @jq/dask @jq/slurm   # and, for the scheduler's Python: apt-get install python3-distributed
 * ```
 *
 * ```ts
 * const cluster = new JobQueueCluster({ backend: slurmBackend, scheduler: new DaskScheduler(), options: { cores: 4, memory: '8GB' } });
 * await cluster.scale(8);
 * console.log(cluster.scheduler.address); // Python: distributed.Client(address)
 * ```
 */
export { DaskScheduler } from './dask-scheduler.js';
export type { DaskSchedulerOptions, ResolvedDaskOptions } from './dask-options.js';
export { DaskError, type DaskErrorReason } from './dask-errors.js';
export type { DaskTlsFiles } from './dask-tls.js';
export { renderDaskWorkerCommand, daskWorkerJobKey, type DaskWorkerCommandParts } from './dask-worker-command.js';
export { defaultPythonCandidates, findDaskPython, type DaskPython } from './dask-python.js';
