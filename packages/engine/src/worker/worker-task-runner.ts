import { performance } from 'node:perf_hooks';
import type { ResourceLimits } from 'node:worker_threads';
import type { TaskOutcome, TaskSpec } from '@jq/core';
import type { EncodedOutcome, ThreadOutcome } from '../task-thread.js';
import { faultOutcome } from './worker-faults.js';
import { loadThreadSupport, WorkerThread, type ThreadStop } from './worker-thread.js';

/** How a runner is set up. */
export interface TaskRunnerSettings {
  threads: number;
  /** Heap limits of each thread (a task that fills its heap kills only its thread). */
  resourceLimits: ResourceLimits;
  /** The worker's memory limit in bytes (0: none), reported with a task whose thread filled its heap. */
  memoryLimit: number;
  /** Seconds an idle thread is kept before it is stopped (it is started again on the next task). */
  threadIdleTimeout: number;
  /** Outcomes of finished tasks, including the ones the runner stopped (with a `fault`). */
  outcomes: (outcomes: TaskOutcome[]) => void;
  /** Outcomes a thread encoded itself into `results` frames (large results). */
  encoded: (frames: Uint8Array[]) => void;
}

/** Tasks per hand-over to a thread, at most; fewer when tasks are known to be slow. */
const maximumBatch = 64;
/** Milliseconds of work one hand-over aims at. */
const batchMilliseconds = 2;

/**
 * Runs a worker's tasks on its threads: keeps the queue, hands tasks over in small
 * batches, and stops a thread (which nothing else can) when a task is cancelled, runs past
 * its timeout, or the worker goes over its memory limit. Tasks that were queued behind a
 * stopped task in its thread go back to the front of the queue, untouched.
 */
export class TaskRunner {
  private readonly queue: TaskSpec[] = [];
  private readonly threads: WorkerThread[];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private averageSeconds: number | undefined;
  private threadSupport: 'absent' | 'loading' | 'loaded' = 'absent';
  private readonly reaper: NodeJS.Timeout;
  /** The scheduler's frame limit, given to threads started from now on. */
  maxResultBytes = Number.POSITIVE_INFINITY;
  /** No new task starts while set (memory pressure, draining). */
  paused = false;

  constructor(private readonly settings: TaskRunnerSettings) {
    this.threads = Array.from({ length: settings.threads }, () => {
      const thread: WorkerThread = new WorkerThread(
        { outcomes: (outcomes, encoded) => this.finished(outcomes, encoded), died: (stop, unfinished) => this.died(thread, stop, unfinished) },
        { resourceLimits: settings.resourceLimits, maxResultBytes: () => this.maxResultBytes },
      );
      return thread;
    });
    this.reaper = setInterval(() => this.stopIdleThreads(), Math.max(100, (settings.threadIdleTimeout * 1000) / 2));
    this.reaper.unref();
  }

  /** Tasks queued here and not yet handed to a thread. */
  get queued(): number {
    return this.queue.length;
  }

  /** Tasks on threads (running, or next in line there). */
  get running(): number {
    return this.threads.reduce((sum, thread) => sum + thread.load, 0);
  }

  /** Adds tasks at the back of the queue and starts what can start. */
  add(tasks: TaskSpec[]): void {
    this.queue.push(...tasks);
    this.pump();
  }

  /** Empties the queue, returning its task ids (to release them to the scheduler). */
  takeQueued(): string[] {
    return this.queue.splice(0).map((task) => task.taskId);
  }

  /**
   * Drops these tasks: queued ones leave the queue; a thread holding one is stopped (the
   * only way to end a task that never yields). Returns the ids dropped, to be released.
   */
  cancel(taskIds: string[]): string[] {
    const cancelled = new Set(taskIds);
    const dropped = this.removeQueued(cancelled);
    for (const thread of this.threads) {
      if (!thread.unfinished.some((task) => cancelled.has(task.taskId))) continue;
      const unfinished = thread.terminate();
      this.clearTimers(unfinished);
      for (const task of unfinished) if (cancelled.has(task.taskId)) dropped.push(task.taskId);
      this.queue.unshift(...unfinished.filter((task) => !cancelled.has(task.taskId)));
    }
    this.pump();
    return dropped;
  }

  /** Stops every thread that is running a task: the worker is over its memory limit. */
  stopForMemory(rss: number, limit: number): number {
    let stopped = 0;
    for (const thread of this.threads) {
      if (thread.load === 0) continue;
      stopped += 1;
      this.died(thread, { kind: 'memory', rss, limit }, thread.terminate());
    }
    return stopped;
  }

