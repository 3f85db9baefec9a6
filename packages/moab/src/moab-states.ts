import type { JobState, JobStatus } from '@jq/core';

/** What Moab says about one job: its `State` attribute and, once ended, its `CompletionCode`. */
export interface MoabJobFields {
  state: string;
  completionCode?: number;
}

// Moab over Torque passes Torque's exit status through: JOB_EXEC_OVERLIMIT_WT for a walltime kill,
// 256 + N for a script killed by signal N.
const walltimeCompletionCode = -11;
const signalled = 256;

const activeStates = new Map<string, { state: JobState; reason?: string }>(Object.entries({
  Idle: { state: 'queued' },
  Blocked: { state: 'queued', reason: 'blocked by a policy limit' },
  Deferred: { state: 'queued', reason: 'deferred: Moab could not schedule it yet' },
  Migrated: { state: 'queued', reason: 'migrated to another resource manager' },
  Staging: { state: 'queued', reason: 'staging data' },
  Staged: { state: 'queued', reason: 'staged' },
  Hold: { state: 'held' },
  UserHold: { state: 'held', reason: 'user hold' },
  SystemHold: { state: 'held', reason: 'system hold' },
  BatchHold: { state: 'held', reason: 'batch hold: the resource manager refused it repeatedly' },
  Suspended: { state: 'held', reason: 'suspended' },
  Starting: { state: 'running', reason: 'starting' },
  Running: { state: 'running' },
  Canceling: { state: 'completing', reason: 'being cancelled' },
}));

/** The normalized status of one job; unknown states are `unknown`, never an error. */
export function moabJobStatus(fields: MoabJobFields): JobStatus {
  const native = fields.state;
  const active = activeStates.get(native);
  if (active) return { state: active.state, native, ...(active.reason ? { reason: active.reason } : {}) };
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
