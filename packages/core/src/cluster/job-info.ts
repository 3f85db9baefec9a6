import type { JobId, LogFiles } from '../contracts/backend-v1.js';
import type { JobState } from '../contracts/job-state.js';

/** A job this cluster submitted, as its {@link JobTable} knows it. Frozen: the table replaces it on every change. */
export interface JobInfo {
  /** The job's identity in the cluster, `<clusterName>-<index>`; its workers carry it as their `jobKey`. */
  readonly key: string;
  /** Batch-system id. */
  readonly id: JobId;
  /** Worker pool the job belongs to. */
  readonly pool: string;
  /** Index in the cluster. */
  readonly index: number;
  /** Normalized state. */
  readonly state: JobState;
  /** The batch system's own state word. */
  readonly native: string;
  /** Why it is in this state, when known (queue reason, how it was resolved). */
  readonly reason?: string | undefined;
  /** Exit status once ended, when the system reports it. */
  readonly exitCode?: number | undefined;
  /** Signal that ended it, when the system reports one. */
  readonly signal?: number | undefined;
  /** When it was submitted (clock milliseconds). */
  readonly submittedAt: number;
  /** When it was first seen running (or a worker of it connected). */
  readonly startedAt?: number | undefined;
  /** When it was first seen in a terminal state. */
  readonly endedAt?: number | undefined;
  /** When its state last changed. */
  readonly changedAt: number;
  /** True once the cluster asked to retire or cancel it. */
  readonly releasing: boolean;
  /** Walltime it was submitted with, in seconds. */
  readonly walltime?: number | undefined;
  /** Host its first worker reported. */
  readonly host?: string | undefined;
  /** Where its output goes, when the backend knows. */
  readonly logFiles?: LogFiles | undefined;
}

/** What the table needs to start tracking a submitted job. */
export type NewJob = Pick<JobInfo, 'key' | 'id' | 'pool' | 'index' | 'walltime' | 'logFiles'>;
