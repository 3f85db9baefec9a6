import { BatchEmulator, type EmulatedSystem } from './batch-emulator.js';

/** Settings of a Moab emulator. */
export interface MoabEmulatorOptions {
  /** Torque server name under Moab, printed in `DRMJID` and `PBS_JOBID`. Default `emulator`. */
  server?: string;
  /** Class (queue) of jobs submitted without `-q`. Default `batch`. */
  defaultQueue?: string;
  /** Jobs that may run at once; the rest stay `Idle`. Default: no limit. */
  maxRunning?: number;
}

/** Moab commands: `msub`, `checkjob`, `showq`, `mjobctl`. */
export const moabSystem: EmulatedSystem = {
  name: 'moab',
  commands: { msub: 'moab-msub.mjs', checkjob: 'moab-checkjob.mjs', showq: 'moab-showq.mjs', mjobctl: 'moab-mjobctl.mjs' },
};

/**
 * Starts a Moab (on Torque) emulator: `msub [--xml] script` with `#PBS` directives (ids
 * `1`, `2`, … printed after an empty line), `checkjob --xml ids…` (finished jobs stay
 * `Completed`/`Removed` with their `CompletionCode` until `close()`), `showq [-c] --xml`
 * and `mjobctl -c id1,id2`. Arrays are not emulated.
 */
export function createMoabEmulator(options: MoabEmulatorOptions = {}): Promise<BatchEmulator> {
  return BatchEmulator.create(moabSystem, {
    flavor: 'moab',
    server: options.server ?? 'emulator',
    defaultQueue: options.defaultQueue ?? 'batch',
    ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
  });
}
