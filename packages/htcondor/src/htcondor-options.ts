import type { ResolvedOptions } from '@jq/core';
import Type from 'typebox';

/** Options only HTCondor has (dask-jobqueue's `disk`, `submit_command_extra`, `cancel_command_extra`). */
export const HtcondorOptionsSchema = Type.Object({
  disk: Type.Union([Type.String(), Type.Number()], { description: 'disk per job, like memory: "1GB" or bytes (required, as in dask-jobqueue)' }),
  submitCommandExtra: Type.Optional(Type.Array(Type.String(), { description: 'arguments added to condor_submit before the file, e.g. ["-name", "schedd2"]' })),
  cancelCommandExtra: Type.Optional(Type.Array(Type.String(), { description: 'arguments added to condor_rm before the ids, e.g. ["-forcex"]' })),
});

/** Resolved options of the HTCondor backend. */
export interface HtcondorOptions extends ResolvedOptions {
  /** Disk per job in bytes. */
  disk: number;
  submitCommandExtra: string[];
  cancelCommandExtra: string[];
}
