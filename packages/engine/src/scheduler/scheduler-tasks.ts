import type { TaskSpec } from '@jq/core';

/** How a task ended, as the client sees it. */
export type TaskSettlement = { ok: true; value: unknown } | { ok: false; error: Error };

/** A task as the scheduler tracks it. */
export interface TaskRecord {
  spec: TaskSpec;
  state: 'queued' | 'assigned' | 'done';
  /** Times it was on a worker that died. */
  attempts: number;
  /** Called exactly once, when the task ends. */
  settle: (settlement: TaskSettlement) => void;
  /** When it was last sent to a worker (ms, monotonic). */
  sentAt: number;
}

/**
 * All unfinished tasks, with a FIFO of those waiting for a worker. Tasks that come back
 * (released or from a lost worker) go ahead of new ones.
 */
export class TaskTable {
  private readonly records = new Map<string, TaskRecord>();
  private queue: TaskRecord[] = [];
  private head = 0;
  private returned: TaskRecord[] = [];
  private queued = 0;

  /** Adds a new task at the back of the queue. */
  add(spec: TaskSpec, settle: TaskRecord['settle']): TaskRecord {
    const record: TaskRecord = { spec, state: 'queued', attempts: 0, settle, sentAt: 0 };
    this.records.set(spec.taskId, record);
    this.queue.push(record);
    this.queued += 1;
    return record;
  }

  /** The unfinished task with this id. */
  get(taskId: string): TaskRecord | undefined {
    return this.records.get(taskId);
  }

  /** Puts a task that left its worker unfinished back, ahead of new tasks. */
  requeue(record: TaskRecord): void {
    if (record.state === 'done') return;
    record.state = 'queued';
    this.returned.push(record);
    this.queued += 1;
  }

  /** Takes up to `count` queued tasks and marks them assigned. */
  take(count: number, now: number): TaskRecord[] {
    const taken: TaskRecord[] = [];
    while (taken.length < count && this.queued > 0) {
      const record = this.returned.length > 0 ? this.returned.shift() : this.queue[this.head++];
      if (record === undefined) break;
      if (record.state !== 'queued') continue;
      this.queued -= 1;
      record.state = 'assigned';
      record.sentAt = now;
      taken.push(record);
    }
    this.compact();
    return taken;
  }

  /** Ends a task: it leaves the table and its settlement runs once. */
  finish(record: TaskRecord, settlement: TaskSettlement): void {
    if (record.state === 'done') return;
    if (record.state === 'queued') this.queued -= 1;
    record.state = 'done';
    this.records.delete(record.spec.taskId);
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
