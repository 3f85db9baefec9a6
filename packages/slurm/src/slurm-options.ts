import type { BackendResolvedOptions, ConfigIssue, OptionsFor } from '@jq/core';
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
  /** GPU type for the common `gpus` count (`--gpus=<type>:<gpus>`), e.g. `a100`, as the site's gres.conf names it. */
  gpuType: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.\\-]+$', description: 'GPU type for gpus (--gpus=<type>:<count>), e.g. "a100"' })),
  /** Generic resources other than a GPU count (`--gres`), e.g. `nvme:1`; GPUs go in `gpus` (and `gpuType`). */
  gres: Type.Optional(Type.String({ pattern: directiveWord, description: 'generic resources (--gres), e.g. "nvme:1"; GPUs go in gpus' })),
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

/**
 * Slurm's own rules: `gpuType` types the common `gpus` count, so it needs one; GPUs are
 * asked for once, by `gpus`, not also as a `gpu` generic resource (Slurm would count
 * both). Reported with every other problem, before any job is submitted.
 */
export function checkSlurmOptions(options: { gpus?: number; gpuType?: string; gres?: string }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (options.gpuType !== undefined && options.gpus === undefined) {
    issues.push({ path: 'gpuType', value: options.gpuType, message: 'types the GPUs of `gpus`: set gpus (a count) as well' });
  }
  if (options.gpus !== undefined && options.gres !== undefined && /(^|,)gpu(:|,|$)/.test(options.gres)) {
    issues.push({ path: 'gres', value: options.gres, message: 'asks for GPUs that gpus already asks for: keep gpus (with gpuType for a type) and drop gpu from gres' });
  }
  return issues;
}
