import type { ResolvedOptions } from '@jq/core';
import Type from 'typebox';

/** Options only PBS has. */
export const PbsOptionsSchema = Type.Object({
  resourceSpec: Type.Optional(
    Type.String({ pattern: '^\\S+$', description: 'replaces the whole generated `-l select=…` (PBS Pro) or `-l nodes=…` (Torque) request' }),
  ),
});

/** Resolved options of the PBS backend. */
export interface PbsOptions extends ResolvedOptions {
  /** `-l` value replacing the generated resource request. */
  resourceSpec?: string;
}
