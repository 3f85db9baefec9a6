import type { TaskSpec } from '@jq/core';
import type { TaskDemand } from './scheduler-placement.js';
import { TaskOutcomeCounts } from './scheduler-dashboard.js';

/** How a task ended, as the client sees it. */
export type TaskSettlement = { ok: true; value: unknown } | { ok: false; error: Error };

/** One run of a task that ended without an answer of the task's own: why, and on which worker. */
export interface TaskCrash {
  worker: string;
  /** `lost`: the worker died or disconnected while holding it; the others are stops by the worker. */
  cause: 'memory' | 'timeout' | 'thread-exit' | 'lost';
  /** The worker's account (RSS and limit, the reason it left…). */
  detail: string;
}

/** Most tasks never crash: they share this empty history instead of each allocating one. */
const noCrashes: readonly TaskCrash[] = Object.freeze([]);

/** A task as the scheduler tracks it. */
export interface TaskRecord {
  spec: TaskSpec;
  state: 'queued' | 'assigned' | 'done';
  /** Runs that crashed (worker lost, thread stopped for memory, …), oldest first. */
  crashes: readonly TaskCrash[];
  /** Whether a run past the task's timeout is retried (as a crash) rather than failing the task. */
  retryOnTimeout: boolean;
  /** Called exactly once, when the task ends. */
  settle: (settlement: TaskSettlement) => void;
  /** When it was last sent to a worker (ms, monotonic). */
  sentAt: number;
  /** What it asks of its worker (resources, time, pool); absent for a plain task. */
  demand?: TaskDemand;
}

/**
 * All unfinished tasks, with a FIFO of those waiting for a worker. Tasks that come back
 * (released or from a lost worker) go ahead of new ones. Tasks with a demand wait in a
 * queue of their own: they go only to workers they fit.
 */
export class TaskTable {
  /** Outcomes per function, counted as tasks end (what the dashboard reads). */
  readonly outcomes = new TaskOutcomeCounts();
  private readonly records = new Map<string, TaskRecord>();
  private queue: TaskRecord[] = [];
  private head = 0;
  private returned: TaskRecord[] = [];
  private queued = 0;
  private constrained: TaskRecord[] = [];

  /** Adds a new task at the back of the queue. */
  add(spec: TaskSpec, settle: TaskRecord['settle'], retryOnTimeout = false, demand?: TaskDemand): TaskRecord {
    const record: TaskRecord = { spec, state: 'queued', crashes: noCrashes, retryOnTimeout, settle, sentAt: 0 };
    this.records.set(spec.taskId, record);
    if (demand === undefined) this.queue.push(record);
    else {
      record.demand = demand;
      this.constrained.push(record);
    }
    this.queued += 1;
    return record;
  }

  /** The unfinished task with this id. */
  get(taskId: string): TaskRecord | undefined {
    return this.records.get(taskId);
  }

  /** Puts a task that left its worker unfinished back, ahead of new tasks (it keeps its crash history). */
  requeue(record: TaskRecord): void {
    if (record.state === 'done') return;
    record.state = 'queued';
    if (record.demand === undefined) this.returned.push(record);
    else this.constrained.unshift(record);
    this.queued += 1;
  }

  /**
   * Takes up to `count` queued tasks and marks them assigned. A returned task that
   * `accepts` refuses (it crashed on this worker) stays queued for another one.
   */
  take(count: number, now: number, accepts: (record: TaskRecord) => boolean = () => true): TaskRecord[] {
    const taken: TaskRecord[] = [];
    if (this.returned.length > 0) {
      const kept: TaskRecord[] = [];
      for (const record of this.returned) {
        if (record.state !== 'queued') continue;
        if (taken.length < count && accepts(record)) this.assign(record, now, taken);
        else kept.push(record);
      }
      this.returned = kept;
    }
    while (taken.length < count && this.head < this.queue.length) {
      const record = this.queue[this.head++] as TaskRecord;
      if (record.state === 'queued') this.assign(record, now, taken);
    }
    this.compact();
    return taken;
  }

  /** Takes the queued tasks with a demand that `accepts` (it fits the worker, and counts what it takes), oldest first. */
  takeFitting(now: number, accepts: (record: TaskRecord) => boolean): TaskRecord[] {
    if (this.constrained.length === 0) return [];
    const taken: TaskRecord[] = [];
    const kept: TaskRecord[] = [];
    for (const record of this.constrained) {
      if (record.state !== 'queued') continue;
      if (accepts(record)) this.assign(record, now, taken);
      else kept.push(record);
    }
    this.constrained = kept;
    return taken;
  }

  /** Queued tasks with a demand (they are few next to plain ones; a worker query reads them). */
  queuedWithDemand(): readonly TaskRecord[] {
    return this.constrained;
  }

  private assign(record: TaskRecord, now: number, taken: TaskRecord[]): void {
    this.queued -= 1;
    record.state = 'assigned';
    record.sentAt = now;
    taken.push(record);
  }

  /** Ends a task: it leaves the table and its settlement runs once. */
  finish(record: TaskRecord, settlement: TaskSettlement): void {
    if (record.state === 'done') return;
    if (record.state === 'queued') this.queued -= 1;
    record.state = 'done';
    this.records.delete(record.spec.taskId);
    this.outcomes.finished(record.spec, settlement.ok ? undefined : settlement.error);
    record.settle(settlement);
  }

  /** Every unfinished task. */
  all(): IterableIterator<TaskRecord> {
    return this.records.values();
  }

  /** Tasks waiting for a worker. */
  get queuedCount(): number {
    return this.queued;
  }

  /** Unfinished tasks. */
  get size(): number {
    return this.records.size;
  }

  private compact(): void {
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
