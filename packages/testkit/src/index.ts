/**
 * @jq/testkit: stateful emulators of batch-system command-line tools for tests. The
 * subpaths hold what backends' suites share: `@jq/testkit/fuzz` (parser fuzzing),
 * `@jq/testkit/end-to-end` (the conformance end-to-end group on an emulator) and
 * `@jq/testkit/real-system` (the harness of the real Slurm and SGE suites).
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
export { parseCondorArguments } from '../bin/lib/condor-arguments.mjs';
export { type RecordedFixtures, type RecordedResult, commandOutput, recordedFixtures, recordedOutputs, recordedResult } from './recorded-outputs.js';
