import { clusterFactory } from '@jq/core';
import { oarBackend } from './oar-backend.js';

/**
 * A cluster on OAR, typed from OAR's options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createOarCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * await cluster.scale(4);
 * ```
 */
export const createOarCluster = clusterFactory(oarBackend);
