import type { Command, JobId } from '@jq/core';

/** ONE `oardel <ids…>` for every id. */
export function oarCancelCommand(ids: JobId[]): Command {
  return { argv: ['oardel', ...ids] };
}
