import { corePackageName } from '../core-package.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { type JobShape, perJob } from '../options/job-size.js';
import { parseMemory } from '../options/memory.js';

/** Pool bounds in any unit; every given bound applies (the tightest wins). */
export interface AdaptBounds {
  /** Fewest workers. */
  minimum?: number;
  /** Most workers. */
  maximum?: number;
  /** Fewest jobs. */
  minimumJobs?: number;
  /** Most jobs. */
  maximumJobs?: number;
  /** Fewest cores. */
  minimumCores?: number;
  /** Most cores. */
  maximumCores?: number;
  /** Least memory (`"64GB"` or bytes). */
  minimumMemory?: string | number;
  /** Most memory. */
  maximumMemory?: string | number;
}

type Unit = 'workers' | 'jobs' | 'cores' | 'memory';
const keys: Array<[keyof AdaptBounds, Unit, 'minimum' | 'maximum']> = [
  ['minimum', 'workers', 'minimum'],
  ['maximum', 'workers', 'maximum'],
  ['minimumJobs', 'jobs', 'minimum'],
  ['maximumJobs', 'jobs', 'maximum'],
  ['minimumCores', 'cores', 'minimum'],
  ['maximumCores', 'cores', 'maximum'],
  ['minimumMemory', 'memory', 'minimum'],
  ['maximumMemory', 'memory', 'maximum'],
];

/**
 * Bounds in whole jobs. A minimum rounds up (at least that much capacity), a
 * maximum rounds down (never more than allowed), whatever `processes` is.
 */
export function boundsInJobs(
  bounds: AdaptBounds,
  options: JobShape,
): { minimumJobs: number; maximumJobs: number } {
  const size: Record<Unit, number> = perJob(options);
  const issues: ConfigIssue[] = [];
  let minimumJobs = 0;
  let maximumJobs = Number.POSITIVE_INFINITY;
  for (const [key, unit, side] of keys) {
    const raw = bounds[key];
    if (raw === undefined) continue;
    const amount = unit === 'memory' ? (raw === 0 ? 0 : parseMemory(raw)) : raw;
    if (typeof amount !== 'number' || !(amount >= 0) || (unit !== 'memory' && !Number.isInteger(amount) && amount !== Number.POSITIVE_INFINITY)) {
      issues.push({ path: key, value: raw, message: unit === 'memory' ? 'must be a size like "64GB" or 0' : 'must be a non-negative integer' });
      continue;
    }
    if (side === 'minimum') minimumJobs = Math.max(minimumJobs, Math.ceil(amount / size[unit]));
    else maximumJobs = Math.min(maximumJobs, Math.floor(amount / size[unit]));
  }
  if (issues.length === 0 && minimumJobs > maximumJobs) {
    issues.push({ path: 'minimum', value: bounds, message: `needs ${minimumJobs} job(s) but the maximum allows ${maximumJobs}` });
  }
  if (issues.length > 0) throw new ConfigError(corePackageName, issues);
  return { minimumJobs, maximumJobs };
}
