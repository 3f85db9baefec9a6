import type { AnyBackend } from '../contracts/backend-v1.js';
import { isTerminalState } from '../contracts/job-state.js';
import type { SchedulerV1, WorkerInfo } from '../contracts/scheduler-v1.js';
import { corePackageName, corePrefix } from '../core-package.js';
import { ConfigError, JobQueueError } from '../errors.js';
import { claimClusterJournal } from '../journal/journal-claim.js';
import type { JournalKeeper } from '../journal/journal-keeper.js';
import { answerRequest } from '../journal/journal-mailbox.js';
import { SchedulerInJob } from '../manager/scheduler-in-job.js';
import type { ResolvedOptionsOf } from '../options/backend-options.js';
import { type Clock, systemClock } from '../util/clock.js';
import { AdaptiveLoop, type AdaptiveHandle, type AdaptOptions } from './adaptive-loop.js';
import { ClusterEntryPoints } from './cluster-entry-points.js';
import { clusterEventNames } from './cluster-events.js';
import { type ClusterParts, type ClusterView, closeParts, createClusterParts } from './cluster-parts.js';
import type { JobQueueClusterSettings } from './cluster-settings.js';
import { resolvePools } from './cluster-pools.js';
import { registerExitParticipant } from './exit-hooks.js';
import { type JobLog, readJobLogs } from './job-files.js';
import type { JobInfo } from './job-info.js';
import type { Pool } from './job-submitter.js';
import type { JobTableSnapshot } from './job-table.js';
import { type PoolScaleRequest, type ScaleRequest, jobsPerPool } from './scale-request.js';
import { startScheduler } from './scheduler-start.js';

/**
 * Workers as batch jobs. `scale()` sets how many jobs each pool wants; the reconciler
 * submits and cancels to converge; one poller tracks every job's real state in the job
 * table; the journal lets other processes attach (`JobQueueCluster.attach`, `launch`, `down`,
 * inherited from `ClusterEntryPoints`); `close()` cancels everything this cluster submitted.
 */
export class JobQueueCluster<B extends AnyBackend = AnyBackend, S extends SchedulerV1 = SchedulerV1> extends ClusterEntryPoints {
  readonly backend: B;
  readonly scheduler: S;
  /** Resolved options of the first pool (cluster-wide options are the same in every pool). */
  readonly options: ResolvedOptionsOf<B>;
  /** Every pool by name, with its resolved options. */
  readonly pools: ReadonlyMap<string, Pool>;
  /**
   * Things to know in plain words: settings read and ignored while resolving options (a
   * dask-only key in `jobqueue.yaml`), and, once started, where the scheduler listens when
   * the `interface` it was asked for is not on this host.
   */
  readonly notices: readonly string[];
  readonly #notices: string[];
  /** The options from every source (explicit, preset, config file) merged, before defaults: what rebuilds this cluster elsewhere. */
  readonly mergedOptions: Readonly<Record<string, unknown>>;
  readonly #settings: JobQueueClusterSettings<B, S>;
  readonly #parts: ClusterParts;
  readonly #clock: Clock;
  readonly #closeController = new AbortController();
  #keeper: JournalKeeper | undefined;
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #adaptive: AdaptiveLoop | undefined;
  #adaptOptions: AdaptOptions | undefined;
  #unregisterExit: (() => void) | undefined;

