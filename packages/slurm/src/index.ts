/**
 * `@jq/slurm`: jobqueue backend for Slurm, the counterpart of dask-jobqueue's `SLURMCluster`.
 *
 * ```ts
 * import { createSlurmCluster } from '@jq/slurm';
 * const cluster = createSlurmCluster({ scheduler, options: { cores: 8, memory: '28GB', queue: 'regular', walltime: '01:00:00' } });
 * ```
 * @module
 */
export { slurmBackend } from './slurm-backend.js';
export { createSlurmCluster } from './slurm-cluster.js';
export { SlurmOptionsSchema, checkSlurmOptions, type SlurmOptions, type SlurmResolvedOptions } from './slurm-options.js';
export { slurmDirectives, slurmMemory } from './slurm-render.js';
export { slurmJobState, slurmJobStatus, slurmStateCodes, type SlurmExit } from './slurm-states.js';
export { classifySlurmError } from './slurm-errors.js';
export { expandSlurmJobId } from './slurm-job-ids.js';
