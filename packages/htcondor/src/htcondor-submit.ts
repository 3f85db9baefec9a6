import type { ArraySpec, Command, CommandResult, JobId } from '@jq/core';
import { htcondorError } from './htcondor-errors.js';
import type { HtcondorResolvedOptions } from './htcondor-options.js';

/** `condor_submit [extra…] <description>`; an array adds `-queue N` (its description has no queue statement). */
export function htcondorSubmitCommand(scriptPath: string, options: HtcondorResolvedOptions, array?: ArraySpec): Command {
  return { argv: ['condor_submit', ...options.submitCommandExtra, scriptPath, ...(array ? ['-queue', String(array.count)] : [])] };
}

const summary = /(\d+) job\(s\) submitted to cluster (\d+)\./g;
const terse = /^(\d+)\.(\d+) - (\d+)\.(\d+)$/gm;

/**
 * Job ids `<cluster>.<proc>` from condor_submit output: `N job(s) submitted to cluster C.`
 * lines (one per cluster) or `-terse` ranges `C.0 - C.(N-1)`.
 */
export function parseHtcondorSubmit(result: CommandResult, _array?: ArraySpec): JobId[] {
  const ids: JobId[] = [];
  for (const [, count, cluster] of result.stdout.matchAll(summary)) {
    for (let proc = 0; proc < Number(count); proc += 1) ids.push(`${cluster}.${proc}`);
  }
  for (const [, cluster, first, lastCluster, last] of result.stdout.matchAll(terse)) {
    if (cluster !== lastCluster) continue;
    for (let proc = Number(first); proc <= Number(last); proc += 1) ids.push(`${cluster}.${proc}`);
  }
  if (ids.length === 0) throw htcondorError('JQ_PARSE_FAILED', `no "submitted to cluster" in condor_submit output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return ids;
}
