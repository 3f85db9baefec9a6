import { type JobState, type JobStatus, nativeStates } from '@jq/core';

/** What Moab says about one job: its `State` attribute and, once ended, its `CompletionCode`. */
export interface MoabJobFields {
  /** The `State` attribute (`Idle`, `Running`, `Completed`, …). */
  state: string;
  /** The `CompletionCode` attribute of an ended job: Torque's exit status, passed through. */
  completionCode?: number;
}

// Moab over Torque passes Torque's exit status through: JOB_EXEC_OVERLIMIT_WT for a walltime kill,
// 256 + N for a script killed by signal N.
const walltimeCompletionCode = -11;
const signalled = 256;

/**
 * Moab's states of jobs that have not ended. A hold waits for someone to release it;
 * a job blocked by a policy or deferred is re-evaluated by Moab itself: queued.
 */
const active = nativeStates({
  queued: ['Idle', ['Blocked', 'blocked by a policy limit'], ['Deferred', 'deferred: Moab could not schedule it yet'], ['Migrated', 'migrated to another resource manager'], ['Staging', 'staging data'], ['Staged', 'staged']],
  held: ['Hold', ['UserHold', 'user hold'], ['SystemHold', 'system hold'], ['BatchHold', 'batch hold: the resource manager refused it repeatedly'], ['Suspended', 'suspended']],
  running: [['Starting', 'starting'], 'Running'],
  completing: [['Canceling', 'being cancelled']],
});

/** The normalized status of one job; unknown states are `unknown`, never an error. */
export function moabJobStatus(fields: MoabJobFields): JobStatus {
  const native = fields.state;
  const notEnded = active(native);
  if (notEnded) return notEnded;
  const code = fields.completionCode;
  const signal = code !== undefined && code > signalled ? code - signalled : undefined;
  // Only 0–255 is the script's exit status; a signal is reported apart, a negative JOB_EXEC code stays in the reason.
  const base = { native, ...(code !== undefined && code >= 0 && code < signalled ? { exitCode: code } : {}), ...(signal === undefined ? {} : { signal }) };
  const ended = (state: JobState, reason?: string): JobStatus => ({ ...base, state, ...(reason ? { reason } : {}) });
  switch (native) {
    case 'Completed':
      if (code === undefined || code === 0) return ended('completed');
      if (code === walltimeCompletionCode) return ended('timeout', `walltime exceeded (JOB_EXEC ${code})`);
      return ended('failed', signal === undefined ? (code < 0 ? `Torque could not run the job (JOB_EXEC ${code})` : undefined) : `killed by signal ${signal}`);
    case 'Removed':
      // Moab's Removed covers cancels by user or admin and kills for exceeding the walltime.
      if (code === walltimeCompletionCode) return ended('timeout', `walltime exceeded (JOB_EXEC ${code})`);
      return ended('cancelled', signal === undefined ? 'removed (cancelled)' : `removed (cancelled): killed by signal ${signal}`);
    case 'Vacated':
      return ended('cancelled', 'cancelled after partial execution');
    case 'NotQueued':
      return ended('failed', 'the resource manager could not queue the job');
    default:
      return { state: 'unknown', native };
  }
}
