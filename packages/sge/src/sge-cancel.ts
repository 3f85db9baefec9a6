import type { Command, JobId } from '@jq/core';
import { assertSgeJobIds } from './sge-job-ids.js';

/** ONE qdel for every id; single array tasks (`123.4`) are deleted alone. */
export function sgeCancelCommand(ids: JobId[]): Command {
  assertSgeJobIds(ids);
  return { argv: ['qdel', ...new Set(ids)] };
}
