import { ConfigError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
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
export function jobsFor(request: ScaleRequest, options: Pick<ResolvedOptions, 'processes' | 'cores' | 'memory'>): number {
  const [unit, amount] = unitOf(request);
  const perJob = { workers: options.processes, jobs: 1, cores: options.cores, memory: options.memory }[unit];
  const value = unit === 'memory' ? parseMemory(amount as string | number) ?? (amount === 0 ? 0 : undefined) : amount;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (unit !== 'memory' && !Number.isInteger(value))) {
    throw new ConfigError('jq/core', [
      { path: `scale.${unit}`, value: amount, message: unit === 'memory' ? 'must be a size like "64GB" or 0' : 'must be a non-negative integer' },
    ]);
  }
  return Math.ceil(value / perJob);
}

/** Workers that `jobs` jobs give. */
export function workersFor(jobs: number, options: Pick<ResolvedOptions, 'processes'>): number {
  return jobs * options.processes;
}

function unitOf(request: ScaleRequest): ['workers' | 'jobs' | 'cores' | 'memory', unknown] {
  if (typeof request === 'number') return ['workers', request];
  const keys = Object.keys(request) as Array<'workers' | 'jobs' | 'cores' | 'memory'>;
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !['workers', 'jobs', 'cores', 'memory'].includes(key)) {
    throw new ConfigError('jq/core', [{ path: 'scale', value: request, message: 'must be a number or one of { workers | jobs | cores | memory }' }]);
  }
  return [key, (request as Record<string, unknown>)[key]];
}
