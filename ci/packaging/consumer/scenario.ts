// The TypeScript twin of scenario.mjs, typechecked (tsc --strict) against the packed .d.ts
// files under node16 and bundler module resolution.
import { isTerminalState, JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
import { slurmBackend } from '@jq/slurm';

const preview = new JobQueueCluster({
  backend: slurmBackend,
  scheduler: new EngineScheduler(),
  options: { cores: 2, memory: '4GB', walltime: '00:30:00', queue: 'normal', account: 'consumer-test' },
});
const slurmScript: string = preview.jobScript();
await preview.close();

const scheduler = new EngineScheduler();
const cluster = new JobQueueCluster({ backend: localBackend, scheduler, options: { cores: 1, memory: '1GB' } });
const client = new Client(scheduler);
let squares: number[] = [];
try {
  await cluster.scale(2);
  await client.waitForWorkers(2, { timeout: 120 });
  const tasks = client.module<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  squares = await client.gather(client.map(tasks.square, Array.from({ length: 10 }, (_, index) => index)));
} finally {
  await cluster.close();
}
const jobsLeft: number = cluster.jobs().filter((job) => !isTerminalState(job.state)).length;
console.log(JSON.stringify({ slurmScript, squares, jobsLeft }));
