import { clusterFactory } from '@jq/core';
import { lsfBackend } from './lsf-backend.js';

/**
 * A cluster on LSF, typed from its options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createLsfCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00', queue: 'normal' } });
 * await cluster.scale(4);
 * ```
 */
export const createLsfCluster = clusterFactory(lsfBackend);
