/**
 * The data contract between a jobqueue server and the dashboard page, version 1.
 *
 * Times are epoch milliseconds, durations are seconds. The page is served at `<base>/dashboard/`
 * and reads `<base>/api/v1/dashboard` (a {@link DashboardSnapshot}) and
 * `<base>/api/v1/dashboard/events` (server-sent events: one `snapshot`, then `update`s, each a
 * {@link DashboardUpdate}, at most every 500 ms). Nothing here carries task arguments, task results
 * or secrets, and the page shows nothing it is not given here.
 */

/** The contract version a snapshot declares; the page refuses any other. */
export const dashboardContractVersion = 1;

/** Everything the page shows, sent whole on connect and on every reconnect. */
export type DashboardSnapshot = {
  /** The contract version, {@link dashboardContractVersion}. */
  version: 1;
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

/** Task counts over the whole cluster. */
export type DashboardWorkTotals = {
  /** Tasks submitted since the cluster started. */
  submitted: number;
  /** Tasks finished successfully. */
  done: number;
  /** Tasks that failed. */
  failed: number;
  /** Tasks running now. */
  running: number;
  /** Tasks waiting for a worker. */
  queued: number;
};

/** One point of the throughput series: `[time, tasks finished per second]`. */
export type DashboardThroughputPoint = [time: number, tasksPerSecond: number];

/** Task counts for one function name. */
export type DashboardFunctionCounts = {
  /** The function's name as the client submitted it. */
  name: string;
  /** Tasks of this function finished successfully. */
  done: number;
  /** Tasks of this function that failed. */
  failed: number;
  /** Tasks of this function running now. */
  running: number;
};

/** One failed task: its function and error text, never its arguments. */
export type DashboardTaskFailure = {
  /** When the task failed. */
  time: number;
  /** The function's name. */
  function: string;
  /** The error's text (message and, if the server chooses, its stack). */
  error: string;
};

/** The work done by the cluster's workers. */
export type DashboardWork = {
  /** Task counts. */
  totals: DashboardWorkTotals;
  /** Tasks per second, oldest first, covering the last 10 minutes. */
  throughput: DashboardThroughputPoint[];
  /** Counts per function name. */
  functions: DashboardFunctionCounts[];
  /** The latest failures, oldest first, at most {@link dashboardLimits}.failures entries. */
  failures: DashboardTaskFailure[];
};

/** What one adaptive decision did. */
export type DashboardAdaptAction = 'scale-up' | 'scale-down' | 'hold' | 'wait';

/** The bounds of one pool's adaptive target. */
export type DashboardAdaptBounds = {
  /** The fewest jobs adapt keeps. */
  minimum: number;
  /** The most jobs adapt asks for. */
  maximum: number;
};

/** One adaptive decision, with the reason adapt gave for it. */
export type DashboardAdaptDecision = {
  /** When adapt decided. */
  time: number;
  /** The pool decided on. */
  pool: string;
  /** What adapt did. */
  action: DashboardAdaptAction;
  /** The job count adapt set as the pool's target. */
  target: number;
  /** The job count the work asked for, before bounds and damping. */
  desiredJobs: number;
  /** Live jobs when adapt decided. */
  current: number;
  /** Of those, jobs still waiting in the batch queue. */
  queued: number;
  /** Why, in words, e.g. `120 tasks queued; 3 jobs still queued in the batch system`. */
  reason: string;
};

/** One point of the target series: `[time, target jobs, live jobs]`. */
export type DashboardAdaptTargetPoint = [time: number, target: number, liveJobs: number];

/** Adaptive scaling. */
export type DashboardAdapt = {
  /** Whether adapt is running. */
  active: boolean;
  /** Each pool's bounds, by pool name, while adapt is active. */
  bounds?: Record<string, DashboardAdaptBounds>;
  /** The latest decisions, oldest first, at most {@link dashboardLimits}.decisions entries. */
  decisions: DashboardAdaptDecision[];
  /** Target and live jobs, oldest first, covering the last 10 minutes (all pools together). */
  targets: DashboardAdaptTargetPoint[];
};

/** What an event is about. */
export type DashboardEventKind =
  | 'submitted'
  | 'state'
  | 'cancelled'
  | 'worker-added'
  | 'worker-removed'
  | 'scale'
  | 'adapt'
  | 'error';

/** One line of the events log. */
export type DashboardEvent = {
  /** When it happened. */
  time: number;
  /** What it is about. */
  kind: DashboardEventKind;
  /** One line, e.g. `submitted 4 jobs to slurm (array 123456)`. */
  message: string;
  /** More text shown on demand, e.g. a failed command's stderr. */
  detail?: string;
};

/** The changes since the last message; apply with `applyDashboardUpdate`. */
export type DashboardUpdate = {
  /** The server's clock: becomes {@link DashboardCluster.now}. */
  now: number;
  /** Cluster fields that changed. */
  cluster?: Partial<DashboardCluster>;
  /** Jobs added or changed (whole records, matched by key) and keys of jobs gone. */
  jobs?: { upsert: DashboardJob[]; remove: string[] };
  /** Workers added or changed (whole records, matched by name) and names of workers gone. */
  workers?: { upsert: DashboardWorker[]; remove: string[] };
  /** The work section, whole: it replaces the previous one. */
  work?: DashboardWork;
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
