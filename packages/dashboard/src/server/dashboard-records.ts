import { constants } from 'node:os';
import type { JobInfo, WorkerInfo } from '@jq/core';
import type { DashboardJob, DashboardWorker } from '../dashboard-contract.js';
import type { DashboardWorkerFigures } from './dashboard-sources.js';

const signalNames = new Map(Object.entries(constants.signals).map(([name, number]) => [number as number, name]));

/** A job as the page shows it: the table's record without its log paths or internal flags. */
export function dashboardJob(job: JobInfo): DashboardJob {
  const record: DashboardJob = { key: job.key, id: job.id, pool: job.pool, state: job.state, native: job.native, submittedAt: job.submittedAt };
  if (job.reason !== undefined) record.reason = job.reason;
  if (job.startedAt !== undefined) record.startedAt = job.startedAt;
  if (job.endedAt !== undefined) record.endedAt = job.endedAt;
  if (job.walltime !== undefined) record.walltime = job.walltime;
  if (job.host !== undefined) record.host = job.host;
  if (job.exitCode !== undefined) record.exitCode = job.exitCode;
  if (job.signal !== undefined) record.signal = signalNames.get(job.signal) ?? `signal ${job.signal}`;
  return record;
}

/** A worker as the page shows it, with the scheduler's own figures when it keeps them. */
export function dashboardWorker(worker: WorkerInfo, figures: DashboardWorkerFigures | undefined, connectedAt: number): DashboardWorker {
  const record: DashboardWorker = {
    name: worker.name,
    jobKey: worker.jobKey,
    pool: worker.pool ?? 'default',
    status: worker.status,
    threads: worker.threads,
    runningTasks: worker.runningTasks,
    tasksDone: figures?.tasksDone ?? 0,
    tasksFailed: figures?.tasksFailed ?? 0,
    memoryLimit: worker.memoryLimit,
    connectedAt: figures?.connectedAt ?? connectedAt,
  };
  if (worker.host !== undefined) record.host = worker.host;
  if (figures?.memoryUsed !== undefined) record.memoryUsed = figures.memoryUsed;
  if (figures?.lifetimeLeft !== undefined) record.lifetimeLeft = figures.lifetimeLeft;
  return record;
}

/**
 * Whether two records show the same: every field equal, `lifetimeLeft` aside (the page
 * counts it down on its own, so a change there alone is not worth an update).
 */
export function sameRecord<Item extends object>(previous: Item | undefined, next: Item): boolean {
  if (previous === undefined) return false;
  if (previous === next) return true;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((key) => key === 'lifetimeLeft' || before[key] === after[key]);
}
