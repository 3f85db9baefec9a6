import type { JobState, JobStatus } from '@jq/core';

/**
 * Every job state Slurm 22.05 documents (squeue(1) and sacct(1) "JOB STATE CODES"),
 * compact code and full name. Suspended and stopped jobs are `held`: they keep their
 * place but run nothing until resumed. CONFIGURING jobs wait for their nodes to boot,
 * so they are still `queued` for us: no worker can have started.
 */
const slurmStates: ReadonlyArray<readonly [code: string, name: string, state: JobState]> = [
  ['BF', 'BOOT_FAIL', 'failed'],
  ['CA', 'CANCELLED', 'cancelled'],
  ['CD', 'COMPLETED', 'completed'],
  ['CF', 'CONFIGURING', 'queued'],
  ['CG', 'COMPLETING', 'completing'],
  ['DL', 'DEADLINE', 'timeout'],
  ['F', 'FAILED', 'failed'],
  ['NF', 'NODE_FAIL', 'failed'],
  ['OOM', 'OUT_OF_MEMORY', 'out-of-memory'],
  ['PD', 'PENDING', 'queued'],
  ['PR', 'PREEMPTED', 'preempted'],
  ['R', 'RUNNING', 'running'],
  ['RD', 'RESV_DEL_HOLD', 'held'],
  ['RF', 'REQUEUE_FED', 'queued'],
  ['RH', 'REQUEUE_HOLD', 'held'],
  ['RQ', 'REQUEUED', 'queued'],
  ['RS', 'RESIZING', 'running'],
  ['RV', 'REVOKED', 'cancelled'],
  ['SI', 'SIGNALING', 'running'],
  ['SE', 'SPECIAL_EXIT', 'failed'],
  ['SO', 'STAGE_OUT', 'completing'],
  ['ST', 'STOPPED', 'held'],
  ['S', 'SUSPENDED', 'held'],
  ['TO', 'TIMEOUT', 'timeout'],
];

/** Every documented compact code and full name, for tests and docs. */
export const slurmStateCodes: ReadonlyArray<{ code: string; name: string; state: JobState }> = slurmStates.map(
  ([code, name, state]) => ({ code, name, state }),
);

const byWord = new Map<string, JobState>(slurmStates.flatMap(([code, name, state]) => [[code, state], [name, state]] as const));

/**
 * Pending reasons of a job that will not start until someone acts: a user or admin
 * hold, a requeue in held state (`scontrol requeuehold`; squeue prints the reason in
 * words, recorded from Slurm 22.05), or a dependency that can no longer be met. A job
 * waiting for a dependency, priority, resources or its begin time is queued, with the
 * reason carried.
 */
const holdReasons = new Set(['JobHeldUser', 'JobHeldAdmin', 'job requeued in held state', 'DependencyNeverSatisfied']);

/**
 * The normalized state for a Slurm state word (`PD`, `RUNNING`, `CANCELLED by 0`,
 * sacct's truncated `CANCELLED+`) and its pending reason. Unknown words give `unknown`.
 */
export function slurmJobState(native: string, reason?: string): JobState {
  const word = native.trim().split(/\s+/)[0]?.replace(/\+$/, '').toUpperCase() ?? '';
  const state = byWord.get(word) ?? 'unknown';
  return state === 'queued' && reason !== undefined && holdReasons.has(reason) ? 'held' : state;
}

/** How a job ended as sacct's `ExitCode` says it: `<status>:<signal>`, two separate facts. */
export interface SlurmExit {
  /** The exit status of the batch script. */
  exitCode: number;
  /** The signal that ended it, when one did (`0:9` → 9). */
  signal?: number;
}

/** A {@link JobStatus} from Slurm's state word, reason (`None` is dropped) and exit. */
export function slurmJobStatus(native: string, reason?: string, exit?: SlurmExit): JobStatus {
  const cleanReason = reason === undefined || reason === '' || reason === 'None' ? undefined : reason;
  return {
    state: slurmJobState(native, cleanReason),
    native: native.trim(),
    ...(cleanReason === undefined ? {} : { reason: cleanReason }),
    ...(exit === undefined ? {} : { exitCode: exit.exitCode }),
    ...(exit?.signal === undefined ? {} : { signal: exit.signal }),
  };
}
