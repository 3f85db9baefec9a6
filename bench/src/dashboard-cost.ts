/**
 * The dashboard's own CPU cost beside a scheduler at 10,000 tasks/s: the per-task counting the
 * engine does for it, and the feed with 1,000 jobs, 1,000 workers and one open stream while
 * every worker's counters move. Not a test: prints figures, the ratio against the 5 %
 * target and one `BENCH_RESULT` JSON line (see README.md).
 *
 *   pnpm --filter @jq/bench bench:dashboard
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { JobTable, systemClock, type ClusterView, type SchedulerV1, type TaskSpec } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { DashboardFeed, type DashboardWorkSample } from '@jq/dashboard';
import { EngineScheduler } from '@jq/engine';
import { resultPrefix } from './support/bench-report.js';
import { poolWorkers } from './support/bench-settings.js';
import { defaultWorkerVariant } from './support/engine-worker-build.js';
import { startEnginePool } from './support/local-pools.js';

const size = Number(process.env.JQ_BENCH_DASHBOARD_SIZE ?? 1_000);
/** Seconds of each measured window; windows without and with the feed alternate, `rounds` of each. */
const seconds = Number(process.env.JQ_BENCH_DASHBOARD_SECONDS ?? 4);
const rounds = Number(process.env.JQ_BENCH_DASHBOARD_ROUNDS ?? 6);
/** The bound: the dashboard's own cost below 5 % of the scheduler's CPU at 10,000 tasks/s. */
const targetPercent = 5;

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** ms of CPU per 10,000 task endings counted by the engine for the dashboard. */
function countingCost(): number {
  const counts = new EngineScheduler({ httpPort: false }).tasks.outcomes;
  const spec: TaskSpec = { taskId: 't', kind: 'function', source: 'function simulate(x) { return x; }', args: [1] };
  const rounds = 2_000_000;
  const start = cpuMilliseconds();
  for (let index = 0; index < rounds; index += 1) counts.finished(spec, undefined);
  return ((cpuMilliseconds() - start) * 10_000) / rounds;
}

/** CPU ms per second of a simulated busy cluster, with or without a feed and a stream on it; and the stream's bytes per second. */
async function clusterCost(withFeed: boolean, duration = seconds, timeFlushes = false): Promise<{ cpu: number; inFlush: number; collecting: number; bytesPerSecond: number }> {
  const table = new JobTable(systemClock);
  const scheduler = new TestScheduler();
  const done = new Map<string, number>();
  for (let index = 0; index < size; index += 1) {
    table.add({ key: `b-${index}`, id: String(index), pool: 'default', index, walltime: 3_600 });
    table.applyStatus(`b-${index}`, { state: 'running', native: 'R' });
    scheduler.connect(`b-${index}`, 0, 1);
  }
  let finished = 0;
  const sample = (): DashboardWorkSample => ({ totals: { submitted: finished, done: finished, failed: 0, running: size, queued: 0 }, functions: [{ name: 'simulate', done: finished, failed: 0, running: size }], failures: [] });
  const view: ClusterView = {
    ...{ name: 'bench', backend: 'slurm', pools: ['default'], startedAt: Date.now(), clock: systemClock },
    closed: () => false,
    snapshot: () => table.snapshot(),
    adaptBounds: () => undefined,
    on: (event, listener) => table.on(event, listener as never),
    off: (event, listener) => table.off(event, listener as never),
  };
  let bytes = 0;
  const feed = withFeed ? new DashboardFeed({ cluster: view, scheduler: scheduler as unknown as SchedulerV1, work: { sample, workerFigures: (name) => ({ tasksDone: done.get(name) ?? 0 }) } }) : undefined;
  feed?.subscribe({ update: (_update, json) => (bytes += json.length), close: () => undefined });
  // The CPU inside the feed's flushes alone (no garbage collection after them, no series sampling),
  // in a window of its own: reading the CPU clock around each flush costs CPU too.
  let inFlush = 0;
  if (feed && timeFlushes) {
    const flush = feed.flush.bind(feed);
    feed.flush = () => {
      const before = cpuMilliseconds();
      const update = flush();
      inFlush += cpuMilliseconds() - before;
      return update;
    };
  }
  // 10,000 tasks/s spread over every worker.
  let round = 0;
  const driver = setInterval(() => {
    round += 1;
    finished += 1_000;
    for (let index = 0; index < size; index += 1) done.set(`b-${index}-0`, round);
    // A status poll every 2 s: the table renews every record, a tenth of the jobs really change.
    if (round % 20 === 0) {
      for (let index = 0; index < size; index += 1) table.applyStatus(`b-${index}`, { state: 'running', native: 'R', reason: index % 10 === round % 10 ? `poll ${round}` : 'steady' });
    }
  }, 100);
  // Garbage collection pauses in the window: the feed's garbage is collected outside its flushes.
  let collecting = 0;
  const collector = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collecting += entry.duration;
  });
  collector.observe({ entryTypes: ['gc'] });
  const start = cpuMilliseconds();
  await new Promise((resolve) => setTimeout(resolve, duration * 1000));
  const used = cpuMilliseconds() - start;
  collector.disconnect();
  clearInterval(driver);
  feed?.close();
  return { cpu: used / duration, inFlush: inFlush / duration, collecting: collecting / duration, bytesPerSecond: bytes / duration };
}

