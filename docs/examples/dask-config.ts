// A dask-jobqueue user's own config file, read as it is: run with DASK_CONFIG pointing at
// the folder that holds it (dask's ~/.config/dask is read the same way when there is no
// jobqueue.yaml of ours).
import { JobQueueCluster } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { slurmBackend } from '@jq/slurm';

const cluster = new JobQueueCluster({ backend: slurmBackend, scheduler: new EngineScheduler() });
for (const notice of cluster.notices) console.log(`notice: ${notice}`);
const { cores, memory, account, jobName, jobScriptPrologue, jobExtraDirectives } = cluster.options;
console.log({ cores, memory, account, jobName, jobScriptPrologue, jobExtraDirectives });
console.log(cluster.jobScript());
await cluster.close();
