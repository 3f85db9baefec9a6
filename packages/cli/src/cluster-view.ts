import type { ClusterJournal, JobInfo, WorkerInfo } from '@jq/core';
import { formatBytes, formatWalltime, isTerminalState, recordedDashboardUrl, recordedSchedulerDashboardUrl } from '@jq/core';
import { renderTable } from './cli-table.js';

/** One job as `status` shows it: durations in seconds. */
export interface JobView {
  key: string;
  id: string;
  pool: string;
  state: string;
  reason: string | null;
  queuedSeconds: number;
  runningSeconds: number | null;
  walltimeLeftSeconds: number | null;
  host: string | null;
  exitCode: number | null;
}

/** What `status --json` prints. */
export interface ClusterView {
  name: string;
  backend: string;
  scheduler: string | null;
  address: string | null;
  /** Our dashboard page, without its token (`up` printed the address with it once). */
  dashboardUrl: string | null;
  /** The scheduler's own dashboard when ours is served beside it (Dask's). */
  daskDashboardUrl: string | null;
  owner: string | null;
  targets: Record<string, number>;
  jobs: JobView[];
  workers: Array<Pick<WorkerInfo, 'name' | 'jobKey' | 'status' | 'threads' | 'memoryLimit' | 'runningTasks'> & { host: string | null }>;
}

/** The cluster as its journal tells it now. */
export function clusterView(journal: ClusterJournal, owned: boolean, now = Date.now()): ClusterView {
  const record = journal.readCluster();
  const state = journal.readState();
  const jobs = (state?.jobs ?? []) as unknown as JobInfo[];
  const workers = (state?.workers ?? []) as unknown as WorkerInfo[];
  return {
    name: record.name,
    backend: record.backend.name,
    scheduler: record.scheduler?.kind ?? null,
    address: record.scheduler?.address ?? null,
    dashboardUrl: recordedDashboardUrl(record) ?? null,
    daskDashboardUrl: recordedSchedulerDashboardUrl(record) ?? null,
    owner: owned && state ? `pid ${state.owner.pid} on ${state.owner.host}` : null,
    targets: state?.targets ?? {},
    jobs: jobs.map((job) => jobView(job, now)),
    workers: workers.map(({ name, jobKey, status, threads, memoryLimit, runningTasks, host }) => ({ name, jobKey, status, threads, memoryLimit, runningTasks, host: host ?? null })),
  };
}

function jobView(job: JobInfo, now: number): JobView {
  const ended = isTerminalState(job.state) ? (job.endedAt ?? job.changedAt) : undefined;
  const running = job.startedAt === undefined ? null : Math.round(((ended ?? now) - job.startedAt) / 1000);
  return {
    key: job.key,
    id: job.id,
    pool: job.pool,
    state: job.state,
    reason: job.reason ?? null,
    queuedSeconds: Math.round(((job.startedAt ?? ended ?? now) - job.submittedAt) / 1000),
    runningSeconds: running,
    walltimeLeftSeconds: job.walltime === undefined || running === null || ended !== undefined ? null : Math.max(0, job.walltime - running),
    host: job.host ?? null,
    exitCode: job.exitCode ?? null,
  };
}

/** The view as text: a header, the jobs table and the workers table. */
export function renderClusterView(view: ClusterView): string {
  const seconds = (value: number | null) => (value === null ? '-' : formatWalltime(value));
  const header = [
    `cluster ${view.name} on ${view.backend}, scheduler ${view.scheduler ?? 'unknown'}${view.address ? ` at ${view.address}` : ''}`,
    `owner: ${view.owner ?? 'none (ended; `jobqueue down` cleans up)'}; wanted jobs: ${Object.entries(view.targets).map(([pool, jobs]) => `${pool} ${jobs}`).join(', ') || '0'}`,
    ...(view.dashboardUrl ? [`dashboard: ${view.dashboardUrl}`] : []),
    ...(view.daskDashboardUrl ? [`Dask's dashboard: ${view.daskDashboardUrl}`] : []),
  ];
  const jobs = view.jobs.map((job) => [job.key, job.id || '(submitting)', job.state, job.reason ?? '', seconds(job.queuedSeconds), seconds(job.runningSeconds), seconds(job.walltimeLeftSeconds)]);
  const workers = view.workers.map((worker) => [worker.name, worker.jobKey, worker.status, String(worker.threads), formatBytes(worker.memoryLimit), String(worker.runningTasks)]);
  return [
    ...header,
    jobs.length === 0 ? 'no jobs' : renderTable(['job', 'id', 'state', 'reason', 'queued', 'running', 'walltime left'], jobs),
    workers.length === 0 ? 'no workers connected' : renderTable(['worker', 'job', 'status', 'threads', 'memory', 'tasks'], workers),
  ].join('\n');
}
