import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SchedulerEventsV1 } from '@jq/core';
import { EventEmitter } from 'eventemitter3';
import { afterEach, describe, expect, it } from 'vitest';
import { DaskHttpApi } from '../../src/dask-http-api.js';
import { DaskWorkerTracker } from '../../src/dask-worker-tracker.js';

/** The token the fake `jq_dask_http` routes check, as the real module does. */
const token = 'fake-token-0123456789';

/** Worker entries shaped like Dask 2022.12's `/json/identity.json` (recorded, trimmed). */
function worker(name: string, port: number, overrides: Record<string, unknown> = {}) {
  return [
    `tcp://127.0.0.1:${port}`,
    {
      type: 'Worker', id: name, host: '127.0.0.1', resources: {}, name, nthreads: 2, memory_limit: 524288000,
      metrics: { task_counts: { executing: 2, 'long-running': 0, memory: 3, ready: 1, constrained: 0, waiting: 4, fetch: 0 } },
      status: 'running', nanny: 'tcp://127.0.0.1:37659', ...overrides,
    },
  ] as const;
}

interface Recorded { workers: Array<ReturnType<typeof worker>>; requests: string[]; retireStatus: number; apiRoutes: boolean }

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function fakeScheduler(state: Recorded): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      state.requests.push(`${request.method} ${request.url} ${body}`.trim());
      const authorized = request.headers.authorization === `Bearer ${token}`;
      if (request.url === '/json/identity.json') {
        response.end(JSON.stringify({ type: 'Scheduler', id: 'Scheduler-1', address: 'tcp://127.0.0.1:8786', workers: Object.fromEntries(state.workers) }));
      } else if (request.url?.startsWith('/jq/v1/') && state.apiRoutes && !authorized) {
        response.statusCode = 401;
        response.end('{"error": "a valid token is required"}');
      } else if (request.url === '/jq/v1/adaptive_target' && state.apiRoutes) {
        response.end('{"workers": 5}');
      } else if (request.url?.startsWith('/jq/v1/adaptive_target?target_duration=') && state.apiRoutes) {
        response.end(JSON.stringify({ workers: Math.ceil(50 / Number(request.url.split('=')[1])) }));
      } else if (request.url === '/jq/v1/retire_workers' && state.apiRoutes) {
        const addresses = (JSON.parse(body) as { workers: string[] }).workers;
        response.statusCode = state.retireStatus;
        response.end(state.retireStatus === 200 ? JSON.stringify({ retired: addresses }) : '<html><title>500: Internal Server Error</title></html>');
      } else {
        response.statusCode = 404;
        response.end('<html><title>404: Not Found</title><body>404: Not Found</body></html>');
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function setup(processes = 2) {
  const state: Recorded = { workers: [worker('jq-0-0', 40001), worker('jq-0-1', 40002)], requests: [], retireStatus: 200, apiRoutes: true };
  const baseUrl = await fakeScheduler(state);
  const api = new DaskHttpApi(baseUrl, token, 5000);
  const events = new EventEmitter<SchedulerEventsV1>();
  const log: string[] = [];
  events.on('worker-added', (info) => log.push(`added ${info.name}`));
  events.on('worker-removed', (info, reason) => log.push(`removed ${info.name} ${reason}`));
  const tracker = new DaskWorkerTracker({ api, events, pollInterval: 60_000, retireGrace: 60, processesPerJob: () => processes });
  return { state, api, tracker, log, baseUrl };
}

describe('DaskWorkerTracker over the scheduler HTTP API', () => {
  it('reads workers with their job, threads, memory and held tasks, and announces them once', async () => {
    const { tracker, log } = await setup();
    await tracker.refresh();
    await tracker.refresh();
    expect(tracker.list()).toEqual([
      { name: 'jq-0-0', jobKey: 'jq-0', status: 'running', threads: 2, memoryLimit: 524288000, runningTasks: 6, host: '127.0.0.1' },
      { name: 'jq-0-1', jobKey: 'jq-0', status: 'running', threads: 2, memoryLimit: 524288000, runningTasks: 6, host: '127.0.0.1' },
    ]);
    expect(log).toEqual(['added jq-0-0', 'added jq-0-1']);
  });

  it('maps Dask statuses and reports departures', async () => {
    const { state, tracker, log } = await setup(1);
    state.workers = [worker('jq-1', 40003, { status: 'paused' }), worker('jq-2', 40004, { status: 'closing_gracefully' })];
    await tracker.refresh();
    expect(tracker.list().map((info) => [info.jobKey, info.status])).toEqual([['jq-1', 'paused'], ['jq-2', 'retiring']]);
    state.workers = [];
    await tracker.refresh();
    expect(log).toEqual(['added jq-1', 'added jq-2', 'removed jq-1 disconnected', 'removed jq-2 disconnected']);
  });

  it('hides a retired worker that its nanny restarted, and reports the rest as closed on stop', async () => {
    const { state, api, tracker, log } = await setup();
    await tracker.refresh();
    await api.retireWorkers(tracker.addressesOf(['jq-0-1', 'unknown']));
    tracker.markRetired(['jq-0-1']);
    expect(state.requests).toContain('POST /jq/v1/retire_workers {"workers":["tcp://127.0.0.1:40002"]}');
    state.workers = [worker('jq-0-0', 40001), worker('jq-0-1', 40099)];
    await tracker.refresh();
    expect(tracker.list().map((info) => `${info.name}:${info.status}`)).toEqual(['jq-0-0:running', 'jq-0-1:retiring']);
    await tracker.stop('closed');
    expect(log).toEqual(['added jq-0-0', 'added jq-0-1', 'removed jq-0-1 retired', 'removed jq-0-0 closed']);
    expect(tracker.list()).toEqual([]);
  });

  it('reads the adaptive target and turns HTTP failures into api-failed errors', async () => {
    const { state, api, baseUrl } = await setup();
    expect(await api.adaptiveTarget()).toBe(5);
    expect(await api.adaptiveTarget(2.5)).toBe(20);
    state.retireStatus = 500;
    await expect(api.retireWorkers(['tcp://127.0.0.1:40001'])).rejects.toMatchObject({ reason: 'api-failed', code: 'JQ_PROTOCOL' });
    expect(await api.identity()).toEqual({ id: 'Scheduler-1', address: 'tcp://127.0.0.1:8786' });
    const wrongToken = new DaskHttpApi(baseUrl, 'not-the-token-at-all', 5000);
    await expect(wrongToken.adaptiveTarget()).rejects.toThrow(/answered HTTP 401: \{"error": "a valid token is required"\}/);
    state.apiRoutes = false;
    await expect(api.adaptiveTarget(5)).rejects.toThrow(/HTTP 404 \(is jq_dask_http in the scheduler's HTTP routes\?\)/);
    await expect(new DaskHttpApi('http://127.0.0.1:1', token, 2000).workers()).rejects.toThrow(/^\[jq\/dask\] GET http:\/\/127\.0\.0\.1:1\/json\/identity\.json failed/);
  });
});
