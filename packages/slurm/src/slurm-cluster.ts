import { clusterFactory } from '@jq/core';
import { slurmBackend } from './slurm-backend.js';

/**
 * A cluster on Slurm, the counterpart of dask-jobqueue's `SLURMCluster`, typed from
 * Slurm's options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createSlurmCluster({ scheduler, options: { cores: 8, memory: '28GB', queue: 'regular', walltime: '01:00:00' } });
 * await cluster.scale(4); // ONE sbatch --array=0-3
 * ```
 */
export const createSlurmCluster = clusterFactory(slurmBackend);
