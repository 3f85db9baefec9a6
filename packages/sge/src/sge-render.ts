import { formatWalltime, renderHeader, renderJobScript, type JobRequest, type RenderedJob } from '@jq/core';
import type { SgeResolvedOptions } from './sge-options.js';

/**
 * SGE numbers array tasks from 1 (`qsub -t 1-N`), core's task indices start at 0.
 * An array's script sets this variable to `SGE_TASK_ID - 1` before the body, which
 * computes each task's job name from it.
 */
export const sgeTaskIndexVariable = 'JQ_SGE_TASK_INDEX';
const taskIndexLine = `${sgeTaskIndexVariable}=$(( SGE_TASK_ID - 1 ))`;

/** The log directory as `-e`/`-o` want it: a trailing `/` makes SGE name the files itself. */
function logDirectoryPath(options: SgeResolvedOptions): string | undefined {
  return options.logDirectory === undefined ? undefined : `${options.logDirectory.replace(/\/+$/, '')}/`;
}

/**
 * `#$` directives in dask-jobqueue's order (`-N`, `-q`, `-P`, `-l <resourceSpec>`,
 * `-l h_rt`, `-e`, `-o`, `-cwd`, `-j y`), with `-A` after `-P`, `-pe` before the
 * resource requests and the GPUs (`-l <gpuResource>=<gpus>`) after them, then `-S`:
 * SGE ignores the shebang unless the queue says otherwise.
 */
export function sgeDirectives(options: SgeResolvedOptions): string[] {
  const directives = [`-N ${options.jobName}`];
  if (options.queue !== undefined) directives.push(`-q ${options.queue}`);
  if (options.project !== undefined) directives.push(`-P ${options.project}`);
  if (options.account !== undefined) directives.push(`-A ${options.account}`);
  if (options.pe !== undefined) directives.push(`-pe ${options.pe} ${options.cores}`);
  if (options.resourceSpec !== undefined) directives.push(`-l ${options.resourceSpec}`);
  if (options.gpus !== undefined) directives.push(`-l ${options.gpuResource}=${options.gpus}`);
  if (options.walltime !== undefined) directives.push(`-l h_rt=${formatWalltime(options.walltime)}`);
  const logDirectory = logDirectoryPath(options);
  if (logDirectory !== undefined) directives.push(`-e ${logDirectory}`, `-o ${logDirectory}`);
  directives.push('-cwd', '-j y', `-S ${options.shell}`);
  return directives;
}

/**
 * The job script: shebang, `#$` header (skips and extras applied by core), then core's
 * body, preceded for an array by the 0-based task index. `-t` stays on qsub's command
 * line, so one script shape serves any task count.
 */
export function renderSgeJob(job: JobRequest, options: SgeResolvedOptions): RenderedJob {
  const header = renderHeader('#$', sgeDirectives(options), options);
  const body = job.array === undefined ? job.body : `${taskIndexLine}\n${job.body}`;
  return { script: renderJobScript(options, header, body) };
}

/** True unless `jobDirectivesSkip` dropped the `-j y` that merges stderr into stdout. */
export function sgeMergesOutput(options: SgeResolvedOptions): boolean {
  return !options.jobDirectivesSkip.some((skip) => '#$ -j y'.includes(skip));
}

/**
 * Where job `id` writes: with a log directory SGE names the files `<jobName>.o<job>`
 * (`.o<job>.<task>` for an array task, which is the id `<job>.<task>` again); stderr
 * goes to the same file while `-j y` merges them.
 */
export function sgeLogFiles(id: string, options: SgeResolvedOptions): { stdout: string; stderr: string } | undefined {
  const logDirectory = logDirectoryPath(options);
  if (logDirectory === undefined) return undefined;
  const stdout = `${logDirectory}${options.jobName}.o${id}`;
  return { stdout, stderr: sgeMergesOutput(options) ? stdout : `${logDirectory}${options.jobName}.e${id}` };
}
