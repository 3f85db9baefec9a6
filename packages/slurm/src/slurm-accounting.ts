import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { assertSlurmJobIds, printedSlurmBaseId, slurmBaseId, wantedSlurmJobIds } from './slurm-job-ids.js';
import { type SlurmExit, slurmJobStatus } from './slurm-states.js';

/** Fields asked of sacct, in this order. */
export const sacctFormat = 'JobID,State,ExitCode,Reason';

/**
 * ONE sacct call about the jobs behind `ids`. It asks by array id (`123` for
 * `123_4`): sacct then lists every task of the array, which also shows tasks that
 * vanished (see {@link parseSlurmAccounting}). `--allocations` leaves out job steps.
 */
export function slurmAccountingCommand(ids: JobId[]): Command {
  assertSlurmJobIds(ids);
  const bases = [...new Set(ids.map(slurmBaseId))];
  return {
    argv: ['sacct', '--noheader', '--parsable2', '--allocations', `--format=${sacctFormat}`, `--jobs=${bases.join(',')}`],
  };
}

/**
 * Statuses from `JobID|State|ExitCode|Reason` lines (`CANCELLED by 0`, `FAILED` with
 * `3:0`, pending ranges `123_[4-9]`). `ExitCode` is `<status>:<signal>`: both are
 * reported as sacct prints them (`0:9` is exit code 0 and signal 9), none is made up.
 *
 * An array task cancelled while pending disappears from squeue AND sacct (recorded
 * from Slurm 22.05): when sacct lists other tasks of its array but not the task, it
 * was removed before it started, and is reported `cancelled`.
 */
export function parseSlurmAccounting(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  const arraysSeen = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const [printedId, state, exitCode, reason] = line.trim().split('|');
    if (printedId === undefined || state === undefined || state === '' || printedId.includes('.')) continue;
    const base = printedSlurmBaseId(printedId);
    if (base !== undefined && printedId.includes('_')) arraysSeen.add(base);
    for (const id of wantedSlurmJobIds(printedId, wanted)) statuses.set(id, slurmJobStatus(state, reason, parseExitCode(exitCode)));
  }
  for (const id of wanted) {
    if (!statuses.has(id) && id.includes('_') && arraysSeen.has(slurmBaseId(id))) {
      statuses.set(id, { state: 'cancelled', native: 'CANCELLED (array task removed while pending)' });
    }
  }
  return statuses;
}

function parseExitCode(text: string | undefined): SlurmExit | undefined {
  const match = /^(\d+):(\d+)$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [exitCode, signal] = [Number(match[1]), Number(match[2])];
  return signal > 0 ? { exitCode, signal } : { exitCode };
}
