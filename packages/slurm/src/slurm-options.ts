import { type ResolvedOptions } from '@jq/core';
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
  qos: Type.Optional(Type.String({ pattern: directiveWord, description: 'quality of service (--qos)' })),
  jobCpu: Type.Optional(Type.Integer({ minimum: 1, description: 'CPUs per task (--cpus-per-task); default: cores' })),
  jobMem: Type.Optional(
    Type.String({ pattern: '^\\d+[KMGT]?$', description: 'memory request passed verbatim (--mem), e.g. "100G"; default: memory rounded up' }),
  ),
  gpus: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: directiveWord })], { description: 'GPUs (--gpus), e.g. 2 or "a100:2"' }),
  ),
  gres: Type.Optional(Type.String({ pattern: directiveWord, description: 'generic resources (--gres), e.g. "gpu:1"' })),
  constraint: Type.Optional(Type.String({ pattern: constraintExpression, description: 'node features (--constraint), e.g. "haswell&ib"' })),
  reservation: Type.Optional(Type.String({ pattern: directiveWord, description: 'reservation name (--reservation)' })),
  exclusive: Type.Optional(Type.Boolean({ description: 'whole nodes only (--exclusive)' })),
});

/** Slurm's own options as a user writes them. */
export interface SlurmOnlyOptions {
  /** Quality of service (`--qos`). */
  qos?: string;
  /** CPUs per task (`--cpus-per-task`); default `cores`. */
  jobCpu?: number;
  /** Memory request used verbatim (`--mem=100G`); default `memory` rounded up to K/M/G. */
  jobMem?: string;
  /** GPUs (`--gpus`), a count or `type:count`. */
  gpus?: number | string;
  /** Generic resources (`--gres`), e.g. `gpu:1`. */
  gres?: string;
  /** Node feature expression (`--constraint`). */
  constraint?: string;
  /** Reservation name (`--reservation`). */
  reservation?: string;
  /** Ask for whole nodes (`--exclusive`). */
  exclusive?: boolean;
}

/** Options after core's validation: common resolved options plus Slurm's own. */
export type SlurmResolvedOptions = ResolvedOptions & SlurmOnlyOptions;
