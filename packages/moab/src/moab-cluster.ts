import { clusterFactory } from '@jq/core';
import { moabBackend } from './moab-backend.js';

/**
 * A cluster on Moab, typed from its options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createMoabCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * await cluster.scale(4);
 * ```
 */
export const createMoabCluster = clusterFactory(moabBackend);
