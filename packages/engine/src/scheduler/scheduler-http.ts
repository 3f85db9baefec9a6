import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerInfo } from '@jq/core';
import type { SchedulerMetrics } from './scheduler-metrics.js';

/** What the HTTP API reads from the scheduler. */
export interface SchedulerHttpSource {
  workers(): WorkerInfo[];
  adaptiveTarget(): Promise<number>;
  metrics(): SchedulerMetrics;
}

/**
 * Read-only JSON API: `/health`, `/api/v1/workers`, `/api/v1/adaptive_target`,
 * `/api/v1/metrics`. GET only; it exposes no task data and changes nothing.
 */
export async function startSchedulerHttp(source: SchedulerHttpSource, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return reply(405, { error: 'method not allowed' });
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    switch (path) {
      case '/health':
        return reply(200, { status: 'ok' });
      case '/api/v1/workers':
        return reply(200, { workers: source.workers() });
      case '/api/v1/metrics':
        return reply(200, source.metrics());
      case '/api/v1/adaptive_target':
        source.adaptiveTarget().then(
          (workers) => reply(200, { workers }),
          (error: unknown) => reply(500, { error: String(error) }),
        );
        return;
      default:
        return reply(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${formatHost(address.address)}:${address.port}` };
}

/** Brackets IPv6 literals for use in a URL or address. */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
