import type { BackendV1 } from '../contracts/backend-v1.js';
import { isPendingState, isTerminalState } from '../contracts/job-state.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import type { CommandRunner } from '../command/command-runner.js';
import { runWithRetry } from '../command/run-with-retry.js';
import { JobQueueError, SubmitError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { type Clock, sleep } from '../util/clock.js';
import type { JobRecord } from './job-record.js';
import type { JobSubmitter, SubmittedJob } from './job-submitter.js';

/** What the reconciler needs from its cluster. */
export interface ReconcilerHost {
  /** Every job of the cluster. */
  records(): JobRecord[];
  /** Starts tracking a job that was just submitted. */
  track(job: SubmittedJob): void;
  /** True once the cluster is closing. */
  isClosed(): boolean;
  /** Asks the status poller to look again soon. */
  kickPoller(): void;
  /** Polls job states now. */
  poll(): Promise<void>;
  /** Reports a background failure. */
  reportError(error: JobQueueError): void;
}

const failureBackoffCeiling = 5 * 60_000;

/**
 * The only place that submits and cancels: converges live jobs to the wanted
 * number, backs off after repeated failures, and stops submitting after a
 * permanent refusal until the user asks again.
 */
export class Reconciler {
  desiredJobs = 0;
  nextIndex = 0;
  /** The permanent submit failure that stopped submissions, if any. */
  blockedBy: SubmitError | undefined;
  #converging: Promise<void> | undefined;
  #convergeAgain = false;
  #consecutiveFailures = 0;
  #submitNotBefore = 0;
  #cancelRetryTimer: (() => void) | undefined;

  constructor(
    private readonly host: ReconcilerHost,
    private readonly backend: BackendV1,
    private readonly scheduler: SchedulerV1,
    private readonly options: ResolvedOptions,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly submitter: JobSubmitter,
    private readonly signal: AbortSignal,
  ) {}

  /** Runs until live jobs match the wanted number (or submission is blocked); calls share one run. */
  converge(): Promise<void> {
    if (this.#converging) {
      this.#convergeAgain = true;
      return this.#converging;
    }
    this.#converging = (async () => {
      do {
        this.#convergeAgain = false;
        await this.#convergeOnce();
      } while (this.#convergeAgain && !this.host.isClosed());
    })().finally(() => {
      this.#converging = undefined;
    });
    return this.#converging;
  }

  /** Stops timers and waits for a run in progress. */
  async stop(): Promise<void> {
    this.desiredJobs = 0;
    this.#cancelRetryTimer?.();
    await this.#converging?.catch(() => undefined);
  }

  /** A job ended on its own: replace it (after a backoff when it failed repeatedly). */
  jobEnded(completed: boolean): void {
    if (!completed) this.#backOff();
    void this.converge();
  }

  /** A worker connected, so jobs do start: forget earlier failures. */
  workerConnected(): void {
    this.#consecutiveFailures = 0;
    this.#submitNotBefore = 0;
  }

  /** Retires the workers of `records` gracefully, then cancels the jobs in one command. */
  async release(records: JobRecord[]): Promise<void> {
    for (const record of records) record.releasing = true;
    const names = new Set(records.map((record) => record.name));
    const workers = this.scheduler.workers().filter((worker) => names.has(worker.jobName));
    if (workers.length > 0 && !this.host.isClosed()) {
      const retiring = this.scheduler.retireWorkers(workers.map((worker) => worker.name)).catch((error: unknown) => {
        this.host.reportError(new JobQueueError('JQ_COMMAND_FAILED', `[jq/core] retiring workers failed: ${String(error)}`, { cause: error }));
      });
      // A worker stuck in a long task must not hold up the pool: cancel after retireTimeout, or at close().
      await Promise.race([retiring, sleep(this.clock, this.options.retireTimeout * 1000, this.signal)]);
    }
    await this.cancel(records.filter((record) => !isTerminalState(record.status.state)));
  }

  /** Cancels `records` with ONE batched command. */
  async cancel(records: JobRecord[]): Promise<void> {
    if (records.length === 0) return;
    for (const record of records) record.releasing = true;
    try {
      await runWithRetry(this.runner, this.backend, this.backend.cancel(records.map((record) => record.id), this.options), this.clock, {
        attempts: this.options.commandAttempts,
        timeoutMs: this.options.commandTimeout * 1000,
      });
    } catch (error) {
      // qdel/scancel refuse ids that just ended: only a job still alive afterwards is a real failure.
      await this.host.poll();
      if (records.some((record) => !isTerminalState(record.status.state))) this.host.reportError(error as JobQueueError);
    }
    this.host.kickPoller();
  }

  async #convergeOnce(): Promise<void> {
    if (this.host.isClosed()) return;
    const live = this.host.records().filter((record) => !isTerminalState(record.status.state) && !record.releasing);
    const deficit = this.desiredJobs - live.length;
    if (deficit > 0) await this.#submit(deficit);
    if (deficit < 0) await this.release(this.#pickSurplus(live, -deficit));
  }

  async #submit(count: number): Promise<void> {
    if (this.blockedBy) return;
    const wait = this.#submitNotBefore - this.clock.now();
    if (wait > 0) return this.#retryIn(wait);
    const useArray = this.backend.capabilities.arrays && count >= 2;
    const size = useArray ? count : 1;
    for (let submitted = 0; submitted < count; submitted += size) {
      const index = this.nextIndex;
      this.nextIndex += size;
      try {
        for (const job of await this.submitter.submit(index, size, useArray)) this.host.track(job);
      } catch (error) {
        this.#submitFailed(error);
        return;
      } finally {
        this.host.kickPoller();
      }
    }
  }

  #submitFailed(error: unknown): void {
    const failure = SubmitError.isInstance(error) ? (error as SubmitError) : new SubmitError(`[jq/core] submit failed: ${String(error)}`, { cause: error });
    if ((failure.cause as { kind?: string } | undefined)?.kind === 'transient') {
      // The command already retried: wait before the next submission whatever came before.
      this.#consecutiveFailures = Math.max(this.#consecutiveFailures, 1);
      this.#backOff();
    } else {
      this.blockedBy = failure;
    }
    this.host.reportError(failure);
  }

  /** One failure is replaced at once; repeated ones wait 1 s, 2 s, 4 s … up to 5 minutes. */
  #backOff(): void {
    this.#consecutiveFailures += 1;
    if (this.#consecutiveFailures === 1) return;
    const delay = Math.min(failureBackoffCeiling, 1000 * 2 ** (this.#consecutiveFailures - 2));
    this.#submitNotBefore = this.clock.now() + delay;
    this.#retryIn(delay);
  }

  #retryIn(milliseconds: number): void {
    this.#cancelRetryTimer?.();
    this.#cancelRetryTimer = this.clock.schedule(() => void this.converge(), milliseconds);
  }

  /** Queued jobs first (newest first), then running jobs whose workers hold the fewest tasks. */
  #pickSurplus(live: JobRecord[], count: number): JobRecord[] {
    const load = new Map<string, number>();
    for (const worker of this.scheduler.workers()) load.set(worker.jobName, (load.get(worker.jobName) ?? 0) + worker.runningTasks);
    return [...live]
      .sort(
        (a, b) =>
          Number(isPendingState(b.status.state)) - Number(isPendingState(a.status.state)) ||
          (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0) ||
          b.index - a.index,
      )
      .slice(0, count);
  }
}
