import type {
  DashboardAdaptBounds,
  DashboardAdaptDecision,
  DashboardAdaptTargetPoint,
  DashboardCluster,
  DashboardSnapshot,
  DashboardUpdate,
} from '../dashboard-contract.js';
import { DashboardJobTracker } from './dashboard-job-tracker.js';
import type { DashboardFeedSettings, DashboardWorkSample } from './dashboard-sources.js';
import { DashboardWorkTracker } from './dashboard-work-tracker.js';
import { DashboardWorkerTracker } from './dashboard-worker-tracker.js';

/**
 * What the page was last sent, and the differences from it: the jobs, the workers and the work
 * (each in its own tracker), the cluster's closed flag and adapt's bounds. A comparison that
 * finds nothing changed sends nothing.
 */
export class DashboardFeedState {
  readonly jobs: DashboardJobTracker;
  readonly workers: DashboardWorkerTracker;
  readonly work = new DashboardWorkTracker();
  #closed = false;
  #bounds = '';
  #active = false;

  constructor(private readonly settings: DashboardFeedSettings) {
    this.jobs = new DashboardJobTracker(settings.cluster);
    this.workers = new DashboardWorkerTracker(settings);
  }

  cluster(now: number, closed: boolean): DashboardCluster {
    const { cluster, scheduler, daskDashboardUrl } = this.settings;
    const record: DashboardCluster = { name: cluster.name, backend: cluster.backend, scheduler: scheduler.name, startedAt: cluster.startedAt, now, closed: closed || cluster.closed() };
    const address = schedulerAddress(this.settings);
    if (address !== undefined) record.schedulerAddress = address;
    if (daskDashboardUrl !== undefined && /^https?:\/\//.test(daskDashboardUrl)) record.daskDashboardUrl = daskDashboardUrl;
    return record;
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
    this.jobs.rebase(snapshot.jobs);
    this.workers.rebase(snapshot.workers);
    this.work.rebase(snapshot.work);
    this.#closed = snapshot.cluster.closed;
    this.#active = snapshot.adapt.active;
    this.#bounds = JSON.stringify(snapshot.adapt.bounds ?? {});
  }

  clusterChange(closed: boolean): Partial<DashboardCluster> | undefined {
    if (closed === this.#closed) return undefined;
    this.#closed = closed;
    return { closed };
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

function schedulerAddress(settings: DashboardFeedSettings): string | undefined {
  try {
    return settings.scheduler.address;
  } catch {
    // Not started yet: the engine's address throws until it listens.
    return undefined;
  }
}
