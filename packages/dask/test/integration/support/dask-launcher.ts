// The user's process that launches a detached @jq/dask cluster and leaves: it starts the
// cluster's manager in a process of its own (which restores the Dask scheduler from its
// journal record), waits until both workers are in, prints the cluster's name, and exits.
import { JobQueueCluster } from '@jq/core';
import { localBackend } from '@jq/local';
import { DaskScheduler } from '../../../src/index.js';

const name = process.argv[2]!;
// Core waits for the manager on unref'd timers: without a handle of its own, Node would end this process mid-launch (exit 13).
const keepAlive = setInterval(() => undefined, 1000);
const cluster = await JobQueueCluster.launch({
  backend: localBackend,
  scheduler: new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 }),
  options: { name, cores: 1, memory: '1GB', deathTimeout: 60, pollInterval: 0.5 },
  config: false,
  placement: 'process',
  detach: true,
  scale: { jobs: 2 },
});
while (cluster.workers().length < 2) await new Promise((resolve) => setTimeout(resolve, 250));
process.stdout.write(`${JSON.stringify({ name: cluster.name })}\n`);
clearInterval(keepAlive);
process.exit(0);
