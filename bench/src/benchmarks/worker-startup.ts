/**
 * 0. Worker cold start: from exec of the worker process to its registration with the
 * scheduler, one worker at a time, with the worker's own timeline, the CPU time it took
 * (steadier than wall time on a loaded machine) and its memory once registered and idle.
 * Baselines in the same run: bare `node` opening a TCP connection, and `dask worker
 * --nanny` registering with a Dask scheduler.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SchedulerV1, WorkerLaunch } from '@jq/core';
import { DaskScheduler } from '@jq/dask';
import type { EngineScheduler } from '@jq/engine';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { quick } from '../support/bench-settings.js';
import { quantile } from '../support/bench-timing.js';
import { builtWorkerEntry, createEngineScheduler, defaultWorkerVariant } from '../support/engine-worker-build.js';
import { cpuMilliseconds } from '../support/process-cpu.js';
import { listProcesses, processTree, proportionalMegabytes, residentMegabytes } from '../support/process-memory.js';

const repetitions = quick ? 3 : 10;
/** How long a registered worker is left idle before its memory is read. */
const settleMs = 1_000;
const launch = (jobKey: string): WorkerLaunch => ({ jobKey, pool: 'default', processes: 1, threads: 1, memoryLimit: 1e9, deathTimeout: 30, extraArgs: [] });

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exit;
}

/** One start: wall ms to the goal, CPU ms of the process tree by then, MiB resident and proportional once idle. */
interface Start {
  total: number;
  cpu: number;
  rss: number;
  pss: number;
}

/** CPU ms of `pid` and its descendants now. */
function treeCpu(pid: number): number {
  const table = listProcesses();
  const root = table.find((entry) => entry.pid === pid);
  return root === undefined ? 0 : processTree(root, table).reduce((sum, entry) => sum + cpuMilliseconds(entry.pid), 0);
}

/** RSS and PSS (MiB) of `pid` and its descendants, after `settleMs` idle. */
async function treeMemory(pid: number): Promise<{ rss: number; pss: number }> {
  await sleep(settleMs);
  const table = listProcesses();
  const root = table.find((entry) => entry.pid === pid);
  const tree = root === undefined ? [] : processTree(root, table);
  return { rss: tree.reduce((sum, entry) => sum + residentMegabytes(entry.pid), 0), pss: tree.reduce((sum, entry) => sum + proportionalMegabytes(entry.pid), 0) };
}

/** Spawning `node -e` that connects and writes one byte, to the byte arriving; the process then stays idle. */
async function bareNode(): Promise<Start> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const arrived = new Promise<void>((resolve) => server.once('connection', (socket) => socket.once('data', () => resolve())));
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', `require('net').connect(${port}, '127.0.0.1', function () { this.write('x'); })`], { stdio: 'ignore' });
  await arrived;
  const total = performance.now() - started;
  const cpu = treeCpu(child.pid ?? 0);
  const memory = await treeMemory(child.pid ?? 0);
  await stopped(child);
  await new Promise((resolve) => server.close(resolve));
  return { total, cpu, ...memory };
}

/** Milliseconds from spawning the scheduler's worker command to `worker-added`, and the worker's own steps. */
async function coldStart(scheduler: SchedulerV1, jobKey: string): Promise<Start & { steps?: { loaded: number; connected: number; registered: number } }> {
  const [command, ...args] = scheduler.workerCommand(launch(jobKey)) as [string, ...string[]];
  const added = new Promise<void>((resolve) => {
    const listener = (worker: { jobKey: string }): void => {
      if (worker.jobKey !== jobKey) return;
      scheduler.off('worker-added', listener);
      resolve();
    };
    scheduler.on('worker-added', listener);
  });
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...scheduler.workerEnvironment() }, stdio: 'ignore' });
  await added;
  const total = performance.now() - started;
  const cpu = treeCpu(child.pid ?? 0);
  const memory = await treeMemory(child.pid ?? 0);
  const startup = 'workerStartups' in scheduler ? (scheduler as EngineScheduler).workerStartups().find((worker) => worker.jobKey === jobKey) : undefined;
  await stopped(child);
  if (startup === undefined) return { total, cpu, ...memory };
  return { total, cpu, ...memory, steps: { loaded: startup.modulesLoaded - spawnedAt, connected: startup.connected - spawnedAt, registered: startup.registered - spawnedAt } };
}

