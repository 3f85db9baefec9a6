// Compile-time checks of HTCondor's typed options, run by `pnpm typecheck` (tsc covers
// test/); vitest never runs this module. An `@ts-expect-error` that stops erroring fails tsc.
import { definePreset } from '@jq/core';
import type { TestScheduler } from '@jq/core/testing';
import { createHtcondorCluster, htcondorBackend, type HtcondorOptions } from '../src/index.js';

export const seed: HtcondorOptions = { cores: 4, processes: 2, memory: '16GB', disk: '10GB', walltime: '04:00:00', jobExtraDirectives: ['requirements = (OpSysAndVer == "AlmaLinux9")'] };

export function htcondorOptionTypes(scheduler: TestScheduler): void {
  createHtcondorCluster({ scheduler, options: seed, preset: definePreset(htcondorBackend, { submitCommandExtra: ['-name', 'schedd2'], gpus: 1 }) });
  // @ts-expect-error `submit_command_extra` is dask-jobqueue's spelling: here it is `submitCommandExtra`
  createHtcondorCluster({ scheduler, options: { submit_command_extra: ['-name', 'x'] } });
  // @ts-expect-error `cancelCommandExtra` is a list of arguments, not one string
  createHtcondorCluster({ scheduler, options: { cancelCommandExtra: '-forcex' } });
  // @ts-expect-error `dsik` is a misspelt preset key
  definePreset(htcondorBackend, { dsik: '1GB' });
}
