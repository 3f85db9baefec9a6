import { definePreset } from '@jq/core';

/**
 * Defaults of the (fictional) campus cluster: its partition and account, the
 * module that provides Node.js on the nodes, node-local scratch, and GPUs by gres.
 * Users write `new JobQueueCluster({ backend: slurmBackend, scheduler, preset: campusSlurm, options: { cores, memory } })`.
 */
export const campusSlurm = definePreset({
  queue: 'compute',
  account: 'campus-default',
  walltime: '04:00:00',
  localDirectory: '$TMPDIR',
  jobScriptPrologue: ['module load nodejs/20'],
  jobExtraDirectives: ['--export=NONE'],
});

/** The GPU partition: same defaults, one GPU per job. */
export const campusSlurmGpu = definePreset({ ...campusSlurm, queue: 'gpu', gres: 'gpu:1' });
