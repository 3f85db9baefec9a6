import type {
  DashboardEvent,
  DashboardJob,
  DashboardJobState,
  DashboardSnapshot,
  DashboardWork,
  DashboardWorker,
} from '../../src/index.js';

const gibibyte = 1024 ** 3;

/** A small deterministic random source, so a failing test shows the same data again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A job whose fields follow its state, as a server would send it. */
export function makeJob(index: number, now: number, state: DashboardJobState = 'running', pool = 'default'): DashboardJob {
  const submittedAt = now - 3_600_000 + index * 1_000;
  const job: DashboardJob = {
    key: `demo-${index}`,
    id: String(4_000_000 + index),
    pool,
    state,
    native: nativeOf(state),
    submittedAt,
    walltime: 7_200,
  };
  if (state === 'queued') job.reason = index % 2 === 0 ? 'Priority' : 'Resources';
  if (state === 'held') job.reason = 'JobHeldUser';
  if (['running', 'completing', 'completed', 'failed', 'timeout', 'out-of-memory'].includes(state)) {
    job.startedAt = submittedAt + 120_000;
    job.host = `node${String(index % 64).padStart(3, '0')}`;
  }
  if (['completed', 'failed', 'cancelled', 'timeout', 'out-of-memory'].includes(state)) {
    job.endedAt = Math.min(now, (job.startedAt ?? submittedAt) + 600_000);
    job.exitCode = state === 'completed' ? 0 : 1;
  }
  return job;
}

function nativeOf(state: DashboardJobState): string {
  const codes: Partial<Record<DashboardJobState, string>> = {
    queued: 'PD',
    held: 'PD',
    running: 'R',
    completing: 'CG',
    completed: 'CD',
    failed: 'F',
  };
  return codes[state] ?? state.toUpperCase();
}

/** A worker in job `demo-<index>`. */
export function makeWorker(index: number, now: number, pool = 'default'): DashboardWorker {
  return {
    name: `demo-${index}-worker`,
    jobKey: `demo-${index}`,
    pool,
    host: `node${String(index % 64).padStart(3, '0')}`,
    status: 'running',
    threads: 4,
    runningTasks: index % 5,
    tasksDone: index * 3,
    tasksFailed: index % 17 === 0 ? 1 : 0,
    memoryUsed: (1 + (index % 3)) * gibibyte,
    memoryLimit: 4 * gibibyte,
    lifetimeLeft: 3_000 - index,
    connectedAt: now - 1_800_000,
  };
}

/** The work section with a throughput point every 5 s over the last 10 minutes. */
export function makeWork(now: number, random: () => number): DashboardWork {
  const throughput: DashboardWork['throughput'] = [];
  for (let time = now - 595_000; time <= now; time += 5_000) throughput.push([time, Math.round(random() * 400) / 10]);
  return {
    totals: { submitted: 50_000, done: 42_000, failed: 12, running: 1_500, queued: 6_488 },
    throughput,
    functions: [
      { name: 'simulate', done: 40_000, failed: 10, running: 1_400 },
      { name: 'reduce', done: 2_000, failed: 2, running: 100 },
    ],
    failures: [{ time: now - 30_000, function: 'simulate', error: 'ValueError: negative temperature\n  at simulate (model.ts:12:7)' }],
  };
}

/** A snapshot with the given numbers of jobs and workers, over two pools. */
export function makeSnapshot(options: { jobs: number; workers: number; now: number; daskDashboardUrl?: string }): DashboardSnapshot {
  const { now } = options;
  const random = seededRandom(7);
  const states: DashboardJobState[] = [
    'running',
    'running',
    'running',
    'running',
    'running',
    'running',
    'queued',
    'queued',
    'completed',
    'held',
  ];
  const jobs = Array.from({ length: options.jobs }, (_, index) =>
    makeJob(index, now, states[index % states.length], index % 4 === 0 ? 'gpu' : 'default'),
  );
  const workers = Array.from({ length: options.workers }, (_, index) => makeWorker(index, now, index % 4 === 0 ? 'gpu' : 'default'));
  const events: DashboardEvent[] = [
    { time: now - 3_600_000, kind: 'submitted', message: `submitted ${options.jobs} jobs (array 4000000)` },
    {
      time: now - 60_000,
      kind: 'error',
      message: 'squeue failed (exit 1); keeping the last known states',
      detail: 'slurm_load_jobs error: Socket timed out on send/recv operation',
    },
  ];
  return {
    version: 2,
    cluster: {
      name: 'demo',
      backend: 'slurm',
      scheduler: 'engine',
      schedulerAddress: 'tcp://10.0.0.5:8786',
      ...(options.daskDashboardUrl === undefined ? {} : { daskDashboardUrl: options.daskDashboardUrl }),
      startedAt: now - 3_700_000,
      now,
      closed: false,
    },
    jobs,
    workers,
    work: makeWork(now, random),
    adapt: {
      active: true,
      bounds: { default: { minimum: 0, maximum: 1_000 }, gpu: { minimum: 0, maximum: 250 } },
      decisions: [
        {
          time: now - 20_000,
          pool: 'default',
          action: 'scale-up',
          target: 750,
          desiredJobs: 800,
          current: 700,
          queued: 200,
          reason: '6,488 tasks queued; 200 jobs still queued in the batch system',
        },
      ],
      targets: Array.from({ length: 60 }, (_, index) => [now - 590_000 + index * 10_000, 750, 600 + index] as [number, number, number]),
    },
    events,
  };
}
