import { JobQueueError, TaskError, type JobQueueErrorCode } from '@jq/core';
import type { ClientError } from '../protocol/protocol-client.js';

/**
 * An error that came from the scheduler, rebuilt as what the scheduler's own client would
 * have seen: a `TaskError` for a task that threw, a `JobQueueError` with its code otherwise.
 */
export function receivedError(error: ClientError): Error {
  let rebuilt: Error;
  if (error.code === 'JQ_TASK_FAILED') rebuilt = new TaskError(error.message, { name: error.remoteName ?? error.name, stack: error.remoteStack });
  else if (error.code !== undefined) rebuilt = new JobQueueError(error.code as JobQueueErrorCode, error.message);
  else rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack !== undefined) rebuilt.stack = `${error.stack}\n    at the scheduler (received by Client.connect)`;
  return rebuilt;
}
