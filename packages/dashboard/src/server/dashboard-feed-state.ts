import { isTerminalState, type JobInfo } from '@jq/core';
import type {
  DashboardAdaptBounds,
  DashboardAdaptDecision,
  DashboardAdaptTargetPoint,
  DashboardCluster,
  DashboardJob,
  DashboardSnapshot,
  DashboardUpdate,
  DashboardWork,
  DashboardWorker,
} from '../dashboard-contract.js';
import { dashboardJob, dashboardWorker, sameRecord } from './dashboard-records.js';
import type { DashboardFeedSettings, DashboardWorkSample } from './dashboard-sources.js';

/** How long an ended job stays on the page, and how many ended jobs at most. */
const endedJobRetention = 60 * 60 * 1000;
const endedJobLimit = 500;

/** Whether two work sections show the same counts and series (the update then leaves work out). */
export function sameWork(previous: DashboardWork | undefined, next: DashboardWork): boolean {
  if (previous === undefined) return false;
  const totalsEqual = (Object.keys(next.totals) as Array<keyof DashboardWork['totals']>).every((key) => previous.totals[key] === next.totals[key]);
  return totalsEqual && previous.throughput.at(-1) === next.throughput.at(-1) && previous.failures.length === next.failures.length;
}

/**
 * The records the page was last sent, and the differences from them: the jobs, the
 * workers, the cluster's closed flag and adapt's bounds. Records are compared field by
 * field, so a poll that changes nothing sends nothing.
 */
export class DashboardFeedState {
  #jobs = new Map<string, DashboardJob>();
  #workers = new Map<string, DashboardWorker>();
  readonly #firstSeen = new Map<string, number>();
  /** The table replaces a job's record on every change: an unchanged record is converted once. */
  readonly #converted = new WeakMap<JobInfo, DashboardJob>();
  #workerCount = 0;
  #closed = false;
  #bounds = '';
  #active = false;

  constructor(private readonly settings: DashboardFeedSettings) {}

