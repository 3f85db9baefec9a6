/**
 * `@jq/local`: jobqueue's backend whose jobs are processes on this machine, the
 * quickstart's default and the reference adapter.
 *
 * ```ts
 * import { createLocalCluster } from '@jq/local';
 * const cluster = createLocalCluster({ scheduler, options: { cores: 1, memory: '1GB' } });
 * ```
 * @module
 */
export { localBackend } from './local-backend.js';
export { createLocalCluster } from './local-cluster.js';
export { LocalOptionsSchema, type LocalOptions, type LocalResolvedOptions } from './local-options.js';
export { parseLocalStatus } from './local-status.js';
export { localJobStatus, type LocalStatusLine } from './local-states.js';
