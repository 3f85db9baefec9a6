/**
 * `jq-adapter-oar`: an example third-party jobqueue backend for the OAR batch system,
 * written to the adapter template every backend follows.
 *
 * ```ts
 * import { createOarCluster } from 'jq-adapter-oar';
 * const cluster = createOarCluster({ scheduler, options: { cores: 4, memory: '8GB' } });
 * ```
 * @module
 */
export { oarBackend } from './oar-backend.js';
export { createOarCluster } from './oar-cluster.js';
export { OarOptionsSchema, checkOarOptions, type OarOptions, type OarResolvedOptions } from './oar-options.js';
export { oarDirectives, oarResources, renderOarJob } from './oar-render.js';
export { oarSubmitCommand, parseOarSubmit } from './oar-submit.js';
export { oarStatusCommand, parseOarStatus } from './oar-status.js';
export { oarJobStatus } from './oar-states.js';
export { classifyOarError } from './oar-errors.js';
