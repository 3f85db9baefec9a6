import { pbsError } from './pbs-errors.js';
import type { PbsJobFields } from './pbs-states.js';

interface PbsJsonJob {
  job_state?: unknown;
  Exit_status?: unknown;
  substate?: unknown;
  comment?: unknown;
}

/**
 * The jobs in PBS Pro `qstat -x -f -F json` output. Some PBS versions print invalid
 * JSON (unescaped quotes in `Variable_List`); then the fields the parser needs are read
 * from the text directly. Text that is neither is refused.
 */
export function readPbsJsonJobs(text: string): Map<string, PbsJobFields> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return scanJobs(text);
  }
  if (typeof document !== 'object' || document === null) throw pbsError('JQ_PARSE_FAILED', `expected a qstat JSON object, got ${text.slice(0, 80)}`);
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
  if (starts.length === 0 && !/"pbs_server"/.test(text)) throw pbsError('JQ_PARSE_FAILED', `not qstat JSON output: ${JSON.stringify(text.slice(0, 80))}`);
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
