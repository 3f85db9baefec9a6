import { JobQueueCluster, type Clock, type CommandRunner, type CommonOptions, type SchedulerV1 } from '@jq/core';
import { sgeBackend } from './sge-backend.js';
import type { SgeOnlyOptions } from './sge-options.js';

/** Everything an SGE cluster needs: a scheduler and the options, common and SGE's own. */
export interface SgeClusterSettings<S extends SchedulerV1> {
  /** The scheduler the workers connect to. */
  scheduler: S;
  /** Common options (`cores`, `memory`, `queue`, `account`, `walltime`, …) plus SGE's (`project`, `pe`, `resourceSpec`, `shell`). */
  options: CommonOptions & SgeOnlyOptions;
  /** Runs batch commands; default execa. */
  runner?: CommandRunner;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Cancel jobs on SIGINT/SIGTERM/SIGHUP and process exit. Default true. */
  handleExit?: boolean;
}

/**
 * A {@link JobQueueCluster} on SGE, the counterpart of dask-jobqueue's `SGECluster`.
 *
 * @example
 * ```ts
 * const cluster = createSgeCluster({ scheduler, options: { cores: 8, memory: '28GB', pe: 'smp', resourceSpec: 'h_vmem=4G', walltime: '01:00:00' } });
 * await cluster.scale(4); // ONE qsub -t 1-4
 * ```
 */
export function createSgeCluster<S extends SchedulerV1>(settings: SgeClusterSettings<S>): JobQueueCluster<typeof sgeBackend, S> {
  return new JobQueueCluster({ ...settings, backend: sgeBackend, options: { ...settings.options } });
}
