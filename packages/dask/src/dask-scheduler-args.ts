import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DaskError } from './dask-errors.js';
import type { ResolvedDaskOptions } from './dask-options.js';
import type { DaskSchedulerIdentity } from './dask-scheduler-process.js';
import type { DaskTlsFiles } from './dask-tls.js';

/** Our route module (`/jq/v1/*`, token-protected), in the package's `python/` directory. */
export const jqRoute = 'jq_dask_http';
/** Dask's unauthenticated `/api/v1` module: never added, and taken out if a default list carries it. */
const daskApiRoute = 'distributed.http.scheduler.api';
const jqRouteDirectory = fileURLToPath(new URL('../python', import.meta.url));

/** Where the scheduler listens: chosen at the first start, kept by a restart so workers find it again. */
export interface DaskListen {
  /** Scheduler port (0: a free one). */
  port: number;
  /** Dashboard / HTTP address, `host:port`. */
  dashboardAddress: string;
  /** The address of the `interface` option on this host, when it has one. */
  interfaceHost: string | undefined;
}

/**
 * The address the scheduler listens on for `options.interface`: that interface's first
 * IPv4 address when this host has one (what Dask's own `--interface` picks; passed as
 * `--host`, because Dask 2022.12's CLI refuses `--interface` together with TLS);
 * otherwise none — every address — with the note to show.
 */
export function schedulerInterface(
  options: Pick<ResolvedDaskOptions, 'interface'>,
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): { host: string | undefined; note?: string } {
  const wanted = options.interface;
  if (wanted === undefined) return { host: undefined };
  const ipv4 = (interfaces[wanted] ?? []).find((address) => address.family === 'IPv4');
  if (ipv4) return { host: ipv4.address };
  const present = Object.entries(interfaces)
    .filter(([, addresses]) => (addresses ?? []).some((address) => address.family === 'IPv4'))
    .map(([name]) => name)
    .join(', ');
  return {
    host: undefined,
    note: `interface ${wanted} is not on this host (it has ${present || 'no IPv4 interface'}): the Dask scheduler listens on every address instead; workers still bind ${wanted} unless the cluster's \`interface\` names theirs`,
  };
}

/** The dashboard address of the options: given, else a free port on loopback. */
export function defaultDashboardAddress(options: ResolvedDaskOptions): string {
  return options.dashboardAddress ?? '127.0.0.1:0';
}

/** Arguments after `python -m distributed.cli.dask_scheduler`. */
export function daskSchedulerArgs(options: ResolvedDaskOptions, listen: DaskListen, schedulerFile: string, tls: DaskTlsFiles | undefined): string[] {
  const args: string[] = [];
  const host = options.host ?? listen.interfaceHost;
  if (host !== undefined) args.push('--host', host);
  args.push('--port', String(listen.port));
  args.push('--dashboard-address', listen.dashboardAddress);
  args.push('--scheduler-file', schedulerFile);
  if (tls) args.push('--protocol', 'tls', '--tls-ca-file', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile);
  args.push(...options.schedulerArgs);
  return args;
}

/**
 * The scheduler's environment: Dask's default HTTP routes plus ours, and the token our
 * routes check (the environment, unlike argv, is private to the user). The routes variable
 * replaces the whole list (a Python literal), so the defaults are repeated; an explicit
 * value in `options.environment` wins.
 */
export function daskSchedulerEnvironment(
  options: ResolvedDaskOptions,
  defaultRoutes: string[],
  httpToken: string,
  inherited: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const routes = [...defaultRoutes.filter((route) => route !== daskApiRoute && route !== jqRoute), jqRoute];
  const pythonPath = [jqRouteDirectory, inherited.PYTHONPATH].filter(Boolean).join(':');
  return {
    DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES: JSON.stringify(routes),
    PYTHONPATH: pythonPath,
    // Our route module lives in the installed package: no __pycache__ written next to it.
    PYTHONDONTWRITEBYTECODE: '1',
    ...options.environment,
    JQ_DASK_HTTP_TOKEN: httpToken,
  };
}

/**
 * Where this process reaches the scheduler's HTTP server: the dashboard host when it is
 * a specific one, else the scheduler's host, else loopback (the scheduler runs on this
 * host and listens on every interface).
 */
export function httpBaseUrl(identity: DaskSchedulerIdentity, options: ResolvedDaskOptions): string {
  const port = identity.services.dashboard;
  if (typeof port !== 'number') {
    throw new DaskError('api-failed', 'the scheduler runs no HTTP server (was --no-dashboard passed in schedulerArgs?); @jq/dask needs its /jq/v1 routes');
  }
  const host = [hostOf(defaultDashboardAddress(options)), options.host].find((candidate) => candidate !== undefined && !isWildcard(candidate)) ?? '127.0.0.1';
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/** `address` with its port replaced by `port`: `127.0.0.1:0` → `127.0.0.1:8787`. */
export function withPort(address: string, port: number): string {
  return `${hostOf(address) ?? ''}:${port}`;
}

/** The port of `tcp://host:port`, `tls://[::1]:port` or `http://host:port/…`. */
export function portOf(url: string): number | undefined {
  const match = /:(\d+)(?:\/.*)?$/.exec(url);
  return match ? Number(match[1]) : undefined;
}

// --- Internal helpers ---

function hostOf(address: string): string | undefined {
  const match = /^(.*):\d+$/.exec(address);
  return match ? match[1] : undefined;
}

function isWildcard(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}
