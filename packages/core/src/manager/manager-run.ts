import { JobQueueCluster } from '../cluster/job-queue-cluster.js';
import { loadBackend, restoreScheduler } from '../cluster/module-loader.js';
import type { AdaptOptions } from '../cluster/adaptive-loop.js';
import type { PoolScaleRequest, ScaleRequest } from '../cluster/scale-request.js';
import { corePrefix } from '../core-package.js';
import { ClusterJournal } from '../journal/cluster-journal.js';

/** The manager's work, from its arguments to its exit code. */
export async function runManager(argv: string[]): Promise<number> {
  const [name] = argv;
  if (!name) throw new Error(`${corePrefix} usage: jq-manager <cluster name>`);
  const record = ClusterJournal.open(name).readCluster();
  if (record.projectDirectory) process.chdir(record.projectDirectory);
  if (!record.scheduler) throw new Error(`${corePrefix} cluster ${name} has no scheduler in its journal`);
  const cluster = new JobQueueCluster({
    backend: await loadBackend(record.backend),
    scheduler: await restoreScheduler(record.scheduler),
    options: record.options,
    ...(record.pools ? { pools: record.pools } : {}),
    config: false,
    orphans: 'adopt',
  });
  const log = (line: string): void => void process.stderr.write(`[jq-manager ${name}] ${line}\n`);
  cluster.on('error', (error) => log(error.message));
  await cluster.start();
  log(`owner of ${name} (pid ${process.pid}); scheduler at ${cluster.scheduler.address}`);
  if (record.initial?.adapt) cluster.adapt(record.initial.adapt as AdaptOptions);
  else if (record.initial?.scale !== undefined) await cluster.scale(record.initial.scale as ScaleRequest | PoolScaleRequest).catch((error: Error) => log(error.message));
  while (!cluster.closed) await new Promise((resolve) => setTimeout(resolve, 250));
  await cluster.close();
  log('closed');
  return 0;
}
