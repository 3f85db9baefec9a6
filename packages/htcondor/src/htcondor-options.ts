import { type BackendResolvedOptions, type ConfigIssue, defaulted, type OptionsFor, parseMemory } from '@jq/core';
import Type from 'typebox';

/** Options only HTCondor has (dask-jobqueue's `disk`, `submit_command_extra`, `cancel_command_extra`). */
export const HtcondorOptionsSchema = Type.Object({
  /** Disk per job, like memory: `"1GB"` or bytes (required, as in dask-jobqueue). */
  disk: Type.Union([Type.String(), Type.Number()], { description: 'disk per job, like memory: "1GB" or bytes (required, as in dask-jobqueue)' }),
  /** Arguments added to `condor_submit` before the file, e.g. `["-name", "schedd2"]`. */
  submitCommandExtra: defaulted(Type.Array(Type.String(), { description: 'arguments added to condor_submit before the file' }), []),
  /** Arguments added to `condor_rm` before the ids, e.g. `["-forcex"]`. */
  cancelCommandExtra: defaulted(Type.Array(Type.String(), { description: 'arguments added to condor_rm before the ids' }), []),
});

/** Options of an HTCondor cluster as a user writes them. */
export type HtcondorOptions = OptionsFor<typeof HtcondorOptionsSchema>;

/** Resolved options of the HTCondor backend. */
export type HtcondorResolvedOptions = Omit<BackendResolvedOptions<typeof HtcondorOptionsSchema>, 'disk'> & {
  /** Disk per job in bytes. */
  disk: number;
};

/** HTCondor's own rules: a disk size, and no queues. */
export function checkHtcondorOptions(options: { disk?: unknown; queue?: unknown }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (options.disk !== undefined && parseMemory(options.disk as string | number) === undefined) {
    issues.push({ path: 'disk', value: options.disk, message: 'must be a positive size like "1GB", "500MiB" or a number of bytes' });
  }
  if (options.queue !== undefined) {
    issues.push({ path: 'queue', value: options.queue, message: 'HTCondor has no queues; steer jobs with jobExtraDirectives such as "requirements = …"' });
  }
  return issues;
}
