import type { CommandResult, JobId, JobState, JobStatus } from '@jq/core';

// OAR's job states (oarstat manual). `-s` does not tell a deleted job from a failed one.
const states: Record<string, JobState> = {
  Waiting: 'queued',
  toLaunch: 'queued',
  toAckReservation: 'queued',
  Launching: 'queued',
  Hold: 'held',
  Suspended: 'held',
  Resuming: 'held',
  Running: 'running',
  Finishing: 'completing',
  Terminated: 'completed',
  Error: 'failed',
  toError: 'failed',
};

/** Statuses from `oarstat -s -j <id> …`: one `<id>: <State>` line per job OAR knows. */
export function parseOarStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*(\d+)\s*:\s*(\S+)\s*$/.exec(line);
    if (!match?.[1] || !match[2] || !wanted.has(match[1])) continue;
    statuses.set(match[1], { state: states[match[2]] ?? 'unknown', native: match[2] });
  }
  return statuses;
}

/** The id from oarsub output, which ends with `OAR_JOB_ID=<id>` after any admission-rule notes. */
export function parseOarSubmit(result: CommandResult): JobId[] {
  const match = /^OAR_JOB_ID=(\d+)\s*$/m.exec(result.stdout);
  if (!match?.[1]) throw new Error(`no OAR_JOB_ID in oarsub output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return [match[1]];
}