await runBenchmark('worker-startup', `0. Worker cold start: exec → registered, one at a time (median and range of ${repetitions})`, async () => {
  const variant = defaultWorkerVariant();
  const loadAtStart = loadavg();
  const bare: Start[] = [];
  for (let index = 0; index < repetitions; index += 1) bare.push(await bareNode());
  const engine = createEngineScheduler(variant, { httpPort: false });
  await engine.start();
  const engineRuns: Array<Awaited<ReturnType<typeof coldStart>>> = [];
  try {
    for (let index = 0; index < repetitions; index += 1) {
      engineRuns.push(await coldStart(engine, `cold-${index}`));
      await sleep(300);
    }
  } finally {
    await engine.close();
  }
  const dask = new DaskScheduler({ host: '127.0.0.1', pollInterval: 20 });
  await dask.start();
  const daskRuns: Start[] = [];
  try {
    for (let index = 0; index < Math.min(repetitions, 5); index += 1) daskRuns.push(await coldStart(dask, `dask-cold-${index}`));
  } finally {
    await dask.close();
  }
  const loadAtEnd = loadavg();
  const median = (values: number[]): number => quantile(values, 0.5);
  const spread = (values: number[], digits: number): string =>
    `${formatNumber(median(values), digits)} (${formatNumber(Math.min(...values), digits)}–${formatNumber(Math.max(...values), digits)})`;
  const step = (pick: (steps: { loaded: number; connected: number; registered: number }) => number): string =>
    spread(engineRuns.flatMap((run) => (run.steps === undefined ? [] : [pick(run.steps)])), 0);
  const figures = (name: string, runs: Start[], ratio: string): string[] => [
    name,
    spread(runs.map((run) => run.total), 0),
    spread(runs.map((run) => run.cpu), 0),
    spread(runs.map((run) => run.rss), 1),
    spread(runs.map((run) => run.pss), 1),
    ratio,
  ];
  const daskTotal = median(daskRuns.map((run) => run.total));
  const rows = [
    figures('jq-worker: exec → registered', engineRuns, formatRatio(median(engineRuns.map((run) => run.total)), daskTotal, false)),
    ['  exec → modules loaded', step((steps) => steps.loaded), '', '', '', ''],
    ['  exec → connected', step((steps) => steps.connected), '', '', '', ''],
    ['  exec → registered (scheduler clock)', step((steps) => steps.registered), '', '', '', ''],
    figures('bare node: exec → TCP connection open and a byte sent', bare, ''),
    figures('dask worker --nanny: exec → registered', daskRuns, '1.00×'),
  ];
  const load = (values: number[]): string => values.map((value) => value.toFixed(2)).join(' ');
  return {
    table: { columns: ['worker', 'wall ms', 'CPU ms (user+sys)', `RSS MiB, ${settleMs / 1000} s idle`, 'PSS MiB', 'faster than Dask by'], rows },
    figures: { repetitions, workerVariant: variant, workerEntry: variant === 'built' ? builtWorkerEntry : 'source', loadAtStart, loadAtEnd, bareNode: bare, engineRuns, daskRuns },
    notes: [
      `each cell: median (min–max) of ${repetitions} starts one after the other (Dask: ${daskRuns.length}); load average ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end`,
      `jq-worker ${variant === 'built' ? `built (node ${builtWorkerEntry}, one bundled file)` : 'from source through tsx'}, 1 thread (started on the first task: none here); steps are wall-clock times the worker reports, counted from the spawn`,
      'CPU: all threads of the process tree (/proc/<pid>/task/*/schedstat) when registered; on a loaded machine it moves far less than wall time, which waits for a core',
      "the gap between bare node and jq-worker is what the worker itself costs; the rest is Node starting, which depends on the machine's load",
    ],
  };
});
