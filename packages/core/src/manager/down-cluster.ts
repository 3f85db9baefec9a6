import type { CommandRunner } from '../command/command-runner.js';
import { BatchCommands } from '../cluster/batch-commands.js';
import { isTerminalState } from '../contracts/job-state.js';
import { type ModuleTable, loadBackend, stopRecordedScheduler } from '../cluster/module-loader.js';
import { RemoteCluster } from '../cluster/remote-cluster.js';
import { withChosenRunner } from '../cluster/ssh-runner-loader.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { unfinishedJobs } from '../journal/journal-keeper.js';
import { resolveOptions } from '../options/resolve-options.js';
import { type Clock, keepingAlive, systemClock } from '../util/clock.js';
import { removeRemoteSchedulerJobSite } from './scheduler-job-site.js';

/** What {@link downCluster} did. */
export interface DownReport {
  /** True when the cluster's live owner closed it on request. */
  closedByOwner: boolean;
  /** Batch ids cancelled here because the owner was gone (its workers' jobs and its manager job). */
  cancelled: string[];
}

/**
 * Ends cluster `name` from any process of its user: asks a live owner to close, else
 * cancels, in one command, every unfinished job its journal lists (and its manager or scheduler job),
 * stops a scheduler that outlived the owner (its package's `stopScheduler`), removes what a
 * scheduler job driven over SSH left on the login node, then the journal. Cancels nothing the cluster did not submit.
 */
export function downCluster(name: string, settings: { modules?: ModuleTable; runner?: CommandRunner; clock?: Clock } = {}): Promise<DownReport> {
  return keepingAlive(down(name, settings));
}

async function down(name: string, settings: { modules?: ModuleTable; runner?: CommandRunner; clock?: Clock }): Promise<DownReport> {
  const journal = ClusterJournal.open(name);
  const clock = settings.clock ?? systemClock;
  if (await journal.ownedElsewhere()) {
    await new RemoteCluster(journal, clock).close();
    return { closedByOwner: true, cancelled: [] };
  }
  const record = journal.readCluster();
  const backend = await loadBackend(record.backend, settings.modules);
  const options = resolveOptions(record.options, backend);
  const ids = unfinishedJobs(journal.readState()).map((job) => job.id);
  if (record.manager?.placement === 'job') ids.push(record.manager.id);
  // The scheduler's job (placement `scheduler-job`) last, after its workers: it is cancelled in the same command.
  if (record.manager?.schedulerJob !== undefined) ids.push(record.manager.schedulerJob);
  if (record.manager?.placement === 'process') stopProcess(Number(record.manager.id.replace(/^pid:/, '')));
  // The journal may be behind: ask first, so a job that already ended is not cancelled (which most systems refuse).
  const live = await withChosenRunner(options, settings.runner, settings.modules, async (runner) => {
    const commands = new BatchCommands(backend, options, runner, clock);
    const answer = ids.length === 0 ? { statuses: new Map() } : await commands.status(ids);
    const unfinished = 'error' in answer ? ids : ids.filter((id) => answer.statuses.has(id) && !isTerminalState(answer.statuses.get(id)!.state));
    await commands.cancel(unfinished);
    // A scheduler job driven over SSH kept its record (secrets included) on the login node.
    if (record.manager?.schedulerJob !== undefined && options.ssh !== undefined) await removeRemoteSchedulerJobSite(name, runner);
    return unfinished;
  });
  if (record.scheduler) await stopRecordedScheduler(record.scheduler, settings.modules);
  await journal.remove();
  return { closedByOwner: false, cancelled: live };
}

function stopProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone: that is why the cluster had no owner.
  }
}
