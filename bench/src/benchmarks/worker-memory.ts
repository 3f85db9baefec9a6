/**
 * 5. Resident memory of an idle worker, read from /proc/<pid>/status (VmRSS) of the real
 * processes: `jq-worker` against `dask worker` with its nanny, each after a short warm-up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { poolWorkers } from '../support/bench-settings.js';
import { quantile } from '../support/bench-timing.js';
import { runDaskClient } from '../support/dask-client.js';
import { builtWorkerAvailable, type EngineWorkerVariant } from '../support/engine-worker-build.js';
import { startDaskPool, startEnginePool } from '../support/local-pools.js';
import { listProcesses, processTree, residentMegabytes, type ProcessEntry } from '../support/process-memory.js';

/** The definition of "idle": this long without a task, after the warm-up. */
const idleMs = 5_000;
const samples = 5;

interface WorkerMemory {
  /** Processes per worker, by role, with their RSS in MiB (median of the samples). */
  processes: Array<{ role: string; megabytes: number }>;
  mainMegabytes: number;
  totalMegabytes: number;
}

function role(entry: ProcessEntry, root: ProcessEntry): string {
  if (entry === root) return root.command.includes('dask_worker') ? 'nanny' : 'jq-worker';
  if (entry.command.includes('spawn_main')) return 'dask worker';
  if (entry.command.includes('resource_tracker')) return 'multiprocessing resource tracker';
  if (entry.command.includes('esbuild')) return 'esbuild (tsx)';
  return entry.command.split(' ')[0] ?? 'other';
}

/** Samples the RSS of every process tree rooted at a command containing all `markers`; averages over workers. */
async function measureTrees(markers: string[], mainRole: string): Promise<WorkerMemory> {
  await sleep(idleMs);
  const table = listProcesses();
  const roots = table.filter((entry) => !entry.command.startsWith('bash ') && markers.every((marker) => entry.command.includes(marker)));
  if (roots.length !== poolWorkers) throw new Error(`[jq/bench] expected ${poolWorkers} worker processes matching ${markers.join(' ')}, found ${roots.length}`);
  const trees = roots.map((root) => processTree(root, table).map((entry) => ({ entry, role: role(entry, root), readings: [] as number[] })));
  for (let sample = 0; sample < samples; sample += 1) {
    for (const tree of trees) for (const member of tree) member.readings.push(residentMegabytes(member.entry.pid));
    await sleep(200);
  }
  const perWorker = trees.map((tree) => tree.map((member) => ({ role: member.role, megabytes: quantile(member.readings, 0.5) })));
  const average = (pick: (processes: Array<{ role: string; megabytes: number }>) => number): number =>
    perWorker.reduce((sum, processes) => sum + pick(processes), 0) / perWorker.length;
  return {
    processes: perWorker[0] ?? [],
    mainMegabytes: average((processes) => processes.find((member) => member.role === mainRole)?.megabytes ?? 0),
    totalMegabytes: average((processes) => processes.reduce((sum, member) => sum + member.megabytes, 0)),
  };
}

async function measureEngine(variant: EngineWorkerVariant): Promise<WorkerMemory> {
  const pool = await startEnginePool(poolWorkers, variant);
  try {
    await pool.client.gather(pool.client.map((x: number) => x + 1, Array.from({ length: 300 }, (_, index) => index)));
    return await measureTrees([pool.scheduler.address, variant === 'built' ? 'dist/worker-main.js' : 'worker-main.ts'], 'jq-worker');
  } finally {
    await pool.close();
  }
}

async function measureDask(): Promise<WorkerMemory & { version: string }> {
  const pool = await startDaskPool(poolWorkers);
  try {
    const { version } = await runDaskClient<object>(pool.scheduler.address, ['throughput', '60', '200'], 90_000);
    return { ...(await measureTrees([pool.scheduler.address, 'distributed.cli.dask_worker'], 'dask worker')), version };
  } finally {
    await pool.close();
  }
}

await runBenchmark('worker-memory', `5. Idle worker memory (VmRSS, MiB per worker, ${idleMs / 1000} s idle after a warm-up)`, async () => {
  const variants: EngineWorkerVariant[] = builtWorkerAvailable() ? ['built', 'source'] : ['source'];
  const engine = new Map<EngineWorkerVariant, WorkerMemory>();
  for (const variant of variants) engine.set(variant, await measureEngine(variant));
  const dask = await measureDask();
  const describe = (memory: WorkerMemory): string => memory.processes.map((member) => `${member.role} ${formatNumber(member.megabytes, 1)}`).join(' + ');
  const label = { built: 'jq-worker (node dist/worker-main.js)', source: 'jq-worker from source (tsx)' } as const;
  const rows = [
    ...variants.map((variant) => {
      const memory = engine.get(variant)!;
      return [label[variant], describe(memory), formatNumber(memory.totalMegabytes, 1), formatRatio(memory.totalMegabytes, dask.totalMegabytes, false)];
    }),
    [`dask worker --nanny (${dask.version})`, describe(dask), formatNumber(dask.totalMegabytes, 1), '1.00×'],
  ];
  return {
    table: { columns: ['worker', 'processes of one worker (MiB)', 'total MiB', 'smaller than Dask by'], rows },
    figures: { idleMs, samples, engine: Object.fromEntries(engine), dask },
    notes: ['per worker, averaged over the 2 workers of the pool; the job script\'s bash is left out on both sides; threads (piscina pool, Dask thread pool) are inside their process'],
  };
});
