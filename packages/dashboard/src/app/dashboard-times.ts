import type { DashboardJob, DashboardWorker } from '../dashboard-contract.js';

/** States in which a job holds its allocation, so its walltime runs down. */
const allocatedStates: ReadonlySet<DashboardJob['state']> = new Set(['running', 'completing']);

/** Seconds the job waited in the batch queue: until it started, ended, or until now. */
export function jobTimeQueued(job: DashboardJob, now: number): number {
  return Math.max(0, ((job.startedAt ?? job.endedAt ?? now) - job.submittedAt) / 1000);
}

/** Seconds the job has run (until it ended, or until now); undefined before it started. */
export function jobRuntime(job: DashboardJob, now: number): number | undefined {
  if (job.startedAt === undefined) return undefined;
  return Math.max(0, ((job.endedAt ?? now) - job.startedAt) / 1000);
}

/**
 * Seconds of walltime left while the job holds its allocation; undefined when it has no walltime
 * or is not running. Zero, not negative, once the walltime is spent (the batch system's grace).
 */
export function jobWalltimeLeft(job: DashboardJob, now: number): number | undefined {
  if (job.walltime === undefined || !allocatedStates.has(job.state)) return undefined;
  const runtime = jobRuntime(job, now);
  if (runtime === undefined) return undefined;
  return Math.max(0, job.walltime - runtime);
}

/**
 * A worker's lifetime left at `displayNow`: the server counted `lifetimeLeft` at `clusterNow`,
 * and the page's clock runs on between updates.
 */
export function workerLifetimeLeft(worker: DashboardWorker, clusterNow: number, displayNow: number): number | undefined {
  if (worker.lifetimeLeft === undefined) return undefined;
  return Math.max(0, worker.lifetimeLeft - (displayNow - clusterNow) / 1000);
}
