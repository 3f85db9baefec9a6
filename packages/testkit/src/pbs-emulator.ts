import { BatchEmulator, type EmulatedSystem } from './batch-emulator.js';

/** The two PBS dialects the emulator speaks. */
export type PbsFlavor = 'pbspro' | 'torque';

/** Settings of a PBS emulator. */
export interface PbsEmulatorOptions {
  /** `pbspro` (`qstat -x -f -F json`, `-J`) or `torque` (`qstat -f` text, `-t`). */
  flavor: PbsFlavor;
  /** Server name, the suffix of every job id. Default `emulator`. */
  server?: string;
  /** Queue of jobs submitted without `-q`. Default `workq` (PBS Pro) or `batch` (Torque). */
  defaultQueue?: string;
  /** Jobs that may run at once; the rest stay queued. Default: no limit. */
  maxRunning?: number;
}

/** PBS Pro / Torque commands: `qsub`, `qstat`, `qdel`. */
export const pbsSystem: EmulatedSystem = {
  name: 'pbs',
  commands: { qsub: 'pbs-qsub.mjs', qstat: 'pbs-qstat.mjs', qdel: 'pbs-qdel.mjs' },
};

/**
 * Starts a PBS emulator: put `emulator.env` into the commands' environment (or wrap a
 * runner with `emulator.wrapRunner`), and `await emulator.close()` when done.
 */
export function createPbsEmulator(options: PbsEmulatorOptions): Promise<BatchEmulator> {
  return BatchEmulator.create(pbsSystem, {
    flavor: options.flavor,
    server: options.server ?? 'emulator',
    defaultQueue: options.defaultQueue ?? (options.flavor === 'pbspro' ? 'workq' : 'batch'),
    ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
  });
}
