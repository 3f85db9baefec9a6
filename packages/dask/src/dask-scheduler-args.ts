import { DaskError } from './dask-errors.js';
import type { ResolvedDaskOptions } from './dask-options.js';
import type { DaskSchedulerIdentity } from './dask-scheduler-process.js';
import type { DaskTlsFiles } from './dask-tls.js';

import { fileURLToPath } from 'node:url';

/** The HTTP module with `/api/v1/*`; Dask 2022.12 leaves it out of the default routes. */
export const daskApiRoute = 'distributed.http.scheduler.api';
/** Our route module (`/jq/v1/adaptive_target?target_duration=`), in the package's `python/` directory. */
export const jqRoute = 'jq_dask_http';
const jqRouteDirectory = fileURLToPath(new URL('../python', import.meta.url));

/** Arguments after `python -m distributed.cli.dask_scheduler`. */
export function daskSchedulerArgs(options: ResolvedDaskOptions, schedulerFile: string, tls: DaskTlsFiles | undefined): string[] {
  const args: string[] = [];
  if (options.host !== undefined) args.push('--host', options.host);
  args.push('--port', String(options.port ?? 0));
  if (options.interface !== undefined) args.push('--interface', options.interface);
  args.push('--dashboard-address', dashboardAddress(options));
  args.push('--scheduler-file', schedulerFile);
  if (tls) args.push('--protocol', 'tls', '--tls-ca-file', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile);
  args.push(...options.schedulerArgs);
  return args;
}

/**
 * The scheduler's environment: Dask's default HTTP routes plus the API module and ours.
 * The variable replaces the whole list (a Python literal), so the defaults are repeated;
 * an explicit value in `options.environment` wins.
 */
export function daskSchedulerEnvironment(
  options: ResolvedDaskOptions,
  defaultRoutes: string[],
  inherited: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const routes = [...defaultRoutes.filter((route) => route !== daskApiRoute && route !== jqRoute), daskApiRoute, jqRoute];
  const pythonPath = [jqRouteDirectory, inherited.PYTHONPATH].filter(Boolean).join(':');
  return { DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES: JSON.stringify(routes), PYTHONPATH: pythonPath, ...options.environment };
}

/**
 * Where this process reaches the scheduler's HTTP server: the dashboard host when it is
 * a specific one, else the scheduler's host, else loopback (the scheduler is our child
 * and listens on every interface).
 */
export function httpBaseUrl(identity: DaskSchedulerIdentity, options: ResolvedDaskOptions): string {
  const port = identity.services.dashboard;
  if (typeof port !== 'number') {
    throw new DaskError('api-failed', 'the scheduler runs no HTTP server (was --no-dashboard passed in schedulerArgs?); @jq/dask needs its /api/v1 routes');
  }
  const host = [hostOf(dashboardAddress(options)), options.host].find((candidate) => candidate !== undefined && !isWildcard(candidate)) ?? '127.0.0.1';
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

// --- Internal helpers ---

function dashboardAddress(options: ResolvedDaskOptions): string {
  return options.dashboardAddress ?? `${options.host ?? ''}:0`;
}

function hostOf(address: string): string | undefined {
  const match = /^(.*):\d+$/.exec(address);
  return match ? match[1] : undefined;
}

function isWildcard(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}
