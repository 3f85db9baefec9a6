import type { WorkerInfo } from '@jq/core';
import type { DashboardUpdate, DashboardWorker, DashboardWorkerCounters } from '../dashboard-contract.js';
import { dashboardWorker, sameShownWorker } from './dashboard-records.js';
import type { DashboardFeedSettings } from './dashboard-sources.js';

/** What the page was last sent of one worker: its record, and its counters as last sent (they travel apart). */
type SentWorker = { record: DashboardWorker; runningTasks: number; tasksDone: number; tasksFailed: number; memoryUsed: number | undefined; round: number };

/** The differences of the workers: whole records for the new and changed, compact counters for the rest that moved, names gone. */
export type DashboardWorkerChanges = { workers: DashboardUpdate['workers']; counters: DashboardWorkerCounters[] | undefined };

function sent(record: DashboardWorker, round: number): SentWorker {
  const { runningTasks, tasksDone, tasksFailed, memoryUsed } = record;
  return { record, runningTasks, tasksDone, tasksFailed, memoryUsed, round };
}

/**
 * The workers the page was last sent, and the differences from them. At 10,000 tasks/s every
 * worker's counters move between any two comparisons: they go as one short tuple per worker,
 * compared and kept as plain numbers, and a whole record is built only for a worker that is new
 * or changed otherwise.
 */
export class DashboardWorkerTracker {
  readonly #sent = new Map<string, SentWorker>();
  /** When each worker was first seen, for schedulers that do not say when it connected. */
  readonly #firstSeen = new Map<string, number>();
  #round = 0;

  constructor(private readonly settings: DashboardFeedSettings) {}

  /** Workers in the last comparison. */
  get count(): number {
    return this.#sent.size;
  }

  /** The workers connected now, as whole records (for a snapshot). */
  records(now: number): DashboardWorker[] {
    const workers = this.#workers(now);
    return workers.map((worker) => this.#record(worker, now));
  }

  /** Takes the workers a new stream's snapshot holds as the base of the next differences. */
  rebase(workers: readonly DashboardWorker[]): void {
    this.#sent.clear();
    for (const record of workers) this.#sent.set(record.name, sent(record, this.#round));
  }

  /** What changed since the last call (or rebase). */
  changes(now: number): DashboardWorkerChanges {
    const round = (this.#round += 1);
    const figuresOf = this.settings.work?.workerFigures?.bind(this.settings.work);
    let upsert: DashboardWorker[] | undefined;
    let counters: DashboardWorkerCounters[] | undefined;
    for (const worker of this.#workers(now)) {
      const figures = figuresOf?.(worker.name);
      const connectedAt = figures?.connectedAt ?? this.#firstSeen.get(worker.name) ?? now;
      const previous = this.#sent.get(worker.name);
      if (previous === undefined || !sameShownWorker(previous.record, worker, connectedAt)) {
        const record = dashboardWorker(worker, figures, connectedAt);
        this.#sent.set(worker.name, sent(record, round));
        (upsert ??= []).push(record);
        continue;
      }
      previous.round = round;
      const tasksDone = figures?.tasksDone ?? 0;
      const tasksFailed = figures?.tasksFailed ?? 0;
      const memoryUsed = figures?.memoryUsed;
      const { runningTasks } = worker;
      if (previous.runningTasks === runningTasks && previous.tasksDone === tasksDone && previous.tasksFailed === tasksFailed && previous.memoryUsed === memoryUsed) continue;
      previous.runningTasks = runningTasks;
      previous.tasksDone = tasksDone;
      previous.tasksFailed = tasksFailed;
      previous.memoryUsed = memoryUsed;
      (counters ??= []).push(memoryUsed === undefined ? [worker.name, runningTasks, tasksDone, tasksFailed] : [worker.name, runningTasks, tasksDone, tasksFailed, memoryUsed]);
    }
    let remove: string[] | undefined;
    for (const [name, worker] of this.#sent) {
      if (worker.round === round) continue;
      this.#sent.delete(name);
      (remove ??= []).push(name);
    }
    return { workers: upsert || remove ? { upsert: upsert ?? [], remove: remove ?? [] } : undefined, counters };
  }

  /** The scheduler's workers, each one's first sighting noted and departed ones forgotten. */
  #workers(now: number): WorkerInfo[] {
    const workers = this.settings.scheduler.workers();
    for (const worker of workers) if (!this.#firstSeen.has(worker.name)) this.#firstSeen.set(worker.name, now);
    if (this.#firstSeen.size > workers.length) {
      const present = new Set(workers.map((worker) => worker.name));
      for (const name of this.#firstSeen.keys()) if (!present.has(name)) this.#firstSeen.delete(name);
    }
    return workers;
  }

  #record(worker: WorkerInfo, now: number): DashboardWorker {
    return dashboardWorker(worker, this.settings.work?.workerFigures?.(worker.name), this.#firstSeen.get(worker.name) ?? now);
  }
}
