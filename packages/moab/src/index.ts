/**
 * `@jq/moab`: jobqueue backend for Moab Workload Manager (on Torque), a thin adapter on
 * @jq/pbs's Torque backend, the counterpart of dask-jobqueue's `MoabCluster`.
 *
 * ```ts
 * import { createMoabCluster } from '@jq/moab';
 * const cluster = createMoabCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * ```
 * @module
 */
export { moabBackend } from './moab-backend.js';
export { createMoabCluster } from './moab-cluster.js';
export { MoabOptionsSchema, type MoabOptions, type MoabResolvedOptions } from './moab-options.js';
export { parseMoabSubmit } from './moab-submit.js';
export { parseMoabStatus } from './moab-status.js';
export { moabJobStatus, type MoabJobFields } from './moab-states.js';
export { moabJobElements, type MoabJobAttributes } from './moab-xml.js';
export { classifyMoabError } from './moab-errors.js';
