import type { CommandResult, JobId, JobStatus } from '@jq/core';

interface LocalStatusLine {
  id: string;
  state: 'queued' | 'running' | 'exited';
  reason?: string;
  exitCode?: number;
  signal?: string | null;
  cancelled?: boolean;
  error?: string;
}

/** Statuses from `jq-local status` output: one JSON object per line, jobs it no longer knows omitted. */
export function parseLocalStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const wanted = new Set(ids);
  const statuses = new Map<JobId, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    let parsed: LocalStatusLine;
    try {
      parsed = JSON.parse(line) as LocalStatusLine;
    } catch {
      continue;
    }
    if (typeof parsed.id !== 'string' || !wanted.has(parsed.id)) continue;
    statuses.set(parsed.id, toStatus(parsed));
  }
  return statuses;
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
