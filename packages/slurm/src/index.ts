export { slurmBackend } from './slurm-backend.js';
export { SlurmOptionsSchema, type SlurmOptions, type SlurmResolvedOptions } from './slurm-options.js';
export { slurmDirectives, slurmMemory } from './slurm-render.js';
export { slurmJobState, slurmJobStatus, slurmStateCodes } from './slurm-states.js';
export { classifySlurmError } from './slurm-errors.js';
export { expandSlurmJobId } from './slurm-job-ids.js';
export { createSlurmCluster } from './slurm-cluster.js';
