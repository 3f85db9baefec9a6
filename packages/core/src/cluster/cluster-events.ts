import type { JobState } from '../contracts/job-state.js';
import type { WorkerInfo } from '../contracts/scheduler-v1.js';
import type { JobQueueError } from '../errors.js';
import type { JobInfo } from './job-info.js';

/** Why the adaptive loop changed (or kept) a pool. */
export interface AdaptDecision {
  /** The pool decided for. */
  pool: string;
  /** Workers the scheduler asked for, after clamping to the bounds. */
  target: number;
  /** Jobs the target needs. */
  desiredJobs: number;
  /** Live jobs before the decision (queued + running). */
  current: number;
  /** Live jobs still waiting in the queue. */
  queued: number;
  /** What was done. */
  action: 'scale-up' | 'scale-down' | 'hold' | 'wait';
  /** Plain-words reason for logs and dashboards. */
  reason: string;
}

/** A pool's wanted job count changed. */
export interface ScaleChange {
  /** The pool. */
  pool: string;
  /** Jobs wanted now. */
  jobs: number;
  /** Jobs wanted before. */
  previous: number;
}

/** Events of a cluster; its {@link JobTable} emits them as the facts are recorded. */
export interface ClusterEvents {
  /** A job entered the batch queue. */
  'job-submitted': (job: JobInfo) => void;
  /** A job's normalized state changed. */
  'job-state': (job: JobInfo, previous: JobState) => void;
  /** A worker connected; `job` is the job running it, when known. */
  'worker-added': (worker: WorkerInfo, job: JobInfo | undefined) => void;
  /** A worker left. */
  'worker-removed': (worker: WorkerInfo, reason: string) => void;
  /** A pool's wanted number of jobs changed. */
  scale: (change: ScaleChange) => void;
  /** The adaptive loop decided something. */
  adapt: (decision: AdaptDecision) => void;
  /** A job waited in the queue past the pending timeout. */
  'job-pending-timeout': (job: JobInfo) => void;
  /** Something failed in the background (submission, status, cancel). */
  error: (error: JobQueueError) => void;
}

/** Every event name of {@link ClusterEvents}. */
export const clusterEventNames = [
  'job-submitted',
  'job-state',
  'worker-added',
  'worker-removed',
  'scale',
  'adapt',
  'job-pending-timeout',
  'error',
] as const satisfies ReadonlyArray<keyof ClusterEvents>;
