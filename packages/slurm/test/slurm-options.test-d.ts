// Compile-time checks of Slurm's typed options, run by `pnpm typecheck` (tsc covers
// test/); vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createSlurmCluster, slurmBackend, type SlurmOptions } from '../src/index.js';

/** A dask-jobqueue seed configuration, as the README writes it, with Slurm's own options. */
export const seed = { cores: 8, memory: '28GB', processes: 4, queue: 'regular', account: 'proj', walltime: '01:00:00', qos: 'high', gpus: 1, gpuType: 'a100' } satisfies SlurmOptions;

export function slurmOptionTypes(scheduler: TestScheduler): void {
  createSlurmCluster({ scheduler, options: seed, preset: definePreset(slurmBackend, { exclusive: true, jobExtraDirectives: ['--mail-type=END'] }), config: false });
  // @ts-expect-error `partition` is not an option (Slurm's partition is `queue`)
  createSlurmCluster({ scheduler, options: { cores: 1, memory: '1GB', partition: 'debug' } });
  // @ts-expect-error `cores` is a number
  createSlurmCluster({ scheduler, options: { cores: '8', memory: '1GB' } });
  // @ts-expect-error `gpus` is a count; a typed request is `gpus` and `gpuType`
  createSlurmCluster({ scheduler, options: { gpus: 'a100:2' } });
  // @ts-expect-error `qeue` is a misspelt preset key
  definePreset(slurmBackend, { qeue: 'compute' });
}
