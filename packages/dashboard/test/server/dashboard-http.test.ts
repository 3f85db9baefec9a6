import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueCluster } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
import { afterEach, describe, expect, it } from 'vitest';
import { startDashboardServer, type DashboardServer, type DashboardSnapshot, type DashboardUpdate } from '../../src/index.js';
import { readEvents } from '../support/event-stream.js';

const token = 'a-dashboard-token-of-the-test';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function testCluster(scheduler: TestScheduler | EngineScheduler = new TestScheduler()) {
  const cluster = new JobQueueCluster({
    backend: localBackend,
    scheduler,
    handleExit: false,
    config: false,
    options: { name: 'web', cores: 1, memory: '1GB', scriptDirectory: mkdtempSync(join(tmpdir(), 'jq-dashboard-http-')) },
  });
  closers.push(() => cluster.close());
  return cluster;
}

async function standalone(scheduler = new TestScheduler()): Promise<{ server: DashboardServer; scheduler: TestScheduler; base: string }> {
  const server = await startDashboardServer({ cluster: testCluster(scheduler), token });
  closers.push(() => server.close());
  return { server, scheduler, base: new URL(server.url).origin };
}

const paths = ['/', '/dashboard/', '/dashboard/index.html', '/api/v1/dashboard', '/api/v1/dashboard/events', '/nothing'];

describe('startDashboardServer', () => {
  it('refuses a missing or short token, naming the option and not the value', async () => {
    const cluster = testCluster();
    await expect(startDashboardServer({ cluster, token: 'short-secret' })).rejects.toThrow(/^\[jq\/dashboard\] token: expected a string of at least 16 characters \(got <redacted>\)$/);
    await expect(startDashboardServer({ cluster, token, port: 70_000 })).rejects.toThrow(/port: expected an integer from 0 to 65535, got 70000/);
  });

  it('listens on loopback, and answers 401 on every path without the token or with a wrong one', async () => {
    const { server, base } = await standalone();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/$/);
    expect(server.url).not.toContain(token);
    for (const path of paths) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status, path).toBe(401);
      expect((await fetch(`${base}${path}?token=wrong-token-wrong-token`, { redirect: 'manual' })).status, path).toBe(401);
    }
  });

  it('takes ?token= once: an HttpOnly SameSite=Strict cookie, the token dropped from the address; the cookie then opens the page and the API', async () => {
    const { server, base } = await standalone();
    const login = await fetch(server.urlWithToken, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/dashboard/');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^jq-dashboard-token-\d+=[^;]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const cookie = setCookie.split(';')[0] as string;
    const page = await fetch(`${base}/dashboard/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${base}/api/v1/dashboard`, { headers: { cookie } });
    const snapshot = (await api.json()) as DashboardSnapshot;
    expect(snapshot).toMatchObject({ version: 2, cluster: { name: 'web', backend: 'local', scheduler: 'test' }, jobs: [], workers: [] });
  });

  it('streams a snapshot, then an update when a worker connects', async () => {
    const { scheduler, base } = await standalone();
    const controller = new AbortController();
    closers.push(async () => controller.abort());
    const response = await fetch(`${base}/api/v1/dashboard/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = readEvents(response);
    const first = await events.next();
    expect(first.value?.event).toBe('snapshot');
    scheduler.connect('web-0');
    for (;;) {
      const message = await events.next();
      if (message.done) throw new Error('the stream ended before the update');
      const update = message.value.data as DashboardUpdate;
      if (update.workers) {
        expect(update.workers.upsert).toEqual([expect.objectContaining({ name: 'web-0-0', jobKey: 'web-0' })]);
        break;
      }
    }
  });
});

describe('the engine scheduler serves the dashboard of its cluster', () => {
  it('on its own HTTP server, behind its token, at dashboardUrl', async () => {
    const scheduler = new EngineScheduler();
    const cluster = testCluster(scheduler);
    await cluster.start();
    expect(scheduler.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/$/);
    const base = new URL(scheduler.dashboardUrl as string).origin;
    expect((await fetch(`${base}/api/v1/dashboard`)).status).toBe(401);
    const snapshot = (await (await fetch(`${base}/api/v1/dashboard`, { headers: { authorization: `Bearer ${scheduler.httpToken}` } })).json()) as DashboardSnapshot;
    expect(snapshot.cluster).toMatchObject({ name: 'web', backend: 'local', scheduler: 'engine', schedulerAddress: scheduler.address });
    expect(snapshot.work.totals).toEqual({ submitted: 0, done: 0, failed: 0, running: 0, queued: 0 });
    const login = await fetch(scheduler.dashboardUrlWithToken as string, { redirect: 'manual' });
    expect([login.status, login.headers.get('location')]).toEqual([303, '/dashboard/']);
    const page = await fetch(scheduler.dashboardUrl as string, { headers: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
