/**
 * `@jq/lsf`: jobqueue backend for IBM Spectrum LSF, the counterpart of dask-jobqueue's `LSFCluster`.
 *
 * ```ts
 * import { createLsfCluster } from '@jq/lsf';
 * const cluster = createLsfCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00', queue: 'normal' } });
 * ```
 * @module
 */
export { lsfBackend } from './lsf-backend.js';
export { createLsfCluster } from './lsf-cluster.js';
export { LsfOptionsSchema, type LsfOptions, type LsfResolvedOptions } from './lsf-options.js';
export { lsfDirectives, lsfTaskIndexVariable, renderLsfScript } from './lsf-render.js';
export { formatLsfMemory, lsfConfPath, lsfUnitsFromConf } from './lsf-units.js';
export { lsfSubmitCommand, parseLsfSubmit } from './lsf-submit.js';
export { lsfStatusCommand, lsfStatusFields, parseLsfStatus } from './lsf-status.js';
export { lsfJobStatus, type LsfJobFields } from './lsf-states.js';
export { classifyLsfError } from './lsf-errors.js';
