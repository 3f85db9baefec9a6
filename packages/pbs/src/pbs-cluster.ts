import { clusterFactory } from '@jq/core';
import { pbsBackend, torqueBackend } from './pbs-backend.js';

/**
 * A cluster on PBS Pro / OpenPBS, typed from its options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createPbsCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00', queue: 'workq' } });
 * await cluster.scale(4); // ONE qsub -J 0-3
 * ```
 */
export const createPbsCluster = clusterFactory(pbsBackend);

/** A cluster on Torque ("PBS classic"), typed the same way: `createTorqueCluster({ scheduler, options })`. */
export const createTorqueCluster = clusterFactory(torqueBackend);
