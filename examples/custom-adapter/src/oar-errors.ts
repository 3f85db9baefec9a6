import { type CommandResult, JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

// The OAR server unreachable or busy: worth another try. Everything else (unknown queue,
// an admission rule refusing the job, unknown job) fails the same way again.
const transientPatterns = [/connection/i, /timed out/i, /temporarily/i, /try again/i];

/** `transient` when retrying the same command later can succeed, else `permanent`: core retries only the first. */
export function classifyOarError(result: CommandResult): 'transient' | 'permanent' {
  if (result.timedOut) return 'transient';
  const text = `${result.stderr}\n${result.stdout}`;
  return transientPatterns.some((pattern) => pattern.test(text)) ? 'transient' : 'permanent';
}

const prefix = messagePrefix(packageName);

/** An error of this package, prefixed with its name: `[jq-adapter-oar] <message>`. */
export function oarError(code: JobQueueErrorCode, message: string): JobQueueError {
  return new JobQueueError(code, `${prefix} ${message}`);
}
