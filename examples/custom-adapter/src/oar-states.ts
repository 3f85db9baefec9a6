import type { JobState, JobStatus } from '@jq/core';

/**
 * OAR's job states (oarstat manual) as jobqueue's. Held means it will not start until
 * someone acts (`oarresume`); waiting for resources or a launch is queued. `oarstat -s`
 * does not tell a deleted job from a failed one (both `Error`).
 */
const states = new Map<string, JobState>([
  ['Waiting', 'queued'],
  ['toLaunch', 'queued'],
  ['toAckReservation', 'queued'],
  ['Launching', 'queued'],
  ['Hold', 'held'],
  ['Suspended', 'held'],
  ['Resuming', 'held'],
  ['Running', 'running'],
  ['Finishing', 'completing'],
  ['Terminated', 'completed'],
  ['Error', 'failed'],
  ['toError', 'failed'],
]);

/** The status for an OAR state word; an unknown word is `unknown`, never an error. */
export function oarJobStatus(native: string): JobStatus {
  return { state: states.get(native) ?? 'unknown', native };
}
