import { isTerminalState, type JobStatus } from '../contracts/job-state.js';
import type { JobInfo } from './job-info.js';
import type { BatchCommands } from './batch-commands.js';

/**
 * How each job a dead owner journaled ended (`<key> <state>`), or undefined while any of
 * them may still run: one status command for the unfinished ones, then one accounting
 * command for those that left the queue. A failed status query counts as "may still run":
 * only a batch system's answer declares a cluster dead. What `attach` asks before it
 * restarts anything, so a dead cluster is reported without a scheduler started or a job
 * submitted to replace the ones that ended.
 */
export async function journaledJobEnds(commands: BatchCommands, jobs: readonly JobInfo[]): Promise<string[] | undefined> {
  const known = jobs.filter((job) => job.id !== '');
  // Only submissions under way when the owner died: nothing the batch system can be asked about.
  if (known.length === 0) return undefined;
  const unfinished = known.filter((job) => !isTerminalState(job.state)).map((job) => job.id);
  const now = new Map<string, JobStatus>();
  if (unfinished.length > 0) {
    const queued = await commands.status(unfinished);
    if ('error' in queued) return undefined;
    for (const [id, status] of queued.statuses) {
      if (!isTerminalState(status.state)) return undefined;
      now.set(id, status);
    }
    const left = unfinished.filter((id) => !now.has(id));
    const accounted = left.length > 0 ? await commands.accounting(left) : undefined;
    if (accounted && !('error' in accounted)) {
      for (const [id, status] of accounted.statuses) {
        // Accounting a step behind the queue: not proof of an end.
        if (!isTerminalState(status.state)) return undefined;
        now.set(id, status);
      }
    }
  }
  return known.map((job) => {
    const state = isTerminalState(job.state) ? job.state : now.get(job.id)?.state;
    return `${job.key} ${state ?? 'left the queue'}`;
  });
}
