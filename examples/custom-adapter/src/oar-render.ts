import { type JobRequest, type ResolvedOptions, formatWalltime, renderHeader, renderJobScript } from '@jq/core';

/**
 * `#OAR` directives in dask-jobqueue's order. Resources and walltime share ONE `-l`
 * line: OAR treats several `-l` lines as alternative ("moldable") requests.
 */
export function oarDirectives(options: ResolvedOptions): string[] {
  const directives = [`-n ${options.jobName}`];
  if (options.queue) directives.push(`-q ${options.queue}`);
  if (options.account) directives.push(`--project ${options.account}`);
  const walltime = options.walltime === undefined ? '' : `,walltime=${formatWalltime(options.walltime)}`;
  directives.push(`-l /nodes=1/core=${options.cores}${walltime}`);
  if (options.logDirectory) {
    directives.push(`-O ${options.logDirectory}/${options.jobName}.%jobid%.out`, `-E ${options.logDirectory}/${options.jobName}.%jobid%.err`);
  }
  return directives;
}

/** The job script: shebang, `#OAR` header, the body core prepared. */
export function renderOarScript(job: JobRequest, options: ResolvedOptions): string {
  return renderJobScript(options, renderHeader('#OAR', oarDirectives(options), options), job.body);
}
