import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { moabJobStatus } from './moab-states.js';
import { moabJobElements } from './moab-xml.js';

/**
 * ONE `checkjob --xml id…`: unlike `showq`, it names the jobs, and it keeps completed
 * jobs with their CompletionCode for Moab's retention time.
 */
export function moabStatusCommand(ids: JobId[]): Command {
  return { argv: ['checkjob', '--xml', ...ids] };
}

/**
 * Statuses from `checkjob --xml ids…` (or `showq [-c] --xml`): every `<job>` element whose
 * `JobID` was asked about, by its `State` and `CompletionCode`. A job's `State` attribute
 * is trusted over the showq section it is listed in. Ids Moab no longer knows are left out
 * (checkjob reports them on stderr), so core resolves them.
 */
export function parseMoabStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const job of moabJobElements(result.stdout)) {
    const id = job.JobID;
    if (id === undefined || !wanted.has(id)) continue;
    const code = job.CompletionCode;
    statuses.set(id, moabJobStatus({ state: job.State ?? '', ...(code !== undefined && /^-?\d+$/.test(code) ? { completionCode: Number(code) } : {}) }));
  }
  return statuses;
}
