export { slurmBackend } from './slurm-backend.js';
export { SlurmOptionsSchema, type SlurmOnlyOptions, type SlurmResolvedOptions } from './slurm-options.js';
export { slurmDirectives, slurmMemory } from './slurm-render.js';
export { slurmJobState, slurmJobStatus, slurmStateCodes } from './slurm-states.js';
export { classifySlurmError } from './slurm-errors.js';
export { expandSlurmJobId } from './slurm-job-ids.js';
export { createSlurmCluster, type SlurmClusterSettings } from './slurm-cluster.js';
