import { EventEmitter } from 'eventemitter3';
import { isPendingState, isTerminalState, type JobStatus } from '../contracts/job-state.js';
import type { AdaptJobBounds } from '../contracts/cluster-view.js';
import type { WorkerInfo } from '../contracts/scheduler-v1.js';
import type { JobQueueError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import type { AdaptDecision, ClusterEvents } from './cluster-events.js';
import type { JobInfo, NewJob } from './job-info.js';

/** Everything the table holds, as plain data (what a journal persists). */
export interface JobTableSnapshot {
  /** Every job, oldest first. */
  jobs: JobInfo[];
  /** Wanted jobs per pool. */
  targets: Record<string, number>;
}

/**
 * The cluster's record of its jobs: the one owner of every job's state and of each
 * pool's target, and the source of the cluster's events. The reconciler, the status
 * poller and the scheduler's worker events report facts here; nothing else mutates a job.
 */
export class JobTable extends EventEmitter<ClusterEvents> {
  readonly #jobs = new Map<string, JobInfo>();
  readonly #byId = new Map<string, string>();
  readonly #targets = new Map<string, number>();
  #adaptBounds: Record<string, AdaptJobBounds> | undefined;

  constructor(private readonly clock: Clock) {
    super();
  }

  /** Starts tracking a job that was just submitted. */
  add(job: NewJob): JobInfo {
    const now = this.clock.now();
    const info: JobInfo = Object.freeze({ ...job, state: 'queued', native: 'submitted', submittedAt: now, changedAt: now, releasing: false });
    this.#jobs.set(info.key, info);
    this.#byId.set(info.id, info.key);
    this.emit('job-submitted', info);
    return info;
  }

  /** Records a status from the batch system; returns true when the state changed. A terminal state is final. */
  applyStatus(key: string, status: JobStatus): boolean {
    const job = this.#jobs.get(key);
    if (job === undefined || isTerminalState(job.state)) return false;
    const changed = job.state !== status.state;
    const now = this.clock.now();
    const next: JobInfo = Object.freeze({
      ...job,
      state: status.state,
      native: status.native,
      reason: status.reason,
      exitCode: status.exitCode,
      signal: status.signal,
      ...(changed ? { changedAt: now } : {}),
      ...(job.startedAt === undefined && (status.state === 'running' || status.state === 'completing') ? { startedAt: now } : {}),
      ...(job.endedAt === undefined && isTerminalState(status.state) ? { endedAt: now } : {}),
    });
    this.#jobs.set(key, next);
    if (changed) this.emit('job-state', next, job.state);
    return changed;
  }

  /** Marks jobs the cluster is retiring or cancelling; they no longer count as live. */
  markReleasing(keys: Iterable<string>): void {
    for (const key of keys) {
      const job = this.#jobs.get(key);
      if (job && !job.releasing) this.#jobs.set(key, Object.freeze({ ...job, releasing: true }));
    }
  }

  /** A worker connected: its job is running (whatever the last poll said) on the worker's host. */
  workerAdded(worker: WorkerInfo): void {
    let job = this.#jobs.get(worker.jobKey);
    if (job && job.host === undefined && worker.host !== undefined) {
      job = Object.freeze({ ...job, host: worker.host });
      this.#jobs.set(job.key, job);
    }
    if (job && isPendingState(job.state)) {
      this.applyStatus(job.key, { state: 'running', native: job.native, reason: 'a worker connected' });
      job = this.#jobs.get(job.key);
    }
    this.emit('worker-added', worker, job);
  }

  /** A worker left. */
  workerRemoved(worker: WorkerInfo, reason: string): void {
    this.emit('worker-removed', worker, reason);
  }

  /** The job with job key `key`. */
  get(key: string): JobInfo | undefined {
    return this.#jobs.get(key);
  }

  /** The job with batch id `id`. */
  byId(id: string): JobInfo | undefined {
    const key = this.#byId.get(id);
    return key === undefined ? undefined : this.#jobs.get(key);
  }

  /** Every job, oldest first. */
  all(): JobInfo[] {
    return [...this.#jobs.values()];
  }

  /** Jobs whose state may still change (not terminal), releasing ones included. */
  unfinished(): JobInfo[] {
    return this.all().filter((job) => !isTerminalState(job.state));
  }

  /** Jobs that count toward a pool's size: not ended and not being released. */
  live(pool?: string): JobInfo[] {
    return this.all().filter((job) => !isTerminalState(job.state) && !job.releasing && (pool === undefined || job.pool === pool));
  }

  /** Sets a pool's wanted job count; emits `scale` when it changed. */
  setTarget(pool: string, jobs: number): void {
    const previous = this.#targets.get(pool) ?? 0;
    this.#targets.set(pool, jobs);
    if (previous !== jobs) this.emit('scale', { pool, jobs, previous });
  }

  /** A pool's wanted job count (0 when never set); every pool's together without `pool`. */
  target(pool?: string): number {
    if (pool === undefined) return [...this.#targets.values()].reduce((sum, jobs) => sum + jobs, 0);
    return this.#targets.get(pool) ?? 0;
  }

  /** Records the bounds adapt runs within, per pool; undefined once it stops. */
  setAdaptBounds(bounds: Record<string, AdaptJobBounds> | undefined): void {
    this.#adaptBounds = bounds;
  }

  /** The bounds adapt runs within, per pool, while it runs. */
  adaptBounds(): Record<string, AdaptJobBounds> | undefined {
    return this.#adaptBounds;
  }

  /** Records an adaptive decision. */
  recordDecision(decision: AdaptDecision): void {
    this.emit('adapt', decision);
  }

  /** A job waited in the queue past the adaptive loop's pending timeout. */
  recordPendingTimeout(job: JobInfo): void {
    this.emit('job-pending-timeout', job);
  }

  /** Reports a background failure to the cluster's `error` listeners. */
  reportError(error: JobQueueError): void {
    this.emit('error', error);
  }

  /**
   * Takes over jobs another process of this cluster submitted (a dead owner's, from its
   * journal): they are tracked as they were last seen, without `job-submitted` events.
   */
  adopt(jobs: JobInfo[], targets: Record<string, number>): void {
    for (const job of jobs) {
      this.#jobs.set(job.key, Object.freeze({ ...job }));
      this.#byId.set(job.id, job.key);
    }
    for (const [pool, jobs] of Object.entries(targets)) this.#targets.set(pool, jobs);
  }

  /** Everything, as plain data. */
  snapshot(): JobTableSnapshot {
    return { jobs: this.all(), targets: Object.fromEntries(this.#targets) };
  }
}
