import { type CommandResult, JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

// Schedd or collector unreachable, busy or restarting: worth another try. Everything
// else (unknown job, bad submit description, missing executable) fails the same way again.
const transientPatterns = [
  /failed to connect/i,
  /failed to fetch ads/i,
  /can't find address/i,
  /SECMAN:\d+/,
  /CEDAR:\d+/,
  /failed to end classad message/i,
  /connection refused/i,
  /timed out/i,
  /temporarily unavailable/i,
  /schedd .*not responding/i,
];

/** Whether a failed condor_submit/condor_q/condor_history/condor_rm is worth retrying. */
export function classifyHtcondorError(result: CommandResult): 'transient' | 'permanent' {
  if (result.timedOut || result.exitCode === undefined) return 'transient';
  const text = `${result.stderr}\n${result.stdout}`;
  return transientPatterns.some((pattern) => pattern.test(text)) ? 'transient' : 'permanent';
}

const prefix = messagePrefix(packageName);

/** An error of this package: `[jq/htcondor] <message>`. */
export function htcondorError(code: JobQueueErrorCode, message: string): JobQueueError {
  return new JobQueueError(code, `${prefix} ${message}`);
}
