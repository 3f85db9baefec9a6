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
  if (job.signal !== undefined) record.signal = signalName(job.signal);
  return record;
}

function signalName(signal: number): string {
  return signalNames.get(signal) ?? `signal ${signal}`;
}

/** Whether the page's record of a job shows what the table's record holds now (compared without building a record). */
export function sameShownJob(record: DashboardJob, job: JobInfo): boolean {
  return (
    record.state === job.state &&
    record.native === job.native &&
    record.reason === job.reason &&
    record.host === job.host &&
    record.startedAt === job.startedAt &&
    record.endedAt === job.endedAt &&
    record.exitCode === job.exitCode &&
    record.signal === (job.signal === undefined ? undefined : signalName(job.signal)) &&
    record.id === job.id &&
    record.pool === job.pool &&
    record.submittedAt === job.submittedAt &&
    record.walltime === job.walltime
  );
}

/**
 * Whether the page's record of a worker shows the worker as it is now, its counters aside (they
 * travel apart, as `DashboardWorkerCounters`) and `lifetimeLeft` aside (the page counts it
 * down on its own, so a change there alone is not worth an update).
 */
export function sameShownWorker(record: DashboardWorker, worker: WorkerInfo, connectedAt: number): boolean {
  return (
    record.status === worker.status &&
    record.jobKey === worker.jobKey &&
    record.pool === (worker.pool ?? 'default') &&
    record.host === worker.host &&
    record.threads === worker.threads &&
    record.memoryLimit === worker.memoryLimit &&
    record.connectedAt === connectedAt
  );
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
