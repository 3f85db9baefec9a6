import { type JobRequest, type NodeLauncher, formatWalltimeMinutes, renderHeader, renderJobScript } from '@jq/core';
import type { LsfResolvedOptions } from './lsf-options.js';
import { formatLsfMemory } from './lsf-units.js';

/**
 * Variable the job script sets to the 0-based task index: LSF array indices start at 1
 * (`$LSB_JOBINDEX`), jobqueue's at 0.
 */
export const lsfTaskIndexVariable = 'JQ_LSF_TASK_INDEX';

/**
 * `#BSUB` directives in dask-jobqueue's order: -J, -e, -o, -q, -P, -n, -R span, -M, -W; then
 * GPUs, `-gpu "num=N"`. A job of several nodes asks `-n N -R "span[ptile=1]"`: one slot per
 * host (the slot count no longer reserves `cores` there; a site that needs whole hosts adds
 * `-x` through `jobExtraDirectives`).
 */
export function lsfDirectives(job: JobRequest, options: LsfResolvedOptions): string[] {
  const directives = [`-J ${options.jobName}`];
  if (options.logDirectory) {
    // %J is the job id and %I the array index; an array's tasks share the cluster's prefix.
    const stem = `${options.logDirectory.replace(/\/+$/, '')}/${job.array ? `${options.name}-%J-%I` : `${job.jobKey}-%J`}`;
    directives.push(`-e ${stem}.err`, `-o ${stem}.out`);
  }
  if (options.queue) directives.push(`-q ${options.queue}`);
  if (options.account) directives.push(`-P "${options.account}"`);
  const slots = options.ncpus ?? options.cores;
  if (options.nodes > 1) {
    // One slot on each of N hosts: blaunch starts one task per slot, so one worker command per node.
    directives.push(`-n ${options.nodes}`, '-R "span[ptile=1]"');
  } else {
    directives.push(`-n ${slots}`);
    if (slots > 1) directives.push('-R "span[hosts=1]"');
  }
  directives.push(`-M ${formatLsfMemory(options.memory, options.lsfUnits)}`);
  if (options.walltime !== undefined) directives.push(`-W ${formatWalltimeMinutes(options.walltime)}`);
  if (options.gpus !== undefined) directives.push(`-gpu "num=${options.gpus}"`);
  return directives;
}

/** The whole job script; an array task first turns `$LSB_JOBINDEX` into its 0-based index. */
export function renderLsfScript(job: JobRequest, options: LsfResolvedOptions): string {
  const body = job.array ? `export ${lsfTaskIndexVariable}=$(( LSB_JOBINDEX - 1 ))\n${job.body}` : job.body;
  return renderJobScript(options, renderHeader('#BSUB', lsfDirectives(job, options), options), body);
}

/**
 * A job of several nodes runs its worker command with `blaunch`, which starts one task per
 * slot (one per host here) with the caller's environment; LSF numbers the tasks from 1.
 */
export const lsfNodeLauncher: NodeLauncher = { argv: ['blaunch'], nodeIndex: '"$((LSF_PM_TASKID - 1))"' };
