import { clusterFactory } from '@jq/core';
import { htcondorBackend } from './htcondor-backend.js';

/**
 * A cluster on HTCondor, typed from its options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createHtcondorCluster({ scheduler, options: { cores: 4, memory: '16GB', disk: '10GB' } });
 * await cluster.scale(4);
 * ```
 */
export const createHtcondorCluster = clusterFactory(htcondorBackend);
