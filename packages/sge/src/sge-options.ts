import { ConfigError, type ConfigIssue, type ResolvedOptions } from '@jq/core';
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
  project: Type.Optional(Type.String({ pattern: directiveWord, description: 'project (-P)' })),
  resourceSpec: Type.Optional(
    Type.String({ pattern: resourceExpression, description: 'resource request passed verbatim (-l), e.g. "h_vmem=12G,mem_req=12G"' }),
  ),
  pe: Type.Optional(Type.String({ pattern: directiveWord, description: 'parallel environment asked for `cores` slots (-pe <pe> <cores>)' })),
  shell: Type.Optional(Type.String({ pattern: '^/[A-Za-z0-9_.+/\\-]+$', description: 'shell that runs the job script (-S); default /bin/bash' })),
});

/** SGE's own options as a user writes them. */
export interface SgeOnlyOptions {
  /** Project (`-P`); SGE refuses projects it does not know. */
  project?: string;
  /** Resource request used verbatim (`-l h_vmem=12G,mem_req=12G`), as dask-jobqueue's `resource_spec`. */
  resourceSpec?: string;
  /** Parallel environment (`-pe <pe> <cores>`): without one, a job gets one slot whatever `cores` says. */
  pe?: string;
  /**
   * Shell for the job script (`-S`), default `/bin/bash`. Under the default
   * `shell_start_mode posix_compliant`, SGE ignores the script's shebang and starts the
   * queue's `shell`, which is `/bin/csh` on a stock install.
   */
  shell?: string;
}

/** Options after core's validation: common resolved options plus SGE's own. */
export type SgeResolvedOptions = ResolvedOptions & SgeOnlyOptions & { shell: string };

/**
 * SGE's defaults, and its own rule for job names ("cannot start with a digit", no
 * `/`, `:`, `@`, which qsub refuses): refused here, before any job is submitted.
 */
export function resolveSgeOptions(options: ResolvedOptions & Record<string, unknown>): SgeResolvedOptions {
  const issues: ConfigIssue[] = [];
  if (/^\d/.test(options.jobName) || /[/:@]/.test(options.jobName)) {
    issues.push({ path: 'jobName', value: options.jobName, message: 'must not start with a digit nor contain "/", ":" or "@" (SGE object names)' });
  }
  if (issues.length > 0) throw new ConfigError('jq/sge', issues);
  return { ...(options as ResolvedOptions & SgeOnlyOptions), shell: (options.shell as string | undefined) ?? '/bin/bash' };
}
