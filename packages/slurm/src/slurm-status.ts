import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { assertSlurmJobIds, slurmBaseId, wantedSlurmJobIds } from './slurm-job-ids.js';
import { slurmJobStatus } from './slurm-states.js';

/** Job id, compact state, reason: all squeue needs to tell us, `|`-separated. */
export const squeueFormat = '%i|%t|%r';

/**
 * ONE squeue call for every id, finished jobs included (`--states=all` shows them for
 * MinJobAge), one line per array task (`--array`). It names arrays, not tasks
 * (`123` for `123_4`): the list stays short however many tasks there are (Linux
 * refuses one argument over 128 KiB, about 11,000 task ids). squeue asked about a
 * single unknown id fails with "Invalid job id specified", while for a list it just
 * omits the unknown ones (both recorded from Slurm 22.05), so a lone id is listed twice.
 */
export function slurmStatusCommand(ids: JobId[]): Command {
  assertSlurmJobIds(ids);
  const unique = [...new Set(ids.map(slurmBaseId))];
  const list = unique.length === 1 ? [unique[0], unique[0]] : unique;
  return { argv: ['squeue', '--noheader', '--states=all', '--array', `--format=${squeueFormat}`, `--jobs=${list.join(',')}`] };
}

/**
 * Statuses of the requested ids from `id|state|reason` lines. Compressed pending
 * ranges (`123_[5-9]`) are expanded; ids squeue did not print are left out (no longer
 * in the queue), and so is everything when it says the id is invalid.
 */
export function parseSlurmStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    const [printedId, state, reason] = line.trim().split('|');
    if (printedId === undefined || state === undefined || state === '') continue;
    for (const id of wantedSlurmJobIds(printedId, wanted)) statuses.set(id, slurmJobStatus(state, reason));
  }
  return statuses;
}
