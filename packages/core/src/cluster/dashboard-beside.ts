import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import type { ClusterRecord } from '../journal/journal-records.js';
import { createHttpToken } from '../util/http-token-gate.js';
import type { JobQueueCluster } from './job-queue-cluster.js';
import { importPackage, type ModuleTable } from './module-loader.js';

/** The npm name of the package that serves the dashboard page. */
export const dashboardPackageName = '@jq/dashboard';

type StartDashboardServer = (settings: { cluster: JobQueueCluster; token: string }) => Promise<{ url: string; urlWithToken: string; close(): Promise<void> }>;

/** A dashboard page served beside the cluster's scheduler. */
export interface DashboardBeside {
  /** The page's address, without the token. */
  url: string;
  /** **Secret.** The token the page asks for. */
  token: string;
  /** **Secret.** {@link url} with the token: opened once, it signs the browser in. */
  urlWithToken: string;
  /** Stops serving. */
  close(): Promise<void>;
}

/** True when the scheduler serves our page itself (the engine's HTTP server), or was told not to. */
export function servesOwnDashboard(scheduler: SchedulerV1): boolean {
  return 'dashboardUrlWithToken' in scheduler;
}

/**
 * Serves the dashboard page beside a scheduler that has none of ours (Dask: the page links to
 * Dask's own), on loopback with a fresh token, and notes `{ url, token }` in the journal for
 * `status` and attached processes. Undefined for a scheduler that serves its own. Core never
 * imports `@jq/dashboard` statically (it depends on core): it is loaded from `modules`, else
 * as the user's project would, and its absence is an error saying so.
 */
export async function serveDashboardBeside(cluster: JobQueueCluster, modules?: ModuleTable): Promise<DashboardBeside | undefined> {
  if (servesOwnDashboard(cluster.scheduler)) return undefined;
  const start = (await importPackage(dashboardPackageName, modules)).startDashboardServer as StartDashboardServer | undefined;
  if (typeof start !== 'function') throw new Error(`${dashboardPackageName} exports no startDashboardServer`);
  const token = createHttpToken();
  const server = await start({ cluster, token });
  cluster.recordDashboard({ url: server.url, token });
  return { url: server.url, token, urlWithToken: server.urlWithToken, close: () => server.close() };
}

/** Our dashboard page in a journal, without its token: the one served beside the scheduler, else the scheduler's own (the engine's). */
export function recordedDashboardUrl(record: ClusterRecord): string | undefined {
  return record.dashboard?.url ?? record.scheduler?.dashboardUrl;
}

/** The scheduler's own dashboard when our page is served beside it (Dask's), else undefined. */
export function recordedSchedulerDashboardUrl(record: ClusterRecord): string | undefined {
  return record.dashboard ? record.scheduler?.dashboardUrl : undefined;
}
