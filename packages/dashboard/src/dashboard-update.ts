import {
  dashboardLimits,
  type DashboardAdapt,
  type DashboardSnapshot,
  type DashboardUpdate,
  type DashboardWork,
  type DashboardWorkChange,
  type DashboardWorker,
  type DashboardWorkerCounters,
} from './dashboard-contract.js';

/**
 * The snapshot after an update: jobs and workers upserted (in place, new ones appended) and
 * removed, workers' counters set, work's changed parts replaced and its new points and failures
 * appended, decisions, target points and events appended, and every ring buffer
 * trimmed to {@link dashboardLimits}. Pure: neither argument is changed, and parts the update does
 * not touch keep their identity, so a renderer can skip them.
 *
 * `lifetimeLeft` is counted at `cluster.now`, so the workers the update does not carry have the
 * time elapsed since the previous `now` taken off theirs.
 */
export function applyDashboardUpdate(snapshot: DashboardSnapshot, update: DashboardUpdate): DashboardSnapshot {
  const now = update.now;
  const elapsedSeconds = (now - snapshot.cluster.now) / 1000;
  return {
    version: snapshot.version,
    cluster: { ...snapshot.cluster, ...update.cluster, now },
    jobs: update.jobs ? upsertByKey(snapshot.jobs, update.jobs.upsert, update.jobs.remove, (job) => job.key) : snapshot.jobs,
    workers: updateWorkers(snapshot.workers, update.workers, update.workerCounters, elapsedSeconds),
    work: trimWork(update.work ? changeWork(snapshot.work, update.work) : snapshot.work, now),
    adapt: updateAdapt(snapshot.adapt, update.adapt, now),
    events:
      update.events && update.events.length > 0
        ? keepLast([...snapshot.events, ...update.events], dashboardLimits.events)
        : snapshot.events,
  };
}

/** Existing records replaced in place or dropped, new ones appended in the order given. */
function upsertByKey<Item>(items: Item[], upsert: Item[], remove: string[], keyOf: (item: Item) => string): Item[] {
  if (upsert.length === 0 && remove.length === 0) return items;
  const pending = new Map(upsert.map((item) => [keyOf(item), item]));
  const removed = new Set(remove);
  const result: Item[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (removed.has(key)) continue;
    const replacement = pending.get(key);
    if (replacement === undefined) {
      result.push(item);
    } else {
      result.push(replacement);
      pending.delete(key);
    }
  }
  for (const [key, item] of pending) if (!removed.has(key)) result.push(item);
  return result;
}

function updateWorkers(
  workers: DashboardWorker[],
  change: DashboardUpdate['workers'],
  counters: DashboardWorkerCounters[] | undefined,
  elapsedSeconds: number,
): DashboardWorker[] {
  const aged =
    elapsedSeconds === 0
      ? workers
      : workers.map((worker) =>
          worker.lifetimeLeft === undefined ? worker : { ...worker, lifetimeLeft: worker.lifetimeLeft - elapsedSeconds },
        );
  const changed = change ? upsertByKey(aged, change.upsert, change.remove, (worker) => worker.name) : aged;
  return counters && counters.length > 0 ? setCounters(changed, counters) : changed;
}

/** Each named worker with its new counters (a name not on the page is ignored: it left meanwhile). */
function setCounters(workers: DashboardWorker[], counters: DashboardWorkerCounters[]): DashboardWorker[] {
  const byName = new Map(counters.map((entry) => [entry[0], entry]));
  return workers.map((worker) => {
    const entry = byName.get(worker.name);
    if (entry === undefined) return worker;
    const [, runningTasks, tasksDone, tasksFailed, memoryUsed] = entry;
    const { memoryUsed: _previous, ...rest } = worker;
    return { ...rest, runningTasks, tasksDone, tasksFailed, ...(memoryUsed === undefined ? {} : { memoryUsed }) };
  });
}

/** The work section with a change applied: parts sent replace, points and failures sent are appended. */
function changeWork(work: DashboardWork, change: DashboardWorkChange): DashboardWork {
  return {
    totals: change.totals ?? work.totals,
    throughput: change.throughput?.length ? [...work.throughput, ...change.throughput] : work.throughput,
    functions: change.functions ?? work.functions,
    failures: change.failures?.length ? [...work.failures, ...change.failures] : work.failures,
  };
}

function trimWork(work: DashboardWork, now: number): DashboardWork {
  const failures = keepLast(work.failures, dashboardLimits.failures);
  const throughput = keepRecent(work.throughput, now);
  if (failures === work.failures && throughput === work.throughput) return work;
  return { ...work, failures, throughput };
}

function updateAdapt(adapt: DashboardAdapt, change: DashboardUpdate['adapt'], now: number): DashboardAdapt {
  const decisions = change?.decisions.length
    ? keepLast([...adapt.decisions, ...change.decisions], dashboardLimits.decisions)
    : adapt.decisions;
  const targets = keepRecent(change?.targets.length ? [...adapt.targets, ...change.targets] : adapt.targets, now);
  const active = change?.active ?? adapt.active;
  const bounds = change?.bounds ?? adapt.bounds;
  if (decisions === adapt.decisions && targets === adapt.targets && active === adapt.active && bounds === adapt.bounds) return adapt;
  return { active, ...(bounds === undefined ? {} : { bounds }), decisions, targets };
}

function keepLast<Item>(items: Item[], limit: number): Item[] {
  return items.length > limit ? items.slice(items.length - limit) : items;
}

/** Series points are `[time, ...values]`, oldest first; points older than the window go. */
function keepRecent<Point extends [number, ...number[]]>(points: Point[], now: number): Point[] {
  const oldest = now - dashboardLimits.seriesWindow;
  const first = points.findIndex((point) => point[0] >= oldest);
  if (first === 0 || points.length === 0) return points;
  return first === -1 ? [] : points.slice(first);
}
