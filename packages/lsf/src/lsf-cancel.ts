import type { Command, JobId } from '@jq/core';

/** ONE `bkill` for every id; array elements (`12[3]`) are killed alone. */
export function lsfCancelCommand(ids: JobId[]): Command {
  return { argv: ['bkill', ...ids] };
}
