import { type JobRequest, renderJobScript } from '@jq/core';
import { htcondorArguments } from './htcondor-arguments.js';
import type { HtcondorResolvedOptions } from './htcondor-options.js';

/** Variable an array job's shell sets from `$(ProcId)`, its 0-based index. */
export const htcondorProcessVariable = 'JQ_HTCONDOR_PROCESS';

/**
 * The submit-description header in dask-jobqueue's order: batch name, requests computed
 * from the `MY.DaskWorker*` attributes, the job id, then GPUs (`request_gpus`),
 * accounting group, run-time limit and log files. `jobDirectivesSkip` drops generated lines containing a skip
 * string (core's rule for every backend; dask-jobqueue pops exact keys); the
 * `jobExtraDirectives` (`"Key = Value"` lines) come last and are never skipped.
 */
export function htcondorHeader(options: HtcondorResolvedOptions): string[] {
  const lines = [
    `batch_name = ${options.jobName}`,
    'RequestCpus = MY.DaskWorkerCores',
    'RequestMemory = floor(MY.DaskWorkerMemory / 1048576)',
    'RequestDisk = floor(MY.DaskWorkerDisk / 1024)',
    'MY.JobId = "$(ClusterId).$(ProcId)"',
    `MY.DaskWorkerCores = ${options.cores}`,
    `MY.DaskWorkerMemory = ${options.memory}`,
    `MY.DaskWorkerDisk = ${options.disk}`,
  ];
  if (options.gpus !== undefined) lines.push(`request_gpus = ${options.gpus}`);
  if (options.account) lines.push(`accounting_group = ${options.account}`);
  if (options.walltime !== undefined) {
    // HTCondor has no walltime: a running job past the limit is removed, and its
    // RemoveReason (naming MY.JqWalltime) is how the status parser tells a timeout.
    lines.push(`MY.JqWalltime = ${options.walltime}`, 'periodic_remove = (JobStatus == 2) && (time() - EnteredCurrentStatus > MY.JqWalltime)');
  }
  if (options.logDirectory) {
    lines.push(
      `LogDirectory = ${options.logDirectory.replace(/\/+$/, '')}`,
      `Output = $(LogDirectory)/${options.jobName}-$F(MY.JobId).out`,
      `Error = $(LogDirectory)/${options.jobName}-$F(MY.JobId).err`,
      `Log = $(LogDirectory)/${options.jobName}-$(ClusterId).log`,
      'Stream_Output = True',
      'Stream_Error = True',
    );
  }
  const generated = lines.filter((line) => !options.jobDirectivesSkip.some((skip) => line.includes(skip)));
  return [...generated, ...options.jobExtraDirectives];
}

/**
 * The submit description. core's `renderJobScript` lays it out (shebang, blank line,
 * header, the rest); the shell body cannot go in as lines, because a description is
 * not a shell script: its lines are joined with "; " into `/bin/sh -c` arguments, as
 * dask-jobqueue does (so a prologue line must be a complete command). An array is
 * queued with `condor_submit -queue N`, so its description has no queue statement.
 */
export function renderHtcondorDescription(job: JobRequest, options: HtcondorResolvedOptions): string {
  const shellBody = job.body.split('\n').filter((line) => line.trim() !== '').join('; ');
  const argumentsValue = htcondorArguments(shellBody, job.array ? `${htcondorProcessVariable}=$(ProcId); ` : '');
  const queue = job.array ? `# queued by condor_submit -queue ${job.array.count}` : 'Queue';
  return renderJobScript(options, htcondorHeader(options), ['', `Arguments = ${argumentsValue}`, 'Executable = /bin/sh', '', queue].join('\n'));
}
