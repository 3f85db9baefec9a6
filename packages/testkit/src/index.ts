/**
 * @jq/testkit: stateful emulators of batch-system command-line tools for tests.
 *
 * ```ts
 * const emulator = await createPbsEmulator({ flavor: 'pbspro' });
 * const runner = emulator.wrapRunner(new ExecaCommandRunner());
 * // … qsub/qstat/qdel now run against the emulator; jobs are real local processes
 * await emulator.close();
 * ```
 * @module
 */
export { BatchEmulator, type EmulatedSystem, type EmulatorJobRecord, type CommandRunnerLike } from './batch-emulator.js';
export { createPbsEmulator, pbsSystem, type PbsEmulatorOptions, type PbsFlavor } from './pbs-emulator.js';
export { createLsfEmulator, lsfSystem, type LsfEmulatorOptions } from './lsf-emulator.js';
export { createHtcondorEmulator, htcondorSystem, type HtcondorEmulatorOptions } from './htcondor-emulator.js';
export { createMoabEmulator, moabSystem, type MoabEmulatorOptions } from './moab-emulator.js';
export { mutatedOutput } from './mutated-output.js';
