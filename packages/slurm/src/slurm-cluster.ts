import { JobQueueCluster, type Clock, type CommandRunner, type CommonOptions, type SchedulerV1 } from '@jq/core';
import { slurmBackend } from './slurm-backend.js';
import type { SlurmOnlyOptions } from './slurm-options.js';

/** Everything a Slurm cluster needs: a scheduler and the options, common and Slurm's own. */
export interface SlurmClusterSettings<S extends SchedulerV1> {
  /** The scheduler the workers connect to. */
  scheduler: S;
  /** Common options (`cores`, `memory`, `queue` = partition, `account`, `walltime`, …) plus Slurm's. */
  options: CommonOptions & SlurmOnlyOptions;
  /** Runs batch commands; default execa. */
  runner?: CommandRunner;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Cancel jobs on SIGINT/SIGTERM/SIGHUP and process exit. Default true. */
  handleExit?: boolean;
}

/**
 * A {@link JobQueueCluster} on Slurm, the counterpart of dask-jobqueue's `SLURMCluster`.
 *
 * @example
 * ```ts
 * const cluster = createSlurmCluster({ scheduler, options: { cores: 8, memory: '28GB', queue: 'regular', walltime: '01:00:00' } });
 * await cluster.scale(4); // ONE sbatch --array=0-3
 * ```
 */
export function createSlurmCluster<S extends SchedulerV1>(settings: SlurmClusterSettings<S>): JobQueueCluster<typeof slurmBackend, S> {
  return new JobQueueCluster({ ...settings, backend: slurmBackend, options: { ...settings.options } });
}
