import type { CommandRunner } from '../command/command-runner.js';
import type { AnyBackend } from '../contracts/backend-v1.js';
import { isTerminalState } from '../contracts/job-state.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { resolveOptions } from '../options/resolve-options.js';
import { type Clock, systemClock } from '../util/clock.js';
import { BatchCommands } from './batch-commands.js';
import type { JobInfo } from './job-info.js';
import { JobQueueCluster } from './job-queue-cluster.js';
import { journaledJobEnds } from './journaled-jobs.js';
import { type ModuleTable, loadBackend, restoreScheduler, stopRecordedScheduler } from './module-loader.js';
import { RemoteCluster } from './remote-cluster.js';
import { downCluster } from '../manager/down-cluster.js';
import { startSchedulerJobCluster } from '../manager/scheduler-job-cluster.js';
import { schedulerJobEnd } from '../manager/scheduler-job-wait.js';
import { withChosenRunner } from './ssh-runner-loader.js';

/** How to attach. */
export interface AttachSettings {
  /** Packages already loaded (`{ '@jq/slurm': slurmModule }`); others are imported by name from this project. */
  modules?: ModuleTable;
  /** Runs batch commands when this process takes over. */
  runner?: CommandRunner;
  /** Time source. */
  clock?: Clock;
  /** Cancel jobs on signals and exit once this process owns the cluster. Default true. */
  handleExit?: boolean;
}

/**
 * Attaches to cluster `name` from any process of its user. While its owner lives, the
 * result is a {@link RemoteCluster} (reads from the journal, requests through the
 * mailbox). When the owner is dead, this process becomes the owner: it rebuilds the
 * cluster from the journal, starts the scheduler again on the journaled address with the
 * journaled credentials (so the workers reconnect), adopts the jobs and polls them. If
 * the batch system says none of them is alive any more (the workers gave up after their
 * death timeout), it says so, cleans up, and rejects, before restarting anything.
 */
export async function attachCluster(name: string, settings: AttachSettings = {}): Promise<JobQueueCluster | RemoteCluster> {
  const journal = ClusterJournal.open(name);
  if (await journal.ownedElsewhere()) return new RemoteCluster(journal, settings.clock);
  const record = journal.readCluster();
  if (!record.scheduler) {
    throw new JobQueueError('JQ_CLUSTER_NOT_FOUND', `${corePrefix} cluster ${name} died before its scheduler started; \`jobqueue down ${name}\` cancels what it submitted`);
  }
  if (record.manager?.schedulerJob !== undefined) return takeOverSchedulerJob(name, record.manager.schedulerJob, settings);
  const backend = await loadBackend(record.backend, settings.modules);
  await refuseDeadCluster(journal, backend, settings);
  const scheduler = await restoreScheduler(record.scheduler, settings.modules);
  const cluster = new JobQueueCluster({
    backend,
    scheduler,
    options: record.options,
    ...(record.pools ? { pools: record.pools } : {}),
    config: false,
    orphans: 'adopt',
    ...(settings.runner ? { runner: settings.runner } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
    ...(settings.handleExit === undefined ? {} : { handleExit: settings.handleExit }),
  });
  try {
    await cluster.start();
  } catch (error) {
    await cluster.close().catch(() => undefined);
    throw new JobQueueError('JQ_CLUSTER_NOT_FOUND', `${corePrefix} could not take over cluster ${name}: ${(error as Error).message}`, { cause: error });
  }
  await cluster.poll();
  // The jobs may have ended between that first look and the take-over.
  const adopted = cluster.jobs();
  if (adopted.length > 0 && adopted.every((job) => isTerminalState(job.state))) {
    await cluster.close();
    throw deadCluster(name, adopted.map((job) => `${job.key} ${job.state}`));
  }
  return cluster;
}

/**
 * A `scheduler-job` cluster whose login-node manager died: its scheduler lives on in its
 * job, so this process connects to it and manages the journaled workers. When the job has
 * ended, everything the cluster submitted is cancelled (`down`) and the attach rejects.
 */
async function takeOverSchedulerJob(name: string, schedulerJob: string, settings: AttachSettings): Promise<JobQueueCluster> {
  const journal = ClusterJournal.open(name);
  const record = journal.readCluster();
  const backend = await loadBackend(record.backend, settings.modules);
  const options = resolveOptions(record.options, backend);
  const end = await withChosenRunner(options, settings.runner, settings.modules, (runner) => schedulerJobEnd(new BatchCommands(backend, options, runner, settings.clock ?? systemClock), schedulerJob));
  if (end !== undefined) {
    const { cancelled } = await downCluster(name, settings);
    throw new JobQueueError('JQ_SCHEDULER_JOB_ENDED', `${corePrefix} the scheduler job ${schedulerJob} of cluster ${name} ended (${end}); cancelled what the cluster left (${cancelled.length} job(s)) and cleaned up`);
  }
  const { modules, runner, clock, handleExit } = settings;
  return startSchedulerJobCluster(name, { schedulerJob, ...(modules ? { modules } : {}), ...(runner ? { runner } : {}), ...(clock ? { clock } : {}), ...(handleExit === undefined ? {} : { handleExit }) });
}

/**
 * Before anything restarts: when the batch system says every job the dead owner left has
 * ended, there is nothing to take over. Removes the journal (and what the scheduler left,
 * such as its TLS files) and rejects; nothing is submitted, nothing cancelled.
 */
async function refuseDeadCluster(journal: ClusterJournal, backend: AnyBackend, settings: AttachSettings): Promise<void> {
  const record = journal.readCluster();
  const jobs = (journal.readState()?.jobs ?? []) as unknown as JobInfo[];
  if (jobs.length === 0) return;
  const options = resolveOptions(record.options, backend);
  const ends = await withChosenRunner(options, settings.runner, settings.modules, (runner) => journaledJobEnds(new BatchCommands(backend, options, runner, settings.clock ?? systemClock), jobs));
  if (!ends) return;
  await journal.claim();
  if (record.scheduler) await stopRecordedScheduler(record.scheduler, settings.modules);
  await journal.remove();
  throw deadCluster(journal.name, ends);
}

function deadCluster(name: string, ends: string[]): JobQueueError {
  return new JobQueueError('JQ_CLUSTER_NOT_FOUND', `${corePrefix} cluster ${name} had no live job left (${ends.join(', ')}): its workers gave up on the dead owner after their death timeout; cleaned up`);
}
