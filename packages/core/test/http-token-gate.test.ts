import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHttpToken, createHttpToken, sameToken } from '../src/util/http-token-gate.js';

const token = createHttpToken();
const cookieName = 'jq-test-token-1';
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server behind the gate that answers "handled <path>" to what passes. */
async function gated(): Promise<string> {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (checkHttpToken(request, response, url, { token, cookieName }) === 'answered') return;
    response.end(`handled ${url.pathname}${url.search}`);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

describe('the HTTP token gate', () => {
  it('answers 401 with a Bearer challenge without the token, with a wrong one, or a wrong cookie', async () => {
    const base = await gated();
    for (const init of [{}, { headers: { authorization: 'Bearer wrong' } }, { headers: { cookie: `${cookieName}=wrong` } }]) {
      const response = await fetch(`${base}/api`, init);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).not.toContain(token);
    }
    expect((await fetch(`${base}/api?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it('lets the Bearer header and the cookie through', async () => {
    const base = await gated();
    expect(await (await fetch(`${base}/api`, { headers: { authorization: `Bearer ${token}` } })).text()).toBe('handled /api');
    expect(await (await fetch(`${base}/api`, { headers: { cookie: `other=1; ${cookieName}=${token}` } })).text()).toBe('handled /api');
  });

  it('turns ?token= on a GET into an HttpOnly SameSite=Strict cookie and a redirect that drops it from the address', async () => {
    const base = await gated();
    const login = await fetch(`${base}/page?token=${encodeURIComponent(token)}&tab=jobs`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/page?tab=jobs');
    expect(login.headers.get('set-cookie')).toBe(`${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    expect(login.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses a token in the address of a POST (addresses end up in logs): 401, the handler never runs', async () => {
    const base = await gated();
    const response = await fetch(`${base}/api/scale?token=${encodeURIComponent(token)}`, { method: 'POST', redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('handled');
  });

  it('compares in constant time whatever the lengths, and makes a fresh 32-character token each time', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
    expect(sameToken('', 'abc')).toBe(false);
    expect(createHttpToken()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createHttpToken()).not.toBe(createHttpToken());
  });
});
