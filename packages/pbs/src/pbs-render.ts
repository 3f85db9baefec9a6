import { type JobRequest, formatBytesCeil, formatWalltime, renderHeader, renderJobScript } from '@jq/core';
import type { PbsFlavor } from './pbs-flavor.js';
import type { PbsResolvedOptions } from './pbs-options.js';

/**
 * PBS memory as dask-jobqueue's `pbs_format_bytes_ceil` writes it: rounded up in the
 * largest binary unit holding at least 10 (`28GB` → `27GB`, `8GB` → `7630MB`).
 */
export function formatPbsMemory(bytes: number): string {
  return formatBytesCeil(bytes, { suffixes: ['kB', 'MB', 'GB'], minimumInUnit: 10 });
}

/**
 * The `-l` resource request when the user gave no `resourceSpec`: one chunk (PBS Pro
 * `select=1:ncpus=N:mem=M[:ngpus=G]`) or one node (Torque `nodes=1:ppn=N[:gpus=G],mem=M`).
 */
export function defaultResourceSpec(flavor: PbsFlavor, options: PbsResolvedOptions): string {
  const memory = formatPbsMemory(options.memory);
  if (flavor === 'pbspro') return `select=1:ncpus=${options.cores}:mem=${memory}${options.gpus === undefined ? '' : `:ngpus=${options.gpus}`}`;
  return `nodes=1:ppn=${options.cores}${options.gpus === undefined ? '' : `:gpus=${options.gpus}`},mem=${memory}`;
}

/** `#PBS` directives in dask-jobqueue's order: -N, -q, -A, -l resources, -l walltime, -e, -o. */
export function pbsDirectives(flavor: PbsFlavor, options: PbsResolvedOptions): string[] {
  const directives = [`-N ${options.jobName}`];
  if (options.queue) directives.push(`-q ${options.queue}`);
  if (options.account) directives.push(`-A ${options.account}`);
  directives.push(`-l ${options.resourceSpec ?? defaultResourceSpec(flavor, options)}`);
  if (options.walltime !== undefined) directives.push(`-l walltime=${formatWalltime(options.walltime)}`);
  if (options.logDirectory) directives.push(`-e ${withSlash(options.logDirectory)}`, `-o ${withSlash(options.logDirectory)}`);
  return directives;
}

/** The whole job script. */
export function renderPbsScript(flavor: PbsFlavor, job: JobRequest, options: PbsResolvedOptions): string {
  return renderJobScript(options, renderHeader('#PBS', pbsDirectives(flavor, options), options), job.body);
}

// A trailing slash makes PBS put `<name>.o<id>` inside the directory.
function withSlash(directory: string): string {
  return directory.endsWith('/') ? directory : `${directory}/`;
}
