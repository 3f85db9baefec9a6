import type { JobState, JobStatus } from './job-state.js';

/** A native state code, alone or with the reason it carries when its state does not say enough. */
export type NativeCode = string | readonly [code: string, reason: string];

/**
 * A backend's table of native state codes, written by state:
 * `nativeStates({ queued: ['PEND', ['PROV', 'waiting for its host']], held: ['PSUSP'] })`.
 * The lookup gives the status of a known code (its state, the code as `native`, the
 * reason), `undefined` for any other text: inherited keys (`constructor`) are no codes.
 */
export function nativeStates(groups: Partial<Record<JobState, readonly NativeCode[]>>): (native: string) => JobStatus | undefined {
  const table = new Map<string, JobStatus>();
  for (const [state, codes] of Object.entries(groups) as Array<[JobState, readonly NativeCode[]]>) {
    for (const entry of codes) {
      const [code, reason] = typeof entry === 'string' ? [entry, undefined] : entry;
      table.set(code, { state, native: code, ...(reason === undefined ? {} : { reason }) });
    }
  }
  return (native) => {
    const status = table.get(native);
    return status === undefined ? undefined : { ...status };
  };
}
