import type { ResolvedOptions } from '@jq/core';
import Type from 'typebox';

/** Options only LSF has (dask-jobqueue's `ncpus`, `lsf_units`, `use_stdin`). */
export const LsfOptionsSchema = Type.Object({
  ncpus: Type.Optional(Type.Integer({ minimum: 1, description: '`#BSUB -n` slots; default `cores`' })),
  lsfUnits: Type.Optional(
    Type.String({ pattern: '^[KMGTPEkmgtpe][Bb]?$', description: 'unit of `#BSUB -M` (LSF_UNIT_FOR_LIMITS); default read from lsf.conf, else KB' }),
  ),
  useStdin: Type.Optional(Type.Boolean({ description: 'submit as `bsub < script` (default) instead of `bsub script`, which needs LSB_BSUB_PARSE_SCRIPT=Y' })),
});

/** Resolved options of the LSF backend. */
export interface LsfOptions extends ResolvedOptions {
  /** `#BSUB -n` value replacing `cores`. */
  ncpus?: number;
  /** Unit letter of `-M`, lowercase: `k`, `m`, `g`, … (resolved from lsf.conf when not given). */
  lsfUnits: string;
  /** Whether the script goes to bsub on standard input. */
  useStdin: boolean;
}
