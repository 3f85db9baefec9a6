import { isTerminalState, type ClusterView } from '@jq/core';
import { dashboardLimits, type DashboardAdaptTargetPoint, type DashboardThroughputPoint } from '../dashboard-contract.js';
import type { DashboardWorkSource } from './dashboard-sources.js';

/** Points of a series, oldest first, trimmed to the contract's window. */
function keepWindow<Point extends [number, ...number[]]>(points: Point[], now: number): void {
  const oldest = now - dashboardLimits.seriesWindow;
  let first = 0;
  while (first < points.length && (points[first] as Point)[0] < oldest) first += 1;
  if (first > 0) points.splice(0, first);
}

/**
 * The two time series, sampled on the feed's clock whether or not a page is open (so a
 * page opened later sees the last 10 minutes): tasks finished per second, from the
 * scheduler's counters, and the target against live jobs.
 */
export class DashboardSeries {
  readonly throughput: DashboardThroughputPoint[] = [];
  readonly targets: DashboardAdaptTargetPoint[] = [];
  #finished: { time: number; count: number } | undefined;

  constructor(
    private readonly cluster: ClusterView,
    private readonly work: DashboardWorkSource | undefined,
  ) {}

  /** Takes one point of each series; returns the new target point. */
  sample(now: number): { throughput: DashboardThroughputPoint | undefined; target: DashboardAdaptTargetPoint } {
    let throughput: DashboardThroughputPoint | undefined;
    if (this.work) {
      const { totals } = this.work.sample();
      const count = totals.done + totals.failed;
      const previous = this.#finished;
      if (previous !== undefined && now > previous.time) {
        throughput = [now, Math.round(((count - previous.count) * 1000 * 10) / (now - previous.time)) / 10];
        this.throughput.push(throughput);
        keepWindow(this.throughput, now);
      }
      this.#finished = { time: now, count };
    }
    const { jobs, targets } = this.cluster.snapshot();
    const target = Object.values(targets).reduce((sum, value) => sum + value, 0);
    const live = jobs.filter((job) => !isTerminalState(job.state) && !job.releasing).length;
    const point: DashboardAdaptTargetPoint = [now, target, live];
    this.targets.push(point);
    keepWindow(this.targets, now);
    return { throughput, target: point };
  }
}
