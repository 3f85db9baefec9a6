import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHttpToken, packageErrors, type ClusterView, type SchedulerV1 } from '@jq/core';
import { DashboardFeed } from './dashboard-feed.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { dashboardCookieName } from './dashboard-server-auth.js';
import type { DashboardWorkSource } from './dashboard-sources.js';

const dashboardError = packageErrors('@jq/dashboard');

/** Where and how {@link startDashboardServer} serves a cluster's dashboard. */
export interface DashboardServerSettings {
  /** The cluster: its read-only `view` and its `scheduler` (whose `dashboardUrl`, Dask's own, the page links to). */
  cluster: { readonly view: ClusterView; readonly scheduler: SchedulerV1 };
  /** **Secret.** The token every request must carry, at least 16 characters. */
  token: string;
  /** Address to listen on. Default `127.0.0.1`: anything wider is the caller's explicit choice. */
  host?: string;
  /** Port; default 0 (any free one). */
  port?: number;
  /** Task counters, when the scheduler keeps them in this process. */
  work?: DashboardWorkSource;
}

/** A running standalone dashboard. */
export interface DashboardServer {
  /** The page's address, without the token: safe to print or store. */
  readonly url: string;
  /** **Secret.** {@link url} with `?token=`: opened once, it signs the browser in. Show it only to the cluster's owner. */
  readonly urlWithToken: string;
  /** The feed behind the page. */
  readonly feed: DashboardFeed;
  /** Ends every stream and stops listening. */
  close(): Promise<void>;
}

/**
 * Serves a cluster's dashboard from an HTTP server of its own, for a cluster whose
 * scheduler has no server of ours (Dask: the page links to Dask's dashboard). Every
 * request needs the token; the server listens on loopback unless told otherwise.
 */
export async function startDashboardServer(settings: DashboardServerSettings): Promise<DashboardServer> {
  const { cluster, token, host = '127.0.0.1', port = 0 } = settings;
  if (typeof token !== 'string' || token.length < 16) throw dashboardError('JQ_CONFIG_INVALID', 'token: expected a string of at least 16 characters (got <redacted>)');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw dashboardError('JQ_CONFIG_INVALID', `port: expected an integer from 0 to 65535, got ${String(port)}`);
  const daskDashboardUrl = cluster.scheduler.dashboardUrl;
  const feed = new DashboardFeed({
    cluster: cluster.view,
    scheduler: cluster.scheduler,
    ...(settings.work ? { work: settings.work } : {}),
    ...(daskDashboardUrl ? { daskDashboardUrl } : {}),
  });
  const routes = dashboardRoutes(feed);
  let listeningPort = port;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (checkHttpToken(request, response, url, { token, cookieName: dashboardCookieName(listeningPort) }) === 'answered') return;
    if (url.pathname === '/') return void response.writeHead(303, { location: '/dashboard/' }).end();
    const route = routes.find((candidate) => candidate.path === url.pathname) ?? routes.find((candidate) => candidate.path.endsWith('/') && url.pathname.startsWith(candidate.path));
    if (route === undefined) return void response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    if (!(route.methods ?? ['GET', 'HEAD']).includes(request.method ?? 'GET')) return void response.writeHead(405).end();
    Promise.resolve(route.handle(request, response, url)).catch(() => (response.headersSent ? response.destroy() : response.writeHead(500).end()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(dashboardError('JQ_CONFIG_INVALID', `cannot listen on ${host}:${port}: ${error.message}`, { cause: error })));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  listeningPort = address.port;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/dashboard/`;
  return {
    url,
    urlWithToken: `${url}?token=${encodeURIComponent(token)}`,
    feed,
    async close() {
      feed.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
