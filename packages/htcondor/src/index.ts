/**
 * `@jq/htcondor`: jobqueue backend for HTCondor.
 *
 * ```ts
 * import { JobQueueCluster } from '@jq/core';
 * import { htcondorBackend } from '@jq/htcondor';
 * const cluster = new JobQueueCluster({ backend: htcondorBackend, scheduler, options: { cores: 4, memory: '16GB', disk: '10GB' } });
 * ```
 * @module
 */
export { htcondorBackend } from './htcondor-backend.js';
export { HtcondorOptionsSchema, type HtcondorOptions, type HtcondorResolvedOptions } from './htcondor-options.js';
export { htcondorHeader, htcondorProcessVariable, renderHtcondorDescription } from './htcondor-render.js';
export { htcondorArguments, parseHtcondorArguments } from './htcondor-arguments.js';
export { htcondorSubmitCommand, parseHtcondorSubmit } from './htcondor-submit.js';
export { htcondorAttributes, parseHtcondorStatus } from './htcondor-status.js';
export { htcondorJobStatus, type HtcondorJobFields } from './htcondor-states.js';
export { classifyHtcondorError } from './htcondor-errors.js';
export { createHtcondorCluster } from './htcondor-cluster.js';
