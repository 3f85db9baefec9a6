import { JobTable, systemClock, type AdaptJobBounds, type Clock, type ClusterView } from '@jq/core';
import { ManualClock, TestScheduler } from '@jq/core/testing';
import type { DashboardUpdate } from '../../src/index.js';
import { DashboardFeed, type DashboardWorkSample, type DashboardWorkSource } from '../../src/index.js';

/** Task counters as a scheduler keeps them: the test moves them as tasks would. */
export class CountingWork implements DashboardWorkSource {
  sampleValue: DashboardWorkSample = { totals: { submitted: 0, done: 0, failed: 0, running: 0, queued: 0 }, functions: [], failures: [] };
  readonly perWorker = new Map<string, { tasksDone: number; tasksFailed: number; memoryUsed?: number }>();

  sample(): DashboardWorkSample {
    return this.sampleValue;
  }

  workerFigures(name: string) {
    return this.perWorker.get(name);
  }

  /** `count` more tasks finished, `failed` of them with an error. */
  finish(count: number, failed = 0): void {
    const totals = this.sampleValue.totals;
    this.sampleValue = { ...this.sampleValue, totals: { ...totals, submitted: totals.submitted + count, done: totals.done + count - failed, failed: totals.failed + failed } };
  }
}

/**
 * A feed over a real job table on a manual clock (or the system's), the test scheduler's
 * workers and counters the test moves. The view is built the way the cluster builds its own.
 */
export function feedFixture(settings: { work?: boolean; maxUpdatesPerSecond?: number; clock?: 'manual' | 'system' } = {}) {
  const manual = new ManualClock();
  const clock: Clock = settings.clock === 'system' ? systemClock : manual;
  const table = new JobTable(clock);
  const scheduler = new TestScheduler();
  const work = new CountingWork();
  let closed = false;
  let bounds: Record<string, AdaptJobBounds> | undefined;
  const view: ClusterView = {
    name: 'demo',
    backend: 'slurm',
    pools: ['default'],
    startedAt: clock.now(),
    clock,
    closed: () => closed,
    snapshot: () => table.snapshot(),
    adaptBounds: () => bounds,
    on: (event, listener) => table.on(event, listener as never),
    off: (event, listener) => table.off(event, listener as never),
  };
  const feed = new DashboardFeed({
    cluster: view,
    scheduler,
    ...(settings.work === false ? {} : { work }),
    ...(settings.maxUpdatesPerSecond === undefined ? {} : { maxUpdatesPerSecond: settings.maxUpdatesPerSecond }),
  });
  const updates: DashboardUpdate[] = [];
  const streamClosed = { value: false };
  const subscribe = () => feed.subscribe({ update: (update) => updates.push(update), close: () => (streamClosed.value = true) });
  return {
    clock: manual,
    view,
    table,
    scheduler,
    work,
    feed,
    updates,
    streamClosed,
    subscribe,
    setBounds: (value: typeof bounds) => (bounds = value),
    close: () => (closed = true),
  };
}
