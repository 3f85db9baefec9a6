import { formatNumber, formatRatio } from './bench-report.js';
import type { BenchOutcome } from './bench-run.js';
import { quantile } from './bench-timing.js';
import type { medianTimeline, WorkerTimeline } from './worker-timeline.js';

/** One repetition of the Slurm benchmark for one side (times in ms from the scale() call). */
export interface ScaleRun {
  /** How long the repetition waited for the previous one's jobs to leave the queue. */
  waitedForQueueMs: number;
  schedulerStartMs: number;
  /** scale(8) returned: the sbatch was accepted. */
  scaleReturnedMs: number;
  /** The 8th job's StartTime in Slurm (whole seconds). */
  lastAllocatedMs: number;
  firstWorkerMs: number;
  allWorkersMs: number;
  sbatchCalls: number;
  squeueCalls: number;
  /** Every batch command until the 8th worker connected. */
  commands: number;
  /** 2,000 no-op tasks on the 8 workers. */
  tasksPerSecond: number;
  /** scale(0) until none of the jobs is in the queue. */
  scaleZeroMs: number;
  scancelCalls: number;
  closeMs: number;
  /** Jobs in the Slurm queue when this run began (ours of the previous repetition are waited for). */
  otherJobsInQueue: number;
  /** From scale() to the 8th job script starting (Slurm's share). */
  lastJobStartedMs: number;
  /** Median of each worker's start-up steps. */
  timeline: ReturnType<typeof medianTimeline>;
  timelines: WorkerTimeline[];
}

type NumericFigure = Exclude<keyof ScaleRun, 'timeline' | 'timelines'>;

function median(runs: ScaleRun[], pick: (run: ScaleRun) => number): number {
  return quantile(runs.map(pick), 0.5);
}

/** The benchmark's table, figures and notes. */
export function scaleTable(run: { workers: number; repetitions: number; tinyTasks: number; variant: string; engineRuns: ScaleRun[]; daskRuns: ScaleRun[] }): BenchOutcome {
  const { workers, repetitions, engineRuns, daskRuns } = run;
  const seconds = (milliseconds: number): string => (Number.isFinite(milliseconds) ? formatNumber(milliseconds / 1000, 2) : '—');
  const figure = (name: NumericFigure): [number, number] => [median(engineRuns, (r) => r[name]), median(daskRuns, (r) => r[name])];
  const step = (name: keyof ScaleRun['timeline']): [number, number] => [median(engineRuns, (r) => r.timeline[name]), median(daskRuns, (r) => r.timeline[name])];
  const timeRow = (label: string, [engine, dask]: [number, number], ratio = false): string[] => [label, seconds(engine), seconds(dask), ratio ? formatRatio(engine, dask, false) : ''];
  const countRow = (label: string, [engine, dask]: [number, number]): string[] => [label, String(engine), String(dask), ''];
  const range = (runs: ScaleRun[]): string => `${seconds(Math.min(...runs.map((r) => r.allWorkersMs)))}–${seconds(Math.max(...runs.map((r) => r.allWorkersMs)))}`;
  const [engineRate, daskRate] = figure('tasksPerSecond');
  const rows = [
    timeRow(`all ${workers} workers connected, s`, figure('allWorkersMs'), true),
    [`  (min–max of ${repetitions}), s`, range(engineRuns), range(daskRuns), ''],
    timeRow('first worker connected, s', figure('firstWorkerMs'), true),
    ['timeline (median over the 8 workers, s after scale()):', '', '', ''],
    timeRow('  submitted: scale() returned (sbatch accepted)', figure('scaleReturnedMs')),
    timeRow(`  allocated: ${workers}th job's StartTime (1 s steps)`, figure('lastAllocatedMs')),
    timeRow('  job script started', step('scriptStarted')),
    timeRow('  worker process started', step('processStarted')),
    timeRow('  modules loaded', step('modulesLoaded')),
    timeRow('  connected', step('connected')),
    timeRow('  registered', step('registered')),
    timeRow(`  Slurm's share: scale() → ${workers}th job script running`, figure('lastJobStartedMs')),
    [`${run.tinyTasks} no-op tasks on the ${workers} workers, tasks/s`, formatNumber(engineRate), formatNumber(daskRate), formatRatio(engineRate, daskRate, true)],
    timeRow('scale(0) → none of the jobs in the queue, s', figure('scaleZeroMs'), true),
    countRow('  scancel calls in it', figure('scancelCalls')),
    countRow('sbatch calls', figure('sbatchCalls')),
    countRow('squeue calls until connected', figure('squeueCalls')),
    countRow('batch commands until connected', figure('commands')),
    countRow('jobs in the Slurm queue at start (ours: always 0)', figure('otherJobsInQueue')),
    timeRow('waited for the previous repetition to leave the queue, s', figure('waitedForQueueMs')),
    timeRow('scheduler start (before scale), s', figure('schedulerStartMs')),
    timeRow('close(), s', figure('closeMs')),
  ];
  return {
    table: { columns: ['', 'jq-worker jobs', 'Dask worker jobs', 'jq better by'], rows },
    figures: { workers, repetitions, workerVariant: run.variant, engineRuns, daskRuns },
    notes: [
      'timed from the scale() call, the scheduler already started; both clusters submit one `sbatch --array=0-7`; each repetition waits until no job of the benchmark is left in the queue',
      `jq-worker: ${run.variant === 'built' ? 'built (node dist/worker-main.cjs)' : 'from source through tsx'}; Dask workers run under a nanny (dask-jobqueue's default); Dask's worker list is read every 50 ms; Dask workers report no start-up steps of their own`,
      'dask-jobqueue itself is not in this run: Debian bookworm has no python3-dask-jobqueue package and PyPI is not reachable from this machine; the Dask figures are Dask workers deployed by @jq/dask',
    ],
  };
}