  /** Starts queued tasks on threads that have room. */
  pump(): void {
    if (this.paused || this.queue.length === 0) return;
    if (this.threadSupport !== 'loaded') return this.loadThreadSupport();
    for (const thread of this.threads) {
      while (this.queue.length > 0 && this.hasRoom(thread)) {
        const batch = this.nextBatch(thread);
        if (batch.length === 0) break;
        thread.send(batch);
        for (const task of batch) if (task.timeout !== undefined) this.armTimeout(thread, task, task.timeout);
      }
      if (this.queue.length === 0) return;
    }
  }

  private loadThreadSupport(): void {
    if (this.threadSupport === 'loading') return;
    this.threadSupport = 'loading';
    void loadThreadSupport().then(() => {
      this.threadSupport = 'loaded';
      this.pump();
    });
  }

  /** Stops every thread; nothing more runs. */
  destroy(): void {
    clearInterval(this.reaper);
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const thread of this.threads) thread.terminate();
  }

  private batchSize(): number {
    if (this.averageSeconds === undefined) return 1;
    return Math.max(1, Math.min(maximumBatch, Math.floor(batchMilliseconds / 1000 / Math.max(this.averageSeconds, 1e-7))));
  }

  /** A thread takes another batch while it holds less than two, and never anything behind a task with a timeout. */
  private hasRoom(thread: WorkerThread): boolean {
    if (thread.unfinished.some((task) => task.timeout !== undefined)) return false;
    return thread.load < 2 * this.batchSize();
  }

  /** A task with a timeout runs alone on an idle thread, so its clock starts when it does. */
  private nextBatch(thread: WorkerThread): TaskSpec[] {
    const first = this.queue[0];
    if (first?.timeout !== undefined) return thread.load === 0 ? this.queue.splice(0, 1) : [];
    let count = 0;
    const size = this.batchSize();
    while (count < size && count < this.queue.length && this.queue[count]?.timeout === undefined) count += 1;
    return this.queue.splice(0, count);
  }

  private armTimeout(thread: WorkerThread, task: TaskSpec, seconds: number): void {
    this.timers.set(
      task.taskId,
      setTimeout(() => {
        this.timers.delete(task.taskId);
        if (thread.unfinished[0]?.taskId !== task.taskId) return;
        this.died(thread, { kind: 'timeout', seconds }, thread.terminate());
      }, seconds * 1000),
    );
  }

  private finished(outcomes: ThreadOutcome[], encoded: EncodedOutcome[]): void {
    for (const outcome of [...outcomes, ...encoded]) {
      this.averageSeconds = this.averageSeconds === undefined ? outcome.duration : this.averageSeconds * 0.9 + outcome.duration * 0.1;
      const timer = this.timers.get(outcome.taskId);
      if (timer !== undefined) {
        clearTimeout(timer);
        this.timers.delete(outcome.taskId);
      }
    }
    if (outcomes.length > 0) this.settings.outcomes(outcomes);
    if (encoded.length > 0) this.settings.encoded(encoded.map((item) => item.frame));
    this.pump();
  }

  /** The first unfinished task was the one running: it gets the fault; the rest go back to the queue. */
  private died(thread: WorkerThread, stop: ThreadStop, unfinished: TaskSpec[]): void {
    this.clearTimers(unfinished);
    if (stop.kind === 'memory' && stop.rss === undefined) {
      stop = { kind: 'memory', rss: process.memoryUsage.rss(), ...(this.settings.memoryLimit > 0 ? { limit: this.settings.memoryLimit } : {}) };
    }
    const [running, ...waiting] = unfinished;
    this.queue.unshift(...waiting);
    if (running !== undefined) {
      const duration = Math.max(0, (performance.now() - thread.headStartedAt) / 1000);
      this.settings.outcomes([faultOutcome(running.taskId, stop, duration)]);
    }
    this.pump();
  }

  private removeQueued(taskIds: Set<string>): string[] {
    const dropped = this.queue.filter((task) => taskIds.has(task.taskId)).map((task) => task.taskId);
    if (dropped.length > 0) this.queue.splice(0, this.queue.length, ...this.queue.filter((task) => !taskIds.has(task.taskId)));
    return dropped;
  }

  private clearTimers(tasks: TaskSpec[]): void {
    for (const task of tasks) {
      clearTimeout(this.timers.get(task.taskId));
      this.timers.delete(task.taskId);
    }
  }

  private stopIdleThreads(): void {
    const now = performance.now();
    for (const thread of this.threads) {
      if (thread.started && thread.load === 0 && now - thread.idleSince >= this.settings.threadIdleTimeout * 1000) thread.terminate();
    }
  }
}
