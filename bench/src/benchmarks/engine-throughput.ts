/**
 * 1. Engine throughput: no-op tasks through map + gather on 2 workers × 1 thread,
 * @jq/engine against Dask distributed, same machine, same run.
 */
import { performance } from 'node:perf_hooks';
import type { Client, Future } from '@jq/engine';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { poolWorkers, quick } from '../support/bench-settings.js';
import { withDeadline } from '../support/bench-timing.js';
import { runDaskClient } from '../support/dask-client.js';
import { defaultWorkerVariant, schedulerBuildNote } from '../support/engine-worker-build.js';
import { startDaskPool, startEnginePool } from '../support/local-pools.js';

interface ThroughputRun {
  tasks: number;
  seconds: number;
  completed: number;
  timedOut: boolean;
  /** CPU (user + system) of the scheduler's process during the run, ms; the engine only (its client lives there too). */
  schedulerCpuMs?: number;
}

const counts = quick ? [10_000] : [10_000, 100_000];
const runDeadlineSeconds = 240;
const warmupTasks = 2000;

// Same body as the Python side's `inc`: the task is the round trip itself.
const increment = (x: number): number => x + 1;

async function engineRun(client: Client, tasks: number): Promise<ThroughputRun> {
  const inputs = Array.from({ length: tasks }, (_, index) => index);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const futures = client.map(increment, inputs);
  try {
    const results = await withDeadline(client.gather(futures), runDeadlineSeconds * 1000, `${tasks} engine tasks`);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const sum = results.reduce((total, value) => total + value, 0);
    if (results.at(-1) !== tasks || sum !== (tasks * (tasks + 1)) / 2) throw new Error(`[jq/bench] wrong results for ${tasks} engine tasks`);
    return { tasks, seconds, completed: tasks, timedOut: false, schedulerCpuMs: (cpu.user + cpu.system) / 1000 };
  } catch (error) {
    const completed = futures.filter((future: Future<number>) => future.status === 'finished').length;
    client.cancel(futures);
    if (completed === 0) throw error;
    return { tasks, seconds: (performance.now() - started) / 1000, completed, timedOut: true };
  }
}

async function measureEngine(): Promise<ThroughputRun[]> {
  const pool = await startEnginePool(poolWorkers, defaultWorkerVariant());
  try {
    // The same 2,000-task warm-up as the Dask side: connections, and the JIT of both ends.
    await pool.client.gather(pool.client.map(increment, Array.from({ length: warmupTasks }, (_, index) => index)));
    const runs: ThroughputRun[] = [];
    for (const tasks of counts) {
      const run = await engineRun(pool.client, tasks);
      runs.push(run);
      if (run.timedOut) break;
    }
    return runs;
  } finally {
    await pool.close();
  }
}

async function measureDask(): Promise<{ runs: ThroughputRun[]; version: string }> {
  const pool = await startDaskPool(poolWorkers);
  try {
    const timeoutMs = (counts.length * runDeadlineSeconds + 60) * 1000;
    return await runDaskClient<{ runs: ThroughputRun[] }>(pool.scheduler, ['throughput', String(runDeadlineSeconds), ...counts.map(String)], timeoutMs);
  } finally {
    await pool.close();
  }
}

const rate = (run: ThroughputRun | undefined): number | undefined => (run === undefined ? undefined : run.completed / run.seconds);
const describe = (run: ThroughputRun | undefined): string =>
  run === undefined ? 'not run' : `${formatNumber(rate(run) ?? 0)}/s (${formatNumber(run.seconds, 2)} s${run.timedOut ? `, cut off after ${run.completed}` : ''})`;

await runBenchmark('engine-throughput', `1. Throughput: no-op map + gather, ${poolWorkers} workers × 1 thread`, async () => {
  const engine = await measureEngine();
  let daskError: string | undefined;
  const dask = await measureDask().catch((error: unknown) => {
    daskError = `Dask side failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return { runs: [] as ThroughputRun[], version: '(failed)' };
  });
  const rows = counts.map((tasks) => {
    const ours = engine.find((run) => run.tasks === tasks);
    const theirs = dask.runs.find((run) => run.tasks === tasks);
    return [formatNumber(tasks), describe(ours), describe(theirs), formatRatio(rate(ours), rate(theirs), true)];
  });
  for (const run of engine) {
    if (run.schedulerCpuMs === undefined) continue;
    const perThousand = run.schedulerCpuMs / (run.tasks / 1000);
    rows.push([`${formatNumber(run.tasks)}: engine scheduler CPU`, `${formatNumber(perThousand, 1)} ms per 1,000 tasks (${formatNumber(run.schedulerCpuMs / 10 / run.seconds, 0)} % of a core)`, '', '']);
  }
  return {
    table: { columns: ['tasks', '@jq/engine', `Dask ${dask.version}`, 'engine / Dask'], rows },
    figures: {
      workerVariant: defaultWorkerVariant(),
      daskVersion: dask.version,
      runs: counts.map((tasks) => {
        const ours = engine.find((run) => run.tasks === tasks);
        const theirs = dask.runs.find((run) => run.tasks === tasks);
        return { tasks, engine: ours, dask: theirs, engineTasksPerSecond: rate(ours), daskTasksPerSecond: rate(theirs) };
      }),
    },
    ...(daskError === undefined ? {} : { error: daskError }),
    notes: [
      ...(daskError === undefined ? [] : [daskError]),
      schedulerBuildNote(),
      `jq-worker: ${defaultWorkerVariant() === 'built' ? 'built (node dist/worker-main.cjs)' : 'from source through tsx (run the build for the published worker)'}`,
      `timed from map() to the last result, after a ${warmupTasks.toLocaleString('en-US')}-task warm-up on both sides; the engine client lives in the scheduler process, the Dask client is a separate Python process`,
      'scheduler CPU: user + system CPU of the process holding EngineScheduler and Client during the run (client work included), per 1,000 tasks',
    ],
  };
});
