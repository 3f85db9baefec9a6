import { afterEach, describe, expect, it } from 'vitest';
import { EngineScheduler } from '../src/index.js';
import { tokenCookieName } from '../src/scheduler/scheduler-http-auth.js';
import { FakeWorker } from './helpers/fake-worker.js';

let scheduler: EngineScheduler | undefined;
afterEach(async () => scheduler?.close());

async function started(options: ConstructorParameters<typeof EngineScheduler>[0] = {}): Promise<{ scheduler: EngineScheduler; base: string }> {
  scheduler = new EngineScheduler(options);
  await scheduler.start();
  return { scheduler, base: new URL(scheduler.dashboardUrl as string).origin };
}

const paths = ['/health', '/api/v1/workers', '/api/v1/metrics', '/api/v1/adaptive_target', '/', '/dashboard/', '/nothing'];

describe('the scheduler HTTP API asks for a token on every request', () => {
  it('answers 401 without the token, or with a wrong one, on every path', async () => {
    const { base } = await started();
    for (const path of paths) {
      const bare = await fetch(`${base}${path}`);
      expect(bare.status, path).toBe(401);
      expect(bare.headers.get('www-authenticate')).toBe('Bearer');
      expect((await fetch(`${base}${path}`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status, path).toBe(401);
      expect((await fetch(`${base}${path}?token=not-the-token-at-all`, { redirect: 'manual' })).status, path).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { cookie: `${tokenCookieName(Number(new URL(base).port))}=wrong` } })).status, path).toBe(401);
    }
  });

  it('takes the token as a Bearer header, or once as ?token= which sets an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const { scheduler, base } = await started();
    const token = scheduler.httpToken;
    expect((await fetch(`${base}/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const login = await fetch(`${base}/api/v1/workers?token=${encodeURIComponent(token)}&page=2`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/api/v1/workers?page=2');
    const cookie = login.headers.get('set-cookie') as string;
    expect(cookie).toMatch(new RegExp(`^${tokenCookieName(Number(new URL(base).port))}=${token}; HttpOnly; SameSite=Strict; Path=/$`));
    const withCookie = await fetch(`${base}/api/v1/workers`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(withCookie.status).toBe(200);
    expect(await withCookie.json()).toEqual({ workers: [] });
  });

  it('uses a token given in the options and refuses a short one', async () => {
    expect(() => new EngineScheduler({ httpToken: 'short' })).toThrow(/httpToken: at least 16 characters \(got "<redacted>"\)/);
    const { base } = await started({ httpToken: 'a-token-of-my-own-choosing' });
    expect((await fetch(`${base}/health`, { headers: { authorization: 'Bearer a-token-of-my-own-choosing' } })).status).toBe(200);
  });

  it('listens on loopback even when workers are served on every address, and its plain URL carries no token', async () => {
    const { scheduler } = await started({ host: '0.0.0.0' });
    expect(scheduler.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(scheduler.dashboardUrl).not.toContain(scheduler.httpToken);
    expect(scheduler.dashboardUrlWithToken).toBe(`${scheduler.dashboardUrl}?token=${encodeURIComponent(scheduler.httpToken)}`);
  });

  it('reveals neither the worker secret, the token nor task data', async () => {
    const { scheduler, base } = await started();
    const secret = scheduler.workerEnvironment().JQ_ENGINE_SECRET as string;
    const worker = await FakeWorker.connect(scheduler.address);
    await worker.handshake(secret, 'web-0');
    scheduler.submitTasks([{ spec: { kind: 'function', source: '(x) => "FUNCTION-SOURCE-MARK"', args: ['TASK-ARGUMENT-MARK'] }, settle: () => undefined }]);
    await worker.next();
    for (const path of ['/health', '/api/v1/workers', '/api/v1/metrics', '/api/v1/adaptive_target']) {
      const body = await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${scheduler.httpToken}` } })).text();
      for (const hidden of [secret, scheduler.httpToken, 'TASK-ARGUMENT-MARK', 'FUNCTION-SOURCE-MARK']) expect(body, path).not.toContain(hidden);
    }
  });
});

describe('routes mounted on the scheduler HTTP server', () => {
  it('sit behind the same token check, become the dashboard address, and an open event stream does not hold close()', async () => {
    const { scheduler, base } = await started();
    scheduler.addHttpRoutes([
      { path: '/dashboard/', handle: (_request, response, url) => void response.end(`page ${url.pathname}`) },
      {
        path: '/api/v1/dashboard/events',
        handle: (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write('data: hello\n\n');
        },
      },
      { path: '/api/v1/dashboard', methods: ['POST'], handle: (_request, response) => void response.end('posted') },
    ]);
    expect(scheduler.dashboardUrl).toBe(`${base}/dashboard/`);
    const authorization = { authorization: `Bearer ${scheduler.httpToken}` };
    expect((await fetch(`${base}/dashboard/app.js`)).status).toBe(401);
    expect(await (await fetch(`${base}/dashboard/app.js`, { headers: authorization })).text()).toBe('page /dashboard/app.js');
    expect((await fetch(`${base}/api/v1/dashboard`, { headers: authorization })).status).toBe(405);
    expect(await (await fetch(`${base}/api/v1/dashboard`, { method: 'POST', headers: authorization })).text()).toBe('posted');
    const stream = await fetch(`${base}/api/v1/dashboard/events`, { headers: authorization });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: hello\n\n');
    const closing = Date.now();
    await scheduler.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
    await reader.cancel().catch(() => undefined);
  });
});
