import type { JobId, JobStatus } from '@jq/core';
import { type PbsFlavor } from './pbs-flavor.js';
import { type PbsJobFields, jobKey, pbsJobStatus } from './pbs-states.js';

/** Statuses of the requested ids among the jobs qstat printed; ids it did not print are left out. */
export function statusesFor(flavor: PbsFlavor, ids: JobId[], printed: Map<string, PbsJobFields>): Map<JobId, JobStatus> {
  const byKey = new Map<string, PbsJobFields>();
  const bySequence = new Map<string, PbsJobFields>();
  for (const [id, fields] of printed) {
    byKey.set(jobKey(id), fields);
    bySequence.set(jobKey(id).split('.')[0] ?? '', fields);
  }
  const statuses = new Map<JobId, JobStatus>();
  for (const id of ids) {
    const key = jobKey(id);
    const fields = key.includes('.') ? byKey.get(key) : bySequence.get(key);
    if (fields) statuses.set(id, pbsJobStatus(flavor, fields));
  }
  return statuses;
}
