import type { Command, JobId } from '@jq/core';

/** ONE `mjobctl -c id1,id2,…`: Moab takes a comma list of job expressions. */
export function moabCancelCommand(ids: JobId[]): Command {
  return { argv: ['mjobctl', '-c', ids.join(',')] };
}
