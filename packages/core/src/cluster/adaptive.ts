import { isPendingState, isTerminalState } from '../contracts/job-state.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { ConfigError, JobQueueError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import type { Clock } from '../util/clock.js';
import { type AdaptBounds, boundsInJobs } from './adapt-bounds.js';
import type { AdaptDecision } from './cluster-events.js';
import type { JobInfo } from './job-record.js';

/** How `cluster.adapt()` follows the load. */
export interface AdaptOptions extends AdaptBounds {
  /** Seconds between decisions. Default 1. */
  interval?: number;
  /** Consecutive lower recommendations before scaling down. Default 3. */
  waitCount?: number;
  /** Seconds the queued work should take on the pool; passed to the scheduler. Default 5. */
  targetDuration?: number;
  /** Most jobs waiting in the batch queue at once. Default unlimited. */
  maxQueuedJobs?: number;
  /** Seconds a job may wait in the queue before a `job-pending-timeout` event. Default 600. */
  pendingTimeout?: number;
  /** Most jobs submitted per minute. Default unlimited. */
  maxSubmitsPerMinute?: number;
}

/** What the adaptive engine needs from its cluster (the cluster itself). */
export interface AdaptiveHost {
  readonly options: ResolvedOptions;
  readonly scheduler: SchedulerV1;
  jobs(): JobInfo[];
  setDesiredJobs(jobs: number): void;
  converge(): Promise<void>;
  emit(event: 'adapt', decision: AdaptDecision): unknown;
  emit(event: 'job-pending-timeout', job: JobInfo): unknown;
  emit(event: 'error', error: JobQueueError): unknown;
}

/** The running adaptive engine; `stop()` ends it (the pool keeps its size). */
export interface AdaptiveHandle {
  stop(): void;
  /** Runs one decision now (tests and impatient callers). */
  tick(): Promise<AdaptDecision | undefined>;
}

/**
 * Moves the cluster's wanted job count with the scheduler's target, without
 * churning the batch queue: queued jobs count as capacity on its way, scale-down
 * waits for `waitCount` lower recommendations, ends replace only what the target
 * still wants, and submissions respect `maxQueuedJobs` and a rate limit.
 */
export class Adaptive implements AdaptiveHandle {
  readonly #bounds: { minimumJobs: number; maximumJobs: number };
  readonly #settings: Required<Omit<AdaptOptions, keyof AdaptBounds>>;
  readonly #reportedPending = new Set<string>();
  #lowerCount = 0;
  #stopped = false;
  #cancelTimer: (() => void) | undefined;
  #ticking: Promise<AdaptDecision | undefined> | undefined;

  constructor(
    private readonly host: AdaptiveHost,
    private readonly clock: Clock,
    options: AdaptOptions,
  ) {
    this.#bounds = boundsInJobs(options, host.options);
    this.#settings = {
      interval: positive(options.interval, 1, 'interval'),
      waitCount: positive(options.waitCount, 3, 'waitCount'),
      targetDuration: positive(options.targetDuration, 5, 'targetDuration'),
      maxQueuedJobs: positive(options.maxQueuedJobs, Number.POSITIVE_INFINITY, 'maxQueuedJobs'),
      pendingTimeout: positive(options.pendingTimeout, 600, 'pendingTimeout'),
      maxSubmitsPerMinute: positive(options.maxSubmitsPerMinute, Number.POSITIVE_INFINITY, 'maxSubmitsPerMinute'),
    };
  }

  start(): void {
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
  }

  tick(): Promise<AdaptDecision | undefined> {
    this.#ticking ??= this.#decide()
      .catch((error: unknown) => {
        this.host.emit('error', JobQueueError.isInstance(error) ? error : new JobQueueError('JQ_COMMAND_FAILED', `[jq/core] adapt: ${String(error)}`, { cause: error }));
        return undefined;
      })
      .finally(() => {
        this.#ticking = undefined;
      });
    return this.#ticking;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#cancelTimer = this.clock.schedule(() => {
      void this.tick().then(() => this.#schedule());
    }, this.#settings.interval * 1000);
  }

  async #decide(): Promise<AdaptDecision | undefined> {
    const wanted = await this.host.scheduler.adaptiveTarget({ targetDuration: this.#settings.targetDuration });
    if (this.#stopped) return undefined;
    const { minimumJobs, maximumJobs } = this.#bounds;
    const processes = this.host.options.processes;
    const desiredJobs = Math.min(maximumJobs, Math.max(minimumJobs, Math.ceil(Math.max(0, wanted) / processes)));
    const jobs = this.host.jobs();
    const live = jobs.filter((job) => !isTerminalState(job.state) && !job.releasing);
    const queued = live.filter((job) => isPendingState(job.state));
    this.#reportPendingTimeouts(queued);
    const base = { target: Math.min(maximumJobs * processes, Math.max(minimumJobs * processes, wanted)), desiredJobs, current: live.length, queued: queued.length };

    let decision: AdaptDecision;
    if (desiredJobs > live.length) {
      this.#lowerCount = 0;
      const queueRoom = this.#settings.maxQueuedJobs - queued.length;
      const rateRoom = this.#settings.maxSubmitsPerMinute - jobs.filter((job) => this.clock.now() - job.submittedAt < 60_000).length;
      const allowed = Math.max(0, Math.min(desiredJobs - live.length, queueRoom, rateRoom));
      this.host.setDesiredJobs(live.length + allowed);
      decision = allowed > 0
        ? { ...base, action: 'scale-up', reason: `target needs ${desiredJobs} job(s), ${live.length} live (${queued.length} queued): submitting ${allowed}` }
        : { ...base, action: 'wait', reason: queueRoom <= 0 ? `maxQueuedJobs (${this.#settings.maxQueuedJobs}) reached` : `submission rate limit (${this.#settings.maxSubmitsPerMinute}/min) reached` };
    } else if (desiredJobs < live.length) {
      this.#lowerCount += 1;
      if (this.#lowerCount >= this.#settings.waitCount) {
        this.#lowerCount = 0;
        this.host.setDesiredJobs(desiredJobs);
        decision = { ...base, action: 'scale-down', reason: `target needs ${desiredJobs} job(s) for ${this.#settings.waitCount} decisions, ${live.length} live: releasing ${live.length - desiredJobs}` };
      } else {
        this.host.setDesiredJobs(live.length);
        decision = { ...base, action: 'wait', reason: `lower target ${this.#lowerCount}/${this.#settings.waitCount} before scaling down` };
      }
    } else {
      this.#lowerCount = 0;
      this.host.setDesiredJobs(desiredJobs);
      decision = { ...base, action: 'hold', reason: `${live.length} live job(s) match the target` };
    }
    this.host.emit('adapt', decision);
    await this.host.converge();
    return decision;
  }

  #reportPendingTimeouts(queued: JobInfo[]): void {
    for (const job of queued) {
      if (this.#reportedPending.has(job.id)) continue;
      if (this.clock.now() - job.submittedAt < this.#settings.pendingTimeout * 1000) continue;
      this.#reportedPending.add(job.id);
      this.host.emit('job-pending-timeout', job);
    }
  }
}

function positive(value: number | undefined, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new ConfigError('jq/core', [{ path, value, message: 'must be a positive number' }]);
  return value;
}
