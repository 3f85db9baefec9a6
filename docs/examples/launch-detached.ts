// A cluster that outlives this terminal: its manager (and scheduler) runs in a batch job
// of its own, and this process may leave. Later, from anywhere: attach by name, or down.
import { JobQueueCluster } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { slurmBackend } from '@jq/slurm';

const cluster = await JobQueueCluster.launch({
  backend: slurmBackend,
  scheduler: new EngineScheduler({ host: '0.0.0.0' }),
  options: { name: 'overnight', cores: 8, memory: '16GB', walltime: '08:00:00', queue: 'normal' },
  placement: 'job', // or 'process': a detached process on this host
  detach: true,
  adapt: { minimum: 0, maximum: 40 },
});
console.log(`${cluster.name} runs; scheduler at ${cluster.schedulerAddress}`);
// Tomorrow, in another session:
//   const again = await JobQueueCluster.attach('overnight');
//   await JobQueueCluster.down('overnight');
