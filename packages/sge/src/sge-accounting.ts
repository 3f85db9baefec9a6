import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { assertSgeJobIds } from './sge-job-ids.js';
import type { SgeResolvedOptions } from './sge-options.js';

/**
 * ONE qacct call about the jobs behind `ids`. qacct's `-j` takes a single job id, or
 * a job name: every job of a cluster carries `-N <jobName>`, so asking by name covers
 * them all in one call, and the parser keeps the requested ids. `-E -d 1` keeps to
 * jobs that ended in the last day, which bounds the output on a long-lived cluster
 * that has run this job name many times; core asks as soon as a job leaves the queue.
 */
export function sgeAccountingCommand(ids: JobId[], options: SgeResolvedOptions): Command {
  assertSgeJobIds(ids);
  return { argv: ['qacct', '-j', options.jobName, '-E', '-d', '1'] };
}

/**
 * qacct's `failed` codes (sge_status(5)) that say more than "failed": 37 is the
 * qmaster killing the job at its h_rt/h_cpu limit (h_vmem is a setrlimit the job meets
 * as failed allocations); 17 is a kill "through signal (possibly qdel)"; 25 is
 * "rescheduling": the run ended but the job did not, it waits (`Rq`) to run again.
 */
const failedTimeLimit = 37;
const failedThroughSignal = 17;
const failedRescheduling = 25;
/**
 * `failed 100` ("assumedly after job") with exit status 137 is a job killed by
 * SIGKILL: what qdel sends to a running job (recorded from SGE 8.1.9). A SIGKILL from
 * outside SGE, such as the kernel's OOM killer, looks the same, so the reason says so.
 */
const failedAfterJob = 100;
const killedExitStatus = 137;

/** A record's fields, first word of each value: `failed 37  : qmaster enforced …` → `37`. */
function recordFields(record: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of record.split('\n')) {
    const match = /^(\w+)\s+(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2].trim());
  }
  return fields;
}

function firstInteger(text: string | undefined): number | undefined {
  const match = /^(\d+)\b/.exec(text ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * How a run ended, from its record's `failed` code and text and its `exit_status`
 * (reported as qacct prints it, 0 included); `undefined` for a rescheduled run
 * (`failed 25`), which does not end the job.
 */
export function sgeAccountingStatus(failed: number, failedText: string, exitStatus: number | undefined): JobStatus | undefined {
  if (failed === failedRescheduling) return undefined;
  const native = `failed ${failedText}; exit_status ${exitStatus ?? '?'}`;
  const exitCode = exitStatus === undefined ? {} : { exitCode: exitStatus };
  if (failed === 0) return { state: exitStatus === 0 ? 'completed' : 'failed', native, ...exitCode };
  if (failed === failedTimeLimit) return { state: 'timeout', native, reason: 'killed at its h_rt or h_cpu limit', ...exitCode };
  if (failed === failedThroughSignal || (failed === failedAfterJob && exitStatus === killedExitStatus)) {
    return { state: 'cancelled', native, reason: 'killed by qdel (or by a SIGKILL from outside SGE)', ...exitCode };
  }
  return { state: 'failed', native, reason: failedText.replace(/^\d+\s*:?\s*/, '') || `failed ${failed}`, ...exitCode };
}

/**
 * Statuses from qacct's records (`====` lines between them). A plain job's `taskid`
 * is `undefined`, an array task's is its number (id `<job>.<task>`). A job run again
 * (rescheduled) has several records; the last one that ended it, its latest run,
 * wins, and a job whose only record is a rescheduling has not ended: it is left out.
 */
export function parseSgeAccounting(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const record of result.stdout.split(/^=+\s*$/m)) {
    const fields = recordFields(record);
    const jobNumber = fields.get('jobnumber')?.split(/\s/)[0];
    const taskId = fields.get('taskid')?.split(/\s/)[0];
    const failedText = fields.get('failed');
    const failed = firstInteger(failedText);
    if (jobNumber === undefined || !/^\d+$/.test(jobNumber) || failedText === undefined || failed === undefined) continue;
    const id = taskId === undefined || taskId === 'undefined' ? jobNumber : `${jobNumber}.${taskId}`;
    if (!wanted.has(id)) continue;
    const status = sgeAccountingStatus(failed, failedText.replace(/\s+/g, ' '), firstInteger(fields.get('exit_status')));
    if (status !== undefined) statuses.set(id, status);
  }
  return statuses;
}
