import { type CommandResult, JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

/** The launcher runs on this machine: nothing about a failure of it goes away by retrying. */
export function classifyLocalError(_result: CommandResult): 'transient' | 'permanent' {
  return 'permanent';
}

const prefix = messagePrefix(packageName);

/** An error of this package: `[jq/local] <message>`. */
export function localError(code: JobQueueErrorCode, message: string): JobQueueError {
  return new JobQueueError(code, `${prefix} ${message}`);
}
