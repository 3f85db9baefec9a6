/**
 * The data contract between a jobqueue server and the dashboard page, version 2.
 *
 * Times are epoch milliseconds, durations are seconds. The page is served at `<base>/dashboard/`
 * and reads `<base>/api/v1/dashboard` (a {@link DashboardSnapshot}) and
 * `<base>/api/v1/dashboard/events` (server-sent events: one `snapshot`, then `update`s, each a
 * {@link DashboardUpdate}, at most every 250 ms by default). Updates are deltas: only the records
 * that changed, workers' fast-moving counters as compact tuples, and only the new points of each
 * series. Nothing here carries task arguments, task results or secrets, and the page shows nothing
 * it is not given here.
 *
 * Version 2 (from 1): `DashboardUpdate.workerCounters` is new, and `DashboardUpdate.work` is a
 * {@link DashboardWorkChange} (changed parts, new series points and failures appended) instead of
 * the whole section.
 */

import type { DashboardJob, DashboardWorker, DashboardWorkerCounters } from './dashboard-contract-jobs.js';
import type {
  DashboardAdapt,
  DashboardAdaptBounds,
  DashboardAdaptDecision,
  DashboardAdaptTargetPoint,
  DashboardEvent,
  DashboardWork,
  DashboardWorkChange,
} from './dashboard-contract-work.js';

export type * from './dashboard-contract-jobs.js';
export type * from './dashboard-contract-work.js';

/** The contract version a snapshot declares; the page refuses any other. */
export const dashboardContractVersion = 2;

/** Everything the page shows, sent whole on connect and on every reconnect. */
export type DashboardSnapshot = {
  /** The contract version, {@link dashboardContractVersion}. */
  version: 2;
  /** The cluster as a whole. */
  cluster: DashboardCluster;
  /** Every job the cluster knows: live ones and those that ended recently. */
  jobs: DashboardJob[];
  /** Every connected worker. */
  workers: DashboardWorker[];
  /** Task counts, throughput and failures. */
  work: DashboardWork;
  /** Adaptive scaling: its decisions and targets. */
  adapt: DashboardAdapt;
  /** The events log, oldest first, at most {@link dashboardLimits}.events entries. */
  events: DashboardEvent[];
};

/** The cluster's identity and clock. */
export type DashboardCluster = {
  /** The cluster's name (also the prefix of its job keys). */
  name: string;
  /** The batch-system backend, e.g. `slurm`. */
  backend: string;
  /** Which scheduler runs the tasks: `engine` (native) or `dask`. */
  scheduler: string;
  /** The scheduler's address, e.g. `tcp://10.0.0.5:8786`, when it has one. */
  schedulerAddress?: string;
  /** The URL of Dask's own dashboard; the page links to it when present (http and https only). */
  daskDashboardUrl?: string;
  /** When the cluster started. */
  startedAt: number;
  /** The server's clock when this was sent: every age on the page is computed against it. */
  now: number;
  /** Whether the cluster has been closed (the page then shows its final state). */
  closed: boolean;
};

/** The changes since the last message; apply with `applyDashboardUpdate`. */
export type DashboardUpdate = {
  /** The server's clock: becomes {@link DashboardCluster.now}. */
  now: number;
  /** Cluster fields that changed. */
  cluster?: Partial<DashboardCluster>;
  /** Jobs added or changed (whole records, matched by key) and keys of jobs gone. */
  jobs?: { upsert: DashboardJob[]; remove: string[] };
  /**
   * Workers added or changed (whole records, matched by name) and names of workers gone. A
   * change of counters alone comes in {@link DashboardUpdate.workerCounters} instead.
   */
  workers?: { upsert: DashboardWorker[]; remove: string[] };
  /** Workers whose counters alone changed, each as one compact tuple; applied after `workers`. */
  workerCounters?: DashboardWorkerCounters[];
  /** What changed in the work section. */
  work?: DashboardWorkChange;
  /** Adapt's changes: new decisions and target points are appended. */
  adapt?: {
    /** Whether adapt is running, when it changed. */
    active?: boolean;
    /** The bounds, whole, when they changed. */
    bounds?: Record<string, DashboardAdaptBounds>;
    /** New decisions, oldest first. */
    decisions: DashboardAdaptDecision[];
    /** New target points, oldest first. */
    targets: DashboardAdaptTargetPoint[];
  };
  /** New events, oldest first. */
  events?: DashboardEvent[];
};

/** The ring-buffer limits `applyDashboardUpdate` keeps (a server should keep them too). */
export const dashboardLimits = {
  /** Events kept in the log. */
  events: 500,
  /** Adapt decisions kept. */
  decisions: 200,
  /** Task failures kept. */
  failures: 100,
  /** How far back the throughput and target series reach, in milliseconds. */
  seriesWindow: 10 * 60 * 1000,
} as const;
