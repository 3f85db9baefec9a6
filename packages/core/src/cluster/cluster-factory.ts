import type { AnyBackend } from '../contracts/backend-v1.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import type { JobQueueClusterSettings } from './cluster-settings.js';
import { JobQueueCluster } from './job-queue-cluster.js';

/** What a backend's `create<Name>Cluster` takes: every cluster setting but the backend. */
export type ClusterSettings<B extends AnyBackend, S extends SchedulerV1> = Omit<JobQueueClusterSettings<B, S>, 'backend'>;

/**
 * The typed factory every backend package exports as `create<Name>Cluster`: options,
 * pools and presets are checked against the backend's schema at compile time.
 *
 * @example
 * ```ts
 * export const createSlurmCluster = clusterFactory(slurmBackend);
 * ```
 */
export function clusterFactory<B extends AnyBackend>(backend: B) {
  return <S extends SchedulerV1>(settings: ClusterSettings<B, S>): JobQueueCluster<B, S> => new JobQueueCluster<B, S>({ ...settings, backend });
}
