import { type CommandResult, JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { classifyPbsError } from '@jq/pbs';
import { name as packageName } from '../package.json';

// Moab server unreachable, restarting or busy: worth another try. Torque's own transient
// failures (Moab on Torque passes them through) are recognised by @jq/pbs. Everything else
// (invalid job, bad class or resource, job already completed) fails the same way again.
const transientPatterns = [
  /cannot connect to (moab )?server/i,
  /lost connection to server/i,
  /cannot request service/i,
  /server is (busy|not responding)/i,
  /communication error/i,
];

/** Whether a failed msub/checkjob/mjobctl is worth retrying. */
export function classifyMoabError(result: CommandResult): 'transient' | 'permanent' {
  if (classifyPbsError(result) === 'transient') return 'transient';
  const text = `${result.stderr}\n${result.stdout}`;
  return transientPatterns.some((pattern) => pattern.test(text)) ? 'transient' : 'permanent';
}

const prefix = messagePrefix(packageName);

/** An error of this package: `[jq/moab] <message>`. */
export function moabError(code: JobQueueErrorCode, message: string): JobQueueError {
  return new JobQueueError(code, `${prefix} ${message}`);
}
