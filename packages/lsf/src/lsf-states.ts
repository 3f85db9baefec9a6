import type { JobState, JobStatus } from '@jq/core';

/** What bjobs says about one job, whatever the output format. */
export interface LsfJobFields {
  /** STAT: PEND, RUN, DONE, EXIT, … */
  stat: string;
  /** EXIT_CODE, when bjobs printed one. */
  exitCode?: number;
  /** EXIT_REASON, e.g. `TERM_OWNER: job killed by owner`. */
  exitReason?: string;
}

const unfinished: Record<string, { state: JobState; reason?: string }> = {
  PEND: { state: 'queued' },
  PROV: { state: 'queued', reason: 'dispatched, waiting for its host to be provisioned' },
  WAIT: { state: 'queued', reason: 'chunk job waiting to run' },
  // Held: nothing starts or resumes it until its owner or an administrator acts (bresume).
  PSUSP: { state: 'held', reason: 'suspended while pending by its owner or an administrator' },
  USUSP: { state: 'held', reason: 'suspended by its owner or an administrator' },
  // LSF resumes it on its own once the host's load or the queue's run window allows: it waits.
  SSUSP: { state: 'queued', reason: 'suspended by LSF (host load or run window); resumes on its own' },
  RUN: { state: 'running' },
  ZOMBI: { state: 'completing', reason: 'killed while its host was unreachable; LSF is cleaning up' },
  UNKWN: { state: 'unknown', reason: 'mbatchd lost contact with the execution host' },
};

// EXIT_REASON starts with the TERM_* code LSF records for how the job was ended.
const terminations: Array<[RegExp, JobState]> = [
  [/^TERM_(FORCE_)?(OWNER|ADMIN)\b|^TERM_REQUEUE_(OWNER|ADMIN)\b/, 'cancelled'],
  [/^TERM_RUNLIMIT\b/, 'timeout'],
  [/^TERM_(MEMLIMIT|SWAP)\b/, 'out-of-memory'],
  [/^TERM_PREEMPT\b/, 'preempted'],
];

/** The normalized status of one job; unknown STAT words are `unknown`, never an error. */
export function lsfJobStatus(fields: LsfJobFields): JobStatus {
  const native = fields.stat;
  if (native === 'DONE') return { state: 'completed', native, exitCode: 0 };
  if (native === 'EXIT') return exitedStatus(fields);
  const known = Object.hasOwn(unfinished, native) ? unfinished[native] : undefined;
  if (!known) return { state: 'unknown', native };
  return { state: known.state, native, ...(known.reason ? { reason: known.reason } : {}) };
}

function exitedStatus(fields: LsfJobFields): JobStatus {
  const base = { native: 'EXIT', ...(fields.exitCode === undefined ? {} : { exitCode: fields.exitCode }) };
  const reason = fields.exitReason?.trim();
  const match = reason ? terminations.find(([pattern]) => pattern.test(reason)) : undefined;
  if (match) return { ...base, state: match[1], reason: reason as string };
  return { ...base, state: 'failed', ...(reason ? { reason } : {}) };
}
