// Compile-time checks of Moab's typed options (its base's, @jq/pbs), run by `pnpm typecheck`
// (tsc covers test/); vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createMoabCluster, moabBackend, type MoabOptions } from '../src/index.js';

export const seed: MoabOptions = { cores: 8, memory: '28GB', walltime: '01:00:00', queue: 'batch', account: 'proj', resourceSpec: 'nodes=1:ppn=8' };

export function moabOptionTypes(scheduler: TestScheduler): void {
  createMoabCluster({ scheduler, options: seed, preset: definePreset(moabBackend, { jobScriptPrologue: ['module load node'] }) });
  // @ts-expect-error `ppn` is not an option: cores (or resourceSpec) sets it
  createMoabCluster({ scheduler, options: { ppn: 8 } });
  // @ts-expect-error `walltime` is HH:MM:SS text or minutes, not a boolean
  createMoabCluster({ scheduler, options: { walltime: false } });
  // @ts-expect-error `acount` is a misspelt preset key
  definePreset(moabBackend, { acount: 'proj' });
}
