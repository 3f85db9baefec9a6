import type { JobId, LogFiles } from '../contracts/backend-v1.js';
import type { JobState, JobStatus } from '../contracts/job-state.js';

/** A job this cluster submitted, as the cluster tracks it. */
export interface JobInfo {
  /** Batch-system id. */
  readonly id: JobId;
  /** Identity in the cluster, `<clusterName>-<index>`; workers carry it as their `jobName`. */
  readonly name: string;
  /** Index in the cluster. */
  readonly index: number;
  /** Normalized state. */
  readonly state: JobState;
  /** The batch system's own state word. */
  readonly native: string;
  /** Why it is in this state, when known (queue reason, how it was resolved). */
  readonly reason?: string | undefined;
  /** Exit code once ended, when known. */
  readonly exitCode?: number | undefined;
  /** When it was submitted (clock milliseconds). */
  readonly submittedAt: number;
  /** When its state last changed. */
  readonly changedAt: number;
  /** True once the cluster asked to cancel or retire it. */
  readonly releasing: boolean;
  /** Where its output goes, when the backend knows. */
  readonly logFiles?: LogFiles | undefined;
}

/** The cluster's mutable record behind a {@link JobInfo}. */
export interface JobRecord {
  id: JobId;
  name: string;
  index: number;
  status: JobStatus;
  submittedAt: number;
  changedAt: number;
  releasing: boolean;
  /** When the job was first found missing from the queue. */
  missingSince?: number | undefined;
  logFiles?: LogFiles | undefined;
}

/** A frozen copy of `record` for callers. */
export function toJobInfo(record: JobRecord): JobInfo {
  return Object.freeze({
    id: record.id,
    name: record.name,
    index: record.index,
    state: record.status.state,
    native: record.status.native,
    reason: record.status.reason,
    exitCode: record.status.exitCode,
    submittedAt: record.submittedAt,
    changedAt: record.changedAt,
    releasing: record.releasing,
    logFiles: record.logFiles,
  });
}
