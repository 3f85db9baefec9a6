import { clusterFactory } from '@jq/core';
import { sgeBackend } from './sge-backend.js';

/**
 * A cluster on SGE, the counterpart of dask-jobqueue's `SGECluster`, typed from SGE's
 * options (a misspelt option or preset key is a compile error).
 *
 * @example
 * ```ts
 * const cluster = createSgeCluster({ scheduler, options: { cores: 8, memory: '28GB', pe: 'smp', resourceSpec: 'h_vmem=4G', walltime: '01:00:00' } });
 * await cluster.scale(4); // ONE qsub -t 1-4
 * ```
 */
export const createSgeCluster = clusterFactory(sgeBackend);
