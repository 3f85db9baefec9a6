import { createHash } from 'node:crypto';
import type { ClusterView, TaskSpec } from '@jq/core';
import type { DashboardFunctionCounts, DashboardTaskFailure, DashboardWorkSample, DashboardWorkSource } from '@jq/dashboard';
import type { SchedulerHttpRoute } from './scheduler-http.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskTable } from './scheduler-tasks.js';

/** Failures kept for the dashboard, and how much of each error's text. */
const failuresKept = 100;
const errorTextLimit = 2_000;
/** Distinct functions counted apart; more than that (generated sources) share one row. */
const functionLimit = 500;

type Counts = { name: string; done: number; failed: number };

/**
 * Task outcomes per function, counted as each task ends (`TaskTable.finish`): a few
 * additions per task, so the dashboard reads counters instead of following every task.
 * Cancelled tasks and those ended by `close()` are counted apart, not as failures.
 */
export class TaskOutcomeCounts {
  done = 0;
  failed = 0;
  cancelled = 0;
  readonly failures: DashboardTaskFailure[] = [];
  readonly #bySource = new Map<string, Counts>();
  readonly #byModule = new Map<string, Map<string, Counts>>();

  /** Counts one ended task; its arguments and result are never looked at. */
  finished(spec: TaskSpec, error: Error | undefined): void {
    if (error !== undefined && isCancellation(error)) {
      this.cancelled += 1;
      return;
    }
    const counts = this.countsOf(spec);
    if (error === undefined) {
      this.done += 1;
      counts.done += 1;
      return;
    }
    this.failed += 1;
    counts.failed += 1;
    this.failures.push({ time: Date.now(), function: counts.name, error: error.message.slice(0, errorTextLimit) });
    if (this.failures.length > failuresKept) this.failures.shift();
  }

  /** The counts of a task's function (a Map lookup by the source string V8 has already hashed). */
  countsOf(spec: TaskSpec): Counts {
    if (spec.kind === 'module') {
      let exports = this.#byModule.get(spec.module);
      if (exports === undefined) this.#byModule.set(spec.module, (exports = new Map()));
      let counts = exports.get(spec.export);
      if (counts === undefined) exports.set(spec.export, (counts = { name: moduleTaskName(spec.module, spec.export), done: 0, failed: 0 }));
      return counts;
    }
    let counts = this.#bySource.get(spec.source);
    if (counts === undefined) {
      const name = this.#bySource.size < functionLimit ? functionName(spec.source) : 'other functions';
      counts = [...this.#bySource.values()].find((existing) => existing.name === name) ?? { name, done: 0, failed: 0 };
      this.#bySource.set(spec.source, counts);
    }
    return counts;
  }

  /** Every function's counts. */
  all(): Counts[] {
    const counts = new Set([...this.#bySource.values(), ...[...this.#byModule.values()].flatMap((exports) => [...exports.values()])]);
    return [...counts];
  }
}

/** `tasks.countInside` for export `countInside` of `file:///…/tasks.ts`. */
function moduleTaskName(module: string, exportName: string): string {
  const file = module.split(/[/\\]/).at(-1) ?? module;
  return `${file.replace(/\.[cm]?[jt]s$/, '')}.${exportName}`;
}

/** A function's own name, or for an anonymous one a short digest of its source (never the source: it may hold constants). */
function functionName(source: string): string {
  const named = /^(?:async\s+)?function\s*\*?\s*([\p{L}_$][\p{L}\p{N}_$]*)/u.exec(source);
  return named?.[1] ?? `anonymous ${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
}

function isCancellation(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'JQ_CANCELLED' || code === 'JQ_CLUSTER_CLOSED';
}

/** What the dashboard reads of the scheduler. */
interface DashboardScheduler {
  readonly name: string;
  readonly address: string;
  readonly tasks: TaskTable;
  readonly registered: ReadonlyMap<string, SchedulerSession>;
  workers(): ReturnType<SchedulerSession['info']>[];
  addHttpRoutes(routes: SchedulerHttpRoute[]): void;
}

/** The scheduler's counters as the dashboard's work source; running tasks are counted from the workers' few assigned tasks. */
function workSource(scheduler: DashboardScheduler): DashboardWorkSource {
  const counts = scheduler.tasks.outcomes;
  return {
    sample(): DashboardWorkSample {
      const running = new Map<Counts, number>();
      let runningTotal = 0;
      for (const session of scheduler.registered.values()) {
        runningTotal += session.assigned.size;
        for (const record of session.assigned.values()) {
          const of = counts.countsOf(record.spec);
          running.set(of, (running.get(of) ?? 0) + 1);
        }
      }
      const functions: DashboardFunctionCounts[] = counts.all().map((entry) => ({ ...entry, running: running.get(entry) ?? 0 }));
      const unfinished = scheduler.tasks.size;
      return {
        totals: { submitted: counts.done + counts.failed + counts.cancelled + unfinished, done: counts.done, failed: counts.failed, running: runningTotal, queued: scheduler.tasks.queuedCount },
        functions,
        failures: counts.failures,
      };
    },
    workerFigures(name) {
      const session = scheduler.registered.get(name);
      if (session === undefined) return undefined;
      return { tasksDone: session.tasksDone, tasksFailed: session.tasksFailed, connectedAt: session.registeredAt, ...(session.rss > 0 ? { memoryUsed: session.rss } : {}) };
    },
  };
}

/**
 * Mounts the dashboard of the cluster whose view the scheduler was handed: the page, its
 * snapshot and its event stream, behind the HTTP server's token check. `@jq/dashboard` is
 * an optional peer: without it installed the scheduler serves its JSON API only.
 */
export function mountDashboard(scheduler: DashboardScheduler, view: ClusterView): Promise<void> {
  return import('@jq/dashboard').then(
    ({ DashboardFeed, dashboardRoutes }) => {
      const feed = new DashboardFeed({ cluster: view, scheduler, work: workSource(scheduler) });
      scheduler.addHttpRoutes(dashboardRoutes(feed));
    },
    () => undefined,
  );
}
