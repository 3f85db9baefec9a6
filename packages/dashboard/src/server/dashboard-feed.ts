import type { Clock } from '@jq/core';
import {
  dashboardLimits,
  type DashboardAdaptDecision,
  type DashboardAdaptTargetPoint,
  type DashboardEvent,
  type DashboardSnapshot,
  type DashboardUpdate,
  type DashboardWork,
} from '../dashboard-contract.js';
import { DashboardEventLog } from './dashboard-event-log.js';
import { DashboardFeedState } from './dashboard-feed-state.js';
import { DashboardSeries } from './dashboard-series.js';
import type { DashboardFeedSettings, DashboardWorkSample } from './dashboard-sources.js';

/** Seconds between samples of the throughput and target series. */
const sampleInterval = 2_000;
/** Workers' counters change with every task: their records are compared at most this often. */
const workerRefreshInterval = 1_000;

/** One open stream: gets each update (as the object and its JSON, made once for all streams), and the end. */
export interface DashboardSubscriber {
  update(update: DashboardUpdate, json: string): void;
  close(): void;
}

/**
 * Turns a cluster's view, its scheduler's workers and task counters into the dashboard
 * contract: a {@link DashboardSnapshot} on demand, and coalesced {@link DashboardUpdate}s
 * for open streams, at most `maxUpdatesPerSecond` and only when something changed. Updates
 * are deltas against what the streams were sent (see `DashboardFeedState`), so their cost
 * follows what changed, not the cluster's size. Nothing runs per task: the feed reads
 * counters on its own clock. With no stream open it only samples its two series every 2 s
 * and keeps the events log.
 */
export class DashboardFeed {
  readonly #settings: DashboardFeedSettings;
  readonly #clock: Clock;
  readonly #state: DashboardFeedState;
  readonly #series: DashboardSeries;
  readonly #log: DashboardEventLog;
  readonly #subscribers = new Set<DashboardSubscriber>();
  readonly #events: DashboardEvent[] = [];
  readonly #decisions: DashboardAdaptDecision[] = [];
  #pending: { events: DashboardEvent[]; decisions: DashboardAdaptDecision[]; targets: DashboardAdaptTargetPoint[] } = { events: [], decisions: [], targets: [] };
  #workersCheckedAt = Number.NEGATIVE_INFINITY;
  #cancelSample: (() => void) | undefined;
  #cancelFlush: (() => void) | undefined;
  #closed = false;
  #workersMoved = false;

