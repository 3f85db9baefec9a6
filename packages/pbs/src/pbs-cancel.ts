import type { Command, JobId } from '@jq/core';

/** ONE qdel for every id; single array subjobs (`12[3].server`) are deleted alone. */
export function pbsCancelCommand(ids: JobId[]): Command {
  return { argv: ['qdel', ...ids] };
}
