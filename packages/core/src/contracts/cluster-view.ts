import type { ClusterEvents } from '../cluster/cluster-events.js';
import type { JobTableSnapshot } from '../cluster/job-table.js';
import type { Clock } from '../util/clock.js';

/** One pool's adaptive bounds, in whole jobs. */
export interface AdaptJobBounds {
  /** Fewest jobs adapt keeps. */
  minimumJobs: number;
  /** Most jobs adapt asks for (`Infinity` when unbounded). */
  maximumJobs: number;
}

/**
 * A read-only view of a running cluster, for whoever shows its state (a dashboard): its
 * identity, its job table, whether and within which bounds it adapts, and its events. It
 * offers no way to scale, submit, cancel or close, and carries no option values (they may
 * hold secrets).
 */
export interface ClusterView {
  /** The cluster's name, prefix of its job keys. */
  readonly name: string;
  /** The backend's short name, e.g. `slurm`. */
  readonly backend: string;
  /** The pools' names, in the order they were defined. */
  readonly pools: readonly string[];
  /** When the cluster started (its clock's milliseconds). */
  readonly startedAt: number;
  /** The cluster's clock: job times are on it. */
  readonly clock: Clock;
  /** Whether `close()` was called. */
  closed(): boolean;
  /** Every job and each pool's target, as plain data. */
  snapshot(): JobTableSnapshot;
  /** Each pool's bounds while adapt runs; undefined while it does not. */
  adaptBounds(): Record<string, AdaptJobBounds> | undefined;
  /** Subscribes to one of the cluster's events. */
  on<E extends keyof ClusterEvents>(event: E, listener: ClusterEvents[E]): unknown;
  /** Unsubscribes. */
  off<E extends keyof ClusterEvents>(event: E, listener: ClusterEvents[E]): unknown;
}
