import type { ResolvedOptions } from './common-options.js';

/** The options a job's size comes from; `nodes` defaults to 1 for callers that predate it. */
export type JobShape = Pick<ResolvedOptions, 'processes' | 'cores' | 'memory'> & { nodes?: number };

/**
 * What one job gives in each unit a pool is sized in. `processes`, `cores` and `memory`
 * are per node, so a job of several nodes gives that much on each: scaling and adaptive
 * bounds count its workers, cores and memory over all of them.
 */
export function perJob(options: JobShape): { workers: number; jobs: number; cores: number; memory: number } {
  const nodes = options.nodes ?? 1;
  return { workers: options.processes * nodes, jobs: 1, cores: options.cores * nodes, memory: options.memory * nodes };
}
