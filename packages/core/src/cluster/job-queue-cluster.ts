import { EventEmitter } from 'eventemitter3';
import { execaSync } from 'execa';
import type { BackendV1 } from '../contracts/backend-v1.js';
import { isPendingState, isTerminalState, type JobStatus } from '../contracts/job-state.js';
import type { SchedulerV1, WorkerInfo } from '../contracts/scheduler-v1.js';
import { type CommandRunner, ExecaCommandRunner } from '../command/command-runner.js';
import { runWithRetry } from '../command/run-with-retry.js';
import { JobQueueError, SubmitError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { resolveOptions } from '../options/resolve-options.js';
import { type Clock, systemClock } from '../util/clock.js';
import { Adaptive, type AdaptiveHandle, type AdaptOptions } from './adaptive.js';
import type { ClusterEvents } from './cluster-events.js';
import { registerExitParticipant } from './exit-hooks.js';
import { type JobLog, tailFile } from './job-files.js';
import { type JobInfo, type JobRecord, toJobInfo } from './job-record.js';
import { JobSubmitter, type SubmittedJob } from './job-submitter.js';
import { type ScaleRequest, jobsFor } from './scale-request.js';
import { StatusPoller } from './status-poller.js';

/** What a cluster is built from. */
export interface JobQueueClusterSettings<B extends BackendV1<any>, S extends SchedulerV1> {
  /** The batch-system adapter. */
  backend: B;
  /** The scheduler the workers connect to; the cluster starts and closes it. */
  scheduler: S;
  /** Common and backend options, validated at construction. */
  options: Record<string, unknown>;
  /** Runs batch commands; default execa. Tests pass a recording runner. */
  runner?: CommandRunner;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Cancel jobs on SIGINT/SIGTERM/SIGHUP and process exit. Default true. */
  handleExit?: boolean;
}

const failureBackoffCeiling = 5 * 60_000;

/**
 * Workers as batch jobs. `scale()` sets how many jobs are wanted; a reconciler
 * submits and cancels to converge; one poller tracks every job's real state;
 * `close()` cancels everything this cluster submitted.
 */
export class JobQueueCluster<B extends BackendV1<any> = BackendV1, S extends SchedulerV1 = SchedulerV1> extends EventEmitter<ClusterEvents> {
  readonly backend: B;
  readonly scheduler: S;
  readonly options: ResolvedOptions;
  readonly #runner: CommandRunner;
  readonly #clock: Clock;
  readonly #submitter: JobSubmitter;
  readonly #poller: StatusPoller;
  readonly #closeController = new AbortController();
  readonly #records = new Map<string, JobRecord>();
  readonly #byName = new Map<string, JobRecord>();
  #desiredJobs = 0;
  #nextIndex = 0;
  #started: Promise<void> | undefined;
  #converging: Promise<void> | undefined;
  #convergeAgain = false;
  #submitBlocked: SubmitError | undefined;
  #consecutiveFailures = 0;
  #submitNotBefore = 0;
  #cancelRetryTimer: (() => void) | undefined;
  #closing: Promise<void> | undefined;
  #adaptive: Adaptive | undefined;
  #unregisterExit: (() => void) | undefined;

  constructor(settings: JobQueueClusterSettings<B, S>) {
    super();
    this.backend = settings.backend;
    this.scheduler = settings.scheduler;
    const validated = resolveOptions(settings.options, settings.backend);
    this.options = settings.backend.resolveOptions ? settings.backend.resolveOptions(validated) : validated;
    this.#runner = settings.runner ?? new ExecaCommandRunner();
    this.#clock = settings.clock ?? systemClock;
    this.#submitter = new JobSubmitter(this.backend, this.scheduler, this.options, this.#runner, this.#clock, this.#closeController.signal);
    this.#poller = new StatusPoller(
      {
        liveRecords: () => [...this.#records.values()].filter((record) => !isTerminalState(record.status.state)),
        applyStatus: (record, status) => this.#applyStatus(record, status),
        reportError: (error) => this.emit('error', error),
      },
      this.backend,
      this.options,
      this.#runner,
      this.#clock,
    );
    this.scheduler.on('worker-added', this.#onWorkerAdded);
    this.scheduler.on('worker-removed', this.#onWorkerRemoved);
    if (settings.handleExit ?? true) this.#unregisterExit = registerExitParticipant(this);
  }

  /** The cluster's name, prefix of its job and worker names. */
  get name(): string {
    return this.options.name;
  }

  /** Jobs wanted now. */
  get desiredJobs(): number {
    return this.#desiredJobs;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Starts the scheduler (done by `scale()` when needed). */
  start(): Promise<void> {
    this.#assertOpen();
    this.#started ??= this.scheduler.start().then(() => this.#poller.start());
    return this.#started;
  }

  /** The job script a job would run now. */
  jobScript(): string {
    const request = this.#submitter.request(this.#nextIndex);
    return this.backend.render(request, this.options).script;
  }

  /**
   * Sets the wanted pool size and waits for the submissions/cancellations it needs.
   * A number means workers (rounded up to whole jobs). Rejects with the
   * {@link SubmitError} when the batch system refuses the jobs.
   */
  async scale(request: ScaleRequest): Promise<void> {
    this.#assertOpen();
    const jobs = jobsFor(request, this.options);
    this.adapt(false);
    this.#submitBlocked = undefined;
    this.setDesiredJobs(jobs);
    await this.start();
    await this.converge();
    if (this.#submitBlocked) throw this.#submitBlocked;
  }

  /**
   * Follows the scheduler's load between bounds (workers, jobs, cores or memory).
   * `adapt(false)` or the handle's `stop()` ends it; a later `scale()` ends it too.
   */
  adapt(options: AdaptOptions | false = {}): AdaptiveHandle | undefined {
    this.#adaptive?.stop();
    this.#adaptive = undefined;
    if (options === false) return undefined;
    this.#assertOpen();
    const adaptive = new Adaptive(
      {
        options: this.options,
        scheduler: this.scheduler,
        jobs: () => this.jobs(),
        setDesiredJobs: (jobs) => this.setDesiredJobs(jobs),
        converge: () => this.converge(),
        emitDecision: (decision) => this.emit('adapt', decision),
        emitPendingTimeout: (job) => this.emit('job-pending-timeout', job),
        reportError: (error) => this.emit('error', error),
      },
      this.#clock,
      options,
    );
    this.#adaptive = adaptive;
    this.start().then(
      () => {
        if (this.#adaptive === adaptive) adaptive.start();
      },
      (error: unknown) => this.emit('error', error as JobQueueError),
    );
    return adaptive;
  }

  /** Sets the wanted number of jobs without waiting (used by the adaptive engine). */
  setDesiredJobs(jobs: number): void {
    if (jobs === this.#desiredJobs) return;
    const previous = this.#desiredJobs;
    this.#desiredJobs = jobs;
    this.emit('scale', { jobs, previous });
  }

  /** Runs the reconciler until live jobs match the wanted number (or submission is blocked). */
  converge(): Promise<void> {
    if (this.#converging) {
      this.#convergeAgain = true;
      return this.#converging;
    }
    this.#converging = (async () => {
      do {
        this.#convergeAgain = false;
        await this.#convergeOnce();
      } while (this.#convergeAgain && !this.closed);
    })().finally(() => {
      this.#converging = undefined;
    });
    return this.#converging;
  }

  /** Every job this cluster submitted, oldest first. */
  jobs(): JobInfo[] {
    return [...this.#records.values()].map(toJobInfo);
  }

  /** Workers connected to the scheduler now. */
  workers(): WorkerInfo[] {
    return this.scheduler.workers();
  }

  /** Polls job states now instead of waiting for the next interval. */
  poll(): Promise<void> {
    return this.#poller.poll();
  }

  /** Each job's stdout/stderr paths and their last `lines` lines. */
  async logs(lines = 20): Promise<JobLog[]> {
    const withFiles = [...this.#records.values()].filter((record) => record.logFiles);
    return Promise.all(
      withFiles.map(async (record) => ({
        id: record.id,
        name: record.name,
        stdout: record.logFiles!.stdout,
        stderr: record.logFiles!.stderr,
        stdoutTail: await tailFile(record.logFiles!.stdout, lines),
        stderrTail: await tailFile(record.logFiles!.stderr, lines),
      })),
    );
  }

  /** Cancels every job this cluster submitted (one batched cancel) and stops the scheduler. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** For process exit, where only synchronous work runs: cancels live jobs. */
  cancelSynchronously(): void {
    const live = this.#liveIds();
    if (live.length === 0) return;
    const [file, ...args] = this.backend.cancel(live, this.options).argv;
    if (file) execaSync(file, args, { reject: false, timeout: 10_000, stdio: 'ignore' });
  }

  async #close(): Promise<void> {
    this.#desiredJobs = 0;
    this.#closeController.abort();
    this.#adaptive?.stop();
    this.#poller.stop();
    this.#cancelRetryTimer?.();
    await this.#converging?.catch(() => undefined);
    const live = [...this.#records.values()].filter((record) => !isTerminalState(record.status.state));
    if (live.length > 0) await this.#cancel(live);
    this.scheduler.off('worker-added', this.#onWorkerAdded);
    this.scheduler.off('worker-removed', this.#onWorkerRemoved);
    await this.scheduler.close();
    await this.#submitter.removeScripts();
    this.#unregisterExit?.();
  }

  async #convergeOnce(): Promise<void> {
    if (this.closed) return;
    const live = [...this.#records.values()].filter((record) => !isTerminalState(record.status.state) && !record.releasing);
    const deficit = this.#desiredJobs - live.length;
    if (deficit > 0) await this.#submit(deficit);
    if (deficit < 0) await this.release(this.#pickSurplus(live, -deficit));
  }

  async #submit(count: number): Promise<void> {
    if (this.#submitBlocked) return;
    const wait = this.#submitNotBefore - this.#clock.now();
    if (wait > 0) {
      this.#cancelRetryTimer?.();
      this.#cancelRetryTimer = this.#clock.schedule(() => void this.converge(), wait);
      return;
    }
    const useArray = this.backend.capabilities.arrays && count >= 2;
    for (let submitted = 0; submitted < count; submitted += useArray ? count : 1) {
      const size = useArray ? count : 1;
      const index = this.#nextIndex;
      this.#nextIndex += size;
      try {
        for (const job of await this.#submitter.submit(index, size, useArray)) this.#track(job);
      } catch (error) {
        this.#onSubmitFailure(error);
        return;
      } finally {
        this.#poller.kick();
      }
    }
  }

  #track(job: SubmittedJob): void {
    const now = this.#clock.now();
    const record: JobRecord = {
      id: job.id,
      name: job.name,
      index: job.index,
      status: { state: 'queued', native: 'submitted' },
      submittedAt: now,
      changedAt: now,
      releasing: false,
      logFiles: this.backend.logFiles?.(job.id, job.request, this.options),
    };
    this.#records.set(record.id, record);
    this.#byName.set(record.name, record);
    this.emit('job-submitted', toJobInfo(record));
  }

  #onSubmitFailure(error: unknown): void {
    const failure = SubmitError.isInstance(error) ? (error as SubmitError) : new SubmitError(`[jq/core] submit failed: ${String(error)}`, { cause: error });
    const cause = failure.cause as { kind?: string } | undefined;
    if (cause?.kind === 'transient') {
      this.#backOffSubmissions();
    } else {
      this.#submitBlocked = failure;
    }
    this.emit('error', failure);
  }

  /** One failure is replaced at once; repeated ones wait 1 s, 2 s, 4 s … up to 5 minutes. */
  #backOffSubmissions(): void {
    this.#consecutiveFailures += 1;
    if (this.#consecutiveFailures === 1) return;
    const delay = Math.min(failureBackoffCeiling, 1000 * 2 ** (this.#consecutiveFailures - 2));
    this.#submitNotBefore = this.#clock.now() + delay;
    this.#cancelRetryTimer?.();
    this.#cancelRetryTimer = this.#clock.schedule(() => void this.converge(), delay);
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

  /** Retires the workers of `records` gracefully, then cancels the jobs in one command. */
  async release(records: Array<Pick<JobRecord, 'id'>>): Promise<void> {
    const chosen = records.map((record) => this.#records.get(record.id)).filter((record): record is JobRecord => !!record);
    for (const record of chosen) record.releasing = true;
    const names = new Set(chosen.map((record) => record.name));
    const workers = this.scheduler.workers().filter((worker) => names.has(worker.jobName));
    if (workers.length > 0 && !this.closed) {
      await this.scheduler.retireWorkers(workers.map((worker) => worker.name)).catch((error: unknown) => {
        this.emit('error', new JobQueueError('JQ_COMMAND_FAILED', `[jq/core] retiring workers failed: ${String(error)}`, { cause: error }));
      });
    }
    await this.#cancel(chosen.filter((record) => !isTerminalState(record.status.state)));
  }

  async #cancel(records: JobRecord[]): Promise<void> {
    if (records.length === 0) return;
    for (const record of records) record.releasing = true;
    try {
      await runWithRetry(this.#runner, this.backend, this.backend.cancel(records.map((record) => record.id), this.options), this.#clock, {
        attempts: this.options.commandAttempts,
        timeoutMs: this.options.commandTimeout * 1000,
      });
    } catch (error) {
      this.emit('error', error as JobQueueError);
    }
    this.#poller.kick();
  }

  #applyStatus(record: JobRecord, status: JobStatus): boolean {
    const previous = record.status.state;
    const changed = previous !== status.state;
    record.status = status;
    if (!changed) return false;
    record.changedAt = this.#clock.now();
    this.emit('job-state', toJobInfo(record), previous);
    if (isTerminalState(status.state) && !record.releasing && !this.closed) {
      if (status.state !== 'completed') this.#backOffSubmissions();
      void this.converge();
    }
    return true;
  }

  #onWorkerAdded = (worker: WorkerInfo): void => {
    const record = this.#byName.get(worker.jobName);
    this.#consecutiveFailures = 0;
    this.#submitNotBefore = 0;
    if (record && isPendingState(record.status.state)) {
      this.#applyStatus(record, { state: 'running', native: record.status.native, reason: 'a worker connected' });
    }
    this.emit('worker-added', worker, record ? toJobInfo(record) : undefined);
  };

  #onWorkerRemoved = (worker: WorkerInfo, reason: string): void => {
    this.emit('worker-removed', worker, reason);
  };

  #liveIds(): string[] {
    return [...this.#records.values()].filter((record) => !isTerminalState(record.status.state)).map((record) => record.id);
  }

  #assertOpen(): void {
    if (this.closed) throw new JobQueueError('JQ_CLUSTER_CLOSED', `[jq/core] cluster ${this.options.name} is closed`);
  }
}

