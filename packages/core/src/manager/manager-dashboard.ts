import type { JobQueueCluster } from '../cluster/job-queue-cluster.js';
import { importPackage } from '../cluster/module-loader.js';
import { createHttpToken } from '../util/http-token-gate.js';

/** The npm name of the package that serves the dashboard page. */
export const dashboardPackageName = '@jq/dashboard';

type StartDashboardServer = (settings: { cluster: JobQueueCluster; token: string }) => Promise<{ url: string; close(): Promise<void> }>;

/**
 * Serves the dashboard page from a detached or job-placed manager whose scheduler has no
 * page of its own (Dask: the engine's scheduler serves one itself), on loopback with a fresh
 * token, and notes its address and token in the journal for `up` and `status` to print.
 * Core never imports `@jq/dashboard` statically (it depends on core): a project without it
 * runs the cluster without a page, and the manager's log says why. Returns how to stop serving.
 */
export async function serveManagerDashboard(cluster: JobQueueCluster, log: (line: string) => void): Promise<() => Promise<void>> {
  const nothing = async (): Promise<void> => undefined;
  // A scheduler with a page of its own (the engine's) serves it, or was told not to: never a second one.
  if ('dashboardUrlWithToken' in cluster.scheduler) return nothing;
  let start: StartDashboardServer;
  try {
    start = (await importPackage(dashboardPackageName)).startDashboardServer as StartDashboardServer;
    if (typeof start !== 'function') throw new Error(`${dashboardPackageName} exports no startDashboardServer`);
  } catch (error) {
    log(`no dashboard page: ${(error as Error).message}`);
    return nothing;
  }
  const token = createHttpToken();
  const server = await start({ cluster, token });
  cluster.recordDashboard({ url: server.url, token });
  log(`dashboard page at ${server.url}`);
  return () => server.close();
}
