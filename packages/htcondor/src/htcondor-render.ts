import { basename } from 'node:path';
import { type JobRequest, type RenderedJob, renderJobScript } from '@jq/core';
import { htcondorExecutablePath, htcondorExecutableText } from './htcondor-executable.js';
import type { HtcondorResolvedOptions } from './htcondor-options.js';

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
 * The submit description and the executable it names. The shell body, worker secret
 * included, goes only into the executable: HTCondor copies a description's `Arguments`
 * into the job's ClassAd, which any user can read (`condor_q -l`), and onto the job's
 * command line on the execute node. core's `renderJobScript` lays the description out
 * (shebang, blank line, header, the rest). `$Fp(SUBMIT_FILE)` is the folder of the
 * description as condor_submit was given it, so the same text finds the executable where
 * an SSH runner copies both files; condor_submit records the full path as the job's `Cmd`.
 * An array job gets its `$(ProcId)` as its one argument, and is queued with
 * `condor_submit -queue N`, so its description has no queue statement.
 */
export function renderHtcondorJob(job: JobRequest, options: HtcondorResolvedOptions): Required<RenderedJob> {
  const executablePath = htcondorExecutablePath(job.scriptPath);
  const lines = ['', `Executable = $Fp(SUBMIT_FILE)${basename(executablePath)}`];
  if (job.array) lines.push('Arguments = "$(ProcId)"', '', `# queued by condor_submit -queue ${job.array.count}`);
  else lines.push('', 'Queue');
  return {
    script: renderJobScript(options, htcondorHeader(options), lines.join('\n')),
    executable: { path: executablePath, text: htcondorExecutableText(job) },
  };
}
