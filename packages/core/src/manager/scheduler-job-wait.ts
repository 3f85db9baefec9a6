import type { BatchCommands } from '../cluster/batch-commands.js';
import { isTerminalState } from '../contracts/job-state.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { SchedulerRecord } from '../journal/journal-records.js';
import { type Clock, sleep } from '../util/clock.js';
import type { SchedulerJobSite } from './scheduler-job-site.js';

/**
 * How the scheduler job `id` ended (its state, or `left the queue` when neither the queue
 * nor accounting knows it), or undefined while it may still run. A failed query counts as
 * "may still run": only the batch system's answer declares the scheduler gone.
 */
export async function schedulerJobEnd(commands: BatchCommands, id: string): Promise<string | undefined> {
  const queued = await commands.status([id]);
  if ('error' in queued) return undefined;
  const status = queued.statuses.get(id);
  if (status !== undefined) return isTerminalState(status.state) ? status.state : undefined;
  const accounted = await commands.accounting([id]);
  if (accounted === undefined || 'error' in accounted) return 'left the queue';
  const ended = accounted.statuses.get(id);
  if (ended !== undefined && !isTerminalState(ended.state)) return undefined;
  return ended?.state ?? 'left the queue';
}

/**
 * Waits for the scheduler job's connection file (written once its scheduler listens) and
 * returns the record in it. Fails early, with the job's log, when the job ends first;
 * fails after `timeoutMs` (the job may still be queued) naming the job.
 */
export async function awaitSchedulerJob(site: SchedulerJobSite, commands: BatchCommands, job: { id: string; cluster: string }, clock: Clock, timeoutMs: number): Promise<SchedulerRecord> {
  const deadline = clock.now() + timeoutMs;
  for (let round = 0; clock.now() < deadline; round += 1) {
    const connection = await site.readConnection();
    if (connection !== undefined) return connection;
    const end = round % 10 === 9 ? await schedulerJobEnd(commands, job.id) : undefined;
    if (end !== undefined) {
      throw new JobQueueError('JQ_SCHEDULER_JOB_ENDED', `${corePrefix} the scheduler job ${job.id} of cluster ${job.cluster} ended (${end}) before its scheduler listened:\n${await site.logTail()}`);
    }
    await sleep(clock, 500);
  }
  throw new JobQueueError('JQ_TIMEOUT', `${corePrefix} the scheduler job ${job.id} of cluster ${job.cluster} did not start its scheduler within ${timeoutMs / 1000} s (still queued? it was cancelled)`);
}
