import { BatchEmulator, type EmulatedSystem } from './batch-emulator.js';

/** Settings of an HTCondor emulator. */
export interface HtcondorEmulatorOptions {
  /** Schedd name, printed by condor_q. Default `emulator`. */
  schedd?: string;
  /** Jobs that may run at once; the rest stay idle (JobStatus 1). Default: no limit. */
  maxRunning?: number;
}

/** HTCondor commands: `condor_submit`, `condor_q`, `condor_history`, `condor_rm`. */
export const htcondorSystem: EmulatedSystem = {
  name: 'htcondor',
  commands: { condor_submit: 'condor-submit.mjs', condor_q: 'condor-q.mjs', condor_history: 'condor-history.mjs', condor_rm: 'condor-rm.mjs' },
};

/**
 * Starts an HTCondor emulator: `condor_submit <description>` (`queue N` gives jobs
 * `<cluster>.0 … <cluster>.(N-1)`), `condor_q [ids] -af[:jr] attrs` for jobs in the
 * queue, `condor_history` for jobs that left it, and `condor_rm ids`.
 */
export function createHtcondorEmulator(options: HtcondorEmulatorOptions = {}): Promise<BatchEmulator> {
  return BatchEmulator.create(htcondorSystem, {
    flavor: 'htcondor',
    server: options.schedd ?? 'emulator',
    defaultQueue: '',
    ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
  });
}
