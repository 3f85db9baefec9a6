/**
 * `jq-adapter-oar`: an example third-party jobqueue backend for the OAR batch system.
 *
 * ```ts
 * import { JobQueueCluster } from '@jq/core';
 * import { oarBackend } from 'jq-adapter-oar';
 * const cluster = new JobQueueCluster({ backend: oarBackend, scheduler, options: { cores: 4, memory: '8GB' } });
 * ```
 * @module
 */
export { oarBackend } from './oar-backend.js';
export { oarDirectives, renderOarScript } from './oar-render.js';
export { parseOarStatus, parseOarSubmit } from './oar-status.js';
