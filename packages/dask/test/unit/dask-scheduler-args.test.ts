import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveDaskOptions } from '../../src/dask-options.js';
import { daskSchedulerArgs, daskSchedulerEnvironment, httpBaseUrl } from '../../src/dask-scheduler-args.js';

const defaultRoutes = ['distributed.http.scheduler.prometheus', 'distributed.http.health'];
const identity = { address: 'tcp://10.0.0.5:8786', services: { dashboard: 8787 } };

describe('dask scheduler arguments', () => {
  it("uses Dask's own host, a free port and a free dashboard port by default", () => {
    expect(daskSchedulerArgs(resolveDaskOptions({}), '/run/s.json', undefined)).toEqual([
      '--port', '0', '--dashboard-address', ':0', '--scheduler-file', '/run/s.json',
    ]);
  });

  it('binds host, interface, TLS and extra arguments', () => {
    const tls = { directory: '/t', caFile: '/t/cert.pem', certFile: '/t/cert.pem', keyFile: '/t/key.pem' };
    const options = resolveDaskOptions({ host: '127.0.0.1', port: 8786, interface: 'lo', schedulerArgs: ['--idle-timeout', '1h'] });
    expect(daskSchedulerArgs(options, '/run/s.json', tls)).toEqual([
      '--host', '127.0.0.1', '--port', '8786', '--interface', 'lo', '--dashboard-address', '127.0.0.1:0', '--scheduler-file', '/run/s.json',
      '--protocol', 'tls', '--tls-ca-file', '/t/cert.pem', '--tls-cert', '/t/cert.pem', '--tls-key', '/t/key.pem', '--idle-timeout', '1h',
    ]);
  });

  it('switches the HTTP API and our route module on by repeating the default routes, unless the user set them', () => {
    const environment = daskSchedulerEnvironment(resolveDaskOptions({}), defaultRoutes, { PYTHONPATH: '/site' });
    expect(environment.DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES).toBe(
      '["distributed.http.scheduler.prometheus","distributed.http.health","distributed.http.scheduler.api","jq_dask_http"]',
    );
    expect(environment.PYTHONPATH).toBe(`${fileURLToPath(new URL('../../python', import.meta.url))}:/site`);
    expect(existsSync(fileURLToPath(new URL('../../python/jq_dask_http.py', import.meta.url)))).toBe(true);
    const own = { DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES: '["x"]', DASK_LOGGING__DISTRIBUTED: 'debug' };
    expect(daskSchedulerEnvironment(resolveDaskOptions({ environment: own }), defaultRoutes, {})).toMatchObject(own);
  });

  it('reaches the HTTP server on the dashboard host, the scheduler host, or loopback', () => {
    expect(httpBaseUrl(identity, resolveDaskOptions({}))).toBe('http://127.0.0.1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ host: 'login1' }))).toBe('http://login1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ host: '0.0.0.0' }))).toBe('http://127.0.0.1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ host: 'login1', dashboardAddress: '10.1.1.1:9000' }))).toBe('http://10.1.1.1:8787');
    expect(httpBaseUrl(identity, resolveDaskOptions({ dashboardAddress: '::1:0' }))).toBe('http://[::1]:8787');
  });

  it('refuses a scheduler without an HTTP server', () => {
    expect(() => httpBaseUrl({ ...identity, services: {} }, resolveDaskOptions({}))).toThrow(/runs no HTTP server/);
  });
});

describe('option checks', () => {
  it('lists every invalid option at once', () => {
    expect(() => resolveDaskOptions({ startTimeout: 0, port: 70000, host: 'a\nb', retireGrace: -1 })).toThrow(
      /\[jq\/dask\] invalid options:\n {2}- startTimeout: a number above 0 \(got 0\)\n {2}- retireGrace: .*\n {2}- port: .*\n {2}- host: a non-empty string without newlines/,
    );
  });
});
