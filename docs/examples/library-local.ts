// Two workers as jobs of the local backend (processes on this machine), four tasks, and
// nothing left running afterwards. Swap localBackend for slurmBackend (and set queue,
// account, walltime) to run the same code on a cluster.
import { JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';

const scheduler = new EngineScheduler();
await using cluster = new JobQueueCluster({ backend: localBackend, scheduler, options: { cores: 1, memory: '1GB' } });
const client = new Client(scheduler);

await cluster.scale(2); // two workers: each is a job here
await client.waitForWorkers(2, { timeout: 120 });

const tasks = client.module<typeof import('./tasks.js')>(new URL('./tasks.ts', import.meta.url));
const squares = await client.gather(client.map(tasks.square, [1, 2, 3, 4]));
console.log('squares:', squares.join(' '));
// Leaving the block (like close(), Ctrl-C or the process exiting) cancels every job the cluster submitted.
