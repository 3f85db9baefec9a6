// Compile-time checks of the local backend's typed options, run by `pnpm typecheck` (tsc
// covers test/); vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createLocalCluster, localBackend, type LocalOptions } from '../src/index.js';

export const quickstart: LocalOptions = { cores: 1, memory: '1GB', slots: 4, walltime: '00:10:00', processes: 1 };

export function localOptionTypes(scheduler: TestScheduler): void {
  createLocalCluster({ scheduler, options: quickstart, preset: definePreset(localBackend, { node: '/usr/bin/node' }) });
  // @ts-expect-error `slot` is not an option (`slots`)
  createLocalCluster({ scheduler, options: { slot: 2 } });
  // @ts-expect-error `slots` is a number
  createLocalCluster({ scheduler, options: { slots: 'four' } });
  // @ts-expect-error `memroy` is a misspelt preset key
  definePreset(localBackend, { memroy: '1GB' });
}
