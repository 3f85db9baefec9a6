import { EventEmitter } from 'eventemitter3';
import { execaSync } from 'execa';
import type { BackendV1 } from '../contracts/backend-v1.js';
import { isPendingState, isTerminalState, type JobStatus } from '../contracts/job-state.js';
import type { SchedulerV1, WorkerInfo } from '../contracts/scheduler-v1.js';
import { type CommandRunner, ExecaCommandRunner } from '../command/command-runner.js';
import { RateLimitedRunner } from '../command/rate-limited-runner.js';
import { JobQueueError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { mergeOptionSources } from '../options/config-sources.js';
import { resolveOptions } from '../options/resolve-options.js';
import { type Clock, systemClock } from '../util/clock.js';
import { Adaptive, type AdaptiveHandle, type AdaptOptions } from './adaptive.js';
import type { ClusterEvents } from './cluster-events.js';
import { registerExitParticipant } from './exit-hooks.js';
import { type JobLog, readJobLogs } from './job-files.js';
import { type JobInfo, type JobRecord, toJobInfo } from './job-record.js';
import { JobSubmitter, type SubmittedJob } from './job-submitter.js';
import { Reconciler } from './reconciler.js';
import { type ScaleRequest, jobsFor } from './scale-request.js';
import { StatusPoller } from './status-poller.js';

/** What a cluster is built from. */
export interface JobQueueClusterSettings<B extends BackendV1<any>, S extends SchedulerV1> {
  /** The batch-system adapter. */
  backend: B;
  /** The scheduler the workers connect to; the cluster starts and closes it. */
  scheduler: S;
  /** Common and backend options, validated at construction (with `preset` and the config file under them). */
  options: Record<string, unknown>;
  /** A site preset: options that explicit ones override. */
  preset?: Record<string, unknown>;
  /** YAML config file with a section per backend; `false` skips it. Default `$JQ_CONFIG` or `~/.config/jobqueue/jobqueue.yaml`. */
  config?: string | false;
  /** Runs batch commands; default execa. Tests pass a recording runner. */
  runner?: CommandRunner;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Cancel jobs on SIGINT/SIGTERM/SIGHUP and process exit. Default true. */
  handleExit?: boolean;
}

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
  readonly #reconciler: Reconciler;
  readonly #recordsById = new Map<string, JobRecord>();
  readonly #byName = new Map<string, JobRecord>();
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #adaptive: Adaptive | undefined;
  #unregisterExit: (() => void) | undefined;

  constructor(settings: JobQueueClusterSettings<B, S>) {
    super();
    this.backend = settings.backend;
    this.scheduler = settings.scheduler;
    const merged = mergeOptionSources(settings.options, settings.backend.name, {
      ...(settings.preset ? { preset: settings.preset } : {}),
      ...(settings.config === undefined ? {} : { config: settings.config }),
    });
    const validated = resolveOptions(merged, settings.backend);
    this.options = settings.backend.resolveOptions ? settings.backend.resolveOptions(validated) : validated;
    this.#clock = settings.clock ?? systemClock;
    const runner = settings.runner ?? new ExecaCommandRunner();
    const budget = this.options.maxCommandsPerSecond;
    this.#runner = budget === undefined ? runner : new RateLimitedRunner(runner, this.#clock, budget);
    this.#submitter = new JobSubmitter(this.backend, this.scheduler, this.options, this.#runner, this.#clock, this.#closeController.signal);
    this.#poller = new StatusPoller(
      {
        liveRecords: () => this.#records().filter((record) => !isTerminalState(record.status.state)),
        applyStatus: (record, status) => this.#applyStatus(record, status),
        reportError: (error) => this.emit('error', error),
      },
      this.backend,
      this.options,
      this.#runner,
      this.#clock,
    );
    this.#reconciler = new Reconciler(
      {
        records: () => this.#records(),
        track: (job) => this.#track(job),
        isClosed: () => this.closed,
        kickPoller: () => this.#poller.kick(),
        poll: () => this.#poller.poll(),
        reportError: (error) => this.emit('error', error),
      },
      this.backend,
      this.scheduler,
      this.options,
      this.#runner,
      this.#clock,
      this.#submitter,
      this.#closeController.signal,
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
    return this.#reconciler.desiredJobs;
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
    const request = this.#submitter.request(this.#reconciler.nextIndex);
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
    this.#reconciler.blockedBy = undefined;
    this.setDesiredJobs(jobs);
    await this.start();
    await this.converge();
    if (this.#reconciler.blockedBy) throw this.#reconciler.blockedBy;
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
    const adaptive = new Adaptive(this, this.#clock, options);
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
    if (jobs === this.#reconciler.desiredJobs) return;
    const previous = this.#reconciler.desiredJobs;
    this.#reconciler.desiredJobs = jobs;
    this.emit('scale', { jobs, previous });
  }

  /** Runs the reconciler until live jobs match the wanted number (or submission is blocked). */
  converge(): Promise<void> {
    return this.#reconciler.converge();
  }

  /** Every job this cluster submitted, oldest first. */
  jobs(): JobInfo[] {
    return this.#records().map(toJobInfo);
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
  logs(lines = 20): Promise<JobLog[]> {
    return readJobLogs(this.#records(), lines);
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
    const live = this.#records().filter((record) => !isTerminalState(record.status.state)).map((record) => record.id);
    if (live.length === 0) return;
    const [file, ...args] = this.backend.cancel(live, this.options).argv;
    if (file) execaSync(file, args, { reject: false, timeout: 10_000, stdio: 'ignore' });
  }

  async #close(): Promise<void> {
    this.#closeController.abort();
    this.#adaptive?.stop();
    this.#poller.stop();
    await this.#reconciler.stop();
    const live = this.#records().filter((record) => !isTerminalState(record.status.state));
    await this.#reconciler.cancel(live);
    if (live.length > 0) await this.#poller.poll();
    this.scheduler.off('worker-added', this.#onWorkerAdded);
    this.scheduler.off('worker-removed', this.#onWorkerRemoved);
    await this.scheduler.close();
    await this.#submitter.removeScripts();
    this.#unregisterExit?.();
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
    this.#recordsById.set(record.id, record);
    this.#byName.set(record.name, record);
    this.emit('job-submitted', toJobInfo(record));
  }

  #applyStatus(record: JobRecord, status: JobStatus): boolean {
    const previous = record.status.state;
    const changed = previous !== status.state;
    record.status = status;
    if (!changed) return false;
    record.changedAt = this.#clock.now();
    this.emit('job-state', toJobInfo(record), previous);
    if (isTerminalState(status.state) && !record.releasing && !this.closed) this.#reconciler.jobEnded(status.state === 'completed');
    return true;
  }

  #onWorkerAdded = (worker: WorkerInfo): void => {
    const record = this.#byName.get(worker.jobName);
    this.#reconciler.workerConnected();
    if (record && isPendingState(record.status.state)) {
      this.#applyStatus(record, { state: 'running', native: record.status.native, reason: 'a worker connected' });
    }
    this.emit('worker-added', worker, record ? toJobInfo(record) : undefined);
  };

  #onWorkerRemoved = (worker: WorkerInfo, reason: string): void => {
    this.emit('worker-removed', worker, reason);
  };

  #records(): JobRecord[] {
    return [...this.#recordsById.values()];
  }

  #assertOpen(): void {
    if (this.closed) throw new JobQueueError('JQ_CLUSTER_CLOSED', `[jq/core] cluster ${this.options.name} is closed`);
  }
}

