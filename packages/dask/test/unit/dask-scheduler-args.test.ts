import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveDaskOptions } from '../../src/dask-options.js';
import { daskSchedulerArgs, daskSchedulerEnvironment, httpBaseUrl, portOf, schedulerInterface, withPort } from '../../src/dask-scheduler-args.js';

const defaultRoutes = ['distributed.http.scheduler.prometheus', 'distributed.http.health'];
const identity = { id: 'Scheduler-1', address: 'tcp://10.0.0.5:8786', services: { dashboard: 8787 } };
const freePorts = { port: 0, dashboardAddress: '127.0.0.1:0', interfaceHost: undefined };

describe('dask scheduler arguments', () => {
  it("uses Dask's own host, a free port and a free dashboard port on loopback by default", () => {
    expect(daskSchedulerArgs(resolveDaskOptions({}), freePorts, '/run/s.json', undefined)).toEqual([
      '--port', '0', '--dashboard-address', '127.0.0.1:0', '--scheduler-file', '/run/s.json',
    ]);
  });

  it("binds the interface's address, port, TLS and extra arguments", () => {
    const tls = { directory: '/t', caFile: '/t/cert.pem', certFile: '/t/cert.pem', keyFile: '/t/key.pem' };
    const options = resolveDaskOptions({ port: 8786, interface: 'ib0', dashboardAddress: ':8787', schedulerArgs: ['--idle-timeout', '1h'] });
    expect(daskSchedulerArgs(options, { port: 8786, dashboardAddress: ':8787', interfaceHost: '10.1.0.5' }, '/run/s.json', tls)).toEqual([
      '--host', '10.1.0.5', '--port', '8786', '--dashboard-address', ':8787', '--scheduler-file', '/run/s.json',
      '--protocol', 'tls', '--tls-ca-file', '/t/cert.pem', '--tls-cert', '/t/cert.pem', '--tls-key', '/t/key.pem', '--idle-timeout', '1h',
    ]);
    expect(daskSchedulerArgs(resolveDaskOptions({ host: '127.0.0.1' }), freePorts, '/s.json', undefined).slice(0, 2)).toEqual(['--host', '127.0.0.1']);
  });

  it('adds our token-checking route module to the default routes, leaves out Dask\'s open /api/v1, and hands the token in the environment', () => {
    const routes = [...defaultRoutes, 'distributed.http.scheduler.api'];
    const environment = daskSchedulerEnvironment(resolveDaskOptions({}), routes, 'the-token', { PYTHONPATH: '/site' });
    expect(environment.DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES).toBe('["distributed.http.scheduler.prometheus","distributed.http.health","jq_dask_http"]');
    expect(environment.PYTHONPATH).toBe(`${fileURLToPath(new URL('../../python', import.meta.url))}:/site`);
    expect(environment.JQ_DASK_HTTP_TOKEN).toBe('the-token');
    expect(environment.PYTHONDONTWRITEBYTECODE).toBe('1');
    expect(existsSync(fileURLToPath(new URL('../../python/jq_dask_http.py', import.meta.url)))).toBe(true);
    const own = { DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES: '["x"]', DASK_LOGGING__DISTRIBUTED: 'debug', JQ_DASK_HTTP_TOKEN: 'mine' };
    expect(daskSchedulerEnvironment(resolveDaskOptions({ environment: own }), defaultRoutes, 'the-token', {})).toMatchObject({ ...own, JQ_DASK_HTTP_TOKEN: 'the-token' });
  });

  it('reaches the HTTP server on the dashboard host, the scheduler host, or loopback', () => {
    expect(httpBaseUrl(identity, resolveDaskOptions({}))).toBe('http://127.0.0.1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ host: 'login1', dashboardAddress: ':0' }))).toBe('http://login1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ host: '0.0.0.0', dashboardAddress: ':0' }))).toBe('http://127.0.0.1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ host: 'login1', dashboardAddress: '10.1.1.1:9000' }))).toBe('http://10.1.1.1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ dashboardAddress: '::1:0' }))).toBe('http://[::1]:8787');
  });

  it('refuses a scheduler without an HTTP server', () => {
    expect(() => httpBaseUrl({ ...identity, services: {} }, resolveDaskOptions({}))).toThrow(/runs no HTTP server/);
  });
});

describe('restart addresses', () => {
  it('reads ports from addresses and URLs and puts a recorded port into a dashboard address', () => {
    expect(portOf('tls://10.0.0.5:40123')).toBe(40123);
    expect(portOf('tcp://[::1]:8786')).toBe(8786);
    expect(portOf('http://127.0.0.1:8787/status')).toBe(8787);
    expect(portOf('127.0.0.1:0')).toBe(0);
    expect(portOf('inproc://x')).toBeUndefined();
    expect(withPort('127.0.0.1:0', 8787)).toBe('127.0.0.1:8787');
    expect(withPort(':0', 8787)).toBe(':8787');
  });
});

describe('the scheduler interface', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4' }],
    eth0: [{ address: '10.0.0.5', family: 'IPv4' }],
    ib6: [{ address: 'fe80::1', family: 'IPv6' }],
  } as unknown as ReturnType<typeof import('node:os').networkInterfaces>;

  it("listens on the IPv4 address of an interface this host has", () => {
    expect(schedulerInterface({ interface: 'eth0' }, interfaces)).toEqual({ host: '10.0.0.5' });
    expect(schedulerInterface({}, interfaces)).toEqual({ host: undefined });
  });

  it('listens on every address, with a note naming the interfaces present, when this host lacks it (or has no IPv4 on it)', () => {
    for (const missing of ['ib0', 'ib6']) {
      expect(schedulerInterface({ interface: missing }, interfaces)).toEqual({
        host: undefined,
        note: `interface ${missing} is not on this host (it has lo, eth0): the Dask scheduler listens on every address instead; workers still bind ${missing} unless the cluster's \`interface\` names theirs`,
      });
    }
  });
});

describe('option checks', () => {
  it('refuses host and interface together, as Dask would', () => {
    expect(() => resolveDaskOptions({ host: '127.0.0.1', interface: 'lo' })).toThrow(/- interface: either `interface` or `host`, not both .*\(got "lo"\)/);
  });

  it('defaults to TLS and a private directory under the state home', () => {
    const options = resolveDaskOptions({});
    expect(options.security).toBe(true);
    expect(options.sharedTemporaryDirectory).toBe(`${process.env.XDG_STATE_HOME}/jobqueue/dask`);
  });

  it('lists every invalid option at once', () => {
    expect(() => resolveDaskOptions({ startTimeout: 0, port: 70000, host: 'a\nb', retireGrace: -1 })).toThrow(
      /\[jq\/dask\] invalid options:\n {2}- startTimeout: a number above 0 \(got 0\)\n {2}- retireGrace: .*\n {2}- port: .*\n {2}- host: a non-empty string without newlines/,
    );
  });
});
