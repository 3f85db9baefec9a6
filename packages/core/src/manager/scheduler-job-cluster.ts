import { type CommandRunner, ExecaCommandRunner } from '../command/command-runner.js';
import { BatchCommands } from '../cluster/batch-commands.js';
import { registerExitParticipant } from '../cluster/exit-hooks.js';
import type { AdaptOptions } from '../cluster/adaptive-loop.js';
import { JobQueueCluster } from '../cluster/job-queue-cluster.js';
import { type ModuleTable, connectRecordedScheduler, loadBackend } from '../cluster/module-loader.js';
import { chooseRunner } from '../cluster/ssh-runner-loader.js';
import type { PoolScaleRequest, ScaleRequest } from '../cluster/scale-request.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { resolveOptions } from '../options/resolve-options.js';
import { type Clock, systemClock } from '../util/clock.js';
import { type ManagerResources, submitManagerJob } from './manager-job.js';
import { SchedulerInJob } from './scheduler-in-job.js';
import { awaitSchedulerJob, schedulerJobEnd } from './scheduler-job-wait.js';
import { openSchedulerJobSite } from './scheduler-job-site.js';

/** How a login-node manager of a `placement: 'scheduler-job'` cluster starts. */
export interface SchedulerJobSettings {
  /** Packages already loaded; others are imported by name from this project. */
  modules?: ModuleTable;
  /** Runs the batch commands (default: real processes). */
  runner?: CommandRunner;
  clock?: Clock;
  /** Cancel the workers and the scheduler job on signals and exit. Default true. */
  handleExit?: boolean;
  /** Resources of the scheduler's job. */
  resources?: ManagerResources;
  /** Milliseconds to wait for the scheduler job to listen (it may queue). Default 600 s. */
  startTimeoutMs?: number;
  /** A running scheduler job to connect to instead of submitting one (taking over from a dead manager). */
  schedulerJob?: string;
}

/**
 * The cluster manager of `placement: 'scheduler-job'`, in this (login-node) process: submits
 * the job that runs only the scheduler (journal's `cluster.json` must exist), waits for its
 * connection file, connects, and manages the worker jobs from here as any cluster does.
 * Every `pollInterval` it asks after the scheduler's job: once that job ended, the cluster
 * emits an `error` (`JQ_SCHEDULER_JOB_ENDED`, naming the job and its state) and closes,
 * cancelling its workers. `close()` cancels the workers, then the scheduler's job.
 */
export async function startSchedulerJobCluster(name: string, settings: SchedulerJobSettings = {}): Promise<JobQueueCluster> {
  const journal = ClusterJournal.open(name);
  const record = journal.readCluster();
  const clock = settings.clock ?? systemClock;
  const backend = await loadBackend(record.backend, settings.modules);
  const options = resolveOptions(record.options, backend);
  // One runner for the scheduler job and the workers: over SSH, one connection carries both and the forward.
  const runner: CommandRunner = chooseRunner(options, settings.runner, settings.modules) ?? new ExecaCommandRunner();
  const commands = new BatchCommands(backend, options, runner, clock);
  const site = await openSchedulerJobSite(journal, runner, options.ssh !== undefined);
  let jobId = settings.schedulerJob;
  if (jobId === undefined) {
    await site.prepare(record);
    const remote = site.job.directory === undefined ? undefined : { arguments: site.job.arguments, directory: site.job.directory };
    jobId = await submitManagerJob({ backend, commands, merged: record.options, resources: settings.resources ?? {}, name, log: site.job.log, role: 'scheduler', ...(remote ? { remote } : {}) });
  }
  journal.writeCluster({ ...journal.readCluster(), manager: { placement: 'scheduler-job', id: `pid:${process.pid}`, schedulerJob: jobId } });
  let scheduler: SchedulerInJob;
  try {
    const written = await awaitSchedulerJob(site, commands, { id: jobId, cluster: name }, clock, settings.startTimeoutMs ?? 600_000);
    const clientAddress = await site.clientAddress(written.address);
    const connection = clientAddress === undefined ? written : { ...written, clientAddress };
    scheduler = new SchedulerInJob(await connectRecordedScheduler(connection, settings.modules), connection, { id: jobId, commands, site });
  } catch (error) {
    if (settings.schedulerJob === undefined) {
      await commands.cancel([jobId]).catch(() => undefined);
      await site.remove().catch(() => undefined);
    }
    if (runner !== settings.runner) await runner.close?.();
    throw error;
  }
  const cluster = new JobQueueCluster({
    backend,
    scheduler,
    options: record.options,
    ...(record.pools ? { pools: record.pools } : {}),
    config: false,
    orphans: 'adopt',
    clock,
    runner,
    ...(settings.handleExit === undefined ? {} : { handleExit: settings.handleExit }),
  });
  // After the cluster's own exit hook, which cancels the workers first.
  const unregister = (settings.handleExit ?? true) ? registerExitParticipant({ close: async () => undefined, cancelSynchronously: () => scheduler.cancelSynchronously() }) : undefined;
  await cluster.start();
  watchSchedulerJob(cluster, scheduler, commands, clock, options.pollInterval * 1000, unregister);
  // A take-over keeps the adopted targets; a new cluster does what it was launched with.
  const initial = settings.schedulerJob === undefined ? record.initial : undefined;
  if (initial?.adapt) cluster.adapt(initial.adapt as AdaptOptions);
  else if (initial?.scale !== undefined) await cluster.scale(initial.scale as ScaleRequest | PoolScaleRequest);
  return cluster;
}

/** Asks after the scheduler's job every `intervalMs` while the cluster is open; closes the cluster once the job ended. */
function watchSchedulerJob(cluster: JobQueueCluster, scheduler: SchedulerInJob, commands: BatchCommands, clock: Clock, intervalMs: number, unregister: (() => void) | undefined): void {
  const check = async (): Promise<void> => {
    if (cluster.closed) return unregister?.();
    const end = await schedulerJobEnd(commands, scheduler.jobId).catch(() => undefined);
    if (end === undefined || cluster.closed) return void clock.schedule(() => void check(), intervalMs);
    scheduler.jobEnded = true;
    const workers = cluster.jobs().filter((job) => job.id !== '').length;
    const message = `${corePrefix} the scheduler job ${scheduler.jobId} of cluster ${cluster.name} ended (${end}): closing the cluster and cancelling its ${workers} worker job(s)`;
    cluster.emit('error', new JobQueueError('JQ_SCHEDULER_JOB_ENDED', message));
    await cluster.close().catch((error: unknown) => cluster.emit('error', error as JobQueueError));
    unregister?.();
  };
  clock.schedule(() => void check(), intervalMs);
}

/**
 * `jq-manager --login <name>`: the detached login-node manager of a `scheduler-job`
 * cluster launched with `detach: true`; runs until the cluster is closed.
 */
export async function runLoginManager(name: string): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`[jq-manager ${name}] ${line}\n`);
  const cluster = await startSchedulerJobCluster(name);
  cluster.on('error', (error) => log(error.message));
  log(`owner of ${name} (pid ${process.pid}); scheduler job ${cluster.scheduler instanceof SchedulerInJob ? cluster.scheduler.jobId : '?'} at ${cluster.scheduler.address}`);
  while (!cluster.closed) await new Promise((resolve) => setTimeout(resolve, 250));
  await cluster.close();
  log('closed');
  return 0;
}
