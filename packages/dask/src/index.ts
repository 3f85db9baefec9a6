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
 * const scheduler = new DaskScheduler();
 * const cluster = new JobQueueCluster({ backend: slurmBackend, scheduler, options: { cores: 4, memory: '8GB' } });
 * await cluster.scale(8);
 * console.log(scheduler.connection.python); // Python: Client(scheduler_file=…, security=…), ready to paste
 * ```
 */
export { DaskScheduler } from './dask-scheduler.js';
export { restoreScheduler, stopScheduler, daskConnectionOf } from './dask-restore.js';
export type { DaskConnection } from './dask-connection.js';
export type { DaskRecordSettings } from './dask-record-settings.js';
export type { DaskSchedulerOptions, ResolvedDaskOptions } from './dask-options.js';
export { DaskError, type DaskErrorReason } from './dask-errors.js';
export { createDaskTlsMaterial, daskTlsFiles, writeDaskTls, type DaskTlsFiles, type DaskTlsMaterial } from './dask-tls.js';
export { renderDaskWorkerCommand, daskWorkerJobKey, type DaskWorkerCommandParts } from './dask-worker-command.js';
export { defaultPythonCandidates, findDaskPython, type DaskPython } from './dask-python.js';
