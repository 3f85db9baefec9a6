/**
 * The normalized states every backend maps its native codes onto.
 *
 * - `queued` – waiting in the batch queue: for priority, resources, a dependency or a begin time (the reason says which)
 * - `held` – will not start until someone acts: a user or admin hold, a job requeued in held state
 * - `running` – started on a node
 * - `completing` – finished, the batch system is still cleaning up
 * - `completed` – ended with exit code 0
 * - `failed` – ended with a non-zero exit code or a node failure
 * - `cancelled` – cancelled, by the cluster or from outside
 * - `timeout` – killed at its walltime
 * - `out-of-memory` – killed for exceeding its memory
 * - `preempted` – removed in favour of another job
 * - `lost` – left the queue and no accounting could tell how it ended
 * - `unknown` – a native code this backend does not recognise
 */
export type JobState =
  | 'queued'
  | 'held'
  | 'running'
  | 'completing'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'timeout'
  | 'out-of-memory'
  | 'preempted'
  | 'lost'
  | 'unknown';

/** Every {@link JobState}, in lifecycle order. */
export const jobStates: readonly JobState[] = [
  'queued',
  'held',
  'running',
  'completing',
  'completed',
  'failed',
  'cancelled',
  'timeout',
  'out-of-memory',
  'preempted',
  'lost',
  'unknown',
];

const terminalStates: ReadonlySet<JobState> = new Set([
  'completed',
  'failed',
  'cancelled',
  'timeout',
  'out-of-memory',
  'preempted',
  'lost',
]);

/** True when a job in `state` will never run again. */
export function isTerminalState(state: JobState): boolean {
  return terminalStates.has(state);
}

/** True when a job in `state` waits in the queue and holds no node yet. */
export function isPendingState(state: JobState): boolean {
  return state === 'queued' || state === 'held';
}

/** One job's status as a backend parsed it. */
export interface JobStatus {
  /** The normalized state. */
  state: JobState;
  /** The batch system's own code or word, e.g. `PD`, `R`, `CANCELLED by 0`. */
  native: string;
  /** Why the job is in this state, when the system says (`Priority`, `Resources`, …). */
  reason?: string;
  /** Exit status of the job script (0–255), when it ended and the system reports it. Never invented. */
  exitCode?: number;
  /** Number of the signal that ended the job, when the system reports one (sacct's `ExitCode` is `status:signal`). */
  signal?: number;
}
