import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { localLauncher, localStateDirectory } from './local-launcher.js';
import type { LocalResolvedOptions } from './local-options.js';
import { localJobStatus, type LocalStatusLine } from './local-states.js';

/** ONE `jq-local status <state> <ids…>`: the launcher reads the process table once for all. */
export function localStatusCommand(ids: JobId[], options: LocalResolvedOptions): Command {
  return { argv: [options.node, localLauncher, 'status', localStateDirectory(options), ...ids] };
}

/** Statuses from `jq-local status` output: one JSON object per line, jobs it no longer knows omitted. */
export function parseLocalStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    const parsed = parseLine(line);
    if (parsed && wanted.has(parsed.id)) statuses.set(parsed.id, localJobStatus(parsed));
  }
  return statuses;
}

function parseLine(line: string): LocalStatusLine | undefined {
  if (!line.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.id !== 'string') return undefined;
  return {
    id: fields.id,
    state: fields.state,
    exitCode: typeof fields.exitCode === 'number' && Number.isInteger(fields.exitCode) ? fields.exitCode : undefined,
    signal: typeof fields.signal === 'string' && fields.signal ? fields.signal : undefined,
    cancelled: fields.cancelled === true,
    reason: typeof fields.reason === 'string' ? fields.reason : undefined,
    error: typeof fields.error === 'string' ? fields.error : undefined,
  };
}
