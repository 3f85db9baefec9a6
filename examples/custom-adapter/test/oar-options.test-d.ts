// Compile-time checks of OAR's typed options, run by `pnpm typecheck` (tsc covers test/);
// vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createOarCluster, oarBackend, type OarOptions } from '../src/index.js';

export const seed: OarOptions = { cores: 8, memory: '28GB', walltime: '02:00:00', queue: 'default', account: 'myproject', checkpoint: 600 };

export function oarOptionTypes(scheduler: TestScheduler): void {
  createOarCluster({ scheduler, options: seed, preset: definePreset(oarBackend, { gpus: 2 }) });
  // @ts-expect-error `project` is not an option: OAR's project is the common `account`
  createOarCluster({ scheduler, options: { project: 'myproject' } });
  // @ts-expect-error `checkpoint` is a number of seconds
  createOarCluster({ scheduler, options: { checkpoint: '10m' } });
  // @ts-expect-error `walltme` is a misspelt preset key
  definePreset(oarBackend, { walltme: '01:00:00' });
}
