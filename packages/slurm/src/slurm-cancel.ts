import type { Command, JobId } from '@jq/core';
import { assertSlurmJobIds } from './slurm-job-ids.js';

/** ONE scancel for every id; single array tasks (`123_4`) are cancelled alone. */
export function slurmCancelCommand(ids: JobId[]): Command {
  assertSlurmJobIds(ids);
  return { argv: ['scancel', ...new Set(ids)] };
}
