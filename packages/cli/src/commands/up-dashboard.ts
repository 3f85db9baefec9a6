import { type AnyBackend, type JobQueueCluster, type SchedulerV1, serveDashboardBeside, servesOwnDashboard } from '@jq/core';

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
 * The engine's scheduler serves the dashboard on its own HTTP server; beside one that has no
 * page of ours (Dask), `up` serves the page from a server of its own (core's
 * `serveDashboardBeside`: loopback, a fresh token, noted in the journal for `status`).
 */
export async function ownerDashboard(cluster: JobQueueCluster<AnyBackend, SchedulerV1>): Promise<OwnerDashboard> {
  const scheduler = cluster.scheduler as SchedulerV1 & { dashboardUrlWithToken?: string };
  const page = servesOwnDashboard(scheduler) ? undefined : await serveDashboardBeside(cluster, { '@jq/dashboard': await import('@jq/dashboard') });
  if (!page) return { urlWithToken: scheduler.dashboardUrlWithToken, daskDashboardUrl: undefined, close: async () => undefined };
  return { urlWithToken: page.urlWithToken, daskDashboardUrl: scheduler.dashboardUrl, close: () => page.close() };
}
