import { isPendingState } from '../contracts/job-state.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { corePackageName, corePrefix } from '../core-package.js';
import { ConfigError, type ConfigIssue, JobQueueError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { perJob } from '../options/job-size.js';
import { type AdaptBounds, boundsInJobs } from './adapt-bounds.js';
import { type AdaptRules, decideAdapt } from './adapt-decision.js';
import type { AdaptDecision } from './cluster-events.js';
import type { Pool } from './job-submitter.js';
import type { JobTable } from './job-table.js';

/** One pool's bounds and queue limit under `adapt()`. */
export interface PoolAdaptOptions extends AdaptBounds {
  /** Most of this pool's jobs waiting in the batch queue at once. Default unlimited. */
  maxQueuedJobs?: number;
}

/** How `cluster.adapt()` follows the load. */
export interface AdaptOptions extends PoolAdaptOptions {
  /** Per-pool bounds; pools not listed keep 0 jobs. Default: the bounds above for the only pool. */
  pools?: Record<string, PoolAdaptOptions>;
  /** Seconds between decisions. Default 1. */
  interval?: number;
  /** Consecutive lower recommendations before scaling down. Default 3. */
  waitCount?: number;
  /** Seconds the queued work should take on the pool; passed to the scheduler. Default 5. */
  targetDuration?: number;
  /** Seconds a job may wait in the queue before a `job-pending-timeout` event. Default 600. */
  pendingTimeout?: number;
  /** Most jobs submitted per minute. Default unlimited. */
  maxSubmitsPerMinute?: number;
}

/** The running adaptive loop; `stop()` ends it (the pools keep their size). */
export interface AdaptiveHandle {
  stop(): void;
  /** Runs one round of decisions now (tests and impatient callers). */
  tick(): Promise<AdaptDecision[]>;
}

/** What the loop drives. */
export interface AdaptiveParts {
  table: JobTable;
  scheduler: SchedulerV1;
  pools: ReadonlyMap<string, Pool>;
  clock: Clock;
  /** Sets a pool's target; resolves when the reconciler has acted on it. */
  adjustTarget(pool: string, jobs: number): Promise<void>;
}

/**
 * The small loop around {@link decideAdapt}: every `interval` it asks the scheduler how
 * many workers each pool would keep busy, reads the pool's jobs from the table, decides,
 * records the decision and hands the new target to the reconciler.
 */
export class AdaptiveLoop implements AdaptiveHandle {
  readonly #rules = new Map<string, AdaptRules>();
  readonly #lowerCounts = new Map<string, number>();
  readonly #reportedPending = new Set<string>();
  readonly #settings: { interval: number; targetDuration: number; pendingTimeout: number };
  #stopped = false;
  #cancelTimer: (() => void) | undefined;
  #ticking: Promise<AdaptDecision[]> | undefined;

  constructor(
    private readonly parts: AdaptiveParts,
    options: AdaptOptions,
  ) {
    const issues: ConfigIssue[] = [...parts.pools.keys()].length > 1 || options.pools ? unknownPools(options, parts.pools) : [];
    if (parts.pools.size > 1 && !parts.scheduler.workerQuery) {
      issues.push({ path: 'adapt.pools', value: [...parts.pools.keys()], message: `adapting several pools needs a scheduler that answers worker queries (${parts.scheduler.name} does not)` });
    }
    if (issues.length > 0) throw new ConfigError(corePackageName, issues);
    const shared = {
      waitCount: positive(options.waitCount, 3, 'waitCount'),
      clusterMaxQueuedJobs: positive(options.maxQueuedJobs, Number.POSITIVE_INFINITY, 'maxQueuedJobs'),
      maxSubmitsPerMinute: positive(options.maxSubmitsPerMinute, Number.POSITIVE_INFINITY, 'maxSubmitsPerMinute'),
    };
    for (const pool of parts.pools.values()) {
      const own = options.pools ? options.pools[pool.name] : options;
      const bounds = own ? boundsInJobs(own, pool.options) : { minimumJobs: 0, maximumJobs: 0 };
      const maxQueuedJobs = options.pools ? positive(own?.maxQueuedJobs, Number.POSITIVE_INFINITY, `pools.${pool.name}.maxQueuedJobs`) : shared.clusterMaxQueuedJobs;
      this.#rules.set(pool.name, { ...shared, ...bounds, maxQueuedJobs });
    }
    this.#settings = {
      interval: positive(options.interval, 1, 'interval'),
      targetDuration: positive(options.targetDuration, 5, 'targetDuration'),
      pendingTimeout: positive(options.pendingTimeout, 600, 'pendingTimeout'),
    };
  }

  start(): void {
    const bounds = [...this.#rules].map(([pool, rules]) => [pool, { minimumJobs: rules.minimumJobs, maximumJobs: rules.maximumJobs }] as const);
    this.parts.table.setAdaptBounds(Object.fromEntries(bounds));
    this.#schedule();
  }

  stop(): void {
    if (!this.#stopped) this.parts.table.setAdaptBounds(undefined);
    this.#stopped = true;
    this.#cancelTimer?.();
  }

  tick(): Promise<AdaptDecision[]> {
    this.#ticking ??= this.#decide()
      .catch((error: unknown) => {
        this.parts.table.reportError(JobQueueError.isInstance(error) ? error : new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} adapt: ${String(error)}`, { cause: error }));
        return [];
      })
      .finally(() => {
        this.#ticking = undefined;
      });
    return this.#ticking;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#cancelTimer = this.parts.clock.schedule(() => {
      void this.tick().then(() => this.#schedule());
    }, this.#settings.interval * 1000);
  }

  async #decide(): Promise<AdaptDecision[]> {
    const { table, scheduler, clock } = this.parts;
    const wanted = await this.#wantedWorkers(scheduler);
    if (this.#stopped) return [];
    const now = clock.now();
    const clusterQueued = table.live().filter((job) => isPendingState(job.state)).length;
    const decisions: AdaptDecision[] = [];
    const adjusting: Array<Promise<void>> = [];
    for (const [name, rules] of this.#rules) {
      const live = table.live(name);
      const queued = live.filter((job) => isPendingState(job.state));
      this.#reportPendingTimeouts(queued, now);
      const outcome = decideAdapt(
        {
          pool: name,
          wantedWorkers: wanted.get(name) ?? 0,
          processes: perJob(this.parts.pools.get(name)!.options).workers,
          live: live.length,
          queued: queued.length,
          clusterQueued,
          submittedLastMinute: table.all().filter((job) => job.pool === name && now - job.submittedAt < 60_000).length,
          lowerCount: this.#lowerCounts.get(name) ?? 0,
        },
        rules,
      );
      this.#lowerCounts.set(name, outcome.lowerCount);
      table.recordDecision(outcome.decision);
      adjusting.push(this.parts.adjustTarget(name, outcome.targetJobs));
      decisions.push(outcome.decision);
    }
    await Promise.all(adjusting);
    return decisions;
  }

  /** Workers each pool would keep busy: the scheduler's worker query, else its one adaptive target (a single pool). */
  async #wantedWorkers(scheduler: SchedulerV1): Promise<Map<string, number>> {
    const targetDuration = this.#settings.targetDuration;
    if (scheduler.workerQuery) return new Map(Object.entries(await scheduler.workerQuery({ targetDuration })));
    const [only] = this.#rules.keys();
    return new Map(only === undefined ? [] : [[only, await scheduler.adaptiveTarget({ targetDuration })]]);
  }

  #reportPendingTimeouts(queued: ReturnType<JobTable['live']>, now: number): void {
    for (const job of queued) {
      if (this.#reportedPending.has(job.key) || now - job.submittedAt < this.#settings.pendingTimeout * 1000) continue;
      this.#reportedPending.add(job.key);
      this.parts.table.recordPendingTimeout(job);
    }
  }
}

function unknownPools(options: AdaptOptions, pools: ReadonlyMap<string, Pool>) {
  if (!options.pools) return [{ path: 'adapt.pools', value: undefined, message: `must give bounds per pool (${[...pools.keys()].join(', ')})` }];
  return Object.keys(options.pools)
    .filter((name) => !pools.has(name))
    .map((name) => ({ path: `adapt.pools.${name}`, value: options.pools?.[name], message: `is not a pool of this cluster (${[...pools.keys()].join(', ')})` }));
}

function positive(value: number | undefined, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new ConfigError(corePackageName, [{ path, value, message: 'must be a positive number' }]);
  return value;
}
