// A process that owns a Dask scheduler and can be killed outright: it starts the
// scheduler with the options in argv[2] (JSON), prints one JSON line with the scheduler's
// record and the argv of a one-process worker, and then idles until it is killed.
import { jobKeyReference } from '@jq/core';
import { DaskScheduler } from '../../../src/index.js';

const scheduler = new DaskScheduler(JSON.parse(process.argv[2] ?? '{}'));
await scheduler.start();
const worker = scheduler
  .workerCommand({ jobKey: jobKeyReference, pool: 'default', processes: 1, threads: 1, memoryLimit: 512 * 2 ** 20, deathTimeout: 60, extraArgs: [] })
  .map((word) => word.replaceAll(jobKeyReference, 'owned-1'));
process.stdout.write(`${JSON.stringify({ record: scheduler.record(), worker })}\n`);
setInterval(() => undefined, 60_000);
