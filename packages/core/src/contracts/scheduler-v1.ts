import type { SchedulerRecord } from '../journal/journal-records.js';
import type { ClusterView } from './cluster-view.js';

/** What a job needs to start its worker processes. */
export interface WorkerLaunch {
  /**
   * The job's key. In the script this is a shell reference that expands to
   * `<clusterName>-<index>` (array tasks compute their own); schedulers put it
   * where their worker takes its name and must not inspect it.
   */
  jobKey: string;
  /** The worker pool the job belongs to. */
  pool: string;
  /** Worker processes in this job. */
  processes: number;
  /**
   * Nodes of the job (default 1): `processes` worker processes run on each. Worker `i` of
   * node `n` is the job's process `n × processes + i`, so names stay distinct per job.
   */
  nodes?: number;
  /** With `nodes` > 1: a shell reference (placed as given) that expands on each node to its index 0 … nodes − 1. */
  nodeIndex?: string;
  /** Threads per worker process. */
  threads: number;
  /** Memory limit per worker process, in bytes. */
  memoryLimit: number;
  /** GPUs of the job, shared out between its worker processes. */
  gpus?: number;
  /** Seconds a worker waits for an unreachable scheduler before it exits. */
  deathTimeout: number;
  /** Directory for worker scratch files; like `jobName`, a shell reference placed as given. */
  localDirectory?: string;
  /** Network interface the worker listens on / connects from. */
  interface?: string;
  /** Seconds after which a worker retires itself (drains, then exits). */
  lifetime?: number;
  /** Random spread added to `lifetime`, in seconds, so workers do not retire at once. */
  lifetimeStagger?: number;
  /** Extra arguments appended verbatim to the worker command. */
  extraArgs: string[];
  /**
   * Address workers dial instead of the scheduler's own, when the cluster's runner put a
   * tunnel in between (the login node's end of an SSH reverse tunnel). Absent: `address`.
   */
  schedulerAddress?: string;
}

/** A worker as the scheduler sees it. */
export interface WorkerInfo {
  /** Worker name: `<jobKey>-<processIndex>`, or just `<jobKey>` for one-process jobs where the scheduler names them so (Dask). */
  name: string;
  /** Key of the job that runs it; the cluster maps workers to jobs with it. */
  jobKey: string;
  /** The worker pool, when the worker reported it. */
  pool?: string;
  /** Lifecycle as the scheduler sees it. */
  status: 'running' | 'paused' | 'retiring';
  /** Threads the worker runs tasks on. */
  threads: number;
  /** Memory limit in bytes. */
  memoryLimit: number;
  /** Tasks it is running or holding now. */
  runningTasks: number;
  /** Host it runs on, when known. */
  host?: string;
}

/** One pool's worker shape, as the cluster tells its scheduler: what a worker of the pool offers. */
export interface PoolShape {
  /** Pool name. */
  name: string;
  /** Worker processes per job. */
  processes: number;
  /** Threads (cores) per worker process. */
  threads: number;
  /** Memory limit per worker process, in bytes. */
  memoryLimit: number;
  /** GPUs per worker process (the job's GPUs shared out). */
  gpus: number;
  /** Seconds a fresh worker of the pool lives (its lifetime), when limited. */
  lifetime?: number;
}

/** Events a scheduler emits. */
export interface SchedulerEventsV1 {
  /** A worker connected and registered. */
  'worker-added': (worker: WorkerInfo) => void;
  /** A worker left (`reason`: retired, lost, closed …). */
  'worker-removed': (worker: WorkerInfo, reason: string) => void;
}

/**
 * Contract 2: a scheduler the workers connect to (native engine or Dask). The cluster
 * starts it, puts its worker command into job scripts and asks it how many workers it wants.
 */
export interface SchedulerV1 {
  /** Contract version. */
  readonly specificationVersion: 'v1';
  /** Short name (`engine`, `dask`). */
  readonly name: string;
  /** Starts listening; `address` is valid after it resolves. */
  start(): Promise<void>;
  /** Stops the scheduler and disconnects every worker. Idempotent. */
  close(): Promise<void>;
  /** Address workers connect to, e.g. `tcp://10.0.0.5:40123`. */
  readonly address: string;
  /** Dashboard link, when there is one. */
  readonly dashboardUrl?: string | undefined;
  /** argv a job runs to start its worker processes. */
  workerCommand(launch: WorkerLaunch): string[];
  /** Environment for the job script, e.g. the worker secret; written to the private script, never argv. */
  workerEnvironment(): Record<string, string>;
  /**
   * Environment for the job script that holds no secret (the worker's allocator settings):
   * exported before {@link workerEnvironment}, and shown as it is in previews.
   */
  workerTuning?(): Record<string, string>;
  /** Workers connected now. */
  workers(): WorkerInfo[];
  /**
   * Desired number of workers for the current load (0 when idle). `targetDuration`
   * is the seconds the queued work should take on the pool (Dask's occupancy target).
   */
  adaptiveTarget(options?: { targetDuration?: number }): Promise<number>;
  /**
   * The cluster's pools, told once at start: a scheduler that places tasks by resources
   * refuses at submit a task no pool could ever run, and answers {@link workerQuery}.
   */
  setPools?(pools: PoolShape[]): void;
  /**
   * The cluster's `schedulerInterface` (else `interface`), told before start: listen on
   * that network interface's address when this host has it. When it does not (login and
   * compute nodes often differ), listen on every address and return a note saying so.
   * A scheduler whose own settings name an address or interface keeps them.
   */
  listenOn?(networkInterface: string): string | undefined;
  /**
   * Worker query (HyperQueue's sense): per pool, how many workers of that shape would get
   * work now, counting only the queued work that fits the pool's shape and lifetime.
   * Without it, a cluster of several pools asks {@link adaptiveTarget} for each.
   */
  workerQuery?: ((options: { targetDuration: number }) => Promise<Record<string, number>>) | undefined;
  /**
   * How to start this scheduler again in another process, on the same address with the
   * same credentials (its package exports `restoreScheduler(record)`). Written to the
   * cluster's private journal; schedulers without it cannot be taken over after their owner dies.
   * A scheduler that runs as a process of its own and outlives its owner also has its package
   * export `stopScheduler(record)`, which `down` calls when no owner is left to close it.
   */
  record?(): SchedulerRecord;
  /**
   * Takes a read-only view of the cluster that uses this scheduler, handed over once as
   * the cluster starts (before {@link start}): a scheduler with a dashboard shows the
   * cluster's jobs, adapt decisions and events from it.
   */
  attachCluster?(view: ClusterView): void;
  /** Retires workers gracefully: no new work, drain, then exit. */
  retireWorkers(names: string[]): Promise<void>;
  /** Subscribes to worker arrivals. */
  on(event: 'worker-added', listener: SchedulerEventsV1['worker-added']): unknown;
  /** Subscribes to worker departures. */
  on(event: 'worker-removed', listener: SchedulerEventsV1['worker-removed']): unknown;
  /** Unsubscribes from worker arrivals. */
  off(event: 'worker-added', listener: SchedulerEventsV1['worker-added']): unknown;
  /** Unsubscribes from worker departures. */
  off(event: 'worker-removed', listener: SchedulerEventsV1['worker-removed']): unknown;
}
