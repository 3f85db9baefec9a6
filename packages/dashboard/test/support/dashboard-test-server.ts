import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { applyDashboardUpdate, dashboardAssetsDirectory, type DashboardSnapshot, type DashboardUpdate } from '../../src/index.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The strictest policy the page should live under: nothing inline, nothing from elsewhere. A page
 * that needs more shows as a console error in the browser tests.
 */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The HTTP boundary of the browser tests: serves the built page at `/dashboard/` and the contract's
 * two endpoints from a snapshot the test controls, pushing updates down every open event stream.
 */
export class DashboardTestServer {
  /** What the endpoints serve; `push` applies each update to it, so a reconnect sees the latest. */
  snapshot: DashboardSnapshot;
  /** Answer both API endpoints with 401, as a server does for a browser without its cookie. */
  unauthorized = false;
  readonly #streams = new Set<ServerResponse>();
  readonly #server: Server;

  private constructor(snapshot: DashboardSnapshot) {
    this.snapshot = snapshot;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
  }

  /** Starts a server on a free loopback port. */
  static async start(snapshot: DashboardSnapshot): Promise<DashboardTestServer> {
    const server = new DashboardTestServer(snapshot);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** The page's address. */
  get pageUrl(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/dashboard/`;
  }

  /** Event streams open now. */
  get streamCount(): number {
    return this.#streams.size;
  }

  /** Sends an update to every open stream and folds it into the snapshot. */
  push(update: DashboardUpdate): void {
    this.snapshot = applyDashboardUpdate(this.snapshot, update);
    for (const stream of this.#streams) stream.write(sseMessage('update', update));
  }

  /** Cuts every event stream, as a restarted proxy or a network blip would. */
  dropStreams(): void {
    for (const stream of this.#streams) stream.destroy();
    this.#streams.clear();
  }

  /** Stops the server and cuts every connection. */
  async close(): Promise<void> {
    this.dropStreams();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/api/v1/dashboard' || path === '/api/v1/dashboard/events') {
      if (this.unauthorized) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      } else if (path.endsWith('/events')) {
        this.#openStream(request, response);
      } else {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(this.snapshot));
      }
      return;
    }
    if (path === '/dashboard') {
      response.writeHead(308, { location: '/dashboard/' }).end();
      return;
    }
    if (!path.startsWith('/dashboard/')) {
      response.writeHead(404).end();
      return;
    }
    await this.#serveFile(path.slice('/dashboard/'.length) || 'index.html', response);
  }

  #openStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // A short retry so the reconnect test does not wait for the browser's default 3 s.
    response.write('retry: 300\n\n');
    response.write(sseMessage('snapshot', this.snapshot));
    this.#streams.add(response);
    request.on('close', () => this.#streams.delete(response));
  }

  async #serveFile(relativePath: string, response: ServerResponse): Promise<void> {
    const file = normalize(join(dashboardAssetsDirectory, relativePath));
    if (!file.startsWith(dashboardAssetsDirectory + sep)) {
      response.writeHead(404).end();
      return;
    }
    const content = await readFile(file).catch(() => undefined);
    if (content === undefined) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
      })
      .end(content);
  }
}

function sseMessage(event: string, data: unknown): string {
  // JSON.stringify escapes newlines inside strings, so the data is one `data:` line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
