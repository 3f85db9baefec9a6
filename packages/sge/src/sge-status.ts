import { JobQueueError, type Command, type CommandResult, type JobId, type JobStatus } from '@jq/core';
import { assertSgeJobIds, sgeIdsOf } from './sge-job-ids.js';
import { sgeJobStatus } from './sge-states.js';

/**
 * ONE `qstat -xml` for every id. qstat's job listing takes no job ids (`-j` switches
 * to a detailed per-job dump), so it lists all of the caller's jobs, as the peers'
 * SGE executors do, and the parser keeps the requested ones. The ids are still
 * checked, so a bad id fails here as it would for the other commands.
 */
export function sgeStatusCommand(ids: JobId[]): Command {
  assertSgeJobIds(ids);
  return { argv: ['qstat', '-xml'] };
}

const jobList = /<job_list\b[^>]*>([\s\S]*?)<\/job_list>/g;

/** Text of the first `<tag>` in `block`, if any. */
function field(block: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block)?.[1];
}

/**
 * Statuses of the requested ids from `qstat -xml`: running jobs under `<queue_info>`,
 * pending ones under `<job_info>`, array tasks one per entry when running and as a
 * list (`7,8`, `9-12:1`) when pending. Ids qstat does not list are left out: they
 * left the queue. Only a complete document can say that, so a failed or truncated
 * qstat throws instead (core then keeps the states it had).
 */
export function parseSgeStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const statuses = new Map<JobId, JobStatus>();
  const text = result.stdout.trim();
  if (result.exitCode !== 0 || (text !== '' && !text.endsWith('</job_info>'))) {
    const detail = (result.stderr.trim() || text).slice(0, 300);
    throw new JobQueueError('JQ_PARSE_FAILED', `[jq/sge] qstat gave no complete job list (exit ${result.exitCode}): ${JSON.stringify(detail)}`);
  }
  const wanted = new Set(ids);
  for (const [, block = ''] of text.matchAll(jobList)) {
    const jobNumber = field(block, 'JB_job_number')?.trim();
    const code = field(block, 'state');
    if (jobNumber === undefined || !/^\d+$/.test(jobNumber) || code === undefined) continue;
    const status = sgeJobStatus(code);
    if (status === undefined) continue;
    for (const id of sgeIdsOf(jobNumber, field(block, 'tasks'), wanted)) statuses.set(id, status);
  }
  return statuses;
}
