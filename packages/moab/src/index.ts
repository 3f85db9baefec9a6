/**
 * `@jq/moab`: jobqueue backend for Moab Workload Manager (on Torque).
 *
 * ```ts
 * import { JobQueueCluster } from '@jq/core';
 * import { moabBackend } from '@jq/moab';
 * const cluster = new JobQueueCluster({ backend: moabBackend, scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * ```
 * @module
 */
export { moabBackend, type MoabOptions } from './moab-backend.js';
export { parseMoabSubmit } from './moab-submit.js';
export { parseMoabStatus } from './moab-status.js';
export { moabJobStatus, type MoabJobFields } from './moab-states.js';
export { moabJobElements, type MoabJobAttributes } from './moab-xml.js';
export { classifyMoabError } from './moab-errors.js';
export { createMoabCluster } from './moab-cluster.js';
