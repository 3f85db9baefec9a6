import type { Command, JobId } from '@jq/core';
import type { HtcondorResolvedOptions } from './htcondor-options.js';

/** ONE `condor_rm [cancelCommandExtra…] <ids>`. */
export function htcondorCancelCommand(ids: JobId[], options: HtcondorResolvedOptions): Command {
  return { argv: ['condor_rm', ...options.cancelCommandExtra, ...ids] };
}
