/**
 * jobqueue quickstart: start 4 workers as jobs on the local backend, estimate π from
 * 2,000 Monte Carlo tasks, scale down and close, leaving no job behind.
 *
 *   pnpm install && pnpm demo
 */
import { isTerminalState, JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
import { Presets, SingleBar } from 'cli-progress';
import { estimatePi } from './pi-tasks.js';

const workers = 4;
const taskCount = 2_000;
const samplesPerTask = 100_000;

const scheduler = new EngineScheduler();
const cluster = new JobQueueCluster({ backend: localBackend, scheduler, options: { cores: 1, memory: '1GB', processes: 1 } });
const client = new Client(scheduler);
cluster.on('error', (error) => console.error(`cluster: ${error.message}`));

let inside = 0;
let seconds = 0;
try {
  console.log(`Starting ${workers} workers as local jobs…`);
  await cluster.scale(workers);
  await client.waitForWorkers(workers, { timeout: 120 });
  console.log(`Workers: ${scheduler.workers().map((worker) => worker.name).join(', ')}`);

  const tasks = client.module<typeof import('./pi-tasks.js')>(new URL('./pi-tasks.ts', import.meta.url));
  const bar = new SingleBar(
    // Without a terminal (CI, pipes) the bar prints a line per second instead of redrawing.
    { format: 'Monte Carlo π |{bar}| {value}/{total} tasks  {percentage}%  {duration_formatted}', noTTYOutput: true, notTTYSchedule: 1000 },
    Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(taskCount, 0);
  const futures = client.map(tasks.countInside, Array.from({ length: taskCount }, () => samplesPerTask));
  for await (const completed of client.asCompleted(futures)) {
    if (!completed.ok) throw completed.error;
    inside += completed.value;
    bar.increment();
  }
  bar.stop();
  seconds = (performance.now() - started) / 1000;

  console.log('Scaling down to 0…');
  await cluster.scale(0);
} finally {
  await cluster.close();
}

// close() cancelled every job and asked the batch system (here: the process table) once more.
const left = cluster.jobs().filter((job) => !isTerminalState(job.state));
const estimate = estimatePi(inside, taskCount * samplesPerTask);
console.log(`π ≈ ${estimate.toFixed(6)} (error ${Math.abs(estimate - Math.PI).toExponential(2)}) from ${(taskCount * samplesPerTask).toLocaleString('en')} samples`);
console.log(`${taskCount} tasks in ${seconds.toFixed(2)} s: ${Math.round(taskCount / seconds)} tasks/s on ${workers} workers`);
console.log(left.length === 0 ? `No job left: all ${cluster.jobs().length} jobs ended (${[...new Set(cluster.jobs().map((job) => job.state))].join(', ')}).` : `Jobs still alive: ${left.map((job) => `${job.key} (${job.state})`).join(', ')}`);
process.exitCode = left.length === 0 ? 0 : 1;
