import { constants } from 'node:os';
import type { JobStatus } from '@jq/core';

/** One line of `jq-local status`, its fields checked: the output is data, not trusted code. */
export interface LocalStatusLine {
  /** The job id: its supervisor's pid. */
  id: string;
  /** `queued`, `running` or `exited`; anything else is unknown. */
  state: unknown;
  /** The script's exit status; absent when a signal ended it. */
  exitCode: number | undefined;
  /** The signal that ended it (`SIGTERM`), when one did. */
  signal: string | undefined;
  /** True when jobqueue cancelled it. */
  cancelled: boolean;
  /** Why it waits (`queued`). */
  reason: string | undefined;
  /** Why it could not start. */
  error: string | undefined;
}

/**
 * The status of one local job: a process waits for a slot (`queued`) or runs; once
 * exited, a signal means it was cancelled (by the cluster or from outside), else its
 * exit status says completed or failed. Exit status and signal are reported apart, as
 * the process table gives them: a killed process has no exit status.
 */
export function localJobStatus(line: LocalStatusLine): JobStatus {
  if (line.state === 'running') return { state: 'running', native: 'R' };
  if (line.state === 'queued') return { state: 'queued', native: 'Q', ...(line.reason ? { reason: line.reason } : {}) };
  if (line.state !== 'exited') return { state: 'unknown', native: String(line.state) };
  const exit = line.exitCode === undefined ? {} : { exitCode: line.exitCode };
  if (line.signal) {
    const number = Object.hasOwn(constants.signals, line.signal) ? constants.signals[line.signal as keyof typeof constants.signals] : undefined;
    return { state: 'cancelled', native: 'CA', ...exit, ...(number === undefined ? {} : { signal: number }), reason: line.cancelled ? 'cancelled' : `killed by ${line.signal}` };
  }
  if (line.error) return { state: 'failed', native: 'F', ...exit, reason: line.error };
  if (line.exitCode === undefined) return { state: 'unknown', native: 'exited' };
  return line.exitCode === 0 ? { state: 'completed', native: 'CD', exitCode: 0 } : { state: 'failed', native: 'F', exitCode: line.exitCode };
}
