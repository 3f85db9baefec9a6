import { corePackageName } from '../core-package.js';
import { ConfigError } from '../errors.js';
import { type JobShape, perJob } from '../options/job-size.js';
import { parseMemory } from '../options/memory.js';

/** A pool size in any unit; numbers mean workers, like dask's `scale(n)`. */
export type ScaleRequest =
  | number
  | { workers: number }
  | { jobs: number }
  | { cores: number }
  | { memory: string | number };

/**
 * Jobs needed for `request`: rounded up, so asking for 5 workers with 4 processes
 * per job gives 2 jobs (8 workers), never fewer than asked.
 */
export function jobsFor(request: ScaleRequest, options: JobShape): number {
  const [unit, amount] = unitOf(request);
  const size = perJob(options)[unit];
  const value = unit === 'memory' ? parseMemory(amount as string | number) ?? (amount === 0 ? 0 : undefined) : amount;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (unit !== 'memory' && !Number.isInteger(value))) {
    throw new ConfigError(corePackageName, [
      { path: `scale.${unit}`, value: amount, message: unit === 'memory' ? 'must be a size like "64GB" or 0' : 'must be a non-negative integer' },
    ]);
  }
  return Math.ceil(value / size);
}

/** Workers that `jobs` jobs give. */
export function workersFor(jobs: number, options: Pick<JobShape, 'processes' | 'nodes'>): number {
  return jobs * options.processes * (options.nodes ?? 1);
}

function unitOf(request: ScaleRequest): ['workers' | 'jobs' | 'cores' | 'memory', unknown] {
  if (typeof request === 'number') return ['workers', request];
  const keys = Object.keys(request) as Array<'workers' | 'jobs' | 'cores' | 'memory'>;
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !['workers', 'jobs', 'cores', 'memory'].includes(key)) {
    throw new ConfigError(corePackageName, [{ path: 'scale', value: request, message: 'must be a number or one of { workers | jobs | cores | memory }' }]);
  }
  return [key, (request as Record<string, unknown>)[key]];
}

/** A size for every pool named: `{ gpu: 2, cpu: { jobs: 4 } }`. */
export type PoolScaleRequest = Record<string, ScaleRequest>;

const units = new Set(['workers', 'jobs', 'cores', 'memory']);

/**
 * Jobs wanted per pool. A plain {@link ScaleRequest} needs a cluster with one pool; an
 * object keyed by pool names sizes those pools and leaves the others as they are.
 */
export function jobsPerPool(
  request: ScaleRequest | PoolScaleRequest,
  pools: ReadonlyMap<string, { options: JobShape }>,
): Map<string, number> {
  const keys = typeof request === 'number' ? [] : Object.keys(request);
  if (typeof request === 'number' || keys.some((key) => units.has(key))) {
    const [only, ...others] = pools.entries();
    if (only === undefined || others.length > 0) {
      throw new ConfigError(corePackageName, [{ path: 'scale', value: request, message: `must name the pool to scale: { ${[...pools.keys()].map((name) => `${name}: n`).join(', ')} }` }]);
    }
    return new Map([[only[0], jobsFor(request as ScaleRequest, only[1].options)]]);
  }
  const unknown = keys.filter((key) => !pools.has(key));
  if (unknown.length > 0 || keys.length === 0) {
    throw new ConfigError(corePackageName, [{ path: `scale.${unknown[0] ?? ''}`, value: request, message: `must name pools of this cluster (${[...pools.keys()].join(', ')})` }]);
  }
  return new Map(keys.map((key) => [key, jobsFor((request as PoolScaleRequest)[key]!, pools.get(key)!.options)]));
}
