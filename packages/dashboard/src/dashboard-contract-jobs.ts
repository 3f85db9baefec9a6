/** The contract's records of jobs and workers (version 2); see `dashboard-contract.ts`. */

/** A job's state as the cluster understands it; `native` keeps the batch system's own word. */
export type DashboardJobState =
  | 'queued'
  | 'held'
  | 'running'
  | 'completing'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'timeout'
  | 'out-of-memory'
  | 'preempted'
  | 'lost'
  | 'unknown';

/** One batch job. */
export type DashboardJob = {
  /** The job key, `<cluster>-<index>`: unique in the cluster and stable for the job's life. */
  key: string;
  /** The batch system's job id, e.g. `123456_7`. */
  id: string;
  /** The worker pool (template) the job belongs to. */
  pool: string;
  /** The state. */
  state: DashboardJobState;
  /** The batch system's own state, e.g. `PD` or `qw`. */
  native: string;
  /** The batch system's reason for the state, e.g. `Priority` or `(Resources)`. */
  reason?: string;
  /** When the job was submitted. */
  submittedAt: number;
  /** When the job started running. */
  startedAt?: number;
  /** When the job ended. */
  endedAt?: number;
  /** The walltime requested, in seconds. */
  walltime?: number;
  /** The host (or first host) the job runs on. */
  host?: string;
  /** The exit code, once the job has ended and the batch system reports one. */
  exitCode?: number;
  /** The signal that ended the job, e.g. `SIGKILL`, when one did. */
  signal?: string;
};

/** A worker's life cycle as the scheduler sees it. */
export type DashboardWorkerStatus = 'running' | 'paused' | 'retiring';

/** One connected worker. */
export type DashboardWorker = {
  /** The worker's name, unique among connected workers. */
  name: string;
  /** The key of the job the worker runs in ({@link DashboardJob.key}). */
  jobKey: string;
  /** The worker pool. */
  pool: string;
  /** The host the worker runs on. */
  host?: string;
  /** The worker's status. */
  status: DashboardWorkerStatus;
  /** The number of task threads. */
  threads: number;
  /** Tasks running now. */
  runningTasks: number;
  /** Tasks finished successfully. */
  tasksDone: number;
  /** Tasks that failed. */
  tasksFailed: number;
  /** Memory in use, in bytes, when the worker reports it. */
  memoryUsed?: number;
  /** The worker's memory limit, in bytes. */
  memoryLimit: number;
  /** Seconds the worker has left before it retires, counted at {@link DashboardCluster.now}. */
  lifetimeLeft?: number;
  /** When the worker connected. */
  connectedAt: number;
};

/**
 * A worker's counters, which move with every task: `[name, runningTasks, tasksDone, tasksFailed,
 * memoryUsed]` (`memoryUsed` absent when the worker reports none). Sent instead of the whole
 * record when nothing else of the worker changed.
 */
export type DashboardWorkerCounters = [name: string, runningTasks: number, tasksDone: number, tasksFailed: number, memoryUsed?: number];
