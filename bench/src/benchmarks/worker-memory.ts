/**
 * 5. Idle worker memory, read from /proc of the real processes (VmRSS and PSS): a built
 * `jq-worker` when just registered, right after a warm-up (its task thread alive), and idle
 * (the thread stopped after its idle timeout); a 4-thread worker with all threads alive
 * (what each thread adds); and `dask worker` with its nanny after the same warm-up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { poolWorkers } from '../support/bench-settings.js';
import { quantile } from '../support/bench-timing.js';
import { runDaskClient } from '../support/dask-client.js';
import { builtWorkerAvailable, builtWorkerEntry, defaultWorkerVariant, engineFromSource, type EngineWorkerVariant } from '../support/engine-worker-build.js';
import { startDaskPool, startEnginePool } from '../support/local-pools.js';
import { listProcesses, processTree, proportionalMegabytes, residentMegabytes } from '../support/process-memory.js';

const samples = 5;
/** The engine's default thread idle timeout (s), plus a margin. */
const threadIdleWaitMs = 10_000 + 3_000;

interface Memory {
  /** Per worker (averaged over the pool's workers), all its processes together, MiB. */
  rss: number;
  pss: number;
  processes: number;
}

/** RSS and PSS of every process tree rooted at a command containing all `markers` (median of samples, averaged over workers). */
async function measure(markers: string[]): Promise<Memory> {
  const table = listProcesses();
  const roots = table.filter((entry) => !entry.command.startsWith('bash ') && markers.every((marker) => entry.command.includes(marker)));
  if (roots.length !== poolWorkers) throw new Error(`[jq/bench] expected ${poolWorkers} worker processes matching ${markers.join(' ')}, found ${roots.length}`);
  const trees = roots.map((root) => processTree(root, table));
  const readings = trees.map(() => ({ rss: [] as number[], pss: [] as number[] }));
  for (let sample = 0; sample < samples; sample += 1) {
    trees.forEach((tree, index) => {
      readings[index]?.rss.push(tree.reduce((sum, entry) => sum + residentMegabytes(entry.pid), 0));
      readings[index]?.pss.push(tree.reduce((sum, entry) => sum + proportionalMegabytes(entry.pid), 0));
    });
    await sleep(200);
  }
  const average = (pick: (reading: { rss: number[]; pss: number[] }) => number[]): number =>
    readings.reduce((sum, reading) => sum + quantile(pick(reading), 0.5), 0) / readings.length;
  return { rss: average((reading) => reading.rss), pss: average((reading) => reading.pss), processes: trees[0]?.length ?? 0 };
}

const busy = (milliseconds: number): number => {
  const until = Date.now() + milliseconds;
  while (Date.now() < until) {
    // Keeps the thread busy so that every thread of the worker gets a task.
  }
  return milliseconds;
};

async function measureEngine(variant: EngineWorkerVariant): Promise<Record<string, Memory>> {
  const entry = variant === 'built' ? builtWorkerEntry : 'worker-main.ts';
  const single = await startEnginePool(poolWorkers, variant);
  const results: Record<string, Memory> = {};
  try {
    await sleep(2_000);
    results.registered = await measure([single.scheduler.address, entry]);
    await single.client.gather(single.client.map((x: number) => x + 1, Array.from({ length: 300 }, (_, index) => index)));
    results.threadAlive = await measure([single.scheduler.address, entry]);
    await sleep(threadIdleWaitMs);
    results.idle = await measure([single.scheduler.address, entry]);
  } finally {
    await single.close();
  }
  const multi = await startEnginePool(poolWorkers, variant, 4);
  try {
    await multi.client.gather(multi.client.map(busy, Array.from({ length: 16 }, () => 100)));
    results.fourThreads = await measure([multi.scheduler.address, entry]);
  } finally {
    await multi.close();
  }
  return results;
}

async function measureDask(): Promise<Memory & { version: string }> {
  const pool = await startDaskPool(poolWorkers);
  try {
    const { version } = await runDaskClient<object>(pool.scheduler, ['throughput', '60', '300'], 90_000);
    await sleep(5_000);
    return { ...(await measure([pool.scheduler.address, 'distributed.cli.dask_worker'])), version };
  } finally {
    await pool.close();
  }
}

await runBenchmark('worker-memory', '5. Worker memory (MiB per worker: all its processes, VmRSS and PSS)', async () => {
  // A worker from source exists only for an engine loaded from source (run by hand with the @jq/source condition).
  const variants: EngineWorkerVariant[] = engineFromSource && builtWorkerAvailable() ? ['built', 'source'] : [defaultWorkerVariant()];
  const engine = new Map<EngineWorkerVariant, Record<string, Memory>>();
  for (const variant of variants) engine.set(variant, await measureEngine(variant));
  const dask = await measureDask();
  const label = { built: 'jq-worker (node dist/worker-main.cjs)', source: 'jq-worker from source (tsx)' } as const;
  const row = (name: string, memory: Memory | undefined): string[] =>
    memory === undefined ? [name, 'n/a', 'n/a', ''] : [name, formatNumber(memory.rss, 1), formatNumber(memory.pss, 1), formatRatio(memory.rss, dask.rss, false)];
  const rows = variants.flatMap((variant) => {
    const memory = engine.get(variant) ?? {};
    const perThread = memory.fourThreads && memory.registered ? (memory.fourThreads.rss - memory.registered.rss) / 4 : Number.NaN;
    return [
      row(`${label[variant]}, registered, no task yet`, memory.registered),
      row(`${label[variant]}, after a warm-up (task thread alive)`, memory.threadAlive),
      row(`${label[variant]}, idle (thread stopped after its 10 s idle timeout)`, memory.idle),
      row(`${label[variant]}, 4 threads, all alive`, memory.fourThreads),
      [`${label[variant]}, each thread adds (RSS)`, formatNumber(perThread, 1), '', ''],
    ];
  });
  rows.push([`dask worker --nanny (${dask.version}), after the warm-up, 5 s idle`, formatNumber(dask.rss, 1), formatNumber(dask.pss, 1), '1.00×']);
  return {
    table: { columns: ['worker', 'RSS MiB', 'PSS MiB', 'RSS smaller than Dask by'], rows },
    figures: { samples, engine: Object.fromEntries(engine), dask },
    notes: [
      'per worker, all its processes (Dask: nanny + worker + resource tracker; jq-worker: one process, its task threads inside), averaged over the 2 workers of the pool; the job script\'s bash is left out on both sides',
      'PSS divides each shared page (node or python binary, libraries) among the processes sharing it: with many workers per node it is what each one adds',
      'jq-worker starts its task thread on the first task and stops it after 10 s without work (--thread-idle-timeout)',
    ],
  };
});
