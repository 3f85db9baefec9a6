import { performance } from 'node:perf_hooks';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { TaskSpec } from '@jq/core';
import { taskThreadEntry } from '../engine-paths.js';
import type { EncodedOutcome, ThreadData, ThreadOutcome, ThreadReply, ThreadRequest } from '../task-thread.js';

/** Why a thread stopped under its tasks (`rss` and `limit` in bytes, `seconds` the task's timeout). */
export type ThreadStop =
  | { kind: 'memory'; rss?: number; limit?: number }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'thread-exit'; detail: string };

let threadModule: typeof import('node:worker_threads') | undefined;

/**
 * Loads node:worker_threads on first use: a worker that has not run a task yet has not
 * paid for it (start-up time and memory are what a scale-up waits for).
 */
export async function loadThreadSupport(): Promise<void> {
  threadModule ??= await import('node:worker_threads');
}

/** What a thread tells its owner. */
export interface WorkerThreadEvents {
  /** Outcomes of tasks it ran: small ones as values, large ones already encoded as frames. */
  outcomes(outcomes: ThreadOutcome[], encoded: EncodedOutcome[]): void;
  /** The thread died by itself (its heap limit, `process.exit()`, an uncaught error); `unfinished` never ran to the end. */
  died(stop: ThreadStop, unfinished: TaskSpec[]): void;
}

/**
 * One task thread of a worker, started on its first task (a worker that never runs a
 * task never pays for a thread) and stoppable at any moment: `terminate()` ends a task
 * in an endless loop, which nothing inside the thread could. Tasks run one after the
 * other in the order given; `unfinished` is that order minus what has answered.
 */
export class WorkerThread {
  private thread: Worker | undefined;
  /** Sent and not answered, in order: the first is running (or about to). */
  readonly unfinished: TaskSpec[] = [];
  /** When the first unfinished task started, as far as this side can tell (ms, monotonic). */
  headStartedAt = 0;
  /** When the thread last finished its work (ms, monotonic); for stopping idle threads. */
  idleSince = performance.now();

  constructor(
    private readonly events: WorkerThreadEvents,
    private readonly limits: { resourceLimits: ResourceLimits; maxResultBytes: () => number },
  ) {}

  /** Whether a thread is running now. */
  get started(): boolean {
    return this.thread !== undefined;
  }

  /** Tasks handed over and not finished. */
  get load(): number {
    return this.unfinished.length;
  }

  /** Hands tasks to the thread, starting it if needed. */
  send(tasks: TaskSpec[]): void {
    if (tasks.length === 0) return;
    const thread = this.thread ?? this.start();
    if (this.unfinished.length === 0) this.headStartedAt = performance.now();
    this.unfinished.push(...tasks);
    thread.postMessage({ tasks } satisfies ThreadRequest);
  }

  /** Stops the thread at once; returns the tasks that had not finished (the first was running). */
  terminate(): TaskSpec[] {
    const thread = this.thread;
    this.thread = undefined;
    if (thread !== undefined) {
      thread.removeAllListeners();
      // An error from a thread being torn down is of no interest.
      thread.on('error', () => undefined);
      void thread.terminate();
    }
    this.idleSince = performance.now();
    return this.unfinished.splice(0);
  }

  private start(): Worker {
    if (threadModule === undefined) throw new Error('[jq/engine] loadThreadSupport() must resolve before a thread starts');
    const { entry, eval: evaluate } = taskThreadEntry();
    const workerData: ThreadData = { maxResultBytes: this.limits.maxResultBytes() };
    const thread = new threadModule.Worker(entry, { eval: evaluate, workerData, resourceLimits: this.limits.resourceLimits, stdout: false, stderr: false });
    // An idle thread must not keep a draining worker's process alive.
    thread.unref();
    thread.on('message', (reply: ThreadReply) => this.receive(reply));
    thread.on('error', (error: Error & { code?: string }) => {
      const stop: ThreadStop = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory' } : { kind: 'thread-exit', detail: `${error.name}: ${error.message}` };
      this.died(thread, stop);
    });
    thread.on('exit', (code) => this.died(thread, { kind: 'thread-exit', detail: `the thread exited with code ${code}` }));
    this.thread = thread;
    return thread;
  }

  private receive(reply: ThreadReply): void {
    // Tasks run in order: whatever answered were the first unfinished ones.
    this.unfinished.splice(0, reply.outcomes.length + reply.encoded.length);
    const now = performance.now();
    this.headStartedAt = now;
    if (this.unfinished.length === 0) this.idleSince = now;
    this.events.outcomes(reply.outcomes, reply.encoded);
  }

  private died(thread: Worker, stop: ThreadStop): void {
    if (this.thread !== thread) return;
    this.events.died(stop, this.terminate());
  }
}
