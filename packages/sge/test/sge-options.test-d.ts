// Compile-time checks of SGE's typed options, run by `pnpm typecheck` (tsc covers test/);
// vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createSgeCluster, sgeBackend, type SgeOptions } from '../src/index.js';

/** dask-jobqueue's SGE example configuration, with SGE's own options. */
export const seed: SgeOptions = { cores: 6, processes: 2, memory: '12GB', queue: 'my-queue', project: 'my-project', walltime: '02:00:00', resourceSpec: 'h_vmem=12G', pe: 'smp' };

export function sgeOptionTypes(scheduler: TestScheduler): void {
  const gpuPreset = definePreset(sgeBackend, { gpus: 1, gpuResource: 'nvidia_gpu' });
  createSgeCluster({ scheduler, options: seed, preset: gpuPreset });
  // @ts-expect-error `resource_spec` is dask-jobqueue's name: here it is `resourceSpec`
  createSgeCluster({ scheduler, options: { ...seed, resource_spec: 'h_vmem=1G' } });
  // @ts-expect-error `pe` is a name, not a slot count
  createSgeCluster({ scheduler, options: { pe: 4 } });
  // @ts-expect-error `projet` is a misspelt preset key
  definePreset(sgeBackend, { projet: 'jqtest' });
}
