import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { sgeError } from './sge-errors.js';
import { assertSgeJobIds, sgeIdsOf } from './sge-job-ids.js';
import { sgeJobStatus } from './sge-states.js';
import { sgeJobEntries } from './sge-xml.js';

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

/**
 * Statuses of the requested ids from `qstat -xml`: running jobs under `<queue_info>`,
 * pending ones under `<job_info>`, array tasks one per entry when running and as a
 * list (`7,8`, `9-12:1`) when pending. Ids qstat does not list are left out: they
 * left the queue. Only a complete document can say that, so a failed, truncated or
 * malformed qstat throws instead (core then keeps the states it had).
 */
export function parseSgeStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const statuses = new Map<JobId, JobStatus>();
  const text = result.stdout.trim();
  const entries = result.exitCode === 0 ? (text === '' ? [] : sgeJobEntries(text)) : undefined;
  if (entries === undefined) {
    const detail = (result.stderr.trim() || text).slice(0, 300);
    throw sgeError('JQ_PARSE_FAILED', `qstat gave no complete job list (exit ${result.exitCode}): ${JSON.stringify(detail)}`);
  }
  const wanted = new Set(ids);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry.jobNumber)) continue;
    const status = sgeJobStatus(entry.state);
    if (status === undefined) continue;
    for (const id of sgeIdsOf(entry.jobNumber, entry.tasks, wanted)) statuses.set(id, status);
  }
  return statuses;
}
