/**
 * 3. scale(8) to 8 connected workers on the real Slurm of ci/slurm: native `jq-worker`
 * jobs (EngineScheduler) against Dask worker jobs (DaskScheduler), with the number of
 * sbatch and squeue calls each needed, counted by a RecordingCommandRunner around the
 * real command runner.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExecaCommandRunner, type SchedulerV1 } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { DaskScheduler } from '@jq/dask';
import { createSlurmCluster } from '@jq/slurm';
import { execa } from 'execa';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { quick } from '../support/bench-settings.js';
import { quantile, waitUntil } from '../support/bench-timing.js';
import { createEngineScheduler, defaultWorkerVariant } from '../support/engine-worker-build.js';

const workers = 8;
const connectTimeoutMs = 120_000;
const repetitions = quick ? 1 : 3;

interface ScaleRun {
  schedulerStartMs: number;
  /** scale(8) returned: the sbatch was accepted. */
  scaleReturnedMs: number;
  firstWorkerMs: number;
  allWorkersMs: number;
  sbatchCalls: number;
  squeueCalls: number;
  /** Every batch command until the 8th worker connected. */
  commands: number;
  closeMs: number;
  scancelCalls: number;
  /** From scale() to the 8th job script starting (Slurm's share). */
  lastJobStartedMs: number;
  /** Median time from a job script starting to its worker connecting (the worker's share). */
  workerStartupMs: number;
  /** Jobs of others in the Slurm queue when this run began (they compete for the 8 CPUs). */
  otherJobsInQueue: number;
}

const count = (runner: RecordingCommandRunner, program: string): number => runner.calls.filter((call) => call.argv[0] === program).length;

async function measure(name: string, scheduler: SchedulerV1): Promise<ScaleRun> {
  const directory = mkdtempSync(join(tmpdir(), `jq-bench-${name}-`));
  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const startedFile = join(directory, 'job-started');
  const cluster = createSlurmCluster({
    scheduler,
    runner,
    options: {
      name,
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
    const queue = await execa('squeue', ['--noheader', '--format=%i'], { reject: false, timeout: 15_000 });
    const otherJobsInQueue = queue.stdout.split('\n').filter(Boolean).length;
    const startBegan = performance.now();
    await cluster.start();
    const began = performance.now();
    const beganWallMs = Date.now();
    const connected: number[] = [];
    const connectedWallMs = new Map<string, number>();
    cluster.on('worker-added', (worker) => {
      connected.push(performance.now() - began);
      connectedWallMs.set(worker.jobKey, Date.now());
    });
    await cluster.scale(workers);
    const scaleReturnedMs = performance.now() - began;
    await waitUntil(() => connected.length >= workers, connectTimeoutMs, `${workers} ${name} workers on Slurm`, 10);
    const sbatchCalls = count(runner, 'sbatch');
    const squeueCalls = count(runner, 'squeue');
    const commands = runner.calls.length;
    const jobStarts = readJobStarts(startedFile);
    const closeBegan = performance.now();
    await cluster.close();
    return {
      schedulerStartMs: began - startBegan,
      scaleReturnedMs,
      firstWorkerMs: connected[0] ?? Number.NaN,
      allWorkersMs: connected[workers - 1] ?? Number.NaN,
      sbatchCalls,
      squeueCalls,
      commands,
      closeMs: performance.now() - closeBegan,
      scancelCalls: count(runner, 'scancel'),
      otherJobsInQueue,
      lastJobStartedMs: Math.max(...jobStarts.values()) - beganWallMs,
      workerStartupMs: quantile([...connectedWallMs].map(([job, at]) => at - (jobStarts.get(job) ?? Number.NaN)), 0.5),
    };
  } finally {
    await cluster.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Job name → wall-clock milliseconds its script started, from the prologue's lines. */
function readJobStarts(file: string): Map<string, number> {
  const starts = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [job, nanoseconds] = line.trim().split(' ');
    if (job !== undefined && nanoseconds !== undefined) starts.set(job, Number(BigInt(nanoseconds) / 1_000_000n));
  }
  return starts;
}

type Figure = keyof ScaleRun;

/** Median of each figure over the repetitions, and the spread of the times. */
function summarize(runs: ScaleRun[]): Record<Figure, number> & { allWorkersRangeMs: [number, number] } {
  const figures = Object.keys(runs[0] ?? {}) as Figure[];
  const medians = Object.fromEntries(figures.map((figure) => [figure, quantile(runs.map((run) => run[figure]), 0.5)])) as Record<Figure, number>;
  const all = runs.map((run) => run.allWorkersMs);
  return { ...medians, allWorkersRangeMs: [Math.min(...all), Math.max(...all)] };
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
  const engine = summarize(engineRuns);
  const dask = summarize(daskRuns);
  const seconds = (milliseconds: number): string => formatNumber(milliseconds / 1000, 2);
  const range = (value: [number, number]): string => `${seconds(value[0])}–${seconds(value[1])}`;
  const rows = [
    ['scale() returned (sbatch accepted), s', seconds(engine.scaleReturnedMs), seconds(dask.scaleReturnedMs), formatRatio(engine.scaleReturnedMs, dask.scaleReturnedMs, false)],
    ['first worker connected, s', seconds(engine.firstWorkerMs), seconds(dask.firstWorkerMs), formatRatio(engine.firstWorkerMs, dask.firstWorkerMs, false)],
    [`all ${workers} workers connected, s`, seconds(engine.allWorkersMs), seconds(dask.allWorkersMs), formatRatio(engine.allWorkersMs, dask.allWorkersMs, false)],
    [`  (min–max of ${repetitions}), s`, range(engine.allWorkersRangeMs), range(dask.allWorkersRangeMs), ''],
    [`  of which Slurm: scale() → ${workers}th job script running, s`, seconds(engine.lastJobStartedMs), seconds(dask.lastJobStartedMs), ''],
    ['  worker start-up: job script → connected (median), s', seconds(engine.workerStartupMs), seconds(dask.workerStartupMs), formatRatio(engine.workerStartupMs, dask.workerStartupMs, false)],
    ['sbatch calls', String(engine.sbatchCalls), String(dask.sbatchCalls), ''],
    ['squeue calls', String(engine.squeueCalls), String(dask.squeueCalls), ''],
    ['batch commands in all', String(engine.commands), String(dask.commands), ''],
    ['other jobs in the Slurm queue at start (median)', String(engine.otherJobsInQueue), String(dask.otherJobsInQueue), ''],
    ['scheduler start (before scale), s', seconds(engine.schedulerStartMs), seconds(dask.schedulerStartMs), ''],
    ['close() (retire + scancel), s', seconds(engine.closeMs), seconds(dask.closeMs), ''],
  ];
  return {
    table: { columns: ['', 'jq-worker jobs', 'Dask worker jobs', 'jq faster by'], rows },
    figures: { workers, repetitions, workerVariant: variant, engine, dask, engineRuns, daskRuns },
    notes: [
      'timed from the scale() call, the scheduler already started; both clusters submit one `sbatch --array=0-7`; squeue runs once per poll interval (2 s) while jobs change, so its count follows the time taken',
      `jq-worker: ${variant === 'built' ? 'built (node dist/worker-main.js)' : 'from source through tsx'}; Dask workers run under a nanny (dask-jobqueue's default); Dask's worker list is read every 50 ms`,
    ],
  };
});
