import type { BackendResolvedOptions, ConfigIssue, OptionsFor } from '@jq/core';
import Type from 'typebox';

/**
 * Options only OAR has. The common ones (`queue`, `account` = OAR's project, `walltime`,
 * `cores`, `gpus`, `logDirectory`, …) come from `@jq/core`. Each property carries its
 * TSDoc (the editor's hover text) and a `description` (error messages).
 */
export const OarOptionsSchema = Type.Object({
  /** Seconds before the walltime that OAR signals the job to checkpoint (`--checkpoint`). */
  checkpoint: Type.Optional(Type.Integer({ minimum: 1, description: 'seconds before the walltime that OAR signals the job (--checkpoint)' })),
});

/** Options of an OAR cluster as a user writes them: the common ones and OAR's own. */
export type OarOptions = OptionsFor<typeof OarOptionsSchema>;

/** Options after core's validation: common resolved options plus OAR's own. */
export type OarResolvedOptions = BackendResolvedOptions<typeof OarOptionsSchema>;

/**
 * OAR's own rule: with GPUs, cores are asked per GPU (`/gpu=G/core=C`), so `cores`
 * must split evenly over `gpus`. Reported with every other problem, before anything is submitted.
 */
export function checkOarOptions(options: { cores?: number; gpus?: number }): ConfigIssue[] {
  if (options.gpus === undefined || options.cores === undefined || options.cores % options.gpus === 0) return [];
  return [{ path: 'cores', value: options.cores, message: `must be a multiple of gpus (${options.gpus}): OAR asks for cores per GPU` }];
}
