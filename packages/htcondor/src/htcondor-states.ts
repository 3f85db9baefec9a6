import { type JobStatus, nativeStates } from '@jq/core';

/** What condor_q or condor_history says about one job (its ClassAd attributes). */
export interface HtcondorJobFields {
  /** JobStatus: 1 idle, 2 running, 3 removed, 4 completed, 5 held, 6 transferring output, 7 suspended. */
  jobStatus: string;
  /** ExitCode, when the job exited on its own. */
  exitCode?: number;
  /** ExitBySignal: true when a signal ended it. */
  exitBySignal?: boolean;
  /** ExitSignal, the signal that ended it. */
  exitSignal?: number;
  /** HoldReasonCode of a held job. */
  holdReasonCode?: number;
  /** RemoveReason of a removed job (free text). */
  removeReason?: string;
}

/** JobStatus values of jobs that have not ended. A held job (5) runs only once released (condor_release, periodic_release). */
const unfinished = nativeStates({
  queued: [['0', 'unexpanded'], '1'],
  running: ['2'],
  held: ['5', ['7', 'suspended']],
  completing: [['6', 'transferring output']],
});

// HoldReasonCode values (HTCondor's JobHoldReasonCodes) worth naming.
const holdReasons: Record<number, string> = {
  1: 'held by a user (condor_hold)',
  3: 'held by its periodic_hold expression',
  6: 'could not start the job',
  12: 'output file transfer failed',
  13: 'input file transfer failed',
  15: 'submitted on hold',
  26: 'held by the pool\'s SYSTEM_PERIODIC_HOLD',
  34: 'exceeded its memory request',
  46: 'exceeded its allowed job duration',
};

/** The normalized status of one job; unknown JobStatus values are `unknown`, never an error. */
export function htcondorJobStatus(fields: HtcondorJobFields): JobStatus {
  const native = fields.jobStatus;
  if (native === '3') return removedStatus(fields);
  if (native === '4') return completedStatus(fields);
  const known = unfinished(native) ?? { state: 'unknown', native };
  const hold = native === '5' && fields.holdReasonCode !== undefined ? (holdReasons[fields.holdReasonCode] ?? `HoldReasonCode ${fields.holdReasonCode}`) : undefined;
  return hold === undefined ? known : { ...known, reason: hold };
}

// The backend's own periodic_remove names MY.JqWalltime; any other removal is a cancel.
function removedStatus(fields: HtcondorJobFields): JobStatus {
  const reason = fields.removeReason;
  if (reason && /PeriodicRemove/.test(reason) && /JqWalltime/.test(reason)) return { state: 'timeout', native: '3', reason: 'walltime exceeded (periodic_remove)' };
  return { state: 'cancelled', native: '3', ...(reason ? { reason } : {}) };
}

// ExitCode and ExitSignal are separate ClassAd attributes: a job killed by a signal has no exit code.
function completedStatus(fields: HtcondorJobFields): JobStatus {
  if (fields.exitBySignal) {
    return { state: 'failed', native: '4', reason: `killed by signal ${fields.exitSignal ?? 'unknown'}`, ...(fields.exitSignal === undefined ? {} : { signal: fields.exitSignal }) };
  }
  if (fields.exitCode === undefined || fields.exitCode === 0) return { state: 'completed', native: '4', ...(fields.exitCode === undefined ? {} : { exitCode: 0 }) };
  return { state: 'failed', native: '4', exitCode: fields.exitCode };
}
