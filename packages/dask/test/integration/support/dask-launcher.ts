// The user's process that launches a detached @jq/dask cluster and leaves: it starts the
// cluster's manager (a detached process, or a batch job of its own), which restores the
// Dask scheduler from its journal record, waits until both workers are in, prints the
// cluster's name, and exits.
// usage: dask-launcher.ts <name> local|slurm process|job
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { JobQueueCluster } from '@jq/core';
import { localBackend } from '@jq/local';
import { slurmBackend } from '@jq/slurm';
import { DaskScheduler } from '../../../src/index.js';

const [name, backendName, placement] = process.argv.slice(2) as [string, 'local' | 'slurm', 'process' | 'job'];
// Core waits for the manager on unref'd timers: without a handle of its own, Node would end this process mid-launch (exit 13).
const keepAlive = setInterval(() => undefined, 1000);
const common = { name, cores: 1, memory: '1GB', deathTimeout: 60 };
// The manager's own job writes there before any worker job would make it.
mkdirSync(join(process.env.XDG_STATE_HOME!, 'slurm-logs'), { recursive: true, mode: 0o700 });
const settings = { scheduler: new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 }), config: false, placement, detach: true, scale: { jobs: 2 } } as const;
const cluster =
  backendName === 'slurm'
    ? await JobQueueCluster.launch({
        ...settings,
        backend: slurmBackend,
        // Job output in the test's private state directory (removed with it), not slurm-<id>.out where sbatch ran.
        options: { ...common, walltime: '00:15:00', pollInterval: 1, logDirectory: join(process.env.XDG_STATE_HOME!, 'slurm-logs') },
        startTimeout: 180,
      })
    : await JobQueueCluster.launch({ ...settings, backend: localBackend, options: { ...common, pollInterval: 0.5 } });
while (cluster.workers().length < 2) await new Promise((resolve) => setTimeout(resolve, 250));
process.stdout.write(`${JSON.stringify({ name: cluster.name })}\n`);
clearInterval(keepAlive);
process.exit(0);
