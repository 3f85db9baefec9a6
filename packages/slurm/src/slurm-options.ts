import type { BackendResolvedOptions, OptionsFor } from '@jq/core';
import Type from 'typebox';

/** One directive argument: no whitespace, quotes, `#`, `$` or backslash, which sbatch or the shell would read. */
const directiveWord = '^[A-Za-z0-9_.:,=+@%/\\-]+$';
/** Constraint expressions also use `&`, `|`, `*`, `!`, brackets and parentheses. */
const constraintExpression = '^[A-Za-z0-9_.:,=+@%/\\-&|*!()\\[\\]]+$';

/**
 * Options only Slurm has. The common ones (`queue` = partition, `account`,
 * `walltime`, `cores`, `memory`, `logDirectory`, …) come from `@jq/core`.
 */
export const SlurmOptionsSchema = Type.Object({
  /** Quality of service (`--qos`). */
  qos: Type.Optional(Type.String({ pattern: directiveWord, description: 'quality of service (--qos)' })),
  /** CPUs per task (`--cpus-per-task`); default `cores`. */
  jobCpu: Type.Optional(Type.Integer({ minimum: 1, description: 'CPUs per task (--cpus-per-task); default: cores' })),
  /** Memory request used verbatim (`--mem=100G`); default `memory` rounded up to K/M/G. */
  jobMem: Type.Optional(
    Type.String({ pattern: '^\\d+[KMGT]?$', description: 'memory request passed verbatim (--mem), e.g. "100G"; default: memory rounded up' }),
  ),
  /** GPUs (`--gpus`), a count or `type:count`. */
  gpus: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: directiveWord })], { description: 'GPUs (--gpus), e.g. 2 or "a100:2"' }),
  ),
  /** Generic resources (`--gres`), e.g. `gpu:1`. */
  gres: Type.Optional(Type.String({ pattern: directiveWord, description: 'generic resources (--gres), e.g. "gpu:1"' })),
  /** Node feature expression (`--constraint`), e.g. `haswell&ib`. */
  constraint: Type.Optional(Type.String({ pattern: constraintExpression, description: 'node features (--constraint), e.g. "haswell&ib"' })),
  /** Reservation name (`--reservation`). */
  reservation: Type.Optional(Type.String({ pattern: directiveWord, description: 'reservation name (--reservation)' })),
  /** Ask for whole nodes (`--exclusive`). */
  exclusive: Type.Optional(Type.Boolean({ description: 'whole nodes only (--exclusive)' })),
});

/** Options of a Slurm cluster as a user writes them: the common ones and Slurm's own. */
export type SlurmOptions = OptionsFor<typeof SlurmOptionsSchema>;

/** Options after core's validation: common resolved options plus Slurm's own. */
export type SlurmResolvedOptions = BackendResolvedOptions<typeof SlurmOptionsSchema>;
