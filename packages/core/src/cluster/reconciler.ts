import { isPendingState, isTerminalState } from '../contracts/job-state.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError, SubmitError } from '../errors.js';
import { Backoff } from '../util/backoff.js';
import { type Clock, sleep } from '../util/clock.js';
import type { BatchCommands } from './batch-commands.js';
import type { JobInfo } from './job-info.js';
import type { JobSubmitter, Pool } from './job-submitter.js';
import type { JobTable } from './job-table.js';

/** What the reconciler works with. */
export interface ReconcilerParts {
  table: JobTable;
  pools: ReadonlyMap<string, Pool>;
  submitter: JobSubmitter;
  commands: BatchCommands;
  scheduler: SchedulerV1;
  clock: Clock;
  /** True when the backend submits N jobs as one array. */
  arrays: boolean;
  /** Seconds scale-down waits for retiring workers before cancelling their job. */
  retireTimeout: number;
  /** Aborted by `close()`. */
  signal: AbortSignal;
  /** Asks the status poller to look again soon. */
  kickPoller(): void;
  /** Polls job states now. */
  poll(): Promise<void>;
}

/** What one convergence run did. */
interface ConvergeOutcome {
  submitted: number;
  failure: JobQueueError | undefined;
}

/**
 * The only place that submits and cancels. `setTarget(pool, n)` records the wanted job
 * count in the table and converges live jobs to it; failed submissions back off (the
 * first is replaced at once, then 1 s, 2 s, 4 s … up to 5 minutes), and a permanent
 * refusal stops submissions until the user asks again.
 */
export class Reconciler {
  #nextIndex = 0;
  #blockedBy: JobQueueError | undefined;
  #running: Promise<ConvergeOutcome> | undefined;
  #again = false;
  #failures = 0;
  readonly #backoff = new Backoff({ initialMs: 1000, maxMs: 5 * 60_000 });
  #submitNotBefore = 0;
  #cancelRetryTimer: (() => void) | undefined;

  constructor(private readonly parts: ReconcilerParts) {}

  /** The index the next submitted job gets. */
  get nextIndex(): number {
    return this.#nextIndex;
  }

  /** Continues numbering after jobs taken over from an earlier owner, so job keys stay unique. */
  continueAfter(jobs: readonly JobInfo[]): void {
    for (const job of jobs) this.#nextIndex = Math.max(this.#nextIndex, job.index + 1);
  }

  /**
   * Wants `jobs` jobs in `pool` and converges. Rejects when jobs were wanted but none
   * could be submitted (the batch system refused, or its command is missing); a
   * transient failure keeps being retried in the background.
   */
  async setTarget(pool: string, jobs: number): Promise<void> {
    this.#blockedBy = undefined;
    this.parts.table.setTarget(pool, jobs);
    const outcome = await this.converge();
    if (outcome.failure && outcome.submitted === 0 && this.parts.table.live(pool).length < jobs) throw outcome.failure;
  }

  /** Records a new target and converges, never rejecting: the adaptive loop's path; failures go to `error` listeners. */
  async adjustTarget(pool: string, jobs: number): Promise<void> {
    this.parts.table.setTarget(pool, jobs);
    await this.converge();
  }

