import { type JobRequest, type RenderedJob, renderJobScript } from '@jq/core';
import type { LocalResolvedOptions } from './local-options.js';

/**
 * The job script: shebang, a comment naming the job (a local process has no
 * directives), then core's body. `gpus` sizes the workers' resources for task
 * placement; no device is allocated, since a local process sees every GPU of the host.
 */
export function renderLocalJob(job: JobRequest, options: LocalResolvedOptions): RenderedJob {
  return { script: renderJobScript(options, [`# jq/local job ${job.jobKey}`], job.body) };
}
