import { formatWalltime, type JobRequest, type RenderedJob, renderHeader, renderJobScript } from '@jq/core';
import type { OarResolvedOptions } from './oar-options.js';

/**
 * The resource request: ONE `-l` line for resources and walltime, since OAR treats
 * several `-l` lines as alternative ("moldable") requests. GPUs sit above cores in the
 * hierarchy: `/nodes=1/gpu=G/core=C` asks C cores per GPU.
 */
export function oarResources(options: OarResolvedOptions): string {
  const walltime = options.walltime === undefined ? '' : `,walltime=${formatWalltime(options.walltime)}`;
  const hierarchy = options.gpus === undefined ? `/nodes=1/core=${options.cores}` : `/nodes=1/gpu=${options.gpus}/core=${options.cores / options.gpus}`;
  return `${hierarchy}${walltime}`;
}

/** `#OAR` directives in dask-jobqueue's order: name, queue, project, resources, then OAR's own and the logs. */
export function oarDirectives(options: OarResolvedOptions): string[] {
  const directives = [`-n ${options.jobName}`];
  if (options.queue !== undefined) directives.push(`-q ${options.queue}`);
  if (options.account !== undefined) directives.push(`--project ${options.account}`);
  directives.push(`-l ${oarResources(options)}`);
  if (options.checkpoint !== undefined) directives.push(`--checkpoint ${options.checkpoint}`);
  if (options.logDirectory !== undefined) {
    const stem = `${options.logDirectory.replace(/\/+$/, '')}/${options.jobName}.%jobid%`;
    directives.push(`-O ${stem}.out`, `-E ${stem}.err`);
  }
  return directives;
}

/** The job script: shebang, `#OAR` header (core applies `jobDirectivesSkip` and `jobExtraDirectives`), then core's body, verbatim. */
export function renderOarJob(job: JobRequest, options: OarResolvedOptions): RenderedJob {
  return { script: renderJobScript(options, renderHeader('#OAR', oarDirectives(options), options), job.body) };
}