  /** Resolves once no submission or cancellation is under way. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  /** Runs until live jobs match every pool's target (or submission is blocked); concurrent calls share one run. */
  converge(): Promise<ConvergeOutcome> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      const total: ConvergeOutcome = { submitted: 0, failure: undefined };
      do {
        this.#again = false;
        for (const pool of this.parts.pools.values()) {
          const outcome = await this.#convergePool(pool);
          total.submitted += outcome.submitted;
          total.failure ??= outcome.failure;
        }
      } while (this.#again && !this.parts.signal.aborted);
      return total;
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops timers and waits for a run in progress. */
  async stop(): Promise<void> {
    this.#cancelRetryTimer?.();
    await this.settled();
  }

  /** A job ended on its own: replace it (after a backoff when jobs keep failing). */
  jobEnded(job: JobInfo): void {
    if (job.state !== 'completed') this.#noteFailure();
    void this.converge();
  }

  /** A worker connected, so jobs do start: forget earlier failures. */
  workerConnected(): void {
    this.#failures = 0;
    this.#backoff.reset();
    this.#submitNotBefore = 0;
  }

  /** Retires the workers of `jobs` gracefully, then cancels the jobs in one command. */
  async release(jobs: JobInfo[]): Promise<void> {
    const { table, scheduler, clock, signal } = this.parts;
    table.markReleasing(jobs.map((job) => job.key));
    const keys = new Set(jobs.map((job) => job.key));
    const workers = scheduler.workers().filter((worker) => keys.has(worker.jobKey));
    if (workers.length > 0 && !signal.aborted) {
      const retiring = scheduler.retireWorkers(workers.map((worker) => worker.name)).catch((error: unknown) => {
        table.reportError(new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} retiring workers failed: ${String(error)}`, { cause: error }));
      });
      // A worker stuck in a long task must not hold up the pool: cancel after retireTimeout, or at close().
      await Promise.race([retiring, sleep(clock, this.parts.retireTimeout * 1000, signal)]);
    }
    await this.cancel(jobs.map((job) => table.get(job.key) ?? job).filter((job) => !isTerminalState(job.state)));
  }

  /** Cancels `jobs` with ONE batched command. */
  async cancel(jobs: JobInfo[]): Promise<void> {
    if (jobs.length === 0) return;
    const { table, commands } = this.parts;
    table.markReleasing(jobs.map((job) => job.key));
    try {
      await commands.cancel(jobs.map((job) => job.id));
    } catch (error) {
      // qdel/scancel refuse ids that just ended: only a job still alive afterwards is a real failure.
      await this.parts.poll();
      if (jobs.some((job) => !isTerminalState(table.get(job.key)?.state ?? 'lost'))) table.reportError(error as JobQueueError);
    }
    this.parts.kickPoller();
  }

  async #convergePool(pool: Pool): Promise<ConvergeOutcome> {
    if (this.parts.signal.aborted) return { submitted: 0, failure: undefined };
    const live = this.parts.table.live(pool.name);
    const deficit = this.parts.table.target(pool.name) - live.length;
    if (deficit < 0) await this.release(this.#pickSurplus(live, -deficit));
    if (deficit <= 0) return { submitted: 0, failure: undefined };
    if (this.#blockedBy) return { submitted: 0, failure: this.#blockedBy };
    const wait = this.#submitNotBefore - this.parts.clock.now();
    if (wait > 0) {
      this.#retryIn(wait);
      return { submitted: 0, failure: undefined };
    }
    return this.#submit(pool, deficit);
  }

  async #submit(pool: Pool, count: number): Promise<ConvergeOutcome> {
    const useArray = this.parts.arrays && count >= 2;
    const size = useArray ? count : 1;
    let submitted = 0;
    for (; submitted < count; submitted += size) {
      const index = this.#nextIndex;
      this.#nextIndex += size;
      try {
        for (const job of await this.parts.submitter.submit(pool, index, size, useArray)) this.parts.table.add(job);
      } catch (error) {
        return { submitted, failure: this.#submitFailed(error) };
      } finally {
        this.parts.kickPoller();
      }
    }
    return { submitted, failure: undefined };
  }

  #submitFailed(error: unknown): JobQueueError {
    const failure = JobQueueError.isInstance(error) ? error : new SubmitError(`${corePrefix} submit failed: ${String(error)}`, { cause: error });
    if ((failure.cause as { kind?: string } | undefined)?.kind === 'transient') {
      // The command already retried: wait before the next submission whatever came before.
      this.#failures = Math.max(this.#failures, 1);
      this.#noteFailure();
    } else {
      this.#blockedBy = failure;
    }
    this.parts.table.reportError(failure);
    return failure;
  }

  /** One failure is replaced at once; repeated ones wait 1 s, 2 s, 4 s … up to 5 minutes. */
  #noteFailure(): void {
    this.#failures += 1;
    if (this.#failures === 1) return;
    const delay = this.#backoff.next();
    this.#submitNotBefore = this.parts.clock.now() + delay;
    this.#retryIn(delay);
  }

  #retryIn(milliseconds: number): void {
    this.#cancelRetryTimer?.();
    this.#cancelRetryTimer = this.parts.clock.schedule(() => void this.converge(), milliseconds);
  }

  /** Queued jobs first (newest first), then running jobs whose workers hold the fewest tasks. */
  #pickSurplus(live: JobInfo[], count: number): JobInfo[] {
    const load = new Map<string, number>();
    for (const worker of this.parts.scheduler.workers()) load.set(worker.jobKey, (load.get(worker.jobKey) ?? 0) + worker.runningTasks);
    return [...live]
      .sort(
        (a, b) =>
          Number(isPendingState(b.state)) - Number(isPendingState(a.state)) ||
          (load.get(a.key) ?? 0) - (load.get(b.key) ?? 0) ||
          b.index - a.index,
      )
      .slice(0, count);
  }
}
