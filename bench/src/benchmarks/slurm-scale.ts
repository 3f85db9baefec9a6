/**
 * 3. scale(8) to 8 connected workers on the real Slurm of ci/slurm: native `jq-worker`
 * jobs (EngineScheduler) against Dask worker jobs (DaskScheduler): the time, a timeline
 * per worker, the batch commands used, 2,000 tiny tasks on the 8 workers, and scale(0)
 * until the queue is empty. Each repetition starts with none of our jobs in the queue.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExecaCommandRunner } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { DaskScheduler } from '@jq/dask';
import { Client, EngineScheduler } from '@jq/engine';
import { createSlurmCluster } from '@jq/slurm';
import { runBenchmark } from '../support/bench-run.js';
import { quick } from '../support/bench-settings.js';
import { waitUntil } from '../support/bench-timing.js';
import { runDaskClient } from '../support/dask-client.js';
import { createEngineScheduler, defaultWorkerVariant } from '../support/engine-worker-build.js';
import { allocationTimes, queueCounts, waitForEmptyQueue } from '../support/slurm-queue.js';
import { scaleTable, type ScaleRun } from '../support/slurm-scale-report.js';
import { buildTimelines, medianTimeline } from '../support/worker-timeline.js';

const workers = 8;
const tinyTasks = 2000;
const connectTimeoutMs = 120_000;
const repetitions = quick ? 1 : 3;

const count = (runner: RecordingCommandRunner, program: string, from = 0): number => runner.calls.slice(from).filter((call) => call.argv[0] === program).length;
const increment = (x: number): number => x + 1;

/** Rate of 2,000 no-op tasks on the 8 workers: the engine's Client, or Dask's Python client. */
async function tinyTaskRate(scheduler: EngineScheduler | DaskScheduler): Promise<number> {
  if (scheduler instanceof EngineScheduler) {
    const client = new Client(scheduler);
    await client.gather(client.map(increment, Array.from({ length: 100 }, (_, index) => index)));
    const started = performance.now();
    const results = await client.gather(client.map(increment, Array.from({ length: tinyTasks }, (_, index) => index)));
    if (results.at(-1) !== tinyTasks) throw new Error('[jq/bench] wrong results for the tiny tasks');
    return tinyTasks / ((performance.now() - started) / 1000);
  }
  const run = await runDaskClient<{ runs: Array<{ seconds: number; completed: number }> }>(scheduler, ['throughput', '120', String(tinyTasks)], 180_000);
  const first = run.runs[0];
  return first === undefined ? Number.NaN : first.completed / first.seconds;
}

async function measure(name: string, scheduler: EngineScheduler | DaskScheduler): Promise<ScaleRun> {
  const waitedForQueueMs = await waitForEmptyQueue(120_000);
  const directory = mkdtempSync(join(tmpdir(), `jq-bench-${name}-`));
  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const startedFile = join(directory, 'job-started');
  const cluster = createSlurmCluster({
    scheduler,
    runner,
    options: {
      name,
      jobName: name,
      cores: 1,
      memory: '1GB',
      walltime: '00:10:00',
      deathTimeout: 30,
      scriptDirectory: join(directory, 'scripts'),
      logDirectory: directory,
      // Wall-clock start of each job script, to split the time into Slurm's part and the worker's.
      jobScriptPrologue: [`echo "$JQ_JOB_KEY $(date +%s%N)" >> ${startedFile}`],
    },
  });
  try {
    const otherJobsInQueue = (await queueCounts()).all;
    const startBegan = performance.now();
    await cluster.start();
    const began = performance.now();
    const beganWallMs = Date.now();
    const connected: number[] = [];
    const registeredWallMs = new Map<string, number>();
    cluster.on('worker-added', (worker) => {
      connected.push(performance.now() - began);
      registeredWallMs.set(worker.jobKey, Date.now());
    });
    await cluster.scale(workers);
    const scaleReturnedMs = performance.now() - began;
    await waitUntil(() => connected.length >= workers, connectTimeoutMs, `${workers} ${name} workers on Slurm`, 10);
    const commandsUntilConnected = runner.calls.length;
    const allocated = await allocationTimes(name);
    const jobStarts = readJobStarts(startedFile);
    const startups = scheduler instanceof EngineScheduler ? scheduler.workerStartups() : [];
    const timelines = buildTimelines(beganWallMs, jobStarts, registeredWallMs, startups);
    const tasksPerSecond = await tinyTaskRate(scheduler);
    const callsBeforeScaleDown = runner.calls.length;
    const scaleDownBegan = performance.now();
    await cluster.scale(0);
    await waitForEmptyQueue(60_000, 20, [name]);
    const scaleZeroMs = performance.now() - scaleDownBegan;
    const scancelCalls = count(runner, 'scancel', callsBeforeScaleDown);
    const closeBegan = performance.now();
    await cluster.close();
    return {
      waitedForQueueMs,
      schedulerStartMs: began - startBegan,
      scaleReturnedMs,
      lastAllocatedMs: allocated.length > 0 ? Math.max(...allocated) - beganWallMs : Number.NaN,
      firstWorkerMs: connected[0] ?? Number.NaN,
      allWorkersMs: connected[workers - 1] ?? Number.NaN,
      sbatchCalls: count(runner, 'sbatch'),
      squeueCalls: runner.calls.slice(0, commandsUntilConnected).filter((call) => call.argv[0] === 'squeue').length,
      commands: commandsUntilConnected,
      tasksPerSecond,
      scaleZeroMs,
      scancelCalls,
      closeMs: performance.now() - closeBegan,
      otherJobsInQueue,
      lastJobStartedMs: Math.max(...jobStarts.values()) - beganWallMs,
      timeline: medianTimeline(timelines),
      timelines,
    };
  } finally {
    await cluster.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Job key → wall-clock milliseconds its script started, from the prologue's lines. */
function readJobStarts(file: string): Map<string, number> {
  const starts = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [job, nanoseconds] = line.trim().split(' ');
    if (job !== undefined && nanoseconds !== undefined) starts.set(job, Number(BigInt(nanoseconds) / 1_000_000n));
  }
  return starts;
}

await runBenchmark('slurm-scale', `3. scale(${workers}) → ${workers} connected workers on real Slurm (1 core, 1 GB per job; median of ${repetitions})`, async () => {
  const variant = defaultWorkerVariant();
  const engineRuns: ScaleRun[] = [];
  const daskRuns: ScaleRun[] = [];
  // Alternating, so a busy moment of the shared machine does not land on one side only.
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    engineRuns.push(await measure('bench-slurm-engine', createEngineScheduler(variant, { host: '127.0.0.1' })));
    daskRuns.push(await measure('bench-slurm-dask', new DaskScheduler({ host: '127.0.0.1', pollInterval: 50 })));
  }
  return scaleTable({ workers, repetitions, tinyTasks, variant, engineRuns, daskRuns });
});
