import type { BatchCommands } from '../cluster/batch-commands.js';
import type { PoolShape, SchedulerEventsV1, SchedulerV1, WorkerInfo, WorkerLaunch } from '../contracts/scheduler-v1.js';
import type { SchedulerRecord } from '../journal/journal-records.js';
import type { SchedulerJobSite } from './scheduler-job-site.js';

/**
 * The scheduler of a `placement: 'scheduler-job'` cluster as its login-node manager uses
 * it: everything goes to the connection `inner` (the scheduler package's handle on the
 * scheduler in the job), and `close()`, which the cluster calls once it has cancelled its
 * workers, also cancels the scheduler's own batch job, unless that job already ended, and
 * removes the files it left on the login node.
 */
export class SchedulerInJob implements SchedulerV1 {
  readonly specificationVersion = 'v1';
  /** Set once the batch system reported the job ended: nothing left to cancel. */
  jobEnded = false;

  /** The scheduler's batch job. */
  readonly jobId: string;
  readonly #job: { commands: BatchCommands; site: SchedulerJobSite };

  constructor(
    private readonly inner: SchedulerV1,
    /** The connection record the job wrote (and, from another machine, the forward's local end): the same for every client. */
    private readonly connection: SchedulerRecord,
    /** The scheduler's batch job, the commands that cancel it and where its files are. */
    job: { id: string; commands: BatchCommands; site: SchedulerJobSite },
  ) {
    this.jobId = job.id;
    this.#job = { commands: job.commands, site: job.site };
  }

  get name(): string {
    return this.inner.name;
  }

  get address(): string {
    return this.inner.address;
  }

  get dashboardUrl(): string | undefined {
    return this.inner.dashboardUrl;
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  async close(): Promise<void> {
    await this.inner.close();
    if (!this.jobEnded) await this.#job.commands.cancel([this.jobId]);
    this.jobEnded = true;
    await this.#job.site.remove();
  }

  /** At process exit, after the workers' cancel: the scheduler's job too, blocking. */
  cancelSynchronously(): void {
    if (!this.jobEnded) this.#job.commands.cancelSynchronously([this.jobId]);
    this.jobEnded = true;
    this.#job.site.removeSynchronously();
  }

  workerCommand(launch: WorkerLaunch): string[] {
    return this.inner.workerCommand(launch);
  }

  workerEnvironment(): Record<string, string> {
    return this.inner.workerEnvironment();
  }

  workerTuning(): Record<string, string> {
    return this.inner.workerTuning?.() ?? {};
  }

  workers(): WorkerInfo[] {
    return this.inner.workers();
  }

  adaptiveTarget(options?: { targetDuration?: number }): Promise<number> {
    return this.inner.adaptiveTarget(options);
  }

  /** The inner scheduler's worker query, when it answers one. */
  get workerQuery(): SchedulerV1['workerQuery'] {
    const inner = this.inner;
    return inner.workerQuery ? (options) => inner.workerQuery!(options) : undefined;
  }

  setPools(pools: PoolShape[]): void {
    this.inner.setPools?.(pools);
  }

  record(): SchedulerRecord {
    return this.connection;
  }

  retireWorkers(names: string[]): Promise<void> {
    return this.inner.retireWorkers(names);
  }

  on<E extends keyof SchedulerEventsV1>(event: E, listener: SchedulerEventsV1[E]): this {
    (this.inner.on as (event: E, listener: SchedulerEventsV1[E]) => unknown)(event, listener);
    return this;
  }

  off<E extends keyof SchedulerEventsV1>(event: E, listener: SchedulerEventsV1[E]): this {
    (this.inner.off as (event: E, listener: SchedulerEventsV1[E]) => unknown)(event, listener);
    return this;
  }
}