  cluster(now: number, closed: boolean): DashboardCluster {
    const { cluster, scheduler, daskDashboardUrl } = this.settings;
    const record: DashboardCluster = { name: cluster.name, backend: cluster.backend, scheduler: scheduler.name, startedAt: cluster.startedAt, now, closed: closed || cluster.closed() };
    const address = schedulerAddress(this.settings);
    if (address !== undefined) record.schedulerAddress = address;
    if (daskDashboardUrl !== undefined && /^https?:\/\//.test(daskDashboardUrl)) record.daskDashboardUrl = daskDashboardUrl;
    return record;
  }

  /** The live jobs and those that ended in the last hour (the latest 500). */
  jobs(now: number): DashboardJob[] {
    const all = this.settings.cluster.snapshot().jobs;
    const ended = all.filter((job) => job.endedAt !== undefined && isTerminalState(job.state) && now - job.endedAt <= endedJobRetention);
    const kept = new Set(ended.slice(-endedJobLimit));
    return all.filter((job) => !isTerminalState(job.state) || kept.has(job)).map((job) => this.#convert(job));
  }

  #convert(job: JobInfo): DashboardJob {
    let converted = this.#converted.get(job);
    if (converted === undefined) this.#converted.set(job, (converted = dashboardJob(job)));
    return converted;
  }

  workers(now: number): DashboardWorker[] {
    const { scheduler, work } = this.settings;
    const workers = scheduler.workers();
    for (const worker of workers) if (!this.#firstSeen.has(worker.name)) this.#firstSeen.set(worker.name, now);
    if (this.#firstSeen.size > workers.length) {
      const present = new Set(workers.map((worker) => worker.name));
      for (const name of this.#firstSeen.keys()) if (!present.has(name)) this.#firstSeen.delete(name);
    }
    return workers.map((worker) => dashboardWorker(worker, work?.workerFigures?.(worker.name), this.#firstSeen.get(worker.name) ?? now));
  }

  adaptState(): { active: boolean; bounds?: Record<string, DashboardAdaptBounds> } {
    const bounds = this.settings.cluster.adaptBounds();
    if (bounds === undefined) return { active: false };
    // An unbounded maximum is left out: JSON has no Infinity.
    const entries = Object.entries(bounds).map(([pool, { minimumJobs, maximumJobs }]) => [pool, { minimum: minimumJobs, ...(Number.isFinite(maximumJobs) ? { maximum: maximumJobs } : {}) }]);
    return { active: true, bounds: Object.fromEntries(entries) as Record<string, DashboardAdaptBounds> };
  }

  /** Task counts for a scheduler without counters (Dask): running tasks from its workers. */
  workWithoutCounters(): DashboardWorkSample {
    const running = this.settings.scheduler.workers().reduce((sum, worker) => sum + worker.runningTasks, 0);
    return { totals: { submitted: 0, done: 0, failed: 0, running, queued: 0 }, functions: [], failures: [] };
  }

  /** Takes what a new stream's snapshot holds as the base of the next differences. */
  rememberSent(snapshot: DashboardSnapshot): void {
    this.#jobs = new Map(snapshot.jobs.map((job) => [job.key, job]));
    this.#workers = new Map(snapshot.workers.map((worker) => [worker.name, worker]));
    this.#workerCount = snapshot.workers.length;
    this.#closed = snapshot.cluster.closed;
    this.#active = snapshot.adapt.active;
    this.#bounds = JSON.stringify(snapshot.adapt.bounds ?? {});
  }

  clusterChange(closed: boolean): Partial<DashboardCluster> | undefined {
    if (closed === this.#closed) return undefined;
    this.#closed = closed;
    return { closed };
  }

  jobChanges(now: number): NonNullable<DashboardUpdate['jobs']> | undefined {
    const [changes, current] = differences(this.#jobs, this.jobs(now), (job) => job.key);
    this.#jobs = current;
    return changes;
  }

  /** Workers in the last comparison. */
  get workerCount(): number {
    return this.#workerCount;
  }

  workerChanges(now: number): NonNullable<DashboardUpdate['workers']> | undefined {
    const workers = this.workers(now);
    this.#workerCount = workers.length;
    const [changes, current] = differences(this.#workers, workers, (worker) => worker.name);
    this.#workers = current;
    return changes;
  }

  adaptChange(decisions: DashboardAdaptDecision[], targets: DashboardAdaptTargetPoint[]): DashboardUpdate['adapt'] | undefined {
    const { active, bounds } = this.adaptState();
    const boundsJson = JSON.stringify(bounds ?? {});
    const change: NonNullable<DashboardUpdate['adapt']> = { decisions, targets };
    if (active !== this.#active) change.active = this.#active = active;
    if (boundsJson !== this.#bounds) {
      this.#bounds = boundsJson;
      change.bounds = bounds ?? {};
    }
    return decisions.length > 0 || targets.length > 0 || 'active' in change || 'bounds' in change ? change : undefined;
  }
}

/** Records added or changed since `sent`, keys gone, and the new base. */
function differences<Item extends object>(sent: Map<string, Item>, items: Item[], keyOf: (item: Item) => string): [{ upsert: Item[]; remove: string[] } | undefined, Map<string, Item>] {
  const current = new Map<string, Item>();
  const upsert: Item[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const previous = sent.get(key);
    if (sameRecord(previous, item)) current.set(key, previous as Item);
    else {
      current.set(key, item);
      upsert.push(item);
    }
  }
  const remove = [...sent.keys()].filter((key) => !current.has(key));
  return [upsert.length > 0 || remove.length > 0 ? { upsert, remove } : undefined, current];
}

function schedulerAddress(settings: DashboardFeedSettings): string | undefined {
  try {
    return settings.scheduler.address;
  } catch {
    // Not started yet: the engine's address throws until it listens.
    return undefined;
  }
}
