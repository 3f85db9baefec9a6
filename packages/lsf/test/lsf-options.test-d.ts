// Compile-time checks of LSF's typed options, run by `pnpm typecheck` (tsc covers test/);
// vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createLsfCluster, lsfBackend, type LsfOptions } from '../src/index.js';

export const seed: LsfOptions = { cores: 24, processes: 12, memory: '100GB', queue: 'general', account: 'DaskOnLSF', walltime: '00:30:00', ncpus: 24, lsfUnits: 'MB' };

export function lsfOptionTypes(scheduler: TestScheduler): void {
  createLsfCluster({ scheduler, options: seed, preset: definePreset(lsfBackend, { useStdin: false, gpus: 1 }) });
  // @ts-expect-error `lsf_units` is dask-jobqueue's spelling: here it is `lsfUnits`
  createLsfCluster({ scheduler, options: { lsf_units: 'MB' } });
  // @ts-expect-error `useStdin` is a boolean
  createLsfCluster({ scheduler, options: { useStdin: 'yes' } });
  // @ts-expect-error `ncpu` is a misspelt preset key (`ncpus`)
  definePreset(lsfBackend, { ncpu: 4 });
}
