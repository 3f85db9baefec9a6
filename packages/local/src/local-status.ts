import type { CommandResult, JobId, JobStatus } from '@jq/core';

/** One line of `jq-local status`, fields checked: the output is data, not trusted code. */
interface LocalStatusLine {
  id: string;
  state: unknown;
  exitCode: number | undefined;
  signal: string | undefined;
  cancelled: boolean;
  reason: string | undefined;
  error: string | undefined;
}

/** Statuses from `jq-local status` output: one JSON object per line, jobs it no longer knows omitted. */
export function parseLocalStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    const parsed = parseLine(line);
    if (parsed && wanted.has(parsed.id)) statuses.set(parsed.id, toStatus(parsed));
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

function toStatus(line: LocalStatusLine): JobStatus {
  if (line.state === 'running') return { state: 'running', native: 'R' };
  if (line.state === 'queued') return { state: 'queued', native: 'Q', ...(line.reason ? { reason: line.reason } : {}) };
  if (line.state !== 'exited') return { state: 'unknown', native: String(line.state) };
  const exitCode = line.exitCode ?? 0;
  if (line.signal) {
    return { state: 'cancelled', native: 'CA', exitCode, reason: line.cancelled ? 'cancelled' : `killed by ${line.signal}` };
  }
  if (line.error) return { state: 'failed', native: 'F', exitCode, reason: line.error };
  return exitCode === 0 ? { state: 'completed', native: 'CD', exitCode } : { state: 'failed', native: 'F', exitCode };
}
