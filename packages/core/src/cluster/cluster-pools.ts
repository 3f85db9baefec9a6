import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AnyBackend, SiteInputs } from '../contracts/backend-v1.js';
import type { PoolShape } from '../contracts/scheduler-v1.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { BackendOptions, Preset } from '../options/backend-options.js';
import { clusterOptionNames } from '../options/common-options.js';
import { mergeOptionSources } from '../options/config-sources.js';
import { resolveOptions } from '../options/resolve-options.js';
import type { Pool } from './job-submitter.js';

/** The pool a cluster without `pools` has. */
export const defaultPoolName = 'default';

/** Words `scale()` reads as units, so no pool may be named after them. */
const reservedPoolNames = new Set(['workers', 'jobs', 'cores', 'memory']);

/** A cluster's pools, and what resolving them found. */
export interface ResolvedPools {
  /** Every pool by name. */
  pools: Map<string, Pool>;
  /** Settings read and ignored. */
  notices: string[];
  /** The options from every source, merged (the cluster's name filled in): what a journal keeps. */
  merged: Record<string, unknown>;
  /** True when no `scriptDirectory` was given, so core made it. */
  generatedScriptDirectory: boolean;
}

/** Where a cluster's options come from. */
export interface OptionInputs<B extends AnyBackend> {
  backend: B;
  options?: BackendOptions<B> | undefined;
  pools?: Record<string, BackendOptions<B>> | undefined;
  preset?: Preset<B> | undefined;
  config?: string | false | undefined;
}

/**
 * Every pool's resolved options: explicit → preset → config file → defaults, then each
 * pool's own options over those. One {@link ConfigError} lists the problems of every pool.
 * Keys read and ignored (dask-only settings) come back as notices, each also a Node
 * warning once per process.
 */
export function resolvePools<B extends AnyBackend>(inputs: OptionInputs<B>): ResolvedPools {
  const { backend } = inputs;
  const { options: merged, origins, notices } = mergeOptionSources({ ...(inputs.options ?? {}) }, backend, {
    ...(inputs.preset ? { preset: inputs.preset.options } : {}),
    ...(inputs.config === undefined ? {} : { config: inputs.config }),
  });
  for (const notice of notices) noticeOnce(notice);
  // Pools share the cluster's name (and so its script directory): generate it once.
  merged.name ??= `jq-${randomBytes(3).toString('hex')}`;
  const site = readSite(backend);
  const templates = Object.entries(inputs.pools ?? { [defaultPoolName]: {} });
  const pools = new Map<string, Pool>();
  const issues: ConfigIssue[] = [];
  if (templates.length === 0) issues.push({ path: 'pools', value: inputs.pools, message: 'must name at least one pool' });
  for (const [name, own] of templates) {
    const where = inputs.pools ? `pools.${name}` : '';
    if (inputs.pools && (!/^[A-Za-z0-9_-]+$/.test(name) || reservedPoolNames.has(name))) {
      issues.push({ path: where, value: name, message: 'must be a plain name (letters, digits, "_", "-") other than workers, jobs, cores or memory' });
      continue;
    }
    for (const key of clusterOptionNames) {
      if (own[key] !== undefined) issues.push({ path: `${where}.${key}`, value: own[key], message: 'is a cluster option: set it outside pools' });
    }
    try {
      pools.set(name, { name, options: resolveOptions({ ...merged, ...own }, backend, site) });
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error;
      for (const issue of (error as ConfigError).issues) {
        const origin = own[issue.path.split(/[.[]/)[0] as keyof typeof own] === undefined ? origins[issue.path.split(/[.[]/)[0] ?? ''] : undefined;
        issues.push({ ...issue, path: where && issue.path ? `${where}.${issue.path}` : where || issue.path, ...(origin ? { source: origin } : {}) });
      }
    }
  }
  if (issues.length > 0) throw new ConfigError(backend.packageName, issues);
  return { pools, notices, merged, generatedScriptDirectory: merged.scriptDirectory === undefined };
}

const noticed = new Set<string>();

/** Tells once per process what was read and ignored (a dask-only key in `jobqueue.yaml`), as a Node warning. */
function noticeOnce(notice: string): void {
  if (noticed.has(notice)) return;
  noticed.add(notice);
  process.emitWarning(notice, { code: 'JQ_CONFIG_IGNORED' });
}

/** The site files a backend declared, read here so the backend stays pure. */
function readSite(backend: AnyBackend): SiteInputs {
  const environment = { ...process.env };
  const files = new Map<string, string>();
  for (const path of backend.siteFiles?.(environment) ?? []) {
    try {
      files.set(path, readFileSync(path, 'utf8'));
    } catch {
      // An absent site file is normal (a laptop, a test machine): the backend falls back to its default.
    }
  }
  return { environment, files };
}

/** What a worker of each pool offers, for the scheduler's placement and worker query. */
export function poolShapes(pools: ReadonlyMap<string, Pool>): PoolShape[] {
  return [...pools.values()].map(({ name, options }) => ({
    name,
    processes: options.processes,
    threads: options.threads,
    memoryLimit: options.memoryPerProcess,
    gpus: Math.floor((options.gpus ?? 0) / options.processes),
    ...(options.lifetime === undefined ? {} : { lifetime: options.lifetime }),
  }));
}
