import { type BackendResolvedOptions, defaulted, type OptionsFor } from '@jq/core';
import Type from 'typebox';

/** Options only LSF has (dask-jobqueue's `ncpus`, `lsf_units`, `use_stdin`). */
export const LsfOptionsSchema = Type.Object({
  /** `#BSUB -n` slots; default `cores`. */
  ncpus: Type.Optional(Type.Integer({ minimum: 1, description: '`#BSUB -n` slots; default `cores`' })),
  /** Unit of `#BSUB -M` (`LSF_UNIT_FOR_LIMITS`): `KB`, `MB`, `GB`…; default read from the site's lsf.conf, else KB. */
  lsfUnits: Type.Optional(
    Type.String({ pattern: '^[KMGTPEkmgtpe][Bb]?$', description: 'unit of `#BSUB -M` (LSF_UNIT_FOR_LIMITS); default read from lsf.conf, else KB' }),
  ),
  /** Submit as `bsub < script` (default) instead of `bsub script`, which needs `LSB_BSUB_PARSE_SCRIPT=Y`. */
  useStdin: defaulted(Type.Boolean({ description: 'submit as `bsub < script` instead of `bsub script`' }), true),
});

/** Options of an LSF cluster as a user writes them. */
export type LsfOptions = OptionsFor<typeof LsfOptionsSchema>;

/** Resolved options of the LSF backend. */
export type LsfResolvedOptions = Omit<BackendResolvedOptions<typeof LsfOptionsSchema>, 'lsfUnits'> & {
  /** Unit letter of `-M`, lowercase: `k`, `m`, `g`, … (from lsf.conf when not given). */
  lsfUnits: string;
};