  constructor(settings: JobQueueClusterSettings<B, S>) {
    super();
    this.#settings = settings;
    this.backend = settings.backend;
    this.scheduler = settings.scheduler;
    const resolved = resolvePools(settings);
    this.pools = resolved.pools;
    this.#notices = [...resolved.notices];
    this.notices = this.#notices;
    this.mergedOptions = resolved.merged;
    const options = [...this.pools.values()][0]!.options;
    this.options = options as ResolvedOptionsOf<B>;
    this.#clock = settings.clock ?? systemClock;
    this.#parts = createClusterParts({ backend: this.backend, scheduler: this.scheduler, resolved, options, runner: settings.runner, clock: this.#clock, signal: this.#closeController.signal });
    const table = this.#parts.table;
    for (const event of clusterEventNames) table.on(event, (...args: unknown[]) => (this.emit as (...values: unknown[]) => boolean)(event, ...args));
    table.on('job-state', this.#onJobState);
    this.scheduler.on('worker-added', this.#onWorkerAdded);
    this.scheduler.on('worker-removed', this.#onWorkerRemoved);
    if (settings.handleExit ?? true) this.#unregisterExit = registerExitParticipant(this);
  }

  /** True: this process manages the jobs (see {@link JobQueueCluster.attach}). */
  readonly owned = true;

  /** The cluster's name, prefix of its job keys and worker names. */
  get name(): string {
    return this.options.name;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** The journal directory once started (undefined with `journal: false`). */
  get journalDirectory(): string | undefined {
    return this.#keeper?.journal.directory;
  }

  /** Claims the name in the journal and starts the scheduler (done by `scale()` and `adapt()` when needed). */
  start(): Promise<void> {
    this.#assertOpen();
    this.#started ??= this.#start();
    return this.#started;
  }

  /**
   * The job script a job of `pool` would run now, then the executable it names when the backend
   * renders one (HTCondor), under a comment line naming that file; the scheduler's secrets show as `<redacted>`.
   */
  jobScript(pool: string = [...this.pools.keys()][0]!): string {
    return this.#parts.submitter.preview(this.pools, pool, this.#parts.reconciler.nextIndex);
  }

  /**
   * Sets the wanted size (workers, rounded up to whole jobs; `{ gpu: 2 }` for named pools) and waits for the
   * submissions and cancellations. Rejects when none could be submitted (`JQ_SUBMIT_FAILED`, `JQ_COMMAND_NOT_FOUND`).
   */
  async scale(request: ScaleRequest | PoolScaleRequest): Promise<void> {
    this.#assertOpen();
    const targets = jobsPerPool(request, this.pools);
    this.adapt(false);
    await this.start();
    await Promise.all([...targets].map(([pool, jobs]) => this.#parts.reconciler.setTarget(pool, jobs)));
  }

  /** Follows the scheduler's load between bounds (per pool with `pools`); `adapt(false)`, `stop()` or `scale()` ends it. */
  adapt(options: AdaptOptions | false = {}): AdaptiveHandle | undefined {
    this.#adaptive?.stop();
    this.#adaptive = undefined;
    this.#adaptOptions = undefined;
    if (options === false) return void this.#keeper?.writeSoon();
    this.#assertOpen();
    const { table, reconciler } = this.#parts;
    const adjustTarget = (pool: string, jobs: number) => reconciler.adjustTarget(pool, jobs);
    const adaptive = new AdaptiveLoop({ table, scheduler: this.scheduler, pools: this.pools, clock: this.#clock, adjustTarget }, options);
    this.#adaptive = adaptive;
    this.#adaptOptions = options;
    this.start().then(() => this.#adaptive === adaptive && adaptive.start(), (error: unknown) => table.reportError(error as JobQueueError));
    return adaptive;
  }

  /** Jobs wanted now in `pool` (default: every pool together). */
  targetJobs(pool?: string): number {
    return this.#parts.table.target(pool);
  }

  /** Every job this cluster submitted, oldest first. */
  jobs(): JobInfo[] {
    return this.#parts.table.all();
  }

  /** The job table as plain data: every job and each pool's target. */
  snapshot(): JobTableSnapshot {
    return this.#parts.table.snapshot();
  }

  /** A read-only view for dashboards: the jobs, adapt's bounds, the events; nothing in it changes the cluster. */
  get view(): ClusterView {
    return this.#parts.view;
  }

  /**
   * Notes in the journal a dashboard page that serves this cluster beside a scheduler with
   * none of its own (Dask), so `jobqueue status` and attached processes find it. No-op before `start()`.
   */
  recordDashboard(page: { url: string; token: string }): void {
    this.#keeper?.updateCluster({ dashboard: { url: page.url, token: page.token } });
  }

  /** Workers connected to the scheduler now. */
  workers(): WorkerInfo[] {
    return this.scheduler.workers();
  }

  /** Polls job states now instead of waiting for the next interval. */
  poll(): Promise<void> {
    return this.#parts.poller.poll();
  }

  /** Resolves once no submission or cancellation is under way. */
  settled(): Promise<void> {
    return this.#parts.reconciler.settled();
  }

  /** Each job's stdout/stderr paths and their last `lines` lines. */
  logs(lines = 20): Promise<JobLog[]> {
    return readJobLogs(this.#parts.table.all(), lines);
  }

  /** Cancels every job this cluster submitted (one batched cancel), stops the scheduler, removes its journal. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** For process exit, where only synchronous work runs: cancels unfinished jobs through the cluster's runner. */
  cancelSynchronously(): void {
    // Nothing is left to manage after the cancel: a journal left behind would only make the next owner cancel again.
    if (this.#parts.commands.cancelSynchronously(this.#parts.table.unfinished().map((job) => job.id))) this.#keeper?.abandon();
  }

  async #start(): Promise<void> {
    if (this.options.ssh?.tunnel === 'forward' && !(this.scheduler instanceof SchedulerInJob)) {
      // Workers on the cluster could not dial a scheduler on this machine: only a reverse tunnel brings them here.
      throw new ConfigError(corePackageName, [{ path: 'ssh.tunnel', value: 'forward', message: `'reverse' for a scheduler in this process; 'forward' puts the scheduler in a batch job: launchCluster({ placement: 'scheduler-job' }) or \`jobqueue up --placement scheduler-job\`` }]);
    }
    if (this.#settings.journal ?? true) {
      const { backend, scheduler } = this;
      this.#keeper = await claimClusterJournal({
        ...{ parts: this.#parts, backend, settings: this.#settings, merged: this.mergedOptions, clock: this.#clock },
        ...{ workers: () => scheduler.workers(), adaptSettings: () => (this.#adaptOptions ? { ...this.#adaptOptions } : null), closing: () => this.closed },
      });
    }
    await startScheduler(this.scheduler, { parts: this.#parts, pools: this.pools, options: this.options, notices: this.#notices });
    const record = this.scheduler.record?.();
    if (record) this.#keeper?.updateCluster({ scheduler: record });
    this.#keeper?.serve((request) => answerRequest(this, request));
    this.#parts.poller.start();
  }

  async #close(): Promise<void> {
    this.#closeController.abort();
    this.#adaptive?.stop();
    this.#keeper?.writeNow();
    this.scheduler.off('worker-added', this.#onWorkerAdded);
    this.scheduler.off('worker-removed', this.#onWorkerRemoved);
    const unfinished = await closeParts(this.#parts, this.scheduler);
    await this.#keeper?.stop(unfinished === 0);
    this.#unregisterExit?.();
  }

  #onJobState = (job: JobInfo): void => {
    if (isTerminalState(job.state) && !job.releasing && !this.closed) this.#parts.reconciler.jobEnded(job);
  };

  #onWorkerAdded = (worker: WorkerInfo): void => {
    this.#parts.reconciler.workerConnected();
    this.#parts.table.workerAdded(worker);
  };

  #onWorkerRemoved = (worker: WorkerInfo, reason: string): void => this.#parts.table.workerRemoved(worker, reason);

  #assertOpen(): void {
    if (this.closed) throw new JobQueueError('JQ_CLUSTER_CLOSED', `${corePrefix} cluster ${this.options.name} is closed`);
  }
}
