/**
 * `@jq/sge`: jobqueue backend for Son of Grid Engine, the counterpart of dask-jobqueue's `SGECluster`.
 *
 * ```ts
 * import { createSgeCluster } from '@jq/sge';
 * const cluster = createSgeCluster({ scheduler, options: { cores: 8, memory: '28GB', pe: 'smp', resourceSpec: 'h_vmem=4G' } });
 * ```
 * @module
 */
export { sgeBackend } from './sge-backend.js';
export { createSgeCluster } from './sge-cluster.js';
export { SgeOptionsSchema, checkSgeOptions, type SgeOptions, type SgeResolvedOptions } from './sge-options.js';
export { sgeDirectives, sgeTaskIndexVariable } from './sge-render.js';
export { sgeJobStatus, sgeStateCodes } from './sge-states.js';
export { sgeAccountingStatus } from './sge-accounting.js';
export { sgeJobEntries, type SgeJobEntry } from './sge-xml.js';
export { classifySgeError } from './sge-errors.js';
