import { type JobStatus, nativeStates } from '@jq/core';

/**
 * OAR's job states (oarstat manual) as jobqueue's. Held means it will not start until
 * someone acts (`oarresume`); waiting for resources or a launch is queued. `oarstat -s`
 * does not tell a deleted job from a failed one (both `Error`).
 */
const states = nativeStates({
  queued: ['Waiting', 'toLaunch', 'toAckReservation', 'Launching'],
  held: ['Hold', 'Suspended', ['Resuming', 'being resumed']],
  running: ['Running'],
  completing: ['Finishing'],
  completed: ['Terminated'],
  failed: ['Error', 'toError'],
});

/** The status for an OAR state word; an unknown word is `unknown`, never an error. */
export function oarJobStatus(native: string): JobStatus {
  return states(native) ?? { state: 'unknown', native };
}
