import { type CommandResult, JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

// Server unreachable or overloaded: worth another try. Everything else (bad resource,
// unknown queue, unknown or finished job id) will fail the same way again.
const transientPatterns = [
  /cannot connect to server/i,
  /connection refused/i,
  /connection timed out/i,
  /timed out/i,
  /server busy/i,
  /temporarily unavailable/i,
  /try again/i,
  /pbs_iff/i,
  /end of file/i,
  /premature end of message/i,
  /communication failure/i,
  /errno=150(10|31|33)/,
];

/** Whether a failed qsub/qstat/qdel is worth retrying. */
export function classifyPbsError(result: CommandResult): 'transient' | 'permanent' {
  if (result.timedOut || result.exitCode === undefined) return 'transient';
  const text = `${result.stderr}\n${result.stdout}`;
  return transientPatterns.some((pattern) => pattern.test(text)) ? 'transient' : 'permanent';
}

const prefix = messagePrefix(packageName);

/** An error of this package: `[jq/pbs] <message>`. */
export function pbsError(code: JobQueueErrorCode, message: string): JobQueueError {
  return new JobQueueError(code, `${prefix} ${message}`);
}
