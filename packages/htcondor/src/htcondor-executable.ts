import type { JobRequest } from '@jq/core';

/** Variable an array job's executable sets from its one argument, `$(ProcId)`: its 0-based index. */
export const htcondorProcessVariable = 'JQ_HTCONDOR_PROCESS';

/**
 * Core's default shebang. On HTCondor the `shebang` option is the description's first line
 * (`#!/usr/bin/env condor_submit` by default), so the executable starts with this one.
 */
export const bashShebang = '#!/usr/bin/env bash';

/** Where the executable of the description at `scriptPath` is written: beside it. */
export function htcondorExecutablePath(scriptPath: string): string {
  return `${scriptPath}.executable`;
}

/**
 * The executable: the job's shell body as a script of its own, which HTCondor runs
 * directly. An array job first takes its index from its one argument.
 */
export function htcondorExecutableText(job: JobRequest): string {
  const index = job.array ? [`${htcondorProcessVariable}="$1"`] : [];
  return [bashShebang, '', ...index, job.body].join('\n') + '\n';
}