/**
 * The scheduler's CPU at 10,000 tasks/s, measured now on this machine: ms of CPU (user +
 * system) of this process, which holds `EngineScheduler` and `Client` as figure 1 does, per
 * 10,000 no-op tasks through `map` + `gather` on real `jq-worker` processes, after a warm-up.
 * Measured in the same run as the feed so both carry the same machine load.
 */
async function schedulerCost(): Promise<number> {
  const pool = await startEnginePool(poolWorkers, defaultWorkerVariant());
  const increment = (x: number): number => x + 1;
  try {
    await pool.client.gather(pool.client.map(increment, Array.from({ length: 2_000 }, (_, index) => index)));
    const tasks = 20_000;
    const start = cpuMilliseconds();
    const results = await pool.client.gather(pool.client.map(increment, Array.from({ length: tasks }, (_, index) => index)));
    const used = cpuMilliseconds() - start;
    if (results.at(-1) !== tasks) throw new Error('[jq/bench] wrong results for the scheduler cost run');
    return (used * 10_000) / tasks;
  } finally {
    await pool.close();
  }
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const counting = countingCost();
// Unmeasured first: the first window otherwise carries the compiler's warm-up.
await clusterCost(false, 2);
await clusterCost(true, 2);
// Alternating windows, so a change in the machine's load weighs on both sides alike.
const without: number[] = [];
const withFeed: number[] = [];
let streamBytes = 0;
const collecting = { without: 0, withFeed: 0 };
for (let round = 0; round < rounds; round += 1) {
  const bare = await clusterCost(false);
  without.push(bare.cpu);
  collecting.without += bare.collecting / rounds;
  const measured = await clusterCost(true);
  collecting.withFeed += measured.collecting / rounds;
  withFeed.push(measured.cpu);
  streamBytes += measured.bytesPerSecond / rounds;
}
const { inFlush } = await clusterCost(true, seconds, true);
const schedulerAt10k = await schedulerCost();
// The median of each round's difference: on a loaded machine one window now and then takes far
// more CPU for reasons of its own, and a mean would carry that outlier into the figure.
const differences = withFeed.map((value, index) => value - (without[index] as number));
const dashboard = counting + median(differences);
const percent = (dashboard / schedulerAt10k) * 100;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
process.stdout.write(
  [
    `per-task counting: ${counting.toFixed(2)} ms CPU per 10,000 tasks`,
    `simulated cluster (${size} jobs, ${size} workers, 10,000 tasks/s), ${rounds} × ${seconds} s each: ${mean(without).toFixed(1)} ms CPU/s without the feed (${without.map((value) => value.toFixed(1)).join(', ')}), ${mean(withFeed).toFixed(1)} ms/s with it and one stream (${withFeed.map((value) => value.toFixed(1)).join(', ')})`,
    `stream: ${(streamBytes / 1024).toFixed(1)} kB/s of updates; ${inFlush.toFixed(2)} ms CPU/s inside the feed's flushes alone; garbage collection ${collecting.without.toFixed(1)} ms/s without the feed, ${collecting.withFeed.toFixed(1)} ms/s with it`,
    `differences by round: ${differences.map((value) => value.toFixed(1)).join(', ')} ms/s (median ${median(differences).toFixed(1)}, mean ${mean(differences).toFixed(1)})`,
    `dashboard: ${dashboard.toFixed(1)} ms CPU/s (counting + the median difference); scheduler: ${schedulerAt10k.toFixed(1)} ms CPU per 10,000 tasks, measured in this run (${poolWorkers} jq-worker processes, 20,000-task map)`,
    `ratio: ${percent.toFixed(1)} % of the scheduler's CPU, target < ${targetPercent} %: ${percent < targetPercent ? 'MET' : 'NOT MET'}`,
    `load average: ${load} (${availableParallelism()} CPUs)`,
  ].join('\n') + '\n',
);
const figures = { size, seconds, rounds, countingMsPer10kTasks: counting, withoutMsPerSecond: without, withFeedMsPerSecond: withFeed, differencesMsPerSecond: differences, dashboardMsPerSecond: dashboard, schedulerMsPerSecond: schedulerAt10k, percent, targetPercent, met: percent < targetPercent, streamBytesPerSecond: Math.round(streamBytes), inFlushMsPerSecond: inFlush, collectingMsPerSecond: collecting, loadAverage: load };
process.stdout.write(`${resultPrefix}${JSON.stringify({ benchmark: 'dashboard-cost', ok: true, figures })}\n`);
