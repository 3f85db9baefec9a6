/**
 * `@jq/pbs`: jobqueue backends for PBS Pro / OpenPBS (`pbsBackend`, `createPbsCluster`)
 * and Torque (`torqueBackend`, `createTorqueCluster`), the counterpart of dask-jobqueue's `PBSCluster`.
 *
 * ```ts
 * import { createPbsCluster } from '@jq/pbs';
 * const cluster = createPbsCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * ```
 * @module
 */
export { pbsBackend, torqueBackend, type PbsBackend } from './pbs-backend.js';
export { createPbsCluster, createTorqueCluster } from './pbs-cluster.js';
export { PbsOptionsSchema, checkPbsOptions, type PbsOptions, type PbsResolvedOptions } from './pbs-options.js';
export { pbsDialects, type PbsFlavor, type PbsDialect } from './pbs-flavor.js';
export { formatPbsMemory, pbsDirectives, renderPbsScript } from './pbs-render.js';
export { parsePbsSubmit } from './pbs-submit.js';
export { parsePbsProStatus, parseTorqueStatus } from './pbs-status.js';
export { pbsJobStatus, type PbsJobFields } from './pbs-states.js';
export { classifyPbsError, pbsTransientPatterns } from './pbs-errors.js';
