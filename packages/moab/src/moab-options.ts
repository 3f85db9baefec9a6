import { type PbsOptions, PbsOptionsSchema, type PbsResolvedOptions } from '@jq/pbs';

/**
 * Moab's options are its base's: the job script is @jq/pbs's Torque rendering, so the
 * common options and PBS's `resourceSpec` (the whole `-l nodes=…` request) apply.
 */
export const MoabOptionsSchema = PbsOptionsSchema;

/** Options of a Moab cluster as a user writes them. */
export type MoabOptions = PbsOptions;

/** Resolved options of the Moab backend. */
export type MoabResolvedOptions = PbsResolvedOptions;
