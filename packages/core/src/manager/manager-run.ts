import { serveDashboardBeside } from '../cluster/dashboard-beside.js';
import { JobQueueCluster } from '../cluster/job-queue-cluster.js';
import { loadBackend, restoreScheduler } from '../cluster/module-loader.js';
import type { AdaptOptions } from '../cluster/adaptive-loop.js';
import type { PoolScaleRequest, ScaleRequest } from '../cluster/scale-request.js';
import { corePrefix } from '../core-package.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { runSchedulerOnly } from './scheduler-job-run.js';
import { runLoginManager } from './scheduler-job-cluster.js';

/** The manager's work, from its arguments to its exit code. */
export async function runManager(argv: string[]): Promise<number> {
  const [first, second] = argv;
  // In a `scheduler-job` batch job: the scheduler only. Detached on the login node: the manager of a scheduler job.
  if (first === '--scheduler-only' && second) return runSchedulerOnly({ name: second });
  if (first === '--scheduler-only-in' && second) return runSchedulerOnly({ directory: second });
  if (first === '--login' && second) return runLoginManager(second);
  const name = first;
  if (!name || name.startsWith('--')) throw new Error(`${corePrefix} usage: jq-manager [--scheduler-only | --login] <cluster name> | --scheduler-only-in <directory>`);
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
  // A project without @jq/dashboard runs the cluster without a page; the log says why.
  const dashboard = await serveDashboardBeside(cluster).catch((error: Error) => void log(`no dashboard page: ${error.message}`));
  if (dashboard) log(`dashboard page at ${dashboard.url}`);
  if (record.initial?.adapt) cluster.adapt(record.initial.adapt as AdaptOptions);
  else if (record.initial?.scale !== undefined) await cluster.scale(record.initial.scale as ScaleRequest | PoolScaleRequest).catch((error: Error) => log(error.message));
  while (!cluster.closed) await new Promise((resolve) => setTimeout(resolve, 250));
  await cluster.close();
  await dashboard?.close();
  log('closed');
  return 0;
}
