import type { BackendResolvedOptions, ConfigIssue, OptionsFor } from '@jq/core';
import Type from 'typebox';

/** Options only PBS has, the same for PBS Pro / OpenPBS and Torque. */
export const PbsOptionsSchema = Type.Object({
  /** `-l` value replacing the whole generated `select=…` (PBS Pro) or `nodes=…` (Torque) request. */
  resourceSpec: Type.Optional(
    Type.String({ pattern: '^\\S+$', description: 'replaces the whole generated `-l select=…` (PBS Pro) or `-l nodes=…` (Torque) request' }),
  ),
});

/** Options of a PBS or Torque cluster as a user writes them. */
export type PbsOptions = OptionsFor<typeof PbsOptionsSchema>;

/** Resolved options of the PBS backends. */
export type PbsResolvedOptions = BackendResolvedOptions<typeof PbsOptionsSchema>;

/**
 * PBS's own rule: GPUs are part of the generated resource request (`ngpus` in the select,
 * `gpus=` per node), which `resourceSpec` replaces, so both together would drop the GPUs.
 */
export function checkPbsOptions(options: { gpus?: number; resourceSpec?: string }): ConfigIssue[] {
  if (options.gpus === undefined || options.resourceSpec === undefined) return [];
  return [{ path: 'gpus', value: options.gpus, message: 'is rendered into the generated -l request, which resourceSpec replaces: put the GPUs in resourceSpec (ngpus=N or gpus=N) instead' }];
}
