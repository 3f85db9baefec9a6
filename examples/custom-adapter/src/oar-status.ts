import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { oarJobStatus } from './oar-states.js';

/** ONE `oarstat -s -j <id> …` for every id. */
export function oarStatusCommand(ids: JobId[]): Command {
  return { argv: ['oarstat', '-s', ...ids.flatMap((id) => ['-j', id])] };
}

/** Statuses from `<id>: <State>` lines, requested ids only; ids OAR does not print are left out, for core to resolve. */
export function parseOarStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*(\d+)\s*:\s*(\S+)\s*$/.exec(line);
    if (match?.[1] && match[2] && wanted.has(match[1])) statuses.set(match[1], oarJobStatus(match[2]));
  }
  return statuses;
}
