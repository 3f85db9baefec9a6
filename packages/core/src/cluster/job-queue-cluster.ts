import { EventEmitter } from 'eventemitter3';
import type { AnyBackend } from '../contracts/backend-v1.js';
import { isTerminalState } from '../contracts/job-state.js';
import type { SchedulerV1, WorkerInfo } from '../contracts/scheduler-v1.js';
import { type CommandRunner, ExecaCommandRunner } from '../command/command-runner.js';
import { RateLimitedRunner } from '../command/rate-limited-runner.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { BackendOptions, Preset, ResolvedOptionsOf } from '../options/backend-options.js';
import { type Clock, systemClock } from '../util/clock.js';
import { AdaptiveLoop, type AdaptiveHandle, type AdaptOptions } from './adaptive-loop.js';
import { BatchCommands } from './batch-commands.js';
import { type ClusterEvents, clusterEventNames } from './cluster-events.js';
import { resolvePools } from './cluster-pools.js';
import { registerExitParticipant } from './exit-hooks.js';
import { type JobLog, readJobLogs } from './job-files.js';
import type { JobInfo } from './job-info.js';
import { JobSubmitter, type Pool } from './job-submitter.js';
import { JobTable, type JobTableSnapshot } from './job-table.js';
import { Reconciler } from './reconciler.js';
import { type PoolScaleRequest, type ScaleRequest, jobsPerPool } from './scale-request.js';
import { StatusPoller } from './status-poller.js';

/** What a cluster is built from. */
export interface JobQueueClusterSettings<B extends AnyBackend, S extends SchedulerV1> {
  /** The batch-system adapter. */
  backend: B;
  /** The scheduler the workers connect to; the cluster starts and closes it. */
  scheduler: S;
  /** Common and backend options, typed from their schemas, validated at construction (preset and config file under them). */
  options?: BackendOptions<B>;
  /** Several worker templates in one cluster: each pool's options over `options`. Default: one pool, `default`. */
  pools?: Record<string, BackendOptions<B>>;
  /** A site preset for this backend: options that explicit ones override. */
  preset?: Preset<B>;
  /** YAML config file with a section per backend; `false` skips it. Default `$JQ_CONFIG` or `~/.config/jobqueue/jobqueue.yaml`. */
  config?: string | false;
  /** Runs batch commands; default execa on this machine. Tests pass a recording runner. */
  runner?: CommandRunner;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Cancel jobs on SIGINT/SIGTERM/SIGHUP and process exit. Default true. */
  handleExit?: boolean;
}

/**
 * Workers as batch jobs. `scale()` sets how many jobs each pool wants; the reconciler
 * submits and cancels to converge; one poller tracks every job's real state in the job
 * table; `close()` cancels everything this cluster submitted.
 */
export class JobQueueCluster<B extends AnyBackend = AnyBackend, S extends SchedulerV1 = SchedulerV1> extends EventEmitter<ClusterEvents> {
  readonly backend: B;
  readonly scheduler: S;
  /** Resolved options of the first pool (cluster-wide options are the same in every pool). */
  readonly options: ResolvedOptionsOf<B>;
  /** Every pool by name, with its resolved options. */
  readonly pools: ReadonlyMap<string, Pool>;
  /** Settings read and ignored while resolving options (a dask-only key in `jobqueue.yaml`), in plain words. */
  readonly notices: readonly string[];
  readonly #table: JobTable;
  readonly #commands: BatchCommands;
  readonly #submitter: JobSubmitter;
  readonly #poller: StatusPoller;
  readonly #reconciler: Reconciler;
  readonly #clock: Clock;
  readonly #closeController = new AbortController();
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #adaptive: AdaptiveLoop | undefined;
  #unregisterExit: (() => void) | undefined;

