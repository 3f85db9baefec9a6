import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHttpToken, type WorkerInfo } from '@jq/core';
import { tokenCookieName } from './scheduler-http-auth.js';
import type { SchedulerMetrics } from './scheduler-metrics.js';

/**
 * One route of the scheduler's HTTP server. Every route sits behind the token check:
 * a handler only ever sees requests that carried the token.
 */
export interface SchedulerHttpRoute {
  /** An exact path (`/api/v1/workers`), or a prefix ending in `/` (`/dashboard/`) that takes everything under it. */
  path: string;
  /** Methods it answers; default GET and HEAD. Others get 405. */
  methods?: string[];
  /** Answers the request (it may keep the response open, as server-sent events do). */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): void | Promise<void>;
}

/** What the built-in routes read from the scheduler. */
export interface SchedulerHttpSource {
  workers(): WorkerInfo[];
  adaptiveTarget(): Promise<number>;
  metrics(): SchedulerMetrics;
}

/** Writes a JSON reply that no cache keeps. */
export function replyJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * The read-only JSON API: `/health`, `/api/v1/workers`, `/api/v1/adaptive_target`,
 * `/api/v1/metrics`. Nothing here reveals the worker secret, the token or task data.
 */
export function builtInRoutes(source: SchedulerHttpSource): SchedulerHttpRoute[] {
  return [
    { path: '/health', handle: (_request, response) => replyJson(response, 200, { status: 'ok' }) },
    { path: '/api/v1/workers', handle: (_request, response) => replyJson(response, 200, { workers: source.workers() }) },
    { path: '/api/v1/metrics', handle: (_request, response) => replyJson(response, 200, source.metrics()) },
    {
      path: '/api/v1/adaptive_target',
      handle: async (_request, response) => {
        // A failure here is the scheduler's own; its message carries no secret.
        const workers = await source.adaptiveTarget().catch((error: unknown) => error as Error);
        if (workers instanceof Error) replyJson(response, 500, { error: workers.message });
        else replyJson(response, 200, { workers });
      },
    },
  ];
}

/**
 * The scheduler's HTTP server: the token check, then the first route whose path
 * matches (exact paths before prefixes). `routes` is read on every request, so routes
 * added later (a dashboard) are served without a restart.
 */
export async function startSchedulerHttp(routes: readonly SchedulerHttpRoute[], host: string, port: number, token: string): Promise<{ server: Server; url: string }> {
  let listeningPort = port;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (checkHttpToken(request, response, url, { token, cookieName: tokenCookieName(listeningPort) }) === 'answered') return;
    const route = routes.find((candidate) => candidate.path === url.pathname) ?? routes.find((candidate) => candidate.path.endsWith('/') && url.pathname.startsWith(candidate.path));
    if (route === undefined) return replyJson(response, 404, { error: 'not found' });
    const method = request.method ?? 'GET';
    if (!(route.methods ?? ['GET', 'HEAD']).includes(method)) return replyJson(response, 405, { error: 'method not allowed' });
    Promise.resolve(route.handle(request, response, url)).catch(() => {
      if (!response.headersSent) replyJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  listeningPort = address.port;
  return { server, url: `http://${formatHost(address.address)}:${address.port}` };
}

/** Brackets IPv6 literals for use in a URL or address. */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
