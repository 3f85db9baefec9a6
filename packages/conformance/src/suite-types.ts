import type { AnyBackend, ArraySpec, CommandRunner, JobId, JobState, SchedulerV1 } from '@jq/core';

/** The runner's `it`/`test`: vitest's fits; so does any `(name, body, timeout) => void`. */
export type TestFunction = (name: string, body: () => Promise<void> | void, timeout?: number) => void;

/** Returns a fresh backend for each test. */
export type BackendFactory = () => AnyBackend;

/** What a command printed, as a fixture: only stdout is required. */
export interface OutputFixture {
  stdout: string;
  stderr?: string;
  /** Exit code of the command; default 0. */
  exitCode?: number;
}

/** A recorded submit output and the ids it must give. */
export interface SubmitFixture extends OutputFixture {
  ids: JobId[];
  /** Set when the output answers an array submission. */
  array?: ArraySpec;
}

/** A recorded status output and what it says about job `id`. */
export interface StatusFixture extends OutputFixture {
  id: JobId;
  /** Exit code of the job the parser must report, when the output carries it. */
  jobExitCode?: number;
  /** Signal that ended the job, which the parser must report apart from the exit code. */
  jobSignal?: number;
}

/** Header lines that options must render to (golden directives, memory and walltime formats). */
export interface RenderingFixture {
  options: Record<string, unknown>;
  /** Every one of these lines must be in the script. */
  lines: string[];
}

/** How the backend writes its header, so the suite can check that options reach it. */
export interface RenderingDescription {
  /** Directive prefix (`#PBS`, `#SBATCH`); omit for a backend with no directives. */
  directivePrefix?: string;
  /** Common options that must each change a directive line. */
  rendersOptions: Array<'jobName' | 'queue' | 'account' | 'cores' | 'memory' | 'walltime' | 'logDirectory' | 'gpus'>;
  /** Golden cases; required to include `memory` and `walltime` when those are rendered. */
  cases: RenderingFixture[];
  /**
   * False when the script is not a shell script (a submit description) and the backend
   * renders no `executable` (whose text the suite runs instead): the run-the-script check
   * then runs `shellBody`'s text, or is skipped without one.
   */
  shellScript?: boolean;
  /** For a non-shell script without an executable: the shell text the job runs (e.g. decoded `Arguments`); each body line must appear in it, in order, and it is run to check that shell code in values stays data. */
  shellBody?(script: string): string;
}

/** The adapter's oracle: recorded outputs and what they must parse to. */
export interface BackendFixtures {
  rendering: RenderingDescription;
  /** At least one plain submission; array submissions too when `capabilities.arrays`. */
  submit: SubmitFixture[];
  /** One fixture per normalized state the backend reports (`lost` is core's, `unknown` has its own). */
  status: Partial<Record<Exclude<JobState, 'lost' | 'unknown'>, StatusFixture>>;
  /**
   * Recorded accounting outputs, keyed by the state `parseAccounting` must give: how jobs
   * that left the queue ended. Required when `capabilities.accounting`; a state recorded
   * here needs no status fixture (SGE's qstat never shows an ended job).
   */
  accounting?: Partial<Record<Exclude<JobState, 'lost' | 'unknown'>, StatusFixture>>;
  /** States the batch system cannot report, each with the reason. */
  unreportedStates?: Partial<Record<Exclude<JobState, 'lost' | 'unknown'>, string>>;
  /** An output whose state code the backend does not know. */
  unknownState: StatusFixture;
  /** A well-formed id that none of the status fixtures mention. */
  absentId: JobId;
  /** Failed command results and how they must be classified (`transient` may be empty for a system without them). */
  errors: { transient: OutputFixture[]; permanent: OutputFixture[] };
}

/** A real or emulated batch system for the end-to-end group. */
export interface EndToEndEnvironment {
  /** Runs the backend's commands against that system. */
  runner: CommandRunner;
  /** Options added to the suite's own (e.g. `logDirectory`). */
  options?: Record<string, unknown>;
  /** Makes a job disappear without a trace; the vanished-job test runs only when given. */
  vanish?(id: JobId): Promise<void> | void;
  /** Kills whatever is left. */
  teardown(): Promise<void> | void;
}

/** Settings of the end-to-end group. */
export interface EndToEndSetup {
  /** Brings up a fresh system for one test. */
  environment(): Promise<EndToEndEnvironment>;
  /**
   * Scheduler for one test. Default: core's TestScheduler, whose workers are `sleep`.
   * With a real scheduler (the native engine), the suite also waits for a worker to connect.
   */
  scheduler?(command: 'long-running' | 'failing'): SchedulerV1;
  /** False when the environment cannot make a job vanish; the vanished-job test is then not registered. */
  vanishing?: boolean;
  /** How long, in ms, one wait inside an end-to-end test may take (a test may wait several times); default 60 000. */
  timeoutMs?: number;
}

/** Options of {@link backendConformanceSuite}. */
export interface ConformanceOptions {
  /** Options that make a valid cluster, e.g. `{ cores: 2, memory: '2GB' }`. */
  options: Record<string, unknown>;
  fixtures: BackendFixtures;
  /** Present when the adapter can run jobs here (an emulator or the real system). */
  endToEnd?: EndToEndSetup;
}
