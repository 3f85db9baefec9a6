import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import type { PbsFlavor } from './pbs-flavor.js';
import { type PbsJobFields, pbsIdKey, pbsJobStatus } from './pbs-states.js';
import { readPbsJsonJobs } from './pbs-status-json.js';
import { readPbsTextJobs } from './pbs-status-text.js';

/**
 * ONE qstat for every id. PBS Pro: `qstat -x -f -F json <ids>` (`-x` keeps finished
 * jobs, so no separate accounting). Torque: `qstat -f <ids>` (completed jobs stay `C`
 * for the server's `keep_completed`).
 */
export function pbsStatusCommand(flavor: PbsFlavor, ids: JobId[]): Command {
  return { argv: flavor === 'pbspro' ? ['qstat', '-x', '-f', '-F', 'json', ...ids] : ['qstat', '-f', ...ids] };
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
  return statusesFor('pbspro', ids, text.startsWith('Job Id:') ? readPbsTextJobs(text) : readPbsJsonJobs(text));
}

/**
 * Statuses from Torque `qstat -f <ids>`: `Job Id: <id>` blocks of indented
 * `key = value` lines (long values continue on tab-indented lines). Also reads
 * the `grep`-filtered form with only `Job Id:` and `job_state =` lines.
 */
export function parseTorqueStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  if (result.stdout.trim() === '') return new Map();
  return statusesFor('torque', ids, readPbsTextJobs(result.stdout));
}

/** Statuses of the requested ids among the jobs qstat printed; ids it did not print are left out. */
function statusesFor(flavor: PbsFlavor, ids: JobId[], printed: Map<string, PbsJobFields>): Map<JobId, JobStatus> {
  const byKey = new Map<string, PbsJobFields>();
  const bySequence = new Map<string, PbsJobFields>();
  for (const [id, fields] of printed) {
    byKey.set(pbsIdKey(id), fields);
    bySequence.set(pbsIdKey(id).split('.')[0] ?? '', fields);
  }
  const statuses = new Map<JobId, JobStatus>();
  for (const id of ids) {
    const key = pbsIdKey(id);
    const fields = key.includes('.') ? byKey.get(key) : bySequence.get(key);
    if (fields) statuses.set(id, pbsJobStatus(flavor, fields));
  }
  return statuses;
}
