import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { htcondorError } from './htcondor-errors.js';
import { type HtcondorJobFields, htcondorJobStatus } from './htcondor-states.js';

/** Attributes the status and accounting commands print, in this order; RemoveReason (free text) last. */
export const htcondorAttributes = ['JobStatus', 'ExitCode', 'ExitBySignal', 'ExitSignal', 'HoldReasonCode', 'RemoveReason'];

/** ONE `condor_q <ids> -af:j <attributes>` for every job still in the queue. */
export function htcondorStatusCommand(ids: JobId[]): Command {
  return { argv: ['condor_q', ...ids, '-af:j', ...htcondorAttributes] };
}

const line = /^(\d+\.\d+)\s+(-?\d+)(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+(.*))?$/;

/**
 * Statuses from `condor_q <ids> -af:j <attributes>` or the same from condor_history:
 * one line per job, the id first, `undefined` for attributes a job lacks. Fewer
 * columns are read too (`-af:jr JobStatus`). condor_q prints nothing for jobs that
 * left the queue, so those are simply absent.
 */
export function parseHtcondorStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const text = result.stdout.trim();
  if (text === '') return new Map();
  const printed = new Map<string, HtcondorJobFields>();
  for (const row of text.split('\n')) {
    const match = line.exec(row.trim());
    if (!match?.[1] || !match[2]) continue;
    const [, id, jobStatus, exitCode, exitBySignal, exitSignal, holdReasonCode, removeReason] = match;
    printed.set(id, {
      jobStatus,
      ...optionalNumber('exitCode', exitCode),
      ...(exitBySignal === 'true' || exitBySignal === 'false' ? { exitBySignal: exitBySignal === 'true' } : {}),
      ...optionalNumber('exitSignal', exitSignal),
      ...optionalNumber('holdReasonCode', holdReasonCode),
      ...(removeReason && removeReason !== 'undefined' ? { removeReason: removeReason.replace(/^"(.*)"$/, '$1') } : {}),
    });
  }
  if (printed.size === 0) throw htcondorError('JQ_PARSE_FAILED', `no "<cluster>.<proc> <JobStatus> …" lines in ${JSON.stringify(text.slice(0, 80))}`);
  const statuses = new Map<JobId, JobStatus>();
  for (const id of ids) {
    const fields = printed.get(id.trim());
    if (fields) statuses.set(id, htcondorJobStatus(fields));
  }
  return statuses;
}

function optionalNumber<K extends string>(key: K, value: string | undefined): Partial<Record<K, number>> {
  return value !== undefined && /^-?\d+$/.test(value) ? ({ [key]: Number(value) } as Record<K, number>) : {};
}
