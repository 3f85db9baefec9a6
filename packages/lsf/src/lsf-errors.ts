import { type CommandResult, JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

// mbatchd or LIM unreachable, restarting or overloaded: worth another try. Everything
// else (unknown queue or job, bad limit, finished job) will fail the same way again.
const transientPatterns = [
  /LSF is down/i,
  /not responding/i,
  /still trying/i,
  /LIM is down/i,
  /try (again )?later/i,
  /cannot connect/i,
  /connection refused/i,
  /timed out/i,
  /temporarily unavailable/i,
  /failed in sending\/receiving a message/i,
  /mbatchd is (busy|reconfiguring)/i,
];

/** Whether a failed bsub/bjobs/bkill is worth retrying. */
export function classifyLsfError(result: CommandResult): 'transient' | 'permanent' {
  if (result.timedOut || result.exitCode === undefined) return 'transient';
  const text = `${result.stderr}\n${result.stdout}`;
  return transientPatterns.some((pattern) => pattern.test(text)) ? 'transient' : 'permanent';
}

const prefix = messagePrefix(packageName);

/** An error of this package: `[jq/lsf] <message>`. */
export function lsfError(code: JobQueueErrorCode, message: string): JobQueueError {
  return new JobQueueError(code, `${prefix} ${message}`);
}
