import { clusterFactory } from '@jq/core';
import { localBackend } from './local-backend.js';

/**
 * A cluster whose jobs are processes on this machine, typed from the local backend's
 * options (a misspelt option is a compile error).
 *
 * @example
 * ```ts
 * await using cluster = createLocalCluster({ scheduler, options: { cores: 1, memory: '1GB', slots: 4 } });
 * await cluster.scale(4);
 * ```
 */
export const createLocalCluster = clusterFactory(localBackend);
