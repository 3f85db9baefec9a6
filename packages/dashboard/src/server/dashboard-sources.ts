import type { ClusterView, WorkerInfo } from '@jq/core';
import type { DashboardFunctionCounts, DashboardTaskFailure, DashboardWorker, DashboardWorkTotals } from '../dashboard-contract.js';

/** What the feed reads of the scheduler: its identity and its connected workers. */
export interface DashboardSchedulerSource {
  /** `engine` or `dask`. */
  readonly name: string;
  /** The address workers connect to, once started (read lazily: it may throw before). */
  readonly address?: string;
  /** Workers connected now. */
  workers(): WorkerInfo[];
}

/** A scheduler's task figures now, read from its counters. */
export interface DashboardWorkSample {
  /** Task counts over the whole cluster. */
  totals: DashboardWorkTotals;
  /** Counts per function name. */
  functions: DashboardFunctionCounts[];
  /** The latest failures, oldest first (the feed keeps the last 100). */
  failures: readonly DashboardTaskFailure[];
}

/** The figures of one worker that {@link WorkerInfo} lacks. */
export type DashboardWorkerFigures = Partial<Pick<DashboardWorker, 'tasksDone' | 'tasksFailed' | 'memoryUsed' | 'lifetimeLeft' | 'connectedAt'>>;

/**
 * The scheduler's task counters. The feed reads them a few times a second at most, so
 * they must be counters kept as tasks end, never a walk over every task or a callback
 * per task: this is what keeps the dashboard's cost flat at 10,000 tasks/s.
 */
export interface DashboardWorkSource {
  /** Task totals, per-function counts and the latest failures. */
  sample(): DashboardWorkSample;
  /** One worker's own figures (tasks done and failed, memory in use), when the scheduler keeps them. */
  workerFigures?(name: string): DashboardWorkerFigures | undefined;
}

/** What a {@link DashboardFeed} shows. */
export interface DashboardFeedSettings {
  /** The cluster's read-only view (`cluster.view`, or the one handed to `attachCluster`). */
  cluster: ClusterView;
  /** The scheduler the cluster's workers connect to. */
  scheduler: DashboardSchedulerSource;
  /** The scheduler's task counters; without them (Dask) the work section stays empty. */
  work?: DashboardWorkSource;
  /** Dask's own dashboard, linked from the page (http or https only). */
  daskDashboardUrl?: string;
  /** Most updates sent per second; changes in between are coalesced into one. Default 4. */
  maxUpdatesPerSecond?: number;
}
