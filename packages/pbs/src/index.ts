/**
 * `@jq/pbs`: jobqueue backend for PBS Pro / OpenPBS and Torque.
 *
 * ```ts
 * import { JobQueueCluster } from '@jq/core';
 * import { pbsProBackend } from '@jq/pbs'; // or torqueBackend, or createPbsBackend({ flavor })
 * const cluster = new JobQueueCluster({ backend: pbsProBackend, scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * ```
 * @module
 */
export { createPbsBackend, pbsProBackend, torqueBackend, type PbsBackend } from './pbs-backend.js';
export { pbsDialects, type PbsFlavor, type PbsDialect } from './pbs-flavor.js';
export { PbsOptionsSchema, type PbsOptions, type PbsResolvedOptions } from './pbs-options.js';
export { formatPbsMemory, pbsDirectives, renderPbsScript } from './pbs-render.js';
export { parsePbsSubmit } from './pbs-submit.js';
export { parsePbsProStatus } from './pbs-status-json.js';
export { parseTorqueStatus } from './pbs-status-text.js';
export { pbsJobStatus, type PbsJobFields } from './pbs-states.js';
export { classifyPbsError } from './pbs-errors.js';
export { createPbsCluster, createTorqueCluster } from './pbs-cluster.js';
