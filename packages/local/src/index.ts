/**
 * `@jq/local`: jobqueue's backend whose jobs are processes on this machine.
 *
 * ```ts
 * import { JobQueueCluster } from '@jq/core';
 * import { localBackend } from '@jq/local';
 * const cluster = new JobQueueCluster({ backend: localBackend, scheduler, options: { cores: 1, memory: '1GB' } });
 * ```
 * @module
 */
export { localBackend, LocalOptionsSchema, type LocalOptions } from './local-backend.js';
export { parseLocalStatus } from './local-status.js';
