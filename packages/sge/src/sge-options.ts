import { type BackendResolvedOptions, type ConfigIssue, defaulted, type OptionsFor } from '@jq/core';
import Type from 'typebox';

/** One directive argument: no whitespace, quotes, `#`, `$` or backslash, which qsub or the shell would read. */
const directiveWord = '^[A-Za-z0-9_.:,=+@%/\\-]+$';
/** Resource requests also use wildcards and `|`, `&`, `!`, brackets and parentheses (`arch=lx*`, `hostname=a|b`). */
const resourceExpression = '^[A-Za-z0-9_.:,=+@%/\\-*|&!()\\[\\]]+$';

/**
 * Options only SGE has. The common ones (`queue`, `account`, `walltime`, `cores`,
 * `memory`, `logDirectory`, …) come from `@jq/core`.
 */
export const SgeOptionsSchema = Type.Object({
  /** Project (`-P`); SGE refuses projects it does not know. */
  project: Type.Optional(Type.String({ pattern: directiveWord, description: 'project (-P)' })),
  /** Resource request used verbatim (`-l h_vmem=12G,mem_req=12G`), as dask-jobqueue's `resource_spec`. */
  resourceSpec: Type.Optional(
    Type.String({ pattern: resourceExpression, description: 'resource request passed verbatim (-l), e.g. "h_vmem=12G,mem_req=12G"' }),
  ),
  /** Parallel environment (`-pe <pe> <cores>`): without one, a job gets one slot whatever `cores` says. */
  pe: Type.Optional(Type.String({ pattern: directiveWord, description: 'parallel environment asked for `cores` slots (-pe <pe> <cores>)' })),
  /**
   * The site's consumable resource that counts GPUs, asked for as `-l <gpuResource>=<gpus>`
   * when `gpus` is set. SGE has no built-in GPU resource: sites define one with `qconf -mc`
   * (commonly `gpu`), and it should be a per-job consumable (`JOB`): a per-slot one
   * (`YES`) multiplies the request by the slots of `pe`.
   */
  gpuResource: defaulted(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.\\-]*$', description: 'consumable complex counting GPUs, asked as -l <gpuResource>=<gpus>' }), 'gpu'),
  /**
   * Shell for the job script (`-S`). Under the default `shell_start_mode posix_compliant`,
   * SGE ignores the script's shebang and starts the queue's `shell`, which is `/bin/csh` on a stock install.
   */
  shell: defaulted(Type.String({ pattern: '^/[A-Za-z0-9_.+/\\-]+$', description: 'shell that runs the job script (-S)' }), '/bin/bash'),
});

/** Options of an SGE cluster as a user writes them: the common ones and SGE's own. */
export type SgeOptions = OptionsFor<typeof SgeOptionsSchema>;

/** Options after core's validation: common resolved options plus SGE's own. */
export type SgeResolvedOptions = BackendResolvedOptions<typeof SgeOptionsSchema>;

/**
 * SGE's own rule for job names ("cannot start with a digit", no `/`, `:`, `@`, which
 * qsub refuses): reported with every other problem, before any job is submitted.
 */
export function checkSgeOptions(options: { jobName?: string }): ConfigIssue[] {
  const name = options.jobName ?? '';
  if (!/^\d/.test(name) && !/[/:@]/.test(name)) return [];
  return [{ path: 'jobName', value: name, message: 'must not start with a digit nor contain "/", ":" or "@" (SGE object names)' }];
}
