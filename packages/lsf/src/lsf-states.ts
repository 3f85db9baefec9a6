import { type JobState, type JobStatus, nativeStates } from '@jq/core';

/** What bjobs says about one job, whatever the output format. */
export interface LsfJobFields {
  /** STAT: PEND, RUN, DONE, EXIT, … */
  stat: string;
  /** EXIT_CODE, when bjobs printed one. */
  exitCode?: number;
  /** EXIT_REASON, e.g. `TERM_OWNER: job killed by owner`. */
  exitReason?: string;
}

/**
 * STAT codes of jobs that have not ended. PSUSP/USUSP wait for their owner or an
 * administrator (bresume): held. SSUSP is LSF's own suspension (host load, a run
 * window), which LSF lifts by itself: queued.
 */
const unfinished = nativeStates({
  queued: ['PEND', ['PROV', 'dispatched, waiting for its host to be provisioned'], ['WAIT', 'chunk job waiting to run'], ['SSUSP', 'suspended by LSF (host load or run window); resumes on its own']],
  held: [['PSUSP', 'suspended while pending by its owner or an administrator'], ['USUSP', 'suspended by its owner or an administrator']],
  running: ['RUN'],
  completing: [['ZOMBI', 'killed while its host was unreachable; LSF is cleaning up']],
  unknown: [['UNKWN', 'mbatchd lost contact with the execution host']],
});

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
  return unfinished(native) ?? { state: 'unknown', native };
}

function exitedStatus(fields: LsfJobFields): JobStatus {
  const base = { native: 'EXIT', ...(fields.exitCode === undefined ? {} : { exitCode: fields.exitCode }) };
  const reason = fields.exitReason?.trim();
  const match = reason ? terminations.find(([pattern]) => pattern.test(reason)) : undefined;
  if (match) return { ...base, state: match[1], reason: reason as string };
  return { ...base, state: 'failed', ...(reason ? { reason } : {}) };
}
