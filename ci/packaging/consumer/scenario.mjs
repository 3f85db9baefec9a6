// A plain npm user's first program, run with `node scenario.mjs` in a project that installed
// the packed tarballs: preview a Slurm job script, then a local cluster with the engine
// scheduler runs a map of 10 tasks and closes. Prints one JSON line for the test to check.
import { isTerminalState, JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
import { slurmBackend } from '@jq/slurm';

const preview = new JobQueueCluster({
  backend: slurmBackend,
  scheduler: new EngineScheduler(),
  options: { cores: 2, memory: '4GB', walltime: '00:30:00', queue: 'normal', account: 'consumer-test' },
});
const slurmScript = preview.jobScript();
await preview.close();

const scheduler = new EngineScheduler();
const cluster = new JobQueueCluster({ backend: localBackend, scheduler, options: { cores: 1, memory: '1GB' } });
const client = new Client(scheduler);
let squares;
try {
  await cluster.scale(2);
  await client.waitForWorkers(2, { timeout: 120 });
  const tasks = client.module(new URL('./tasks.mjs', import.meta.url));
  squares = await client.gather(client.map(tasks.square, Array.from({ length: 10 }, (_, index) => index)));
} finally {
  await cluster.close();
}
const jobsLeft = cluster.jobs().filter((job) => !isTerminalState(job.state)).length;
console.log(JSON.stringify({ slurmScript, squares, jobs: cluster.jobs().length, jobsLeft }));
