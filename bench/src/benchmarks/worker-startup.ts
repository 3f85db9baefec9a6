/**
 * 0. Worker cold start: from exec of the worker process to its registration with the
 * scheduler, one worker at a time (the machine otherwise as idle as it gets), with the
 * worker's own timeline. Baselines in the same run: bare `node` opening a TCP connection,
 * and `dask worker --nanny` registering with a Dask scheduler.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SchedulerV1, WorkerLaunch } from '@jq/core';
import { DaskScheduler } from '@jq/dask';
import type { EngineScheduler } from '@jq/engine';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { quick } from '../support/bench-settings.js';
import { quantile } from '../support/bench-timing.js';
import { createEngineScheduler, defaultWorkerVariant } from '../support/engine-worker-build.js';

const repetitions = quick ? 3 : 9;
const launch = (jobKey: string): WorkerLaunch => ({ jobKey, pool: 'default', processes: 1, threads: 1, memoryLimit: 1e9, deathTimeout: 30, extraArgs: [] });

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exit;
}

/** Milliseconds from spawning `node -e` (connect and write one byte) to the byte arriving. */
async function bareNode(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const arrived = new Promise<void>((resolve) => server.once('connection', (socket) => socket.once('data', () => resolve())));
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', `require('net').connect(${port}, '127.0.0.1', function () { this.end('x'); })`], { stdio: 'ignore' });
  await arrived;
  const elapsed = performance.now() - started;
  await stopped(child);
  await new Promise((resolve) => server.close(resolve));
  return elapsed;
}

/** Milliseconds from spawning the scheduler's worker command to `worker-added`, and the worker's own steps. */
async function coldStart(scheduler: SchedulerV1, jobKey: string): Promise<{ total: number; steps?: { loaded: number; connected: number; registered: number } }> {
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
  const startup = 'workerStartups' in scheduler ? (scheduler as EngineScheduler).workerStartups().find((worker) => worker.jobKey === jobKey) : undefined;
  await stopped(child);
  if (startup === undefined) return { total };
  return { total, steps: { loaded: startup.modulesLoaded - spawnedAt, connected: startup.connected - spawnedAt, registered: startup.registered - spawnedAt } };
}

await runBenchmark('worker-startup', `0. Worker cold start: exec → registered, one at a time (median of ${repetitions})`, async () => {
  const variant = defaultWorkerVariant();
  const bare: number[] = [];
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
  const daskRuns: number[] = [];
  try {
    for (let index = 0; index < Math.min(repetitions, 5); index += 1) daskRuns.push((await coldStart(dask, `dask-cold-${index}`)).total);
  } finally {
    await dask.close();
  }
  const median = (values: number[]): number => quantile(values, 0.5);
  const engineTotal = median(engineRuns.map((run) => run.total));
  const step = (pick: (steps: { loaded: number; connected: number; registered: number }) => number): number =>
    median(engineRuns.flatMap((run) => (run.steps === undefined ? [] : [pick(run.steps)])));
  const ms = (value: number): string => formatNumber(value, 0);
  const rows = [
    ['jq-worker: exec → registered', ms(engineTotal), ms(Math.min(...engineRuns.map((run) => run.total))), formatRatio(engineTotal, median(daskRuns), false)],
    ['  exec → modules loaded', ms(step((steps) => steps.loaded)), '', ''],
    ['  exec → connected', ms(step((steps) => steps.connected)), '', ''],
    ['  exec → registered (scheduler clock)', ms(step((steps) => steps.registered)), '', ''],
    ['bare node: exec → TCP connection open and a byte sent', ms(median(bare)), ms(Math.min(...bare)), ''],
    ['dask worker --nanny: exec → registered', ms(median(daskRuns)), ms(Math.min(...daskRuns)), '1.00×'],
  ];
  return {
    table: { columns: ['worker', 'median ms', 'min ms', 'faster than Dask by'], rows },
    figures: { repetitions, workerVariant: variant, bareNodeMs: bare, engineRuns, daskMs: daskRuns },
    notes: [
      `jq-worker ${variant === 'built' ? 'built (node dist/worker-main.cjs, one bundled file)' : 'from source through tsx'}; steps are wall-clock times the worker reports, counted from the spawn`,
      'the gap between bare node and jq-worker is what the worker itself costs; the rest is Node starting, which depends on the machine\'s load',
    ],
  };
});