  constructor(settings: DashboardFeedSettings) {
    this.#settings = settings;
    this.#clock = settings.cluster.clock;
    this.#state = new DashboardFeedState(settings);
    this.#series = new DashboardSeries(settings.cluster, settings.work);
    this.#log = new DashboardEventLog(settings.cluster, {
      event: (event) => this.#record(this.#events, dashboardLimits.events, event, this.#pending.events),
      decision: (decision) => this.#record(this.#decisions, dashboardLimits.decisions, decision, this.#pending.decisions),
      workersMoved: () => (this.#workersMoved = true),
    });
    this.#scheduleSample();
  }

  /** Open streams. */
  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Everything the page shows, now. */
  snapshot(): DashboardSnapshot {
    this.#log.flush();
    const now = this.#clock.now();
    return {
      version: 2,
      cluster: this.#state.cluster(now, this.#closed),
      jobs: this.#state.jobs.records(now),
      workers: this.#state.workers.records(now),
      work: this.#work(),
      adapt: { ...this.#state.adaptState(), decisions: [...this.#decisions], targets: [...this.#series.targets] },
      events: [...this.#events],
    };
  }

  /**
   * Opens a stream: the snapshot to send first, then every update until `unsubscribe()` or
   * the feed closes. Changes not yet sent to the other streams go out first, so the new
   * stream's snapshot and the updates after it fit together.
   */
  subscribe(subscriber: DashboardSubscriber): { snapshot: DashboardSnapshot; unsubscribe: () => void } {
    if (this.#subscribers.size > 0) this.flush();
    const snapshot = this.snapshot();
    this.#state.rememberSent(snapshot);
    this.#workersCheckedAt = this.#clock.now();
    this.#pending = { events: [], decisions: [], targets: [] };
    this.#subscribers.add(subscriber);
    if (!this.#closed) this.#scheduleFlush();
    return { snapshot, unsubscribe: () => this.#subscribers.delete(subscriber) };
  }

  /** Sends what changed since the last update to every stream now; returns it, or undefined when nothing did. */
  flush(): DashboardUpdate | undefined {
    this.#log.flush();
    if (this.#subscribers.size === 0) return undefined;
    const now = this.#clock.now();
    const update: DashboardUpdate = { now };
    const cluster = this.#state.clusterChange(this.#closed || this.#settings.cluster.closed());
    if (cluster) update.cluster = cluster;
    const jobs = this.#state.jobs.changes(now);
    if (jobs) update.jobs = jobs;
    // Beyond 500 workers, their records are compared less often: their cost grows with their number.
    const refresh = workerRefreshInterval * Math.max(1, this.#state.workers.count / 500);
    if (now - this.#workersCheckedAt >= refresh || this.#workersMoved) {
      this.#workersCheckedAt = now;
      this.#workersMoved = false;
      const { workers, counters } = this.#state.workers.changes(now);
      if (workers) update.workers = workers;
      if (counters) update.workerCounters = counters;
    }
    const work = this.#state.work.change(this.#sample(), this.#series.throughput);
    if (work) update.work = work;
    const pending = this.#pending;
    const adapt = this.#state.adaptChange(pending.decisions, pending.targets);
    if (adapt) update.adapt = adapt;
    if (pending.events.length > 0) update.events = pending.events;
    // The arrays sent are the update's now: later entries go into new ones.
    if (adapt || update.events) this.#pending = { events: [], decisions: [], targets: [] };
    // Nothing but the clock: nothing to serialise or send (the page runs its clock on by itself).
    if (!carriesChanges(update)) return undefined;
    const json = JSON.stringify(update);
    for (const subscriber of this.#subscribers) subscriber.update(update, json);
    return update;
  }

  /** Sends the last changes (the cluster shown closed), ends every stream and stops the timers. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelSample?.();
    this.#cancelFlush?.();
    this.flush();
    this.#log.close();
    for (const subscriber of this.#subscribers) subscriber.close();
    this.#subscribers.clear();
  }

  #record<Item>(ring: Item[], limit: number, item: Item, pending: Item[]): void {
    ring.push(item);
    if (ring.length > limit) ring.splice(0, ring.length - limit);
    if (this.#subscribers.size > 0) pending.push(item);
  }

  #sample(): DashboardWorkSample {
    return this.#settings.work?.sample() ?? this.#state.workWithoutCounters();
  }

  #work(): DashboardWork {
    const sample = this.#sample();
    const failures = sample.failures.length > dashboardLimits.failures ? sample.failures.slice(-dashboardLimits.failures) : [...sample.failures];
    return { totals: { ...sample.totals }, throughput: [...this.#series.throughput], functions: sample.functions, failures };
  }

  #scheduleSample(): void {
    this.#cancelSample = this.#clock.schedule(() => {
      // A closed cluster changes no more: the streams get its last state and end.
      if (this.#settings.cluster.closed()) return this.close();
      const { target } = this.#series.sample(this.#clock.now());
      if (this.#subscribers.size > 0) this.#pending.targets.push(target);
      this.#scheduleSample();
    }, sampleInterval);
  }

  #scheduleFlush(): void {
    if (this.#cancelFlush !== undefined) return;
    const interval = 1000 / Math.max(0.1, this.#settings.maxUpdatesPerSecond ?? 4);
    const tick = (): void => {
      this.#cancelFlush = undefined;
      if (this.#subscribers.size === 0 || this.#closed) return;
      this.flush();
      this.#cancelFlush = this.#clock.schedule(tick, interval);
    };
    this.#cancelFlush = this.#clock.schedule(tick, interval);
  }
}

/** Whether an update carries anything besides the clock. */
function carriesChanges(update: DashboardUpdate): boolean {
  const { cluster, jobs, workers, workerCounters, work, adapt, events } = update;
  return [cluster, jobs, workers, workerCounters, work, adapt, events].some((part) => part !== undefined);
}
