import type { Server } from 'node:http';
import type { ClusterView } from '@jq/core';
import { mountDashboard } from './scheduler-dashboard.js';
import { builtInRoutes, startSchedulerHttp, type SchedulerHttpRoute, type SchedulerHttpSource } from './scheduler-http.js';

export { formatHost, type SchedulerHttpRoute } from './scheduler-http.js';

/** Where the HTTP server listens and the token it asks for. */
export interface HttpServiceSettings {
  host: string;
  port: number;
  token: string;
}

/** The scheduler's HTTP server: its routes (built-in and mounted), its address, and its token. */
export class SchedulerHttpService {
  private readonly routes: SchedulerHttpRoute[];
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private dashboard: Promise<void> | undefined;

  constructor(
    source: SchedulerHttpSource,
    private readonly settings: HttpServiceSettings,
  ) {
    this.routes = builtInRoutes(source);
  }

  /** Mounts routes ahead of the built-in ones; served at once, also after start. */
  addRoutes(routes: SchedulerHttpRoute[]): void {
    this.routes.unshift(...routes);
  }

  /** Mounts the dashboard of the cluster `view` shows (when `@jq/dashboard` is installed); `start()` waits for it. */
  mountDashboard(scheduler: Parameters<typeof mountDashboard>[0], view: ClusterView): void {
    this.dashboard = mountDashboard(scheduler, view);
  }

  async start(): Promise<void> {
    await this.dashboard;
    const started = await startSchedulerHttp(this.routes, this.settings.host, this.settings.port, this.settings.token);
    this.server = started.server;
    this.baseUrl = started.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined || !server.listening) return;
    // Open event streams would hold close() forever.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The dashboard's address (`/dashboard/` once mounted, else the server's root); no token in it. */
  get dashboardUrl(): string | undefined {
    if (this.baseUrl === undefined) return undefined;
    return this.routes.some((route) => route.path === '/dashboard/') ? `${this.baseUrl}/dashboard/` : `${this.baseUrl}/`;
  }

  /** Secret: {@link dashboardUrl} carrying the token. */
  get dashboardUrlWithToken(): string | undefined {
    const url = this.dashboardUrl;
    return url === undefined ? undefined : `${url}?token=${encodeURIComponent(this.settings.token)}`;
  }
}
