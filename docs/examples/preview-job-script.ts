// The first step on a real cluster: look at the job script before anything is submitted.
// Building a cluster validates every option and runs no command.
import { JobQueueCluster } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { slurmBackend } from '@jq/slurm';

const cluster = new JobQueueCluster({
  backend: slurmBackend,
  scheduler: new EngineScheduler({ host: '0.0.0.0' }), // compute nodes must reach the scheduler
  options: { cores: 8, memory: '16GB', processes: 2, walltime: '01:00:00', queue: 'normal', account: 'my-project' },
});
console.log(cluster.jobScript()); // the #SBATCH script; the scheduler's secret shows as <redacted>
await cluster.close();
