import type { PbsJobFields } from './pbs-states.js';
import { pbsError } from './pbs-errors.js';

/**
 * The jobs in `qstat -f` text of either dialect (PBS Pro prints the same layout without
 * `-F json`): `Job Id: <id>` blocks of indented `key = value` lines; jobs without a
 * `job_state` are left out. Text with no `Job Id:` block at all is refused.
 */
export function readPbsTextJobs(stdout: string): Map<string, PbsJobFields> {
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
  if (jobs.size === 0) throw pbsError('JQ_PARSE_FAILED', `not qstat -f output: ${JSON.stringify(stdout.slice(0, 80))}`);
  const complete = new Map<string, PbsJobFields>();
  for (const [id, fields] of jobs) if (fields.state) complete.set(id, fields as PbsJobFields);
  return complete;
}
