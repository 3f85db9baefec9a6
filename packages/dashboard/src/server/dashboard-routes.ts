import type { IncomingMessage, ServerResponse } from 'node:http';
import { dashboardAssetsDirectory } from '../dashboard-assets.js';
import type { DashboardFeed } from './dashboard-feed.js';
import { serveDashboardFile } from './dashboard-static.js';

/** One route, in the shape the engine's HTTP server mounts (`addHttpRoutes`): behind its token check. */
export interface DashboardRoute {
  /** An exact path, or a prefix ending in `/` that takes everything under it. */
  path: string;
  /** Methods answered (GET and HEAD when absent). */
  methods?: string[];
  /** Answers the request; an event stream keeps the response open. */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): void | Promise<void>;
}

/** How often an idle stream gets a comment line, so proxies keep it open. */
const keepAliveInterval = 20_000;

/**
 * The dashboard's routes over a feed: the page at `/dashboard/` (and its assets), the
 * snapshot at `/api/v1/dashboard`, the event stream at `/api/v1/dashboard/events`. They
 * do no authentication of their own: mount them only behind a token check.
 */
export function dashboardRoutes(feed: DashboardFeed, options: { assetsDirectory?: string } = {}): DashboardRoute[] {
  const assets = options.assetsDirectory ?? dashboardAssetsDirectory;
  return [
    {
      path: '/api/v1/dashboard',
      handle: (request, response) => {
        const body = JSON.stringify(feed.snapshot());
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
    },
    { path: '/api/v1/dashboard/events', methods: ['GET'], handle: (request, response) => openStream(feed, request, response) },
    { path: '/dashboard', handle: (_request, response) => void response.writeHead(308, { location: '/dashboard/' }).end() },
    {
      path: '/dashboard/',
      handle: (request, response, url) => serveDashboardFile(assets, decodePath(url.pathname.slice('/dashboard/'.length)), response, request.method === 'HEAD'),
    },
  ];
}

/** Server-sent events: a `snapshot`, then each coalesced `update`, until the client or the feed leaves. */
function openStream(feed: DashboardFeed, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  response.socket?.setNoDelay(true);
  // JSON.stringify escapes every newline inside strings: each message is one data line.
  const { snapshot, unsubscribe } = feed.subscribe({
    update: (_update, json) => void response.write(`event: update\ndata: ${json}\n\n`),
    close: () => response.end(),
  });
  response.write(`retry: 2000\n\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveInterval);
  keepAlive.unref();
  const end = (): void => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  request.on('close', end);
  response.on('close', end);
}

/** A path with its escapes decoded; a malformed escape names no file (404, not a server error). */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '\0';
  }
}
