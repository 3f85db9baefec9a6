// Compile-time checks of the PBS and Torque typed options, run by `pnpm typecheck` (tsc
// covers test/); vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createPbsCluster, createTorqueCluster, pbsBackend, type PbsOptions, torqueBackend } from '../src/index.js';

export function pbsOptionTypes(scheduler: TestScheduler, seed: PbsOptions): void {
  createPbsCluster({ scheduler, options: { cores: 24, processes: 12, memory: '100GB', queue: 'regular', account: 'DaskOnPBS', walltime: '01:30:00' } });
  createTorqueCluster({ scheduler, options: seed, preset: definePreset(torqueBackend, { resourceSpec: 'nodes=1:ppn=4' }) });
  // @ts-expect-error `resource_spec` is dask-jobqueue's spelling: here it is `resourceSpec`
  createPbsCluster({ scheduler, options: { cores: 1, memory: '1GB', resource_spec: 'select=1' } });
  // @ts-expect-error `memory` is a size string or bytes, not a boolean
  createTorqueCluster({ scheduler, options: { memory: true } });
  // @ts-expect-error `walltme` is a misspelt preset key
  definePreset(pbsBackend, { walltme: '01:00:00' });
  // @ts-expect-error `gpus` is a count, also in a preset
  createPbsCluster({ scheduler, preset: definePreset(pbsBackend, { gpus: 'two' }) });
}
