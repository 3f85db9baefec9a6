/** The contract's work, adapt and events sections (version 2); see `dashboard-contract.ts`. */

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
  /** The latest failures, oldest first, at most 100 (`dashboardLimits.failures`). */
  failures: DashboardTaskFailure[];
};

/** What changed in the work section since the last message; absent parts did not change. */
export type DashboardWorkChange = {
  /** The task counts, whole. */
  totals?: DashboardWorkTotals;
  /** New throughput points, oldest first, appended to the series. */
  throughput?: DashboardThroughputPoint[];
  /** The counts per function name, whole: they replace the previous ones. */
  functions?: DashboardFunctionCounts[];
  /** New failures, oldest first, appended (the page keeps the last 100). */
  failures?: DashboardTaskFailure[];
};

/** What one adaptive decision did. */
export type DashboardAdaptAction = 'scale-up' | 'scale-down' | 'hold' | 'wait';

/** The bounds of one pool's adaptive target. */
export type DashboardAdaptBounds = {
  /** The fewest jobs adapt keeps. */
  minimum: number;
  /** The most jobs adapt asks for; absent when adapt has no upper bound. */
  maximum?: number;
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
  /** The latest decisions, oldest first, at most 200 (`dashboardLimits.decisions`). */
  decisions: DashboardAdaptDecision[];
  /** Target and live jobs, oldest first, covering the last 10 minutes (all pools together). */
  targets: DashboardAdaptTargetPoint[];
};

/** What an event is about. */
export type DashboardEventKind = 'submitted' | 'state' | 'cancelled' | 'worker-added' | 'worker-removed' | 'scale' | 'adapt' | 'error';

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
