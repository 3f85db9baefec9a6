import type { BackendResolvedOptions, OptionsFor } from '@jq/core';
import Type from 'typebox';

/** Options only PBS has. */
export const PbsOptionsSchema = Type.Object({
  /** `-l` value replacing the whole generated `select=…` (PBS Pro) or `nodes=…` (Torque) request. */
  resourceSpec: Type.Optional(
    Type.String({ pattern: '^\\S+$', description: 'replaces the whole generated `-l select=…` (PBS Pro) or `-l nodes=…` (Torque) request' }),
  ),
});

/** Options of a PBS or Torque cluster as a user writes them. */
export type PbsOptions = OptionsFor<typeof PbsOptionsSchema>;

/** Resolved options of the PBS backend. */
export type PbsResolvedOptions = BackendResolvedOptions<typeof PbsOptionsSchema>;
