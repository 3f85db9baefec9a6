import { definePreset } from '@jq/core';
import { slurmBackend } from '@jq/slurm';

/**
 * Defaults of the (fictional) campus cluster: its partition and account, the
 * module that provides Node.js on the nodes, node-local scratch, and typed GPUs on the GPU partition.
 * Users write `createSlurmCluster({ scheduler, preset: campusSlurm, options: { cores, memory } })`.
 * Typed from Slurm's option schema: a misspelt key fails `tsc` here, in the preset package.
 */
export const campusSlurm = definePreset(slurmBackend, {
  queue: 'compute',
  account: 'campus-default',
  walltime: '04:00:00',
  localDirectory: '$TMPDIR',
  jobScriptPrologue: ['module load nodejs/20'],
  jobExtraDirectives: ['--export=NONE'],
});

/** The GPU partition: same defaults, one A100 per job (`--gpus=a100:1`). */
export const campusSlurmGpu = definePreset(slurmBackend, { ...campusSlurm.options, queue: 'gpu', gpus: 1, gpuType: 'a100' });