  constructor(settings: JobQueueClusterSettings<B, S>) {
    super();
    this.backend = settings.backend;
    this.scheduler = settings.scheduler;
    const resolved = resolvePools(settings);
    this.pools = resolved.pools;
    this.notices = resolved.notices;
    const options = [...this.pools.values()][0]!.options;
    this.options = options as ResolvedOptionsOf<B>;
    this.#clock = settings.clock ?? systemClock;
    const runner = settings.runner ?? new ExecaCommandRunner();
    const budget = options.maxCommandsPerSecond;
    const shared = budget === undefined ? runner : new RateLimitedRunner(runner, this.#clock, budget);
    this.#table = new JobTable(this.#clock);
    for (const event of clusterEventNames) this.#table.on(event, (...args: unknown[]) => (this.emit as (...values: unknown[]) => boolean)(event, ...args));
    this.#commands = new BatchCommands(this.backend, options, shared, this.#clock);
    const signal = this.#closeController.signal;
    this.#submitter = new JobSubmitter(this.backend, this.scheduler, this.#commands, options.name, options.scriptDirectory, signal, resolved.generatedScriptDirectory);
    this.#poller = new StatusPoller(this.#table, this.#commands, options, this.#clock);
    this.#reconciler = new Reconciler({
      table: this.#table,
      pools: this.pools,
      submitter: this.#submitter,
      commands: this.#commands,
      scheduler: this.scheduler,
      clock: this.#clock,
      arrays: this.backend.capabilities.arrays,
      retireTimeout: options.retireTimeout,
      signal,
      kickPoller: () => this.#poller.kick(),
      poll: () => this.#poller.poll(),
    });
    this.#table.on('job-state', this.#onJobState);
    this.scheduler.on('worker-added', this.#onWorkerAdded);
    this.scheduler.on('worker-removed', this.#onWorkerRemoved);
    if (settings.handleExit ?? true) this.#unregisterExit = registerExitParticipant(this);
  }

  /** The cluster's name, prefix of its job keys and worker names. */
  get name(): string {
    return this.options.name;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Starts the scheduler (done by `scale()` and `adapt()` when needed). */
  start(): Promise<void> {
    this.#assertOpen();
    this.#started ??= this.scheduler.start().then(() => this.#poller.start());
    return this.#started;
  }

  /** The job script a job of `pool` would run now; the scheduler's secrets show as `<redacted>`. */
  jobScript(pool: string = [...this.pools.keys()][0]!): string {
    const template = this.pools.get(pool);
    if (template === undefined) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} no pool named ${JSON.stringify(pool)} (pools: ${[...this.pools.keys()].join(', ')})`);
    const redacted = Object.fromEntries(Object.keys(this.scheduler.workerEnvironment()).map((key) => [key, '<redacted>']));
    const request = this.#submitter.request(template, this.#reconciler.nextIndex, undefined, redacted);
    return this.backend.render(request, template.options).script;
  }

  /**
   * Sets the wanted pool size and waits for the submissions/cancellations it needs. A
   * number means workers (rounded up to whole jobs); `{ gpu: 2 }` sizes named pools.
   * Rejects when jobs were wanted but none could be submitted: the batch system refused
   * them ({@link SubmitError}) or its command is missing (`JQ_COMMAND_NOT_FOUND`).
   */
  async scale(request: ScaleRequest | PoolScaleRequest): Promise<void> {
    this.#assertOpen();
    const targets = jobsPerPool(request, this.pools);
    this.adapt(false);
    await this.start();
    await Promise.all([...targets].map(([pool, jobs]) => this.#reconciler.setTarget(pool, jobs)));
  }

  /**
   * Follows the scheduler's load between bounds (workers, jobs, cores or memory; per pool
   * with `pools`). `adapt(false)` or the handle's `stop()` ends it; a later `scale()` too.
   */
  adapt(options: AdaptOptions | false = {}): AdaptiveHandle | undefined {
    this.#adaptive?.stop();
    this.#adaptive = undefined;
    if (options === false) return undefined;
    this.#assertOpen();
    const adaptive = new AdaptiveLoop(
      { table: this.#table, scheduler: this.scheduler, pools: this.pools, clock: this.#clock, adjustTarget: (pool, jobs) => this.#reconciler.adjustTarget(pool, jobs) },
      options,
    );
    this.#adaptive = adaptive;
    this.start().then(
      () => this.#adaptive === adaptive && adaptive.start(),
      (error: unknown) => this.#table.reportError(error as JobQueueError),
    );
    return adaptive;
  }

  /** Jobs wanted now in `pool` (default: every pool together). */
  targetJobs(pool?: string): number {
    return pool === undefined ? [...this.pools.keys()].reduce((sum, name) => sum + this.#table.target(name), 0) : this.#table.target(pool);
  }

  /** Every job this cluster submitted, oldest first. */
  jobs(): JobInfo[] {
    return this.#table.all();
  }

  /** The job table as plain data: every job and each pool's target. */
  snapshot(): JobTableSnapshot {
    return this.#table.snapshot();
  }

  /** Workers connected to the scheduler now. */
  workers(): WorkerInfo[] {
    return this.scheduler.workers();
  }

  /** Polls job states now instead of waiting for the next interval. */
  poll(): Promise<void> {
    return this.#poller.poll();
  }

  /** Resolves once no submission or cancellation is under way. */
  settled(): Promise<void> {
    return this.#reconciler.settled();
  }

  /** Each job's stdout/stderr paths and their last `lines` lines. */
  logs(lines = 20): Promise<JobLog[]> {
    return readJobLogs(this.#table.all(), lines);
  }

  /** Cancels every job this cluster submitted (one batched cancel) and stops the scheduler. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** For process exit, where only synchronous work runs: cancels unfinished jobs through the cluster's runner. */
  cancelSynchronously(): void {
    this.#commands.cancelSynchronously(this.#table.unfinished().map((job) => job.id));
  }

  async #close(): Promise<void> {
    this.#closeController.abort();
    this.#adaptive?.stop();
    this.#poller.stop();
    await this.#reconciler.stop();
    const unfinished = this.#table.unfinished();
    await this.#reconciler.cancel(unfinished);
    if (unfinished.length > 0) await this.#poller.poll();
    this.scheduler.off('worker-added', this.#onWorkerAdded);
    this.scheduler.off('worker-removed', this.#onWorkerRemoved);
    await this.scheduler.close();
    await this.#submitter.removeFiles();
    this.#unregisterExit?.();
  }

  #onJobState = (job: JobInfo): void => {
    if (isTerminalState(job.state) && !job.releasing && !this.closed) this.#reconciler.jobEnded(job);
  };

  #onWorkerAdded = (worker: WorkerInfo): void => {
    this.#reconciler.workerConnected();
    this.#table.workerAdded(worker);
  };

  #onWorkerRemoved = (worker: WorkerInfo, reason: string): void => {
    this.#table.workerRemoved(worker, reason);
  };

  #assertOpen(): void {
    if (this.closed) throw new JobQueueError('JQ_CLUSTER_CLOSED', `${corePrefix} cluster ${this.options.name} is closed`);
  }
}
