import {
  dashboardLimits,
  type DashboardFunctionCounts,
  type DashboardTaskFailure,
  type DashboardThroughputPoint,
  type DashboardWork,
  type DashboardWorkChange,
  type DashboardWorkTotals,
} from '../dashboard-contract.js';
import type { DashboardWorkSample } from './dashboard-sources.js';

const totalKeys = ['submitted', 'done', 'failed', 'running', 'queued'] as const satisfies ReadonlyArray<keyof DashboardWorkTotals>;

function sameFunctions(previous: readonly DashboardFunctionCounts[], next: readonly DashboardFunctionCounts[]): boolean {
  if (previous.length !== next.length) return false;
  return next.every((entry, index) => {
    const before = previous[index];
    return before !== undefined && before.name === entry.name && before.done === entry.done && before.failed === entry.failed && before.running === entry.running;
  });
}

function sameFailure(left: DashboardTaskFailure, right: DashboardTaskFailure): boolean {
  return left === right || (left.time === right.time && left.function === right.function && left.error === right.error);
}

/**
 * The work section the page was last sent, and the differences from it: the totals and the
 * per-function counts when they moved, and only the throughput points and failures that are new.
 * The page keeps the series and the failures itself, so they are never sent twice.
 */
export class DashboardWorkTracker {
  #totals: DashboardWorkTotals | undefined;
  #functions: readonly DashboardFunctionCounts[] = [];
  #lastPointTime = Number.NEGATIVE_INFINITY;
  #lastFailure: DashboardTaskFailure | undefined;

  /** Takes the work a new stream's snapshot holds as the base of the next differences. */
  rebase(work: DashboardWork): void {
    this.#totals = work.totals;
    this.#functions = work.functions;
    this.#lastPointTime = work.throughput.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY;
    this.#lastFailure = work.failures.at(-1);
  }

  /** What changed since the last call (or rebase), or undefined when nothing did. */
  change(sample: DashboardWorkSample, throughput: readonly DashboardThroughputPoint[]): DashboardWorkChange | undefined {
    let change: DashboardWorkChange | undefined;
    const totals = this.#totals;
    if (totals === undefined || totalKeys.some((key) => totals[key] !== sample.totals[key])) {
      (change ??= {}).totals = this.#totals = { ...sample.totals };
    }
    if (!sameFunctions(this.#functions, sample.functions)) {
      (change ??= {}).functions = this.#functions = sample.functions.map((entry) => ({ ...entry }));
    }
    const points = this.#newPoints(throughput);
    if (points.length > 0) (change ??= {}).throughput = points;
    const failures = this.#newFailures(sample.failures);
    if (failures.length > 0) (change ??= {}).failures = failures;
    return change;
  }

  #newPoints(throughput: readonly DashboardThroughputPoint[]): DashboardThroughputPoint[] {
    let first = throughput.length;
    while (first > 0 && (throughput[first - 1] as DashboardThroughputPoint)[0] > this.#lastPointTime) first -= 1;
    if (first === throughput.length) return [];
    this.#lastPointTime = (throughput.at(-1) as DashboardThroughputPoint)[0];
    return throughput.slice(first);
  }

  /** The failures after the last one sent; all the latest 100 when it is no longer among them (more came than are kept). */
  #newFailures(failures: readonly DashboardTaskFailure[]): DashboardTaskFailure[] {
    const last = failures.at(-1);
    if (last === undefined || (this.#lastFailure !== undefined && sameFailure(last, this.#lastFailure))) return [];
    let start = Math.max(0, failures.length - dashboardLimits.failures);
    const previous = this.#lastFailure;
    if (previous !== undefined) {
      for (let index = failures.length - 2; index >= start; index -= 1) {
        if (sameFailure(failures[index] as DashboardTaskFailure, previous)) {
          start = index + 1;
          break;
        }
      }
    }
    this.#lastFailure = last;
    return failures.slice(start);
  }
}
