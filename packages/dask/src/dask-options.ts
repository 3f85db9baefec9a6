import { ConfigError, type ConfigIssue } from '@jq/core';
import { daskPackageName } from './dask-package.js';
import { defaultPrivateParent } from './dask-private-directory.js';

/** Options of {@link DaskScheduler}. Every one is optional. */
export interface DaskSchedulerOptions {
  /**
   * Python that runs the scheduler (and, unless `workerPython` is set, the workers).
   * Default: the first of `/usr/bin/python3`, `python3`, `python` that can `import distributed`.
   */
  python?: string;
  /** Python the job scripts run the workers with, when it differs on the compute nodes. */
  workerPython?: string;
  /**
   * Address the scheduler listens on. Default: Dask's own (every interface, advertised by
   * the host's IP), which compute nodes can reach; use `127.0.0.1` for single-machine work.
   */
  host?: string;
  /** Scheduler port. Default: 0 (a free port). */
  port?: number;
  /**
   * Network interface the scheduler listens on (`ib0`), when this host has it (with an IPv4
   * address); otherwise it listens on every address and a warning says so, which suits sites
   * whose login and compute nodes name their interfaces differently. The workers use it too
   * unless the cluster's `interface` option names theirs. Not together with `host`.
   */
  interface?: string;
  /**
   * Dashboard / HTTP address. Default: `127.0.0.1:0`, a free port on loopback (the
   * cluster manager runs on the scheduler's host; reach the dashboard through an SSH tunnel).
   */
  dashboardAddress?: string;
  /** Run workers under a nanny that restarts them (`--nanny`). Default: true, as dask-jobqueue. */
  nanny?: boolean;
  /**
   * Encrypt and authenticate every connection (scheduler, workers, clients) with a TLS
   * certificate made for this cluster, in a private directory. Default: true. A scheduler
   * without it accepts anyone who can reach its port, and any Dask client can run code as
   * you: `false` is for a machine of your own only, and warns.
   */
  security?: boolean;
  /**
   * Where the cluster's private directory (TLS files, scheduler file, scheduler log) is
   * made. Workers read the TLS files from there, so on a multi-node cluster it must be a
   * filesystem the compute nodes share (dask-jobqueue's `shared_temp_directory`).
   * Default: `$XDG_STATE_HOME/jobqueue/dask` (`~/.local/state/jobqueue/dask`).
   */
  sharedTemporaryDirectory?: string;
  /**
   * Where the scheduler writes Dask's scheduler file, for
   * `distributed.Client(scheduler_file=…, security=…)`. Default: `scheduler.json` in the
   * cluster's private directory.
   */
  schedulerFile?: string;
  /** Extra arguments for `dask scheduler`, appended verbatim. */
  schedulerArgs?: string[];
  /** Extra environment for the scheduler process (e.g. `DASK_*` config). */
  environment?: Record<string, string>;
  /** Seconds to wait for the scheduler to write its scheduler file. Default: 60. */
  startTimeout?: number;
  /** Milliseconds between worker-list polls of the HTTP API. Default: 500. */
  pollInterval?: number;
  /** Milliseconds one HTTP API request may take. Default: 10 000. */
  requestTimeout?: number;
  /**
   * Seconds during which a retired worker that re-registers (its nanny restarted it before
   * the cluster cancelled its job) is shown as `retiring` and not announced again. Default: 60.
   */
  retireGrace?: number;
}

/** Options with defaults applied. */
export interface ResolvedDaskOptions extends DaskSchedulerOptions {
  nanny: boolean;
  security: boolean;
  sharedTemporaryDirectory: string;
  schedulerArgs: string[];
  environment: Record<string, string>;
  startTimeout: number;
  pollInterval: number;
  requestTimeout: number;
  retireGrace: number;
}

/** Checks the options (every problem at once, as a {@link ConfigError}) and applies the documented defaults. */
export function resolveDaskOptions(options: DaskSchedulerOptions): ResolvedDaskOptions {
  const issues = findIssues(options);
  if (issues.length > 0) throw new ConfigError(daskPackageName, issues);
  return {
    ...options,
    nanny: options.nanny ?? true,
    security: options.security ?? true,
    sharedTemporaryDirectory: options.sharedTemporaryDirectory ?? defaultPrivateParent(),
    schedulerArgs: options.schedulerArgs ?? [],
    environment: options.environment ?? {},
    startTimeout: options.startTimeout ?? 60,
    pollInterval: options.pollInterval ?? 500,
    requestTimeout: options.requestTimeout ?? 10_000,
    retireGrace: options.retireGrace ?? 60,
  };
}

// --- Internal helpers ---

const positiveNumbers = ['startTimeout', 'pollInterval', 'requestTimeout'] as const;
const texts = ['python', 'workerPython', 'host', 'interface', 'dashboardAddress', 'sharedTemporaryDirectory', 'schedulerFile'] as const;

function findIssues(options: DaskSchedulerOptions): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of positiveNumbers) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) issues.push({ path: key, value, message: 'a number above 0' });
  }
  if (options.retireGrace !== undefined && !(options.retireGrace >= 0)) issues.push({ path: 'retireGrace', value: options.retireGrace, message: 'seconds, 0 or more' });
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) {
    issues.push({ path: 'port', value: options.port, message: 'a port number 0–65535' });
  }
  for (const key of texts) {
    const value = options[key];
    if (value !== undefined && (value === '' || /[\0\n\r]/.test(value))) issues.push({ path: key, value, message: 'a non-empty string without newlines' });
  }
  if (options.host !== undefined && options.interface !== undefined) {
    issues.push({ path: 'interface', value: options.interface, message: 'either `interface` or `host`, not both (Dask listens on one address)' });
  }
  return issues;
}
