import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchCommands } from '../cluster/batch-commands.js';
import { isTerminalState } from '../contracts/job-state.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { ClusterJournal } from '../journal/cluster-journal.js';
import { unfinishedJobs } from '../journal/journal-keeper.js';
import { type Clock, sleep } from '../util/clock.js';

/**
 * Before a new cluster takes a name a dead one held: cancel what the dead one left
 * running (only ids its journal lists), then clear the journal. A live owner is refused.
 */
export async function clearDeadJournal(journal: ClusterJournal, commands: BatchCommands): Promise<void> {
  await journal.claim();
  const ids = unfinishedJobs(journal.readState()).map((job) => job.id);
  const schedulerJob = journal.readCluster().manager?.schedulerJob;
  if (schedulerJob !== undefined) ids.push(schedulerJob);
  if (ids.length > 0) await commands.cancel(ids).catch(() => undefined);
  await journal.remove();
}

/**
 * Waits until the manager owns the cluster and its scheduler listens (the journal then
 * holds the scheduler's address). Fails early, with the manager's log, when its job or
 * process ends first.
 */
export async function awaitManager(
  journal: ClusterJournal,
  commands: BatchCommands,
  manager: { placement: 'job' | 'process' | 'scheduler-job'; id: string },
  clock: Clock,
  timeoutMs: number,
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  for (let round = 0; clock.now() < deadline; round += 1) {
    if (existsSync(journal.statePath) && journal.readCluster().scheduler?.address) return;
    if (round % 10 === 9 && (await managerEnded(commands, manager))) {
      throw new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} the manager of ${journal.name} ended before it started the cluster:\n${logTail(join(journal.directory, 'manager.log'))}`);
    }
    await sleep(clock, 500);
  }
  throw new JobQueueError('JQ_TIMEOUT', `${corePrefix} the manager of ${journal.name} did not start within ${timeoutMs / 1000} s (manager ${manager.placement} ${manager.id}; \`jobqueue down ${journal.name}\` cancels it)`);
}

async function managerEnded(commands: BatchCommands, manager: { placement: 'job' | 'process' | 'scheduler-job'; id: string }): Promise<boolean> {
  if (manager.placement !== 'job') {
    try {
      process.kill(Number(manager.id.replace(/^pid:/, '')), 0);
      return false;
    } catch {
      return true;
    }
  }
  const answer = await commands.status([manager.id]);
  if ('error' in answer) return false;
  const status = answer.statuses.get(manager.id);
  return status === undefined || isTerminalState(status.state);
}

/** The last 20 lines of the log at `path`, for an error; `(no <what>)` when it cannot be read. */
export function logTail(path: string, what = 'manager log'): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return `(no ${what})`;
  }
}
