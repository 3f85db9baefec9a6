import { BatchEmulator, type EmulatedSystem } from './batch-emulator.js';

/** Settings of an LSF emulator. */
export interface LsfEmulatorOptions {
  /** Cluster name, printed as the submission and execution host. Default `emulator`. */
  cluster?: string;
  /** Queue of jobs submitted without `-q`. Default `normal`. */
  defaultQueue?: string;
  /** Jobs that may run at once; the rest stay `PEND`. Default: no limit. */
  maxRunning?: number;
}

/** IBM Spectrum LSF commands: `bsub`, `bjobs`, `bkill`. */
export const lsfSystem: EmulatedSystem = {
  name: 'lsf',
  commands: { bsub: 'lsf-bsub.mjs', bjobs: 'lsf-bjobs.mjs', bkill: 'lsf-bkill.mjs' },
};

/**
 * Starts an LSF emulator: `bsub [< script]` with `#BSUB` directives and `-J "name[1-N]"`
 * arrays, `bjobs [-a] [-w] [-o "fields" -json] [ids]` and `bkill ids`. Jobs are ids
 * `12` and array elements `12[3]`; finished jobs stay visible to `bjobs -a` and to
 * explicit ids (LSF's CLEAN_PERIOD, here until `close()`).
 */
export function createLsfEmulator(options: LsfEmulatorOptions = {}): Promise<BatchEmulator> {
  return BatchEmulator.create(lsfSystem, {
    flavor: 'lsf',
    server: options.cluster ?? 'emulator',
    defaultQueue: options.defaultQueue ?? 'normal',
    ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
  });
}
