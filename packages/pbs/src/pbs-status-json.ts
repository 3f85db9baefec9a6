import { type CommandResult, type JobId, JobQueueError, type JobStatus } from '@jq/core';
import type { PbsJobFields } from './pbs-states.js';
import { statusesFor } from './pbs-status-match.js';
import { parsePbsTextStatus } from './pbs-status-text.js';

interface PbsJsonJob {
  job_state?: unknown;
  Exit_status?: unknown;
  substate?: unknown;
  comment?: unknown;
}

/**
 * Statuses from PBS Pro `qstat -x -f -F json <ids>`. Unknown ids make qstat exit 153
 * but still print the others, so the output is read whatever the exit code. Some PBS
 * versions print invalid JSON (unescaped quotes in `Variable_List`); then the fields
 * the parser needs are read from the text directly; plain `qstat -f` text is read too.
 */
export function parsePbsProStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const text = result.stdout.trim();
  if (text === '') return new Map();
  if (text.startsWith('Job Id:')) return parsePbsTextStatus('pbspro', text, ids);
  return statusesFor('pbspro', ids, readJobs(text));
}

function readJobs(text: string): Map<string, PbsJobFields> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return scanJobs(text);
  }
  if (typeof document !== 'object' || document === null) throw new JobQueueError('JQ_PARSE_FAILED', `[jq/pbs] expected a qstat JSON object, got ${text.slice(0, 80)}`);
  const jobs = (document as { Jobs?: Record<string, PbsJsonJob> }).Jobs ?? {};
  const fields = new Map<string, PbsJobFields>();
  for (const [id, job] of Object.entries(jobs)) {
    if (typeof job?.job_state !== 'string') continue;
    fields.set(id, {
      state: job.job_state,
      ...(typeof job.Exit_status === 'number' ? { exitStatus: job.Exit_status } : {}),
      ...(typeof job.substate === 'number' ? { substate: job.substate } : {}),
      ...(typeof job.comment === 'string' ? { comment: job.comment } : {}),
    });
  }
  return fields;
}

const jobStart = /"([^"\s]+)"\s*:\s*\{\s*"Job_Name"/g;

function scanJobs(text: string): Map<string, PbsJobFields> {
  const starts = [...text.matchAll(jobStart)];
  if (starts.length === 0 && !/"pbs_server"/.test(text)) throw new JobQueueError('JQ_PARSE_FAILED', `[jq/pbs] not qstat JSON output: ${JSON.stringify(text.slice(0, 80))}`);
  const fields = new Map<string, PbsJobFields>();
  starts.forEach((start, position) => {
    const block = text.slice(start.index, starts[position + 1]?.index ?? text.length);
    const state = /"job_state"\s*:\s*"(\w+)"/.exec(block)?.[1];
    if (!start[1] || !state) return;
    const exitStatus = /"Exit_status"\s*:\s*(-?\d+)/.exec(block)?.[1];
    const substate = /"substate"\s*:\s*(\d+)/.exec(block)?.[1];
    fields.set(start[1], {
      state,
      ...(exitStatus === undefined ? {} : { exitStatus: Number(exitStatus) }),
      ...(substate === undefined ? {} : { substate: Number(substate) }),
    });
  });
  return fields;
}
