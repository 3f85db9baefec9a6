import { createHttpToken, type JobQueueCluster, type AnyBackend, type SchedulerV1 } from '@jq/core';

/** The dashboard of a cluster this process owns: the address to print once, and how to stop serving it. */
export interface OwnerDashboard {
  /** **Secret.** The page's address with its token: opened once, it signs the browser in. */
  urlWithToken: string | undefined;
  /** Dask's own dashboard, which our page links to (Dask clusters only). */
  daskDashboardUrl: string | undefined;
  /** Stops the server `up` started for a Dask cluster; nothing for the engine, whose scheduler serves the page. */
  close(): Promise<void>;
}

/**
 * The engine's scheduler serves the dashboard on its own HTTP server; a Dask scheduler has
 * no server of ours, so `up` serves the page from one of its own (loopback, a fresh token),
 * linking to Dask's dashboard, and notes it in the journal for `status`.
 */
export async function ownerDashboard(cluster: JobQueueCluster<AnyBackend, SchedulerV1>): Promise<OwnerDashboard> {
  const scheduler = cluster.scheduler as SchedulerV1 & { dashboardUrlWithToken?: string };
  if (scheduler.name !== 'dask') return { urlWithToken: scheduler.dashboardUrlWithToken, daskDashboardUrl: undefined, close: async () => undefined };
  const { startDashboardServer } = await import('@jq/dashboard');
  const token = createHttpToken();
  const server = await startDashboardServer({ cluster, token });
  cluster.recordDashboard({ url: server.url, token });
  return { urlWithToken: server.urlWithToken, daskDashboardUrl: scheduler.dashboardUrl, close: () => server.close() };
}
