/**
 * `@jq/htcondor`: jobqueue backend for HTCondor, the counterpart of dask-jobqueue's `HTCondorCluster`.
 *
 * ```ts
 * import { createHtcondorCluster } from '@jq/htcondor';
 * const cluster = createHtcondorCluster({ scheduler, options: { cores: 4, memory: '16GB', disk: '10GB' } });
 * ```
 * @module
 */
export { htcondorBackend } from './htcondor-backend.js';
export { createHtcondorCluster } from './htcondor-cluster.js';
export { HtcondorOptionsSchema, type HtcondorOptions, type HtcondorResolvedOptions } from './htcondor-options.js';
export { htcondorHeader, renderHtcondorJob } from './htcondor-render.js';
export { htcondorExecutablePath, htcondorExecutableText, htcondorProcessVariable } from './htcondor-executable.js';
export { htcondorSubmitCommand, parseHtcondorSubmit } from './htcondor-submit.js';
export { htcondorAttributes, htcondorStatusCommand, parseHtcondorStatus } from './htcondor-status.js';
export { htcondorAccountingCommand } from './htcondor-accounting.js';
export { htcondorJobStatus, type HtcondorJobFields } from './htcondor-states.js';
export { classifyHtcondorError } from './htcondor-errors.js';
