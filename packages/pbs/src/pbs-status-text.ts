import { type CommandResult, type JobId, JobQueueError, type JobStatus } from '@jq/core';
import type { PbsFlavor } from './pbs-flavor.js';
import type { PbsJobFields } from './pbs-states.js';
import { statusesFor } from './pbs-status-match.js';

/**
 * Statuses from Torque `qstat -f <ids>`: `Job Id: <id>` blocks of indented
 * `key = value` lines (long values continue on tab-indented lines). Also reads
 * the `grep`-filtered form with only `Job Id:` and `job_state =` lines.
 */
export function parseTorqueStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  return parsePbsTextStatus('torque', result.stdout, ids);
}

/** `qstat -f` text of either dialect (PBS Pro prints the same layout without `-F json`). */
export function parsePbsTextStatus(flavor: PbsFlavor, stdout: string, ids: JobId[]): Map<JobId, JobStatus> {
  if (stdout.trim() === '') return new Map();
  const jobs = new Map<string, Partial<PbsJobFields>>();
  let current: Partial<PbsJobFields> | undefined;
  for (const line of stdout.split('\n')) {
    const header = /^Job Id:\s*(\S+)/.exec(line);
    if (header?.[1]) {
      current = {};
      jobs.set(header[1], current);
      continue;
    }
    const field = /^\s+([A-Za-z_.]+)\s*=\s*(.*)$/.exec(line);
    if (!current || !field) continue;
    const [, key, value = ''] = field;
    if (key === 'job_state') current.state = value.trim();
    else if ((key === 'exit_status' || key === 'Exit_status') && /^-?\d+$/.test(value.trim())) current.exitStatus = Number(value.trim());
    else if (key === 'substate' && /^\d+$/.test(value.trim())) current.substate = Number(value.trim());
    else if (key === 'comment') current.comment = value.trim();
  }
  if (jobs.size === 0) throw new JobQueueError('JQ_PARSE_FAILED', `[jq/pbs] not qstat -f output: ${JSON.stringify(stdout.slice(0, 80))}`);
  const complete = new Map<string, PbsJobFields>();
  for (const [id, fields] of jobs) if (fields.state) complete.set(id, fields as PbsJobFields);
  return statusesFor(flavor, ids, complete);
}
