/** Task duration assumed before any task has finished, in seconds (Dask uses 0.5 s too). */
const unknownTaskDuration = 0.5;

/** Running estimate of how long a task takes, from finished tasks. */
export class TaskDurationEstimate {
  private average: number | undefined;

  /** Folds in one finished task's duration (seconds). */
  observe(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    // Exponential average: recent tasks matter most when a workload changes phase.
    this.average = this.average === undefined ? seconds : this.average * 0.9 + seconds * 0.1;
  }

  /** Whether any task has finished yet. */
  get observed(): boolean {
    return this.average !== undefined;
  }

  /** Current estimate in seconds. */
  get seconds(): number {
    return this.average ?? unknownTaskDuration;
  }
}

/** The load now, from the registered workers and the task table. */
export function loadSnapshot(
  workers: Iterable<{ registration: { threads: number } | undefined; assigned: { size: number } }>,
  tasks: { queuedCount: number; size: number },
  durations: TaskDurationEstimate,
  targetDuration: number,
): LoadSnapshot {
  const all = [...workers];
  return {
    queued: tasks.queuedCount,
    running: tasks.size - tasks.queuedCount,
    workerThreads: all.map((session) => session.registration?.threads ?? 1),
    busyWorkers: all.filter((session) => session.assigned.size > 0).length,
    taskSeconds: durations.seconds,
    targetDuration,
  };
}

/** What the adaptive target is computed from. */
export interface LoadSnapshot {
  /** Tasks waiting for a worker. */
  queued: number;
  /** Tasks on workers. */
  running: number;
  /** Threads of each connected worker. */
  workerThreads: number[];
  /** Workers holding at least one task (they are not scaled away). */
  busyWorkers: number;
  /** Estimated seconds per task. */
  taskSeconds: number;
  /** Seconds of work per thread to aim at. */
  targetDuration: number;
}

/**
 * Desired worker count, like Dask's occupancy target: enough threads to finish the
 * outstanding work in about `targetDuration`, never more workers than tasks can use,
 * never fewer than the busy ones, and 0 when idle.
 */
export function adaptiveTarget(load: LoadSnapshot): number {
  const tasks = load.queued + load.running;
  if (tasks === 0) return 0;
  const threadsPerWorker =
    load.workerThreads.length > 0 ? load.workerThreads.reduce((sum, threads) => sum + threads, 0) / load.workerThreads.length : 1;
  const occupancy = tasks * load.taskSeconds;
  const byOccupancy = Math.ceil(occupancy / load.targetDuration / threadsPerWorker);
  const byTasks = Math.ceil(tasks / threadsPerWorker);
  return Math.max(1, Math.min(byOccupancy, byTasks), load.busyWorkers);
}
