// Terminal 1: a named cluster. Its journal lets any other process of yours find it by name.
import { isTerminalState, JobQueueCluster } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';

const name = process.argv[2] ?? 'analysis';
const cluster = new JobQueueCluster({ backend: localBackend, scheduler: new EngineScheduler(), options: { name, cores: 1, memory: '1GB' } });
await cluster.scale(1);
console.log(`cluster ${cluster.name} is up, journal in ${cluster.journalDirectory}`);
// Work goes on here; meanwhile another process asks for a second job.
while (cluster.targetJobs() < 2) await new Promise((resolve) => setTimeout(resolve, 200));
await cluster.settled();
console.log(`scaled from another process to ${cluster.targetJobs()} jobs`);
await cluster.close();
const live = cluster.jobs().filter((job) => !isTerminalState(job.state));
console.log(`closed; ${cluster.jobs().length} jobs, ${live.length} still live`);
